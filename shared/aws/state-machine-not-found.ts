import { CsvCatalogError } from '../errors.js';

/** No deployed csv-catalog state machine for the stage (not deployed, or another region). */
export class StateMachineNotFound extends CsvCatalogError {
  public override name = 'StateMachineNotFound';
}
