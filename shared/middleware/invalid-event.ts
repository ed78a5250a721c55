import { CsvCatalogError } from '../errors.js';
import { describeIssues, type SchemaIssue, wrongFields } from './describe-issues.js';

/**
 * The event a handler received is not of the shape it handles. The message names every wrong
 * field (`table: Invalid input…`); `fields` lists their paths for code that needs them.
 */
export class InvalidEvent extends CsvCatalogError {
  public override name = 'InvalidEvent';
  public readonly fields: readonly string[];

  constructor(issues: readonly SchemaIssue[], options?: ErrorOptions) {
    super(`invalid event: ${describeIssues(issues)}`, options);
    this.fields = wrongFields(issues);
  }
}
