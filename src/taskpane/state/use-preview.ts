import { useEffect, useState } from "react";
import type { CostModelClient, WorkbookBinding } from "../../client";
import type { CellQuery } from "../../contract/query";
import { groupedDecimal } from "../formulas/preview";

const EXCEL_ERRORS: Record<string, string> = { NA: "#N/A", VALUE: "#VALUE!", DIV0: "#DIV/0!" };

export type Preview =
  { state: "asking" } | { state: "value"; text: string } | { state: "error"; text: string };

/** What the cell would show, asked of the service as a cell asks it (same cache, same words). */
export function usePreview(
  client: CostModelClient,
  binding: WorkbookBinding | undefined,
  query: CellQuery | undefined,
): Preview | undefined {
  const [preview, setPreview] = useState<Preview>();
  const key = query === undefined ? "" : JSON.stringify(query);
  useEffect(() => {
    setPreview(undefined);
    if (query === undefined || binding === undefined) return;
    let current = true;
    setPreview({ state: "asking" });
    client.query(query, binding).then(
      (result) => {
        if (!current) return;
        if ("error" in result)
          setPreview({
            state: "error",
            text: `${EXCEL_ERRORS[result.error.code] ?? result.error.code}: ${result.error.message}`,
          });
        else setPreview({ state: "value", text: groupedDecimal(String(result.value)) });
      },
      (error: unknown) =>
        current &&
        setPreview({ state: "error", text: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      current = false;
    };
    // The query is compared by its contents: a new object with the same fields asks nothing new.
  }, [client, binding, key]);
  return preview;
}
