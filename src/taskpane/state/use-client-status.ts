import { useCallback, useSyncExternalStore } from "react";
import type { ClientStatus, CostModelClient } from "../../client";

/** The client's connection status, re-rendering on every change. */
export function useClientStatus(client: CostModelClient): ClientStatus {
  const subscribe = useCallback((onChange: () => void) => client.subscribe(onChange), [client]);
  return useSyncExternalStore(subscribe, () => client.getStatus());
}
