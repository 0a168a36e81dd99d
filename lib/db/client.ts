import postgres from "postgres";

export type Db = postgres.Sql;
export type Tx = postgres.TransactionSql;

/**
 * The app's Postgres pool (DATABASE_URL). `prepare: false` because Supabase's transaction pooler (and the
 * local stack's PGlite socket) cannot keep named prepared statements across transactions.
 */
export function createDb(url: string, options: { max?: number } = {}): Db {
  return postgres(url, {
    prepare: false,
    max: options.max ?? 10,
    idle_timeout: 20,
    connect_timeout: 10,
    onnotice: () => {},
  });
}
