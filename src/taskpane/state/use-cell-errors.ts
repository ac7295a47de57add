import { useEffect, useState } from "react";
import { subscribeCellErrors } from "../../functions/cell-errors";

/** A number that changes whenever a formula records or clears an error message: re-renders the reader. */
export function useCellErrorsVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => subscribeCellErrors(() => setVersion((v) => v + 1)), []);
  return version;
}
