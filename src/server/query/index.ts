export { type AnswerOptions, type QueryAnswer, answerQueries, versionIndexes } from "./answer";
export { COST_DIMENSIONS } from "./lookup-order";
export { monthsOf } from "./periods";
