import { fail, wrongArgs } from "../errors";
import { addFloatText, addInt64, parseInt64 } from "../numbers";
import { at, type CommandTable, type Command } from "../types";

/** Hash commands. */

function hset(name: string): Command {
  return {
    arity: -4,
    run: ({ db }, argv) => {
      if (argv.length % 2 === 1) fail(wrongArgs(name));
      const hash = db.getOrCreate(at(argv, 1), "hash");
      let added = 0;
      for (let i = 2; i < argv.length; i += 2) {
        if (!hash.has(at(argv, i))) added++;
        hash.set(at(argv, i), at(argv, i + 1));
      }
      return name === "hmset" ? "OK" : added;
    },
  };
}

export const hashCommands: CommandTable = {
  hset: hset("hset"),
  hmset: hset("hmset"),
  hsetnx: {
    arity: 4,
    run: ({ db }, argv) => {
      const hash = db.getOrCreate(at(argv, 1), "hash");
      if (hash.has(at(argv, 2))) return 0;
      hash.set(at(argv, 2), at(argv, 3));
      return 1;
    },
  },
  hget: { arity: 3, run: ({ db }, argv) => db.get(at(argv, 1), "hash")?.get(at(argv, 2)) ?? null },
  hmget: {
    arity: -3,
    run: ({ db }, argv) => {
      const hash = db.get(at(argv, 1), "hash");
      return argv.slice(2).map((field) => hash?.get(field) ?? null);
    },
  },
  hgetall: {
    arity: 2,
    run: ({ db }, argv) => {
      const out: string[] = [];
      for (const [field, value] of db.get(at(argv, 1), "hash") ?? []) out.push(field, value);
      return out;
    },
  },
  hdel: {
    arity: -3,
    run: ({ db }, argv) => {
      const hash = db.get(at(argv, 1), "hash");
      if (!hash) return 0;
      const removed = argv.slice(2).filter((field) => hash.delete(field)).length;
      db.dropIfEmpty(at(argv, 1), hash);
      return removed;
    },
  },
  hincrby: {
    arity: 4,
    run: ({ db }, argv) => {
      const increment = parseInt64(at(argv, 3));
      if (increment === undefined) fail("ERR value is not an integer or out of range");
      const hash = db.getOrCreate(at(argv, 1), "hash");
      const result = addInt64(hash.get(at(argv, 2)) ?? "0", increment);
      if (result === "invalid") {
        db.dropIfEmpty(at(argv, 1), hash);
        fail("ERR hash value is not an integer");
      }
      if (result === "overflow") fail("ERR increment or decrement would overflow");
      hash.set(at(argv, 2), result.text);
      return result.value;
    },
  },
  hincrbyfloat: {
    arity: 4,
    run: ({ db }, argv) => {
      const hash = db.getOrCreate(at(argv, 1), "hash");
      try {
        const text = addFloatText(hash.get(at(argv, 2)) ?? "0", at(argv, 3), "ERR hash value is not a float");
        hash.set(at(argv, 2), text);
        return text;
      } finally {
        db.dropIfEmpty(at(argv, 1), hash);
      }
    },
  },
  hexists: { arity: 3, run: ({ db }, argv) => (db.get(at(argv, 1), "hash")?.has(at(argv, 2)) ? 1 : 0) },
  hkeys: { arity: 2, run: ({ db }, argv) => [...(db.get(at(argv, 1), "hash")?.keys() ?? [])] },
  hvals: { arity: 2, run: ({ db }, argv) => [...(db.get(at(argv, 1), "hash")?.values() ?? [])] },
  hlen: { arity: 2, run: ({ db }, argv) => db.get(at(argv, 1), "hash")?.size ?? 0 },
  hstrlen: { arity: 3, run: ({ db }, argv) => Buffer.byteLength(db.get(at(argv, 1), "hash")?.get(at(argv, 2)) ?? "") },
};
