export { DOCUMENT_FORMAT, exportText, exportVersion } from "./export";
export { type Restored, restoreDocument, restoreInTransaction } from "./restore";
