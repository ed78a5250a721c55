import type {
  DescribeExecutionCommandOutput,
  ExecutionListItem,
  HistoryEvent,
} from '@aws-sdk/client-sfn';

export const REGION = 'eu-west-1';
export const STATE_MACHINE_ARN = `arn:aws:states:${REGION}:123456789012:stateMachine:csv-catalog-prod`;

export function executionArn(name: string): string {
  return `${STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:${name}`;
}

/** A ListExecutions item, as Step Functions returns it. */
export function listItem(
  name: string,
  status: ExecutionListItem['status'],
  startDate: string,
  stopDate?: string,
): ExecutionListItem {
  return {
    executionArn: executionArn(name),
    stateMachineArn: STATE_MACHINE_ARN,
    name,
    status,
    startDate: new Date(startDate),
    stopDate: stopDate ? new Date(stopDate) : undefined,
  };
}

/** DescribeExecution of a list item whose input files `table`. */
export function described(item: ExecutionListItem, table: string): DescribeExecutionCommandOutput {
  return {
    $metadata: {},
    executionArn: item.executionArn,
    stateMachineArn: STATE_MACHINE_ARN,
    name: item.name,
    status: item.status,
    startDate: item.startDate,
    stopDate: item.stopDate,
    input: JSON.stringify({ bucket: 'drop', key: `${table}/x.csv`, table }),
  };
}

let eventId = 100;
/** History events, newest first, with ids counting down as in a reverseOrder page. */
export function events(...list: Omit<HistoryEvent, 'id' | 'timestamp'>[]): HistoryEvent[] {
  return list.map((e) => ({ ...e, id: eventId--, timestamp: new Date('2026-11-26T04:00:00Z') }));
}
