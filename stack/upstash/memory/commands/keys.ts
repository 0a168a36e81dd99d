import { NO_SUCH_KEY, SYNTAX, fail, invalidExpire } from "../errors";
import { parseInteger } from "../numbers";
import type { Keyspace } from "../store";
import { at, type Command, type CommandTable, type Reply } from "../types";

/** Key-space and server commands. */

const MAX_DEADLINE = 8.64e15; // far beyond any real TTL; keeps arithmetic exact

function expireCommand(name: string, toDeadline: (db: Keyspace, n: number) => number): Command {
  return {
    arity: -3,
    run: ({ db }, argv) => {
      const key = at(argv, 1);
      const n = parseInteger(at(argv, 2));
      const deadline = toDeadline(db, n);
      if (!Number.isSafeInteger(deadline) || Math.abs(deadline) > MAX_DEADLINE) fail(invalidExpire(name));
      let nx = false,
        xx = false,
        gt = false,
        lt = false;
      for (const opt of argv.slice(3).map((a) => a.toLowerCase())) {
        if (opt === "nx") nx = true;
        else if (opt === "xx") xx = true;
        else if (opt === "gt") gt = true;
        else if (opt === "lt") lt = true;
        else fail(`ERR Unsupported option ${opt}`);
      }
      if (nx && (xx || gt || lt)) fail("ERR NX and XX, GT or LT options at the same time are not compatible");
      if (gt && lt) fail("ERR GT and LT options at the same time are not compatible");
      const current = db.expiryOf(key);
      if (current === -2) return 0;
      // A key without TTL counts as an infinite TTL for GT/LT.
      if (nx && current !== -1) return 0;
      if (xx && current === -1) return 0;
      if (gt && (current === -1 || deadline <= current)) return 0;
      if (lt && current !== -1 && deadline >= current) return 0;
      db.setExpiry(key, deadline);
      return 1;
    },
  };
}

function ttl(db: Keyspace, key: string, unit: 1 | 1000): number {
  const deadline = db.expiryOf(key);
  if (deadline < 0) return deadline;
  const ms = Math.max(0, deadline - db.now());
  return unit === 1 ? ms : Math.floor((ms + 500) / 1000);
}

function rename(db: Keyspace, argv: string[], nx: boolean): Reply {
  const from = at(argv, 1);
  const to = at(argv, 2);
  const value = db.lookup(from);
  if (!value) fail(NO_SUCH_KEY);
  if (from === to) return nx ? 0 : "OK";
  if (nx && db.lookup(to)) return 0;
  const deadline = db.expiryOf(from);
  db.delete(from);
  db.put(to, value.type, value.data);
  if (deadline > 0) db.setExpiry(to, deadline);
  return nx ? 1 : "OK";
}

function scan(db: Keyspace, argv: string[]): Reply {
  const cursorText = at(argv, 1);
  if (!/^\d+$/.test(cursorText)) fail("ERR invalid cursor");
  let pattern: string | undefined;
  let count = 10;
  let type: string | undefined;
  for (let i = 2; i < argv.length; i += 2) {
    const opt = at(argv, i).toLowerCase();
    const value = argv[i + 1];
    if (value === undefined) fail(SYNTAX);
    if (opt === "match") pattern = value;
    else if (opt === "count") {
      count = parseInteger(value);
      if (count < 1) fail(SYNTAX);
    } else if (opt === "type") type = value.toLowerCase();
    else fail(SYNTAX);
  }
  const [next, keys] = db.scan(Number(cursorText), count, pattern, type);
  return [next, keys];
}

export const keyCommands: CommandTable = {
  del: { arity: -2, run: ({ db }, argv) => argv.slice(1).filter((key) => db.delete(key)).length },
  unlink: { arity: -2, run: ({ db }, argv) => argv.slice(1).filter((key) => db.delete(key)).length },
  exists: { arity: -2, run: ({ db }, argv) => argv.slice(1).filter((key) => db.lookup(key) !== undefined).length },
  touch: { arity: -2, run: ({ db }, argv) => argv.slice(1).filter((key) => db.lookup(key) !== undefined).length },
  type: { arity: 2, run: ({ db }, argv) => db.lookup(at(argv, 1))?.type ?? "none" },
  expire: expireCommand("expire", (db, n) => db.now() + n * 1000),
  pexpire: expireCommand("pexpire", (db, n) => db.now() + n),
  expireat: expireCommand("expireat", (_db, n) => n * 1000),
  pexpireat: expireCommand("pexpireat", (_db, n) => n),
  ttl: { arity: 2, run: ({ db }, argv) => ttl(db, at(argv, 1), 1000) },
  pttl: { arity: 2, run: ({ db }, argv) => ttl(db, at(argv, 1), 1) },
  expiretime: {
    arity: 2,
    run: ({ db }, argv) => {
      const deadline = db.expiryOf(at(argv, 1));
      return deadline < 0 ? deadline : Math.floor(deadline / 1000);
    },
  },
  pexpiretime: { arity: 2, run: ({ db }, argv) => db.expiryOf(at(argv, 1)) },
  persist: { arity: 2, run: ({ db }, argv) => (db.persist(at(argv, 1)) ? 1 : 0) },
  keys: { arity: 2, run: ({ db }, argv) => db.keys(at(argv, 1)) },
  scan: { arity: -2, run: ({ db }, argv) => scan(db, argv) },
  rename: { arity: 3, run: ({ db }, argv) => rename(db, argv, false) },
  renamenx: { arity: 3, run: ({ db }, argv) => rename(db, argv, true) },
  dbsize: { arity: 1, run: ({ db }) => db.size },
  flushdb: {
    arity: -1,
    run: ({ db }, argv) => {
      if (argv.length > 2 || (argv[1] && !/^(a?sync)$/i.test(argv[1]))) fail(SYNTAX);
      db.flush();
      return "OK";
    },
  },
  flushall: {
    arity: -1,
    run: ({ db }, argv) => {
      if (argv.length > 2 || (argv[1] && !/^(a?sync)$/i.test(argv[1]))) fail(SYNTAX);
      db.flush();
      return "OK";
    },
  },
  ping: {
    arity: -1,
    run: (_ctx, argv) => {
      if (argv.length > 2) fail("ERR wrong number of arguments for 'ping' command");
      return argv[1] ?? "PONG";
    },
  },
  echo: { arity: 2, run: (_ctx, argv) => at(argv, 1) },
  time: {
    arity: 1,
    run: () => {
      const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
      return [String(Math.floor(micros / 1e6)), String(micros % 1e6)];
    },
  },
};
