import { useCallback, useRef, useState } from "react";
import type { CostModelClient } from "../../client";
import { errorReason } from "../excel/error-reasons";
import { refreshCells, type RefreshProgress, type RefreshSummary } from "../excel/refresh";
import { refreshOutcome, type Reach } from "../excel/refresh-outcome";
import { scanItfmCells } from "../excel/scan";
import {
  type PartialRefresh,
  readLastRefresh,
  readPartialRefresh,
  saveLastRefresh,
  savePartialRefresh,
} from "../office/last-refresh";
import { problemOf } from "../service/problem";

export type RefreshRun =
  | { phase: "idle" }
  | { phase: "scanning" }
  | { phase: "running"; progress: RefreshProgress; stopping: boolean }
  | { phase: "done"; summary: RefreshSummary; finishedAt: Date; reach?: Reach }
  | { phase: "failed"; message: string };

export interface Refresh {
  run: RefreshRun;
  /** When the last refresh that brought this workbook up to date finished (saved in the workbook). */
  lastRefresh: Date | undefined;
  /** A refresh stopped since then: part of the workbook is newer than lastRefresh. */
  partialRefresh: PartialRefresh | undefined;
  start(): Promise<void>;
  stop(): void;
}

/** Refresh of every ITFM cell: scan, recalculate chunk by chunk with progress, stop between chunks. */
export function useRefresh(client: CostModelClient, onFinished?: (summary: RefreshSummary) => void): Refresh {
  const [run, setRun] = useState<RefreshRun>({ phase: "idle" });
  const [lastRefresh, setLastRefresh] = useState(readLastRefresh);
  const [partialRefresh, setPartialRefresh] = useState(readPartialRefresh);
  const controller = useRef<AbortController | undefined>(undefined);

  const start = useCallback(async () => {
    if (controller.current !== undefined) return;
    const stop = new AbortController();
    controller.current = stop;
    setRun({ phase: "scanning" });
    try {
      const cells = await scanItfmCells();
      // Answers about drafts and "latest" are asked again; published versions never change.
      client.expireShortLived();
      const before = client.getDiagnostics();
      const summary = await refreshCells(cells, {
        signal: stop.signal,
        onProgress: (progress) => setRun({ phase: "running", progress, stopping: stop.signal.aborted }),
        reasonOf: (cell) => errorReason(cell.sheet, cell.address, String(cell.value)),
      });
      const finishedAt = new Date();
      const after = client.getDiagnostics();
      const status = client.getStatus();
      const reach: Reach = {
        remote: after.cellsAnswered - before.cellsAnswered,
        unreachable: after.answeredUnreachable - before.answeredUnreachable,
        keptFrom: (status.state === "offline" ? status.valuesAsOf : null) ?? lastRefresh,
      };
      // Only cells brought up to date move the time: values kept while offline are as old as before.
      if (refreshOutcome(summary, reach, finishedAt).current) {
        setLastRefresh(finishedAt);
        setPartialRefresh(undefined);
        await saveLastRefresh(finishedAt);
      } else if (summary.stopped && summary.done > 0) {
        const partial = { at: finishedAt, done: summary.done, total: summary.total };
        setPartialRefresh(partial);
        await savePartialRefresh(partial);
      }
      setRun({ phase: "done", summary, finishedAt, reach });
      onFinished?.(summary);
    } catch (error) {
      setRun({ phase: "failed", message: problemOf(error).message });
    } finally {
      controller.current = undefined;
    }
  }, [client, onFinished, lastRefresh]);

  const stop = useCallback(() => {
    const running = controller.current;
    if (running === undefined) return;
    running.abort();
    setRun((current) => (current.phase === "running" ? { ...current, stopping: true } : current));
  }, []);

  return { run, lastRefresh, partialRefresh, start, stop };
}
