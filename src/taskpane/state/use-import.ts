import { useCallback, useEffect, useRef, useState } from "react";
import { ImportRefused, newImportId, ServiceError, type CostModelClient } from "../../client";
import type { ImportKind, ImportProgress, ImportResult, ImportRowError } from "../../contract/imports";
import { problemOf, type Problem } from "../service/problem";

/** What the user asked for: a file into a draft, as one kind of rows, optionally into one scenario. */
export interface ImportRequest {
  versionId: string;
  versionLabel: string;
  kind: ImportKind;
  scenario?: string;
  file: File;
}

export type ImportRun =
  | { phase: "idle" }
  /** `progress` is the service's last answer about the import; none before the first. */
  | { phase: "running"; filename: string; progress?: ImportProgress }
  | { phase: "done"; request: ImportRequest; result: ImportResult }
  | { phase: "refused"; problems: readonly ImportRowError[]; rowsWithErrors: number; details?: string }
  | { phase: "failed"; problem: Problem };

export interface ImportState {
  run: ImportRun;
  start(request: ImportRequest): Promise<void>;
}

/** How often the progress is asked while the file is read. */
export const PROGRESS_INTERVAL_MS = 1000;

function formatOf(file: File): "csv" | "xlsx" | undefined {
  const name = file.name.toLowerCase();
  return name.endsWith(".xlsx") ? "xlsx" : name.endsWith(".csv") ? "csv" : undefined;
}

/** A failure other than bad rows, in a controller's words; the technical part stays in details. */
function failureProblem(error: unknown): Problem {
  const { message, details } = problemOf(error);
  if (!(error instanceof ServiceError)) return { message, details };
  if (error.status === 503 && error.code === "busy_importing") {
    return { message: "The service is reading other imports; try again in a minute.", details };
  }
  if (error.status === 413) {
    return { message: "The file is larger than the service accepts: split it into smaller files.", details };
  }
  if (error.kind === "unreachable") {
    return {
      message: `${message}. The file may or may not have been imported: look at the draft before importing it again.`,
      details,
    };
  }
  return { message, details };
}

/**
 * An import from the pane: sends the file once and, while the service reads it, asks every second
 * how far it has got. A progress question that fails is skipped quietly; the file's own answer (or
 * its failure) always ends the run, so the pane never waits without end.
 */
export function useImport(client: CostModelClient, serviceUrl: string, intervalMs = PROGRESS_INTERVAL_MS) {
  const [run, setRun] = useState<ImportRun>({ phase: "idle" });
  const active = useRef<string | undefined>(undefined);
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      active.current = undefined;
    };
  }, []);

  const start = useCallback(
    async (request: ImportRequest) => {
      if (active.current !== undefined) return;
      const format = formatOf(request.file);
      if (format === undefined) {
        setRun({ phase: "failed", problem: { message: "Choose a .csv or .xlsx file." } });
        return;
      }
      const importId = newImportId();
      active.current = importId;
      const options = { serviceUrl: serviceUrl || undefined };
      const show = (next: ImportRun) => mounted.current && setRun(next);
      show({ phase: "running", filename: request.file.name });
      let timer: ReturnType<typeof setTimeout> | undefined;
      const poll = () => {
        timer = setTimeout(() => {
          client.importProgress(importId, options).then(
            (progress) => {
              if (active.current !== importId) return;
              show({ phase: "running", filename: request.file.name, progress });
              poll();
            },
            () => active.current === importId && poll(),
          );
        }, intervalMs);
      };
      poll();
      try {
        const result = await client.importFile(
          request.versionId,
          { bytes: request.file, format },
          { kind: request.kind, scenario: request.scenario, filename: request.file.name, importId },
          options,
        );
        // The draft changed: the cells that show it ask again on the next refresh.
        client.expireShortLived();
        show({ phase: "done", request, result });
      } catch (error) {
        show(
          error instanceof ImportRefused
            ? {
                phase: "refused",
                problems: error.problems,
                rowsWithErrors: error.rowsWithErrors,
                details: error.details,
              }
            : { phase: "failed", problem: failureProblem(error) },
        );
      } finally {
        clearTimeout(timer);
        if (active.current === importId) active.current = undefined;
      }
    },
    [client, serviceUrl, intervalMs],
  );

  return { run, start } satisfies ImportState;
}
