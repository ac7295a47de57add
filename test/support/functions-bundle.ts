import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import {
  createCustomFunctionsRuntime,
  installCustomFunctionsGlobal,
  type CustomFunctionsRuntime,
} from "./custom-functions-runtime";

export const DIST = path.resolve(__dirname, "../../dist");

export interface FunctionsMetadata {
  functions: {
    id: string;
    name: string;
    description?: string;
    parameters: {
      name: string;
      description?: string;
      type?: string;
      dimensionality?: string;
      optional?: boolean;
    }[];
    result: { type?: string; dimensionality?: string };
  }[];
}

export function readBuiltFile(name: string): string {
  const file = path.join(DIST, name);
  if (!existsSync(file)) throw new Error(`${file} is missing: run "npm run build" first`);
  return readFileSync(file, "utf8");
}

/**
 * Evaluates the built dist/functions.js in a fresh context holding only what a web worker offers
 * (Excel's custom-functions runtime on the web and desktop is one) plus the runtime's
 * CustomFunctions object, and returns the functions the bundle associated.
 */
export function loadFunctionsBundle(
  origin = "https://localhost:3000",
  /** Objects the host adds, e.g. the shared runtime's Office and OfficeRuntime. */
  hostGlobals: Record<string, unknown> = {},
): {
  runtime: CustomFunctionsRuntime;
  context: vm.Context;
} {
  const runtime = createCustomFunctionsRuntime();
  const workerGlobals = {
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    fetch,
    Headers,
    Request,
    Response,
    AbortController,
    AbortSignal,
    URL,
    URLSearchParams,
    TextEncoder,
    TextDecoder,
    atob,
    btoa,
    structuredClone,
    crypto: globalThis.crypto,
    performance,
    location: new URL(`${origin}/functions.js`),
    CustomFunctions: runtime,
    ...hostGlobals,
  };
  const context = vm.createContext(workerGlobals);
  vm.runInContext("var self = globalThis;", context);
  vm.runInContext(readBuiltFile("functions.js"), context, { filename: "functions.js" });
  return { runtime, context };
}

/**
 * Evaluates the built dist/functions.js in this process's own global, as a web worker runs it:
 * for timing, since code in a vm context reaches its globals (Math, Number...) more slowly than
 * any browser or worker does. Returns the functions the bundle associated.
 */
export function loadFunctionsBundleInThisRealm(): CustomFunctionsRuntime {
  const runtime = installCustomFunctionsGlobal();
  (globalThis as unknown as { self: typeof globalThis }).self = globalThis;
  vm.runInThisContext(readBuiltFile("functions.js"), { filename: "functions.js" });
  return runtime;
}
