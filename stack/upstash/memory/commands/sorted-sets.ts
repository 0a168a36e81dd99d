import { SYNTAX, fail } from "../errors";
import { formatDouble, parseFloatArg, parseInteger } from "../numbers";
import type { Keyspace } from "../store";
import { at, type Command, type CommandTable, type Reply } from "../types";
import { flatten, zsetRangeCommands } from "./zset-ranges";

/** Sorted-set commands (scores are doubles, replies print them as strings like RESP2 Redis). */

const NAN_SCORE = "ERR resulting score is not a number (NaN)";

function zadd(db: Keyspace, argv: string[]): Reply {
  const flags = new Set<string>();
  let i = 2;
  for (; i < argv.length; i++) {
    const opt = at(argv, i).toLowerCase();
    if (opt === "nx" || opt === "xx" || opt === "gt" || opt === "lt" || opt === "ch" || opt === "incr") flags.add(opt);
    else break;
  }
  const pairs = argv.length - i;
  if (pairs === 0 || pairs % 2 !== 0) fail(SYNTAX);
  const has = (f: string) => flags.has(f);
  if (has("nx") && has("xx")) fail("ERR XX and NX options at the same time are not compatible");
  if ((has("gt") && has("nx")) || (has("lt") && has("nx")) || (has("gt") && has("lt"))) {
    fail("ERR GT, LT, and/or NX options at the same time are not compatible");
  }
  if (has("incr") && pairs > 2) fail("ERR INCR option supports a single increment-element pair");
  const items: { score: number; member: string }[] = [];
  for (let j = i; j < argv.length; j += 2) items.push({ score: parseFloatArg(at(argv, j)), member: at(argv, j + 1) });

  const existing = db.get(at(argv, 1), "zset");
  if (!existing && has("xx")) return has("incr") ? null : 0;
  const zset = existing ?? db.getOrCreate(at(argv, 1), "zset");
  let added = 0;
  let changed = 0;
  let result: number | null = null;
  for (const { score, member } of items) {
    const current = zset.score(member);
    if (current === undefined) {
      if (has("xx")) continue;
      zset.set(member, score);
      added++;
      result = score;
      continue;
    }
    if (has("nx")) continue;
    const next = has("incr") ? current + score : score;
    if (Number.isNaN(next)) fail(NAN_SCORE);
    if ((has("gt") && next <= current) || (has("lt") && next >= current)) continue;
    result = next;
    if (next !== current) {
      zset.set(member, next);
      changed++;
    }
  }
  db.dropIfEmpty(at(argv, 1), zset);
  if (has("incr")) return result === null ? null : formatDouble(result);
  return has("ch") ? added + changed : added;
}

function rankCommand(reverse: boolean): Command {
  return {
    arity: -3,
    run: ({ db }, argv) => {
      if (argv.length > 4 || (argv.length === 4 && at(argv, 3).toLowerCase() !== "withscore")) fail(SYNTAX);
      const zset = db.get(at(argv, 1), "zset");
      const rank = zset?.rank(at(argv, 2), reverse);
      if (rank === undefined) return null;
      return argv.length === 4 ? [rank, formatDouble(zset?.score(at(argv, 2)) ?? 0)] : rank;
    },
  };
}

function pop(max: boolean): Command {
  return {
    arity: -2,
    run: ({ db }, argv) => {
      if (argv.length > 3) fail(SYNTAX);
      const count = argv.length === 3 ? parseInteger(at(argv, 2), "ERR value is out of range, must be positive") : 1;
      if (count < 0) fail("ERR value is out of range, must be positive");
      const zset = db.get(at(argv, 1), "zset");
      if (!zset || count === 0) return [];
      const members = zset.rangeByRank(0, count - 1, max);
      for (const { member } of members) zset.remove(member);
      db.dropIfEmpty(at(argv, 1), zset);
      return flatten(members, true);
    },
  };
}

export const sortedSetCommands: CommandTable = {
  zadd: { arity: -4, run: ({ db }, argv) => zadd(db, argv) },
  zincrby: {
    arity: 4,
    run: ({ db }, argv) => {
      const increment = parseFloatArg(at(argv, 2));
      const zset = db.getOrCreate(at(argv, 1), "zset");
      const next = (zset.score(at(argv, 3)) ?? 0) + increment;
      if (Number.isNaN(next)) {
        db.dropIfEmpty(at(argv, 1), zset);
        fail(NAN_SCORE);
      }
      zset.set(at(argv, 3), next);
      return formatDouble(next);
    },
  },
  zscore: {
    arity: 3,
    run: ({ db }, argv) => {
      const score = db.get(at(argv, 1), "zset")?.score(at(argv, 2));
      return score === undefined ? null : formatDouble(score);
    },
  },
  zmscore: {
    arity: -3,
    run: ({ db }, argv) => {
      const zset = db.get(at(argv, 1), "zset");
      return argv.slice(2).map((member) => {
        const score = zset?.score(member);
        return score === undefined ? null : formatDouble(score);
      });
    },
  },
  zrank: rankCommand(false),
  zrevrank: rankCommand(true),
  zcard: { arity: 2, run: ({ db }, argv) => db.get(at(argv, 1), "zset")?.size ?? 0 },
  zrem: {
    arity: -3,
    run: ({ db }, argv) => {
      const zset = db.get(at(argv, 1), "zset");
      if (!zset) return 0;
      const removed = argv.slice(2).filter((member) => zset.remove(member)).length;
      db.dropIfEmpty(at(argv, 1), zset);
      return removed;
    },
  },
  zremrangebyrank: {
    arity: 4,
    run: ({ db }, argv) => {
      const start = parseInteger(at(argv, 2));
      const stop = parseInteger(at(argv, 3));
      const zset = db.get(at(argv, 1), "zset");
      if (!zset) return 0;
      const removed = zset.removeRangeByRank(start, stop);
      db.dropIfEmpty(at(argv, 1), zset);
      return removed;
    },
  },
  zpopmin: pop(false),
  zpopmax: pop(true),
  ...zsetRangeCommands,
};
