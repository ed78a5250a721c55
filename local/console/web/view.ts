import type { ConsoleEvent } from '../console-api.js';
import type { ConsoleApi } from './api.js';

/** What the router shows in <main>: one of the three views. */
export interface View {
  element: HTMLElement;
  /** Each ConsoleEvent of /api/events while the view is shown. */
  onEvent?(event: ConsoleEvent): void;
  /** The event stream came back after a break: events may have been missed. */
  refresh?(): void;
  /** The view is left: stop timers. */
  dispose?(): void;
}

export interface ViewContext {
  api: ConsoleApi;
  /** Query parameters of the hash route (`#/executions?status=FAILED`). */
  params: URLSearchParams;
}

/** The hash of the execution view for an execution (names may be Korean). */
export function executionHref(name: string): string {
  return `#/executions/${encodeURIComponent(name)}`;
}
