import { useCallback, useEffect, useState } from "react";
import {
  readWorkbookBinding,
  saveWorkbookBinding,
  type CostModelClient,
  type WorkbookBinding,
} from "../../client";

export interface BindingState {
  /** Undefined until the workbook's settings were read. */
  loaded: boolean;
  binding: WorkbookBinding | undefined;
  save(binding: WorkbookBinding): Promise<void>;
}

/** The workbook's binding: read from its document settings, saved there, and handed to the formulas' client. */
export function useBinding(client: CostModelClient): BindingState {
  const [binding, setBinding] = useState<WorkbookBinding>();
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void readWorkbookBinding()
      .catch(() => undefined)
      .then((saved) => {
        if (cancelled) return;
        setBinding(saved);
        setLoaded(true);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const save = useCallback(
    async (next: WorkbookBinding) => {
      await saveWorkbookBinding(next);
      client.setBinding(next);
      setBinding(next);
    },
    [client],
  );

  return { loaded, binding, save };
}
