import type { ExecutionDetail } from '../local/console/console-api.js';
import type { ConsoleClient } from './console-client.js';

/** How often a CLI waiting on the console asks again. */
const POLL_MS = 200;

/**
 * Waits until the execution stopped running in the stack, and returns it then, history and
 * all. The polls leave the history out: a long load's would be megabytes every time.
 */
export async function waitForExecution(
  client: ConsoleClient,
  name: string,
): Promise<ExecutionDetail> {
  const path = `/api/executions/${encodeURIComponent(name)}`;
  for (;;) {
    const polled = await client.get<ExecutionDetail>(`${path}?history=none`);
    if (polled.execution.status !== 'RUNNING') break;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return client.get<ExecutionDetail>(path);
}

/** The cause the execution ended with, as recorded (its last execution event's). */
export function recordedCause(detail: ExecutionDetail): string | undefined {
  return (
    detail.events.findLast((e) => e.type.startsWith('Execution'))?.cause ??
    detail.execution.failure?.cause
  );
}
