import type { Session } from "../../../src/taskpane/state/use-session";

/** A session in `phase` whose actions are written down in `calls`. */
export function sessionIn(
  phase: Session["phase"],
  calls: unknown[][],
  problem?: Session["problem"],
): Session {
  return {
    serviceUrl: "https://itfm.example.com",
    account:
      phase === "signed-in"
        ? {
            user: {
              id: "6f1c2a4e-8b3d-4c5e-9f7a-1b2c3d4e5f60",
              name: "Dana Controller",
              email: "dana@contoso.test",
            },
            tenant: { id: "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d", name: "Contoso Finance" },
            role: "editor",
            tokenId: "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b",
          }
        : undefined,
    phase,
    problem,
    reachable: true,
    signIn: async (...args) => {
      calls.push(["signIn", ...args]);
      return false;
    },
    cancelSignIn: () => void calls.push(["cancelSignIn"]),
    signOut: async () => void calls.push(["signOut"]),
    recheck: async () => void calls.push(["recheck"]),
  };
}
