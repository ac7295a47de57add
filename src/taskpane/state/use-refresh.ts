import { useCallback, useRef, useState } from "react";
import type { CostModelClient } from "../../client";
import { errorReason } from "../excel/error-reasons";
import { refreshCells, type RefreshProgress, type RefreshSummary } from "../excel/refresh";
import { scanItfmCells } from "../excel/scan";
import { readLastRefresh, saveLastRefresh } from "../office/last-refresh";
import { problemOf } from "../service/problem";

export type RefreshRun =
  | { phase: "idle" }
  | { phase: "scanning" }
  | { phase: "running"; progress: RefreshProgress; stopping: boolean }
  | { phase: "done"; summary: RefreshSummary; finishedAt: Date }
  | { phase: "failed"; message: string };

export interface Refresh {
  run: RefreshRun;
  /** When the last complete refresh of this workbook finished (saved in the workbook). */
  lastRefresh: Date | undefined;
  start(): Promise<void>;
  stop(): void;
}

/** Refresh of every ITFM cell: scan, recalculate chunk by chunk with progress, stop between chunks. */
export function useRefresh(client: CostModelClient, onFinished?: (summary: RefreshSummary) => void): Refresh {
  const [run, setRun] = useState<RefreshRun>({ phase: "idle" });
  const [lastRefresh, setLastRefresh] = useState(readLastRefresh);
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
      const summary = await refreshCells(cells, {
        signal: stop.signal,
        onProgress: (progress) => setRun({ phase: "running", progress, stopping: stop.signal.aborted }),
        reasonOf: (cell) => errorReason(cell.sheet, cell.address, String(cell.value)),
      });
      const finishedAt = new Date();
      if (!summary.stopped) {
        setLastRefresh(finishedAt);
        await saveLastRefresh(finishedAt);
      }
      setRun({ phase: "done", summary, finishedAt });
      onFinished?.(summary);
    } catch (error) {
      setRun({ phase: "failed", message: problemOf(error).message });
    } finally {
      controller.current = undefined;
    }
  }, [client, onFinished]);

  const stop = useCallback(() => {
    const running = controller.current;
    if (running === undefined) return;
    running.abort();
    setRun((current) => (current.phase === "running" ? { ...current, stopping: true } : current));
  }, []);

  return { run, lastRefresh, start, stop };
}
