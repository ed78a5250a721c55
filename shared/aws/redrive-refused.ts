import { CsvCatalogError } from '../errors.js';

/** The execution cannot be redriven; the message says why and what to do instead. */
export class RedriveRefused extends CsvCatalogError {
  public override name = 'RedriveRefused';
}
