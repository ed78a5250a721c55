import type { ExecutionDetail } from '../local/console/console-api.js';
import type { ConsoleClient } from './console-client.js';

/** How often a CLI waiting on the console asks again. */
const POLL_MS = 200;

/** Waits until the execution stopped running in the stack, and returns it then. */
export async function waitForExecution(
  client: ConsoleClient,
  name: string,
): Promise<ExecutionDetail> {
  for (;;) {
    const detail = await client.get<ExecutionDetail>(`/api/executions/${encodeURIComponent(name)}`);
    if (detail.execution.status !== 'RUNNING') return detail;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** The cause the execution ended with, as recorded (its last execution event's). */
export function recordedCause(detail: ExecutionDetail): string | undefined {
  return (
    detail.events.findLast((e) => e.type.startsWith('Execution'))?.cause ??
    detail.execution.failure?.cause
  );
}
