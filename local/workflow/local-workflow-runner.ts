import type { RunOptions, StateMachine } from 'aws-local-stepfunctions';
import {
  ExecutionInputTooLarge,
  ExecutionNotFound,
  ExecutionNotRedrivable,
  WorkflowSetupInvalid,
} from '../../shared/errors.js';
import type {
  WorkflowInput,
  WorkflowStart,
  WorkflowStarter,
} from '../../shared/workflow/workflow-input.js';
import { ExecutionQuotaGuard } from './execution-quota-guard.js';
import { MAX_PAYLOAD_BYTES, payloadBytes } from './execution-quotas.js';
import {
  type ExecutionRecord,
  type ExecutionStatus,
  type HistoryEvent,
  type StateSummary,
  summarizeStates,
  unfinishedState,
} from './execution-record.js';
import { type ExecutionStore, InMemoryExecutionStore } from './execution-store.js';
import { toHistoryEvent } from './history-event.js';
import { type JsonValue, toJsonValue } from './json-value.js';
import type { TaskHandler } from './lambda-stand-in.js';
import { installPromiseWithResolvers } from './promise-with-resolvers.js';
import { type StateMachineDefinition, taskStates } from './state-machine-file.js';
import { validateStateMachine, validatesEveryExecution } from './state-machine-validation.js';

export interface LocalWorkflowRunnerOptions {
  definition: StateMachineDefinition;
  /** Named in execution ARNs; default `csv-catalog`. */
  stateMachineName?: string;
  /** What each Task state runs, by state name. Every Task needs one: none reaches AWS. */
  taskHandlers: Record<string, TaskHandler>;
  /** Every Wait state lasts this long instead (default: as the ASL says). */
  waitMs?: number;
  /** Every retrier waits this long between attempts instead (default: as the ASL says). */
  retryIntervalMs?: number;
  store?: ExecutionStore;
  /** Every history event as it happens (`local up` prints state changes from these). */
  onEvent?: (record: ExecutionRecord, event: HistoryEvent) => void;
}

/** Whether an execution can be redriven now: from which state, on what input, or why not. */
export type RedriveCheck =
  | { possible: true; fromState: string; input: JsonValue }
  | { possible: false; reason: string };

/** How an execution ended (or RUNNING), with the states it went through. */
export interface ExecutionResult {
  name: string;
  status: ExecutionStatus;
  output?: JsonValue;
  error?: string;
  cause?: string;
  states: StateSummary[];
  /** From start to stop, redrives included; undefined while it runs. */
  durationMs?: number;
}

/**
 * Runs the workflow's ASL on this machine with aws-local-stepfunctions: the WorkflowStarter
 * that filing calls locally, as it calls Step Functions on AWS. Names are unique, as in Step
 * Functions: starting a name again starts nothing. Executions and their history are kept in
 * an ExecutionStore.
 */
export class LocalWorkflowRunner implements WorkflowStarter {
  private readonly running = new Map<string, { done: Promise<void>; abort: () => void }>();
  private readonly store: ExecutionStore;
  private readonly stateMachineName: string;

  private constructor(
    private readonly library: typeof import('aws-local-stepfunctions'),
    private readonly runOptions: RunOptions,
    private readonly options: LocalWorkflowRunnerOptions,
  ) {
    this.store = options.store ?? new InMemoryExecutionStore();
    this.stateMachineName = options.stateMachineName ?? 'csv-catalog';
  }

  static async create(options: LocalWorkflowRunnerOptions): Promise<LocalWorkflowRunner> {
    const library = await loadLibrary();
    const missing = taskStates(options.definition)
      .map((task) => task.stateName)
      .filter((name) => !options.taskHandlers[name]);
    if (missing.length > 0) {
      throw new WorkflowSetupInvalid(
        `no local stand-in for Task state(s) ${missing.join(', ')}: they would call AWS`,
      );
    }
    // Validated here, when the stack starts (a broken ASL fails loudly), not per execution.
    validateStateMachine(library, options.definition);
    return new LocalWorkflowRunner(library, runOptionsFor(options), options);
  }

  async start(name: string, input: WorkflowInput): Promise<WorkflowStart> {
    const executionArn = this.executionArnOf(name);
    if (this.store.get(name)) return { name, executionArn, alreadyStarted: true };
    const bytes = payloadBytes(toJsonValue(input));
    if (bytes > MAX_PAYLOAD_BYTES) {
      // StartExecution refuses it: no execution exists afterwards (execution-quotas.ts).
      throw new ExecutionInputTooLarge(
        `the input of execution ${name} is ${bytes.toLocaleString('en-US')} bytes of UTF-8 JSON: StartExecution takes at most ${MAX_PAYLOAD_BYTES.toLocaleString('en-US')}`,
      );
    }
    const record: ExecutionRecord = {
      name,
      executionArn,
      stateMachine: this.stateMachineName,
      status: 'RUNNING',
      input,
      startDate: new Date().toISOString(),
      events: [],
    };
    this.store.put(record);
    this.launch(
      record,
      this.machineStartingAt(this.options.definition.StartAt),
      toJsonValue(input),
    );
    return { name, executionArn, alreadyStarted: false };
  }

  /**
   * Runs a failed, aborted or timed-out execution again from the state that did not finish,
   * on the input that state received, as RedriveExecution does on AWS: states that succeeded
   * are not run again, and the history goes on in the same record.
   */
  async redrive(name: string): Promise<{ name: string; fromState: string }> {
    const record = this.store.get(name);
    if (!record) throw new ExecutionNotFound(`no execution named ${name}`);
    const check = this.redriveCheck(record);
    if (!check.possible) throw new ExecutionNotRedrivable(check.reason);
    // Built before the record changes: a machine that cannot start leaves the record as it was.
    const machine = this.machineStartingAt(check.fromState);
    const event: HistoryEvent = { type: 'ExecutionRedriven', timestamp: Date.now() };
    record.status = 'RUNNING';
    record.redriveCount = (record.redriveCount ?? 0) + 1;
    record.error = undefined;
    record.cause = undefined;
    record.stopDate = undefined;
    record.events.push(event);
    this.store.put(record);
    this.options.onEvent?.(record, event);
    this.launch(record, machine, check.input);
    return { name, fromState: check.fromState };
  }

  /**
   * Whether `redrive(name)` would run the execution again now, and from which state; if not,
   * the very reason it would refuse with (the console's Redrive button shows it).
   */
  redrivable(name: string): RedriveCheck {
    const record = this.store.get(name);
    if (!record) throw new ExecutionNotFound(`no execution named ${name}`);
    return this.redriveCheck(record);
  }

  private redriveCheck(record: ExecutionRecord): RedriveCheck {
    const { name } = record;
    if (this.running.has(name) || !['FAILED', 'ABORTED', 'TIMED_OUT'].includes(record.status)) {
      return {
        possible: false,
        reason: `${name} is ${record.status}: only a failed, aborted or timed-out execution can be redriven`,
      };
    }
    const unfinished = unfinishedState(record.events);
    if (!unfinished) {
      return { possible: false, reason: `${name}: its history shows no state that did not finish` };
    }
    if (this.options.definition.States[unfinished.stateName]?.Type === 'Fail') {
      // Step Functions would redrive it, into the same Fail state: say what helps instead.
      return {
        possible: false,
        reason:
          `${name} ended at ${unfinished.stateName}, a Fail state: a redrive would fail there again. ${record.cause ?? ''}`.trim(),
      };
    }
    return { possible: true, fromState: unfinished.stateName, input: unfinished.input };
  }

  /** The ASL the runner runs (the console draws it). */
  get definition(): StateMachineDefinition {
    return this.options.definition;
  }

  /** The state machine's name, as in execution ARNs. */
  get name(): string {
    return this.stateMachineName;
  }

  private launch(record: ExecutionRecord, machine: StateMachine, input: JsonValue): void {
    const { name, executionArn } = record;
    const quotas = new ExecutionQuotaGuard(record, (event) => {
      if (ENDING_EVENTS.has(event.type)) finished(record, undefined);
      this.store.put(record);
      this.options.onEvent?.(record, event);
    });
    const execution = machine.run(input, {
      ...this.runOptions,
      overrides: {
        ...this.runOptions.overrides,
        taskResourceLocalHandlers: quotas.gatedTasks(this.options.taskHandlers),
      },
      noThrowOnAbort: true,
      context: { Execution: { Id: executionArn, Name: name } },
    });
    quotas.onFailure(() => execution.abort());
    const redriven = (record.redriveCount ?? 0) > 0;
    const recording = (async () => {
      for await (const libraryEvent of execution.eventLogs) {
        // After a quota ended the execution, the library's own ending (aborted) is not AWS's.
        if (quotas.failed) continue;
        const event = toHistoryEvent(libraryEvent);
        // A redrive goes on with the same execution: it does not start it again.
        if (redriven && event.type === 'ExecutionStarted') continue;
        if (!quotas.admit(event)) continue;
        record.events.push(event);
        // The status changes with the event that ends the execution, not later: whoever reads
        // the history after the final line was printed sees how it ended.
        if (ENDING_EVENTS.has(event.type)) finished(record, undefined);
        this.store.put(record);
        this.options.onEvent?.(record, event);
      }
    })();
    const done = execution.result
      .then(
        (output) => ({ output }),
        () => ({ output: undefined }),
      )
      .then(async ({ output }) => {
        await recording;
        this.store.put(finished(record, output));
        this.running.delete(name);
      });
    this.running.set(name, { done, abort: execution.abort });
  }

  /**
   * The definition as a machine, starting at the given state (a redrive starts mid-way). It
   * was validated in create(); the library would validate it again for every machine, which
   * compiles asl-validator's schemas anew each time.
   */
  private machineStartingAt(stateName: string): StateMachine {
    if (validatesEveryExecution()) return this.validatedMachineStartingAt(stateName);
    // A copy per execution: the library hands Pass states' Result objects on by reference, so
    // an execution writing into one must not change the next execution's.
    const definition = { ...structuredClone(this.options.definition), StartAt: stateName };
    return new this.library.StateMachine(definition, { validationOptions: { noValidate: true } });
  }

  /** The runner before issue [9/10]: validated anew for every execution (bench/burst.ts). */
  private validatedMachineStartingAt(stateName: string): StateMachine {
    // The validator the library runs adds members to the definition it is given: give a copy.
    const definition = { ...structuredClone(this.options.definition), StartAt: stateName };
    // Started mid-way, the states before stateName are unreachable, which the validator
    // refuses (MISSING_TRANSITION_TARGET).
    const midWay = stateName !== this.options.definition.StartAt;
    return new this.library.StateMachine(definition, {
      validationOptions: midWay ? { noValidate: true } : { checkArn: true, checkPaths: true },
    });
  }

  /** Waits for an execution to end; one that is not running answers at once. */
  async wait(name: string): Promise<ExecutionResult> {
    await this.running.get(name)?.done;
    const record = this.store.get(name);
    if (!record) throw new ExecutionNotFound(`no execution named ${name}`);
    const { status, output, error, cause, startDate, stopDate } = record;
    const durationMs = stopDate ? Date.parse(stopDate) - Date.parse(startDate) : undefined;
    return {
      name,
      status,
      output,
      error,
      cause,
      states: summarizeStates(record.events),
      durationMs,
    };
  }

  /** An execution's history, as recorded so far. */
  history(name: string): HistoryEvent[] {
    const record = this.store.get(name);
    if (!record) throw new ExecutionNotFound(`no execution named ${name}`);
    return record.events;
  }

  list(): ExecutionRecord[] {
    return this.store.list();
  }

  /** One execution as recorded so far, undefined when there is none of that name. */
  get(name: string): ExecutionRecord | undefined {
    return this.store.get(name);
  }

  /** Resolves once no execution runs, counting those started while it waits. */
  async idle(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.all([...this.running.values()].map((execution) => execution.done));
    }
  }

  /** Aborts what is still running and waits for it to settle. */
  async close(): Promise<void> {
    const running = [...this.running.values()];
    for (const execution of running) execution.abort();
    await Promise.all(running.map((execution) => execution.done));
  }

  private executionArnOf(name: string): string {
    return `arn:aws:states:local:000000000000:execution:${this.stateMachineName}:${name}`;
  }
}

let library: Promise<typeof import('aws-local-stepfunctions')> | undefined;

/** The library is imported only once the polyfill it needs on Node 20 is in place. */
function loadLibrary() {
  installPromiseWithResolvers();
  library ??= import('aws-local-stepfunctions');
  return library;
}

function runOptionsFor(options: LocalWorkflowRunnerOptions): RunOptions {
  const states = Object.entries(options.definition.States);
  const allOf = (type: string, ms: number | undefined) =>
    ms === undefined
      ? undefined
      : Object.fromEntries(
          states
            .filter(([, state]) => (type === 'Wait' ? state.Type === 'Wait' : 'Retry' in state))
            .map(([name]) => [name, ms]),
        );
  return {
    overrides: {
      taskResourceLocalHandlers: options.taskHandlers,
      waitTimeOverrides: allOf('Wait', options.waitMs),
      retryIntervalOverrides: allOf('Retry', options.retryIntervalMs),
    },
  };
}

const ENDING_EVENTS = new Set([
  'ExecutionSucceeded',
  'ExecutionFailed',
  'ExecutionTimeout',
  'ExecutionAborted',
]);

/** The record's end, read from its history: the last execution event says how it ended. */
function finished(record: ExecutionRecord, output: JsonValue | undefined): ExecutionRecord {
  const last = record.events.findLast((e) => e.type.startsWith('Execution'));
  record.stopDate = new Date(last?.timestamp ?? Date.now()).toISOString();
  switch (last?.type) {
    case 'ExecutionSucceeded':
      record.status = 'SUCCEEDED';
      record.output = output ?? last.output ?? null;
      break;
    case 'ExecutionFailed':
      record.status = 'FAILED';
      record.error = last.error;
      record.cause = last.cause;
      break;
    case 'ExecutionTimeout':
      record.status = 'TIMED_OUT';
      break;
    default:
      record.status = 'ABORTED';
  }
  return record;
}
