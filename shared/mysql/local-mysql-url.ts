// Apart from mysql-settings.ts (which loads zod) so that the CLI's --help can name the default
// without loading a validator.

/** The database csv-catalog mirrors tables into when none is given. */
export const DEFAULT_MYSQL_DATABASE = 'csv_catalog';

/** The MySQL the local stack writes to unless told otherwise (MariaDB as Debian installs it). */
export const LOCAL_MYSQL_URL = `mysql://root@127.0.0.1:3306/${DEFAULT_MYSQL_DATABASE}`;
