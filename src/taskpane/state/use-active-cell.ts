import { useEffect, useState } from "react";
import { activeCellAddress } from "../excel/cells";

/**
 * The active cell's address, read when the pane opens the view and again each time the pane gets
 * the focus back (a cell is chosen in the grid, then the user returns to the pane); undefined until
 * read or when Excel cannot say.
 */
export function useActiveCell(): string | undefined {
  const [address, setAddress] = useState<string>();
  useEffect(() => {
    let current = true;
    const read = () =>
      void activeCellAddress().then(
        (found) => current && setAddress(found),
        () => current && setAddress(undefined),
      );
    read();
    window.addEventListener("focus", read);
    return () => {
      current = false;
      window.removeEventListener("focus", read);
    };
  }, []);
  return address;
}
