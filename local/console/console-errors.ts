import { CsvCatalogError } from '../../shared/errors.js';

/** The console's port is taken by another process. */
export class ConsolePortInUse extends CsvCatalogError {
  public override name = 'ConsolePortInUse';
}

/**
 * A request to the control API that is not the console's own (Host, Origin), or a POST
 * without the token or a JSON body: answered 403, nothing done.
 */
export class ConsoleRequestRefused extends CsvCatalogError {
  public override name = 'Forbidden';
}

/** A query or body the API cannot take: answered 400. */
export class ConsoleBadRequest extends CsvCatalogError {
  public override name = 'BadRequest';
}

/** No such route: answered 404. */
export class ConsoleRouteNotFound extends CsvCatalogError {
  public override name = 'NotFound';
}
