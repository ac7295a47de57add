export {
  type AnswerOptions,
  type QueryAnswer,
  COST_DIMENSIONS,
  answerQueries,
  versionIndexes,
} from "./answer";
export { monthsOf } from "./periods";
