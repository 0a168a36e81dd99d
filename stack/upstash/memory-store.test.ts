import { describe, expect, it } from "vitest";
import { RedisError } from "./memory/errors";
import { globMatcher } from "./memory/glob";
import { formatLuaNumber, fromLua, tonumber } from "./memory/lua";
import { MemoryStore } from "./memory/memory-backend";
import { addFloatText } from "./memory/numbers";
import { compareMembers, scoreRange } from "./memory/skiplist";
import { ZSet } from "./memory/zset";

/** The in-memory store on its own: data structures, Redis semantics and edge cases. */

function store(clock = { now: 1_000_000 }) {
  const s = new MemoryStore(() => clock.now);
  const run = (...argv: (string | number)[]) => s.execute(argv.map(String));
  const error = (...argv: (string | number)[]) => {
    try {
      run(...argv);
    } catch (e) {
      if (e instanceof RedisError) return e.message;
      throw e;
    }
    throw new Error(`expected ${argv.join(" ")} to fail`);
  };
  return { s, run, error, clock };
}

/** A deterministic PRNG (mulberry32). */
function prng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("sorted set structure", () => {
  it("orders members by code point like Redis's memcmp on UTF-8", () => {
    const samples = ["a", "b", "ab", "", "Z", "é", "東", "\uffe5", "🎉", "😀", "\u{10ffff}", "a🎉", "a\uffff"];
    const byBytes = [...samples].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
    expect([...samples].sort(compareMembers)).toEqual(byBytes);
  });

  it("matches a naive model under random adds, increments and removals", () => {
    const random = prng(42);
    const z = new ZSet();
    const model = new Map<string, number>();
    for (let i = 0; i < 5000; i++) {
      const member = `m${Math.floor(random() * 300)}`;
      const op = random();
      if (op < 0.5) {
        const score = Math.floor(random() * 50);
        z.set(member, score);
        model.set(member, score);
      } else if (op < 0.8) {
        const next = (model.get(member) ?? 0) + Math.floor(random() * 10) - 3;
        z.set(member, next);
        model.set(member, next);
      } else {
        expect(z.remove(member)).toBe(model.delete(member));
      }
    }
    const sorted = [...model]
      .sort(([a, x], [b, y]) => x - y || compareMembers(a, b))
      .map(([member, score]) => ({ member, score }));
    expect([...z.entries()]).toEqual(sorted);
    expect(z.rangeByRank(0, -1)).toEqual(sorted);
    expect(z.rangeByRank(0, -1, true)).toEqual([...sorted].reverse());
    expect(z.rangeByRank(-5, -2)).toEqual(sorted.slice(-5, -1));
    sorted.forEach(({ member }, i) => {
      expect(z.rank(member)).toBe(i);
      expect(z.rank(member, true)).toBe(sorted.length - 1 - i);
    });
    const range = scoreRange({ min: 10, minExclusive: true, max: 30, maxExclusive: false });
    const inRange = sorted.filter((e) => e.score > 10 && e.score <= 30);
    expect(z.rangeIn(range)).toEqual(inRange);
    expect(z.rangeIn(range, true, 2, 5)).toEqual([...inRange].reverse().slice(2, 7));
    expect(z.count(range)).toBe(inRange.length);
  });

  it("keeps a 10,000-player leaderboard fast", () => {
    const { run } = store();
    const started = performance.now();
    for (let i = 0; i < 10_000; i++) run("zadd", "board", 0, `player-${i}`);
    for (let i = 0; i < 100_000; i++) {
      run("zincrby", "board", (i * 7919) % 1000, `player-${(i * 104_729) % 10_000}`);
      if (i % 10 === 0) {
        run("zrevrank", "board", `player-${i % 10_000}`);
        run("zrevrange", "board", 0, 9, "withscores");
      }
    }
    const elapsed = performance.now() - started;
    expect(run("zcard", "board")).toBe(10_000);
    const top = run("zrevrange", "board", 0, 2, "withscores") as string[];
    expect(Number(top[1])).toBeGreaterThanOrEqual(Number(top[3]));
    // O(log n) per operation takes ~1–2 s here; a full sort per call would take minutes. Generous for busy CI.
    expect(elapsed).toBeLessThan(15_000);
  });
});

describe("Redis semantics", () => {
  it("answers with Redis's reply types and error texts", () => {
    const { run, error } = store();
    expect(run("set", "s", "v")).toBe("OK");
    expect(run("incr", "n")).toBe(1);
    expect(run("get", "n")).toBe("1");
    expect(error("hset", "s", "f", "v")).toBe("WRONGTYPE Operation against a key holding the wrong kind of value");
    expect(error("set", "s", "v", "get", "nx", "xx")).toBe("ERR syntax error");
    expect(error("get")).toBe("ERR wrong number of arguments for 'get' command");
    expect(error("GETT", "x")).toBe("ERR unknown command 'GETT'");
    expect(error("set", "s", "v", "ex", 0)).toBe("ERR invalid expire time in 'set' command");
    expect(error("zadd", "z", "nx", "xx", 1, "a")).toBe("ERR XX and NX options at the same time are not compatible");
    expect(error("zadd", "z", "gt", "lt", 1, "a")).toBe(
      "ERR GT, LT, and/or NX options at the same time are not compatible",
    );
    expect(error("zadd", "z", "incr", 1, "a", 2, "b")).toBe("ERR INCR option supports a single increment-element pair");
    expect(error("zadd", "z", "x", "a")).toBe("ERR value is not a valid float");
    expect(error("zrange", "z", 0, 1, "limit", 0, 1)).toMatch(/LIMIT is only supported/);
    expect(error("zrangebyscore", "z", "a", 1)).toBe("ERR min or max is not a float");
    expect(error("rename", "none", "x")).toBe("ERR no such key");
    run("zadd", "inf", "+inf", "a");
    expect(error("zincrby", "inf", "-inf", "a")).toBe("ERR resulting score is not a number (NaN)");
    expect(run("zscore", "inf", "a")).toBe("inf");
  });

  it("does 64-bit integer and long-double arithmetic like Redis", () => {
    const { run, error } = store();
    run("set", "big", "9223372036854775806");
    expect(run("incr", "big")).toBe(9223372036854775807);
    expect(run("get", "big")).toBe("9223372036854775807");
    expect(error("incr", "big")).toBe("ERR increment or decrement would overflow");
    expect(error("decrby", "x", "-9223372036854775808")).toBe("ERR decrement would overflow");
    expect(error("incrby", "x", "1.5")).toBe("ERR value is not an integer or out of range");
    run("set", "lead0", "01");
    expect(error("incr", "lead0")).toBe("ERR value is not an integer or out of range");
    expect(addFloatText("10.50", "0.1")).toBe("10.6");
    expect(addFloatText("0.1", "0.2")).toBe("0.3");
    expect(addFloatText("5.0e3", "2.0e2")).toBe("5200");
    expect(addFloatText("3", "-3")).toBe("0");
    expect(addFloatText("1", "1e-20")).toBe("1");
    expect(() => addFloatText("1", "inf")).toThrow("ERR increment would produce NaN or Infinity");
    expect(() => addFloatText("abc", "1")).toThrow("ERR value is not a valid float");
    expect(run("hincrbyfloat", "h", "f", "2.5")).toBe("2.5");
    run("hset", "h", "s", "x");
    expect(error("hincrby", "h", "s", 1)).toBe("ERR hash value is not an integer");
    expect(error("hincrbyfloat", "h", "s", 1)).toBe("ERR hash value is not a float");
  });

  it("expires keys lazily and in the background sweep", () => {
    const clock = { now: 1_000_000 };
    const { s, run } = store(clock);
    run("set", "a", "1", "px", 100);
    run("set", "b", "1", "ex", 10);
    run("hset", "h", "f", "v");
    run("expire", "h", 5);
    expect(run("pttl", "a")).toBe(100);
    expect(run("ttl", "b")).toBe(10);
    clock.now += 99;
    expect(run("get", "a")).toBe("1");
    clock.now += 1;
    expect(run("get", "a")).toBeNull();
    expect(run("exists", "h")).toBe(1);
    clock.now += 5000;
    expect(s.db.size).toBe(2);
    expect(s.db.sweep()).toBe(1);
    expect(s.db.size).toBe(1);
    expect(run("set", "b", "2", "keepttl")).toBe("OK");
    expect(run("pttl", "b")).toBe(4900);
    expect(run("set", "b", "3")).toBe("OK");
    expect(run("ttl", "b")).toBe(-1);
    expect(run("expire", "b", -1)).toBe(1);
    expect(run("exists", "b")).toBe(0);
    run("set", "c", "1");
    expect(run("expire", "c", 100, "xx")).toBe(0);
    expect(run("expire", "c", 100, "nx")).toBe(1);
    expect(run("expire", "c", 50, "gt")).toBe(0);
    expect(run("expire", "c", 50, "lt")).toBe(1);
    run("incr", "c");
    expect(run("ttl", "c")).toBe(50);
  });

  it("SCAN returns every key that exists throughout, despite concurrent changes", () => {
    const { run } = store();
    for (let i = 0; i < 500; i++) run("set", `k${i}`, i);
    const seen = new Set<string>();
    let cursor = "0";
    let round = 0;
    do {
      const [next, keys] = run("scan", cursor, "count", 37) as [string, string[]];
      keys.forEach((k) => seen.add(k));
      // Meanwhile: delete some not-yet-seen keys, add new ones, overwrite others.
      run("del", `k${499 - round}`);
      run("set", `new${round}`, 1);
      run("set", `k${round}`, "overwritten");
      // Reusing a cursor (its cached iterator was consumed) must work too.
      if (round === 3) run("scan", next, "count", 37);
      cursor = next;
      round++;
    } while (cursor !== "0");
    for (let i = 0; i < 500 - round; i++) expect(seen.has(`k${i}`)).toBe(true);
    const [, matched] = run("scan", 0, "match", "k1?", "count", 1000) as [string, string[]];
    expect(matched.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `k1${i}`).sort());
  });

  it("matches glob patterns like Redis", () => {
    const cases: [string, string, boolean][] = [
      ["*", "anything", true],
      ["h?llo", "hello", true],
      ["h?llo", "hllo", false],
      ["h*llo", "heeeello", true],
      ["h[ae]llo", "hallo", true],
      ["h[ae]llo", "hillo", false],
      ["h[^e]llo", "hallo", true],
      ["h[^e]llo", "hello", false],
      ["h[a-b]llo", "hbllo", true],
      ["h[b-a]llo", "hallo", true],
      ["h\\*llo", "h*llo", true],
      ["h\\*llo", "hello", false],
      ["rl:user-1:*", "rl:user-1:1795317", true],
      ["rl:user-1:*", "rl:user-10:1795317", false],
      ["a.b", "axb", false],
      ["(x)", "(x)", true],
      ["🎉?", "🎉a", true],
    ];
    for (const [pattern, key, expected] of cases)
      expect([pattern, key, globMatcher(pattern)(key)]).toEqual([pattern, key, expected]);
  });
});

describe("Lua emulation for the ratelimit scripts", () => {
  it("converts like Lua 5.1 and Redis", () => {
    expect(
      ["0.1", "3000", "1795317137498", "1e-05", "1e+14", "2.5", "0.33333333333333"].map((s) =>
        formatLuaNumber(Number(s) === 1 / 3 ? 1 / 3 : Number(s)),
      ),
    ).toEqual(["0.1", "3000", "1795317137498", "1e-05", "1e+14", "2.5", "0.33333333333333"]);
    expect(formatLuaNumber(1 / 3)).toBe("0.33333333333333");
    expect([tonumber(" 12 "), tonumber("0x10"), tonumber("1e3"), tonumber("abc"), tonumber(false)]).toEqual([
      12,
      16,
      1000,
      undefined,
      undefined,
    ]);
    expect(fromLua([1.9, -1.9, true, false, "s", undefined, 3])).toEqual([1, -1, 1, null, "s"]);
  });

  it("runs a script only after EVAL loaded it, and refuses unknown scripts clearly", () => {
    const { run, error } = store();
    const sha = "b2efc02798c8e9b471a10f9b1d5745db89923ff3";
    expect(error("evalsha", sha, 1, "k", 10, 1000, 1)).toBe("NOSCRIPT No matching script. Please use EVAL.");
    expect(run("script", "exists", sha)).toEqual([0]);
    expect(error("eval", "return 1", 0)).toBe(
      "ERR scripts are not supported by the in-memory store: e0e1f9fabfc9d4800c877a703b823ac0578ff8db",
    );
  });
});
