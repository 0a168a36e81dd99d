import type { Keyspace } from "./store";

/** A reply of the in-memory store (RESP2 shapes: integers, bulk/status strings, nil, arrays). */
export type Reply = null | number | string | Reply[];

export type Context = {
  db: Keyspace;
  /** Runs one command (used by scripts, like `redis.call`). */
  call(argv: string[]): Reply;
  /** sha1 → loaded script names (EVAL / SCRIPT LOAD make a sha usable by EVALSHA). */
  loadedScripts: Set<string>;
};

/** `arity` as in Redis's command table: counts the name; negative means "at least". */
export type Command = { arity: number; run(ctx: Context, argv: string[]): Reply };
export type CommandTable = Record<string, Command>;

/** argv[i], which the arity check guarantees to exist. */
export const at = (argv: string[], i: number): string => argv[i] as string;
