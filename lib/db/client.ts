import postgres from "postgres";

export type Db = postgres.Sql;
export type Tx = postgres.TransactionSql;

/**
 * The app's Postgres pool (DATABASE_URL). Unnamed statements by default, because Supabase's transaction
 * pooler cannot keep named prepared statements across transactions. Unnamed, postgres.js sends every query
 * that has parameters in two round trips (Parse + Describe, then Bind + Execute) so as to learn the
 * parameter types; on a direct connection (`prepare: true`, set by the local stack) a statement is described
 * once per connection and every later call is one round trip. Against PGlite, which runs one statement at a
 * time for every connection, that matters most: it waits, idle, between the two halves of an exchange.
 */
export function createDb(url: string, options: { max?: number; prepare?: boolean } = {}): Db {
  return postgres(url, {
    prepare: options.prepare ?? false,
    max: options.max ?? 10,
    idle_timeout: 20,
    connect_timeout: 10,
    onnotice: () => {},
  });
}
