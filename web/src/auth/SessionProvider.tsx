// React's view of the session: components re-render when the user signs in, out or refreshes.
import { createContext, useContext, useSyncExternalStore, type ReactNode } from "react";
import { session, type SessionState } from "./session";

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const state = useSyncExternalStore(session.Subscribe, session.GetState);
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState | null {
  return useContext(SessionContext);
}
