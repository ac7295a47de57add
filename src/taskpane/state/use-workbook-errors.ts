import { useCallback, useState } from "react";
import { scanItfmCells, type ItfmCell } from "../excel/scan";
import { problemOf, type Problem } from "../service/problem";

export interface WorkbookErrors {
  /** ITFM cells that show an error, as of the last check; undefined before the first. */
  cells: ItfmCell[] | undefined;
  checking: boolean;
  problem: Problem | undefined;
  checkedAt: Date | undefined;
  check(): Promise<void>;
  /** Takes the cells of a refresh as the latest state (no second scan needed). */
  take(cells: ItfmCell[]): void;
}

export function useWorkbookErrors(): WorkbookErrors {
  const [cells, setCells] = useState<ItfmCell[]>();
  const [checking, setChecking] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const [checkedAt, setCheckedAt] = useState<Date>();

  const take = useCallback((all: ItfmCell[]) => {
    setCells(all.filter((cell) => cell.isError));
    setCheckedAt(new Date());
    setProblem(undefined);
  }, []);

  const check = useCallback(async () => {
    setChecking(true);
    try {
      take(await scanItfmCells());
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setChecking(false);
    }
  }, [take]);

  return { cells, checking, problem, checkedAt, check, take };
}
