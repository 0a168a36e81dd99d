import { SYNTAX, fail } from "../errors";
import { formatDouble, parseFloatArg, parseInteger } from "../numbers";
import { lexRange, scoreRange, type LexBound, type NodeRange } from "../skiplist";
import { at, type Command, type CommandTable, type Reply } from "../types";
import type { ScoredMember, ZSet } from "../zset";

/** Sorted-set range commands: ZRANGE (by rank, BYSCORE, BYLEX, REV, LIMIT), the older ZRANGEBY*, counts. */

function parseScoreBound(raw: string): { value: number; exclusive: boolean } {
  const exclusive = raw.startsWith("(");
  const value = parseFloatArg(exclusive ? raw.slice(1) : raw, "ERR min or max is not a float");
  return { value, exclusive };
}

export function parseScoreRange(minRaw: string, maxRaw: string): NodeRange {
  const min = parseScoreBound(minRaw);
  const max = parseScoreBound(maxRaw);
  return scoreRange({ min: min.value, minExclusive: min.exclusive, max: max.value, maxExclusive: max.exclusive });
}

function parseLexBound(raw: string): LexBound {
  if (raw === "-" || raw === "+") return { value: undefined, exclusive: false, infinite: raw };
  if (raw.startsWith("(") || raw.startsWith("["))
    return { value: raw.slice(1), exclusive: raw[0] === "(", infinite: undefined };
  return fail("ERR min or max not valid string range item");
}

export function parseLexRange(minRaw: string, maxRaw: string): NodeRange {
  return lexRange(parseLexBound(minRaw), parseLexBound(maxRaw));
}

export function flatten(members: ScoredMember[], withScores: boolean): Reply {
  if (!withScores) return members.map((m) => m.member);
  const out: string[] = [];
  for (const { member, score } of members) out.push(member, formatDouble(score));
  return out;
}

type RangeSpec = {
  by: "rank" | "score" | "lex";
  rev: boolean;
  offset: number;
  count: number;
  withScores: boolean;
  limit: boolean;
};
type Allowed = { by: boolean; rev: boolean; limit: boolean; withScores: boolean };

function parseOptions(argv: string[], from: number, allowed: Allowed, defaults: Partial<RangeSpec> = {}): RangeSpec {
  const spec: RangeSpec = {
    by: "rank",
    rev: false,
    offset: 0,
    count: -1,
    withScores: false,
    limit: false,
    ...defaults,
  };
  for (let i = from; i < argv.length; i++) {
    const opt = at(argv, i).toLowerCase();
    if (opt === "withscores" && allowed.withScores) spec.withScores = true;
    else if (opt === "byscore" && allowed.by) spec.by = "score";
    else if (opt === "bylex" && allowed.by) spec.by = "lex";
    else if (opt === "rev" && allowed.rev) spec.rev = true;
    else if (opt === "limit" && allowed.limit && i + 2 < argv.length) {
      spec.offset = parseInteger(at(argv, ++i));
      spec.count = parseInteger(at(argv, ++i));
      spec.limit = true;
    } else fail(SYNTAX);
  }
  return spec;
}

function range(zset: ZSet | undefined, lo: string, hi: string, spec: RangeSpec): Reply {
  if (spec.by === "rank") {
    if (spec.limit) fail("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
    const start = parseInteger(lo);
    const stop = parseInteger(hi);
    return flatten(zset?.rangeByRank(start, stop, spec.rev) ?? [], spec.withScores);
  }
  if (spec.by === "lex" && spec.withScores)
    fail("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
  // With REV the bounds arrive as max, min.
  const [min, max] = spec.rev ? [hi, lo] : [lo, hi];
  const r = spec.by === "score" ? parseScoreRange(min, max) : parseLexRange(min, max);
  return flatten(zset?.rangeIn(r, spec.rev, spec.offset, spec.count) ?? [], spec.withScores);
}

function rangeCommand(allowed: Allowed, defaults: Partial<RangeSpec>): Command {
  return {
    arity: -4,
    run: ({ db }, argv) => {
      const spec = parseOptions(argv, 4, allowed, defaults);
      return range(db.get(at(argv, 1), "zset"), at(argv, 2), at(argv, 3), spec);
    },
  };
}

function removeIn(parse: (min: string, max: string) => NodeRange): Command {
  return {
    arity: 4,
    run: ({ db }, argv) => {
      const r = parse(at(argv, 2), at(argv, 3));
      const zset = db.get(at(argv, 1), "zset");
      if (!zset) return 0;
      const removed = zset.removeRangeIn(r);
      db.dropIfEmpty(at(argv, 1), zset);
      return removed;
    },
  };
}

const all: Allowed = { by: true, rev: true, limit: true, withScores: true };
const plain: Allowed = { by: false, rev: false, limit: true, withScores: true };
const lexOnly: Allowed = { by: false, rev: false, limit: true, withScores: false };

export const zsetRangeCommands: CommandTable = {
  zrange: rangeCommand(all, {}),
  zrevrange: rangeCommand({ ...plain, limit: false }, { rev: true }),
  zrangebyscore: rangeCommand(plain, { by: "score" }),
  zrevrangebyscore: rangeCommand(plain, { by: "score", rev: true }),
  zrangebylex: rangeCommand(lexOnly, { by: "lex" }),
  zrevrangebylex: rangeCommand(lexOnly, { by: "lex", rev: true }),
  zcount: {
    arity: 4,
    run: ({ db }, argv) => {
      const r = parseScoreRange(at(argv, 2), at(argv, 3));
      return db.get(at(argv, 1), "zset")?.count(r) ?? 0;
    },
  },
  zlexcount: {
    arity: 4,
    run: ({ db }, argv) => {
      const r = parseLexRange(at(argv, 2), at(argv, 3));
      return db.get(at(argv, 1), "zset")?.count(r) ?? 0;
    },
  },
  zremrangebyscore: removeIn(parseScoreRange),
  zremrangebylex: removeIn(parseLexRange),
};
