// dinero.js publishes its bigint build as a package subpath, which this project's module resolution does not read.
declare module "dinero.js/bigint" {
  export * from "dinero.js/dist/esm/bigint/index";
}
declare module "dinero.js/bigint/currencies" {
  export * from "dinero.js/dist/esm/bigint/currencies/index";
}
