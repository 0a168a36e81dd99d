import { NOT_INTEGER, OVERFLOW, SYNTAX, WRONGTYPE, fail, invalidExpire, wrongArgs } from "../errors";
import { addFloatText, addInt64, parseInt64, parseInteger } from "../numbers";
import type { Keyspace } from "../store";
import { at, type CommandTable, type Reply } from "../types";

/** String commands. */

type ExpireOption = { at: number } | "keepttl" | "persist" | undefined;

/** EX/PX/EXAT/PXAT value → absolute ms deadline, with Redis's "invalid expire time" checks. */
export function expireDeadline(db: Keyspace, unit: string, raw: string, command: string): number {
  const n = parseInteger(raw);
  const u = unit.toLowerCase();
  const ms = u === "ex" || u === "exat" ? n * 1000 : n;
  if (n <= 0 || !Number.isSafeInteger(ms)) fail(invalidExpire(command));
  return u === "ex" || u === "px" ? db.now() + ms : ms;
}

function incrBy(db: Keyspace, key: string, increment: bigint | number): number {
  const current = db.get(key, "string") ?? "0";
  const result = addInt64(current, increment);
  if (result === "invalid") fail(NOT_INTEGER);
  if (result === "overflow") fail(OVERFLOW);
  db.setString(key, result.text);
  return result.value;
}

function parseIncrement(raw: string, negate = false): bigint | number {
  const big = parseInt64(raw);
  if (big === undefined) fail(NOT_INTEGER);
  if (negate && big === -9223372036854775808n) fail("ERR decrement would overflow");
  const value = negate ? -big : big;
  return value >= -9007199254740991n && value <= 9007199254740991n ? Number(value) : value;
}

function set(db: Keyspace, argv: string[]): Reply {
  const key = at(argv, 1);
  const value = at(argv, 2);
  let condition: "nx" | "xx" | undefined;
  let get = false;
  let expiry: ExpireOption;
  for (let i = 3; i < argv.length; i++) {
    const opt = at(argv, i).toLowerCase();
    if ((opt === "nx" || opt === "xx") && !condition) condition = opt;
    else if (opt === "get" && !get) get = true;
    else if (opt === "keepttl" && !expiry) expiry = "keepttl";
    else if ((opt === "ex" || opt === "px" || opt === "exat" || opt === "pxat") && !expiry && i + 1 < argv.length) {
      expiry = { at: expireDeadline(db, opt, at(argv, ++i), "set") };
    } else fail(SYNTAX);
  }
  const existing = db.lookup(key);
  if (get && existing && existing.type !== "string") fail(WRONGTYPE);
  const old = existing?.type === "string" ? existing.data : null;
  if ((condition === "nx" && existing) || (condition === "xx" && !existing)) return get ? old : null;
  db.put(key, "string", value, expiry === "keepttl");
  if (expiry && typeof expiry === "object") db.setExpiry(key, expiry.at);
  return get ? old : "OK";
}

export const stringCommands: CommandTable = {
  get: { arity: 2, run: ({ db }, argv) => db.get(at(argv, 1), "string") ?? null },
  set: { arity: -3, run: ({ db }, argv) => set(db, argv) },
  setnx: {
    arity: 3,
    run: ({ db }, argv) => {
      if (db.lookup(at(argv, 1))) return 0;
      db.put(at(argv, 1), "string", at(argv, 2));
      return 1;
    },
  },
  setex: {
    arity: 4,
    run: ({ db }, argv) => {
      const deadline = expireDeadline(db, "ex", at(argv, 2), "setex");
      db.put(at(argv, 1), "string", at(argv, 3));
      db.setExpiry(at(argv, 1), deadline);
      return "OK";
    },
  },
  psetex: {
    arity: 4,
    run: ({ db }, argv) => {
      const deadline = expireDeadline(db, "px", at(argv, 2), "psetex");
      db.put(at(argv, 1), "string", at(argv, 3));
      db.setExpiry(at(argv, 1), deadline);
      return "OK";
    },
  },
  getset: {
    arity: 3,
    run: ({ db }, argv) => {
      const old = db.get(at(argv, 1), "string") ?? null;
      db.put(at(argv, 1), "string", at(argv, 2));
      return old;
    },
  },
  getdel: {
    arity: 2,
    run: ({ db }, argv) => {
      const old = db.get(at(argv, 1), "string");
      if (old === undefined) return null;
      db.delete(at(argv, 1));
      return old;
    },
  },
  getex: {
    arity: -2,
    run: ({ db }, argv) => {
      const key = at(argv, 1);
      const value = db.get(key, "string");
      let expiry: ExpireOption;
      for (let i = 2; i < argv.length; i++) {
        const opt = at(argv, i).toLowerCase();
        if (opt === "persist" && !expiry) expiry = "persist";
        else if ((opt === "ex" || opt === "px" || opt === "exat" || opt === "pxat") && !expiry && i + 1 < argv.length) {
          expiry = { at: expireDeadline(db, opt, at(argv, ++i), "getex") };
        } else fail(SYNTAX);
      }
      if (value === undefined) return null;
      if (expiry === "persist") db.persist(key);
      else if (expiry && typeof expiry === "object") db.setExpiry(key, expiry.at);
      return value;
    },
  },
  mget: {
    arity: -2,
    run: ({ db }, argv) =>
      argv.slice(1).map((key) => {
        const value = db.lookup(key);
        return value?.type === "string" ? value.data : null;
      }),
  },
  mset: {
    arity: -3,
    run: ({ db }, argv) => {
      if (argv.length % 2 === 0) fail(wrongArgs("mset"));
      for (let i = 1; i < argv.length; i += 2) db.put(at(argv, i), "string", at(argv, i + 1));
      return "OK";
    },
  },
  msetnx: {
    arity: -3,
    run: ({ db }, argv) => {
      if (argv.length % 2 === 0) fail(wrongArgs("msetnx"));
      for (let i = 1; i < argv.length; i += 2) if (db.lookup(at(argv, i))) return 0;
      for (let i = 1; i < argv.length; i += 2) db.put(at(argv, i), "string", at(argv, i + 1));
      return 1;
    },
  },
  incr: { arity: 2, run: ({ db }, argv) => incrBy(db, at(argv, 1), 1) },
  decr: { arity: 2, run: ({ db }, argv) => incrBy(db, at(argv, 1), -1) },
  incrby: { arity: 3, run: ({ db }, argv) => incrBy(db, at(argv, 1), parseIncrement(at(argv, 2))) },
  decrby: { arity: 3, run: ({ db }, argv) => incrBy(db, at(argv, 1), parseIncrement(at(argv, 2), true)) },
  incrbyfloat: {
    arity: 3,
    run: ({ db }, argv) => {
      const text = addFloatText(db.get(at(argv, 1), "string") ?? "0", at(argv, 2));
      db.setString(at(argv, 1), text);
      return text;
    },
  },
  append: {
    arity: 3,
    run: ({ db }, argv) => {
      const text = (db.get(at(argv, 1), "string") ?? "") + at(argv, 2);
      db.setString(at(argv, 1), text);
      return Buffer.byteLength(text);
    },
  },
  strlen: { arity: 2, run: ({ db }, argv) => Buffer.byteLength(db.get(at(argv, 1), "string") ?? "") },
  getrange: {
    arity: 4,
    run: ({ db }, argv) => {
      const bytes = Buffer.from(db.get(at(argv, 1), "string") ?? "");
      let start = parseInteger(at(argv, 2));
      let end = parseInteger(at(argv, 3));
      if (start < 0 && end < 0 && start > end) return "";
      if (start < 0) start = Math.max(0, bytes.length + start);
      if (end < 0) end = Math.max(0, bytes.length + end);
      end = Math.min(end, bytes.length - 1);
      if (start > end || bytes.length === 0) return "";
      return bytes.subarray(start, end + 1).toString("utf8");
    },
  },
};
