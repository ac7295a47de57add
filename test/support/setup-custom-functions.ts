import { installCustomFunctionsGlobal } from "./custom-functions-runtime";

installCustomFunctionsGlobal();
