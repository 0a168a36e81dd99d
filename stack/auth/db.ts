import type postgres from "postgres";

/**
 * What the query helpers take: the stack's pool (`deps.db.sql`) or a transaction opened on it, so one helper
 * serves both a single statement and a step of a multi-statement change.
 */
export type Db = postgres.ISql;
