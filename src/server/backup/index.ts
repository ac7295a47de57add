export { DOCUMENT_FORMAT, exportVersion } from "./export";
export { type Restored, restoreDocument, restoreInTransaction } from "./restore";
