import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StateMachineDefinition } from '../workflow/state-machine-file.js';
import type { StateMachineView, StateNode } from './console-api.js';

/** The fields of an ASL state the view reads; the library's types are a union per state type. */
interface AslState {
  Type: string;
  Comment?: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: AslChoiceRule[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
}

/** A Choice rule: a comparison, or And/Or/Not of rules. */
type AslChoiceRule = { Next?: string; Variable?: string } & Record<string, unknown>;

const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The workflow as the console draws it: every state of the very ASL file, reachable ones in
 * the order a depth-first walk from StartAt reaches them (Next, each Choice rule, Default,
 * each Catch), each with its transitions labelled as the Step Functions console labels them.
 */
export function stateMachineView(
  definition: StateMachineDefinition,
  options: { name: string; file: string },
): StateMachineView {
  const states = definition.States as unknown as Record<string, AslState>;
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !Object.hasOwn(states, name)) return;
    seen.add(name);
    order.push(name);
    const state = states[name] as AslState;
    for (const transition of transitionsOf(state)) visit(transition.to);
  };
  visit(definition.StartAt);
  // States no walk reaches still exist in the file: drawn after the others.
  for (const name of Object.keys(states)) if (!seen.has(name)) order.push(name);
  return {
    name: options.name,
    file: relative(PACKAGE_ROOT, options.file) || options.file,
    startAt: definition.StartAt,
    states: order.map((name) => stateNode(name, states[name] as AslState)),
  };
}

function stateNode(name: string, state: AslState): StateNode {
  return {
    name,
    type: state.Type,
    ...(state.Comment ? { comment: state.Comment } : {}),
    transitions: transitionsOf(state),
    end: state.End === true || state.Type === 'Succeed' || state.Type === 'Fail',
  };
}

function transitionsOf(state: AslState): StateNode['transitions'] {
  const transitions: StateNode['transitions'] = [];
  if (state.Next) transitions.push({ to: state.Next, label: 'Next' });
  for (const rule of state.Choices ?? []) {
    if (rule.Next) transitions.push({ to: rule.Next, label: ruleLabel(rule) });
  }
  if (state.Default) transitions.push({ to: state.Default, label: 'Default' });
  for (const catcher of state.Catch ?? []) {
    transitions.push({ to: catcher.Next, label: `Catch ${catcher.ErrorEquals.join(', ')}` });
  }
  return transitions;
}

/** `$.crawl.crawl BooleanEquals true`, `… and …`, `not (…)`. */
export function ruleLabel(rule: AslChoiceRule): string {
  if (Array.isArray(rule.And)) return (rule.And as AslChoiceRule[]).map(ruleLabel).join(' and ');
  if (Array.isArray(rule.Or)) return (rule.Or as AslChoiceRule[]).map(ruleLabel).join(' or ');
  if (rule.Not && typeof rule.Not === 'object')
    return `not (${ruleLabel(rule.Not as AslChoiceRule)})`;
  const compare = Object.entries(rule).find(([key]) => key !== 'Variable' && key !== 'Next');
  if (!compare) return rule.Variable ?? 'rule';
  return `${rule.Variable ?? ''} ${compare[0]} ${JSON.stringify(compare[1])}`.trim();
}
