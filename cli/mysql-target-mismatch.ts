import { CsvCatalogError } from '../shared/errors.js';

/**
 * A MySQL given now is not the one the stack folder recorded, and --retarget was not given.
 * In a file of its own: runCli tells it apart (a usage error) without loading MySQL settings.
 */
export class MysqlTargetMismatch extends CsvCatalogError {
  public override name = 'MysqlTargetMismatch';
}
