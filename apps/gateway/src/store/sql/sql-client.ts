/**
 * The little the SQL store needs from a PostgreSQL connection, so one store runs on the embedded server and on
 * a PostgreSQL server alike. Only this folder knows a database driver exists.
 */
export interface SqlQueryable {
  /** One statement with `$1…` parameters. */
  query<Row>(text: string, params?: readonly unknown[]): Promise<Row[]>;
  /** A script of several statements without parameters (migrations). */
  exec(script: string): Promise<void>;
}

export interface SqlClient extends SqlQueryable {
  /** Runs `work` in one transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
