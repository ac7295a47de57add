/** The typed client of the cost-model service, for the custom functions and the task pane. */
export { createCostModelClient, CostModelClient, type CostModelClientOptions } from "./client";
export { WorkbookBinding } from "./binding";
export { ServiceError, type ServiceErrorKind } from "./failures";
export {
  IMPORT_TIMEOUT_MS,
  ImportRefused,
  newImportId,
  type ImportFile,
  type ImportOptions,
} from "./imports";
export type { ApiPath, AttendedOptions, RequestOptions } from "./requests";
export { serviceBase, serviceOrigin } from "./sign-in";
export { memoryStore, type KeyValueStore } from "./store";
export type {
  ClientStatus,
  ClientDiagnostics,
  ClientSession,
  SessionListener,
  StatusListener,
} from "./status";
export type { RetryPolicy } from "./retry";
export {
  BINDING_SETTING,
  createOfficeCostModelClient,
  officeStorage,
  readWorkbookBinding,
  saveWorkbookBinding,
} from "./office";
export { replaceSharedCostModelClient, sharedCostModelClient } from "./shared";
