import { createContext, useContext } from 'react';
import type { SessionController } from './controller.ts';

export const SessionContext = createContext<SessionController | null>(null);

export function useController(caller: string): SessionController {
  const controller = useContext(SessionContext);
  if (!controller) throw new Error(`${caller} must be used inside <HostedSessionProvider>`);
  return controller;
}
