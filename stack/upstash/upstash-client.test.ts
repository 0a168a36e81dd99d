import { Redis } from "@upstash/redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deletePrefix, sleep, startUpstashTestStack, uniquePrefix, type UpstashTestStack } from "./test-stack";

/** The local Upstash endpoint driven by the official @upstash/redis client, in each of its wire modes. */

let stack: UpstashTestStack;
beforeAll(async () => {
  stack = await startUpstashTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const modes = [
  { mode: "default (auto-pipelining, base64)", options: {} },
  { mode: "enableAutoPipelining: false", options: { enableAutoPipelining: false } },
  { mode: "responseEncoding: false", options: { responseEncoding: false as const } },
];

describe.each(modes)("@upstash/redis, $mode", ({ options }) => {
  let redis: Redis;
  let p: string;
  beforeAll(() => {
    redis = stack.client(options);
    p = uniquePrefix("client");
  });
  afterAll(async () => {
    await deletePrefix(redis, p);
  });

  it("round-trips strings, unicode, emoji, numeric strings and objects", async () => {
    const values: Record<string, unknown> = {
      plain: "hello world",
      unicode: "Grüße, 東京, ñandú — «quotes»",
      emoji: "🎉🍺 quiz night 👩‍👩‍👧",
      base64ish: "PONG",
      ok: "OK",
      empty: "",
      object: { question: "Capital of France?", options: ["Paris", "Lyon"], answer: 0, nested: { ok: true } },
      array: [1, "two", null],
      number: 42,
      float: 3.25,
      negative: -7,
    };
    for (const [name, value] of Object.entries(values)) expect(await redis.set(`${p}${name}`, value)).toBe("OK");
    for (const [name, value] of Object.entries(values)) expect(await redis.get(`${p}${name}`)).toEqual(value);
    // Numeric strings come back as numbers (the client's automatic deserialization), raw when asked.
    await redis.set(`${p}numstr`, "123");
    expect(await redis.get(`${p}numstr`)).toBe(123);
    const raw = stack.client({ ...options, automaticDeserialization: false });
    expect(await raw.get(`${p}numstr`)).toBe("123");
    expect(await raw.get(`${p}emoji`)).toBe(values.emoji);
    expect(await redis.get(`${p}missing`)).toBeNull();
  });

  it("supports SET options, counters and multi-key commands", async () => {
    expect(await redis.set(`${p}nx`, "a", { nx: true })).toBe("OK");
    expect(await redis.set(`${p}nx`, "b", { nx: true })).toBeNull();
    expect(await redis.set(`${p}nx`, "c", { xx: true, get: true })).toBe("a");
    expect(await redis.get(`${p}nx`)).toBe("c");
    expect(await redis.incr(`${p}n`)).toBe(1);
    expect(await redis.incrby(`${p}n`, 41)).toBe(42);
    expect(await redis.decrby(`${p}n`, 2)).toBe(40);
    expect(await redis.incrbyfloat(`${p}f`, 0.1)).toBe(0.1);
    expect(await redis.incrbyfloat(`${p}f`, 0.2)).toBe(0.3);
    await redis.mset({ [`${p}m1`]: "x", [`${p}m2`]: { y: 1 } });
    expect(await redis.mget(`${p}m1`, `${p}m2`, `${p}m3`)).toEqual(["x", { y: 1 }, null]);
    expect(await redis.exists(`${p}m1`, `${p}m2`, `${p}m3`)).toBe(2);
    expect(await redis.del(`${p}m1`, `${p}m2`, `${p}m3`)).toBe(2);
    expect(await redis.append(`${p}s`, "ab")).toBe(2);
    expect(await redis.append(`${p}s`, "é")).toBe(4);
    expect(await redis.strlen(`${p}s`)).toBe(4);
    expect(await redis.getdel(`${p}s`)).toBe("abé");
    expect(await redis.type(`${p}n`)).toBe("string");
  });

  it("runs pipelines and transactions, with per-command errors", async () => {
    const pipe = redis.pipeline();
    pipe.set(`${p}pa`, "1").incr(`${p}pa`).get(`${p}pa`).hset(`${p}ph`, { a: 1 }).ping();
    expect(await pipe.exec()).toEqual(["OK", 2, 2, 1, "PONG"]);

    const failing = redis.pipeline();
    failing.set(`${p}pb`, "x").incr(`${p}pb`).get(`${p}pb`);
    await expect(failing.exec()).rejects.toThrow(/Command 2 \[ incr \] failed: ERR value is not an integer/);
    const kept = redis.pipeline();
    kept.incr(`${p}pb`).get(`${p}pb`);
    const results = await kept.exec({ keepErrors: true });
    expect(results[0]?.error).toMatch(/not an integer/);
    expect(results[1]?.result).toBe("x");

    const tx = redis.multi();
    tx.incr(`${p}tx`).incr(`${p}tx`).expire(`${p}tx`, 60).ttl(`${p}tx`);
    expect(await tx.exec()).toEqual([1, 2, 1, 60]);
  });

  it("keeps transactions atomic under concurrent increments", async () => {
    const runs = Array.from({ length: 20 }, () => {
      const tx = redis.multi();
      tx.incr(`${p}atomic`).incr(`${p}atomic`);
      return tx.exec<[number, number]>();
    });
    const results = await Promise.all(runs);
    // Each transaction's two increments are adjacent.
    for (const [a, b] of results) expect(b).toBe(a + 1);
    expect(await redis.get(`${p}atomic`)).toBe(40);
  });

  it("serves a leaderboard: ties, ranks, withScores, increments", async () => {
    const board = `${p}board`;
    expect(
      await redis.zadd(
        board,
        { score: 300, member: "carol" },
        { score: 100, member: "alice" },
        { score: 100, member: "bob" },
      ),
    ).toBe(3);
    expect(await redis.zadd(board, { score: 250, member: "dave" }, { score: 250, member: "dave" })).toBe(1);
    expect(await redis.zincrby(board, 50, "alice")).toBe(150);
    expect(await redis.zscore(board, "alice")).toBe(150);
    expect(await redis.zcard(board)).toBe(4);
    // Ties (none now) and order: carol 300, dave 250, alice 150, bob 100.
    expect(await redis.zrange(board, 0, -1, { rev: true })).toEqual(["carol", "dave", "alice", "bob"]);
    expect(await redis.zrange(board, 0, 1, { rev: true, withScores: true })).toEqual(["carol", 300, "dave", 250]);
    expect(await redis.zrevrank(board, "alice")).toBe(2);
    expect(await redis.zrank(board, "alice")).toBe(1);
    expect(await redis.zrevrank(board, "nobody")).toBeNull();
    // Equal scores order by member, descending in reverse order.
    await redis.zadd(board, { score: 300, member: "aaron" }, { score: 300, member: "zoe" });
    expect(await redis.zrange(board, 0, 2, { rev: true })).toEqual(["zoe", "carol", "aaron"]);
    expect(await redis.zrange(board, 0, 2)).toEqual(["bob", "alice", "dave"]);
    expect(await redis.zrange(board, 150, 300, { byScore: true })).toEqual(["alice", "dave", "aaron", "carol", "zoe"]);
    expect(await redis.zrange(board, "+inf", "(250", { byScore: true, rev: true, offset: 1, count: 2 })).toEqual([
      "carol",
      "aaron",
    ]);
    expect(await redis.zcount(board, "(150", "+inf")).toBe(4);
    expect(
      await redis.zadd(board, { gt: true, ch: true }, { score: 120, member: "bob" }, { score: 1, member: "alice" }),
    ).toBe(1);
    expect(await redis.zadd(board, { xx: true, incr: true }, { score: 5, member: "bob" })).toBe(125);
    expect(await redis.zadd(board, { nx: true, incr: true }, { score: 5, member: "bob" })).toBeNull();
    expect(await redis.zmscore(board, ["bob", "ghost", "zoe"])).toEqual([125, null, 300]);
    expect(await redis.zrem(board, "zoe", "ghost")).toBe(1);
    expect(await redis.zremrangebyrank(board, 0, 0)).toBe(1);
    expect(await redis.zrange(board, 0, -1, { withScores: true })).toEqual([
      "alice",
      150,
      "dave",
      250,
      "aaron",
      300,
      "carol",
      300,
    ]);
  });

  it("expires keys (EX, PX, EXPIRE, PERSIST, TTL)", async () => {
    await redis.set(`${p}ex`, "v", { px: 150 });
    await redis.set(`${p}keep`, "v", { ex: 100 });
    expect(await redis.pttl(`${p}ex`)).toBeGreaterThan(0);
    expect(await redis.ttl(`${p}keep`)).toBe(100);
    expect(await redis.persist(`${p}keep`)).toBe(1);
    expect(await redis.ttl(`${p}keep`)).toBe(-1);
    expect(await redis.ttl(`${p}missing`)).toBe(-2);
    await redis.hset(`${p}hx`, { a: 1 });
    expect(await redis.pexpire(`${p}hx`, 150)).toBe(1);
    await sleep(250);
    expect(await redis.get(`${p}ex`)).toBeNull();
    expect(await redis.exists(`${p}hx`)).toBe(0);
    expect(await redis.get(`${p}keep`)).toBe("v");
  });

  it("handles hashes, sets and lists", async () => {
    expect(await redis.hset(`${p}h`, { name: "Quiz 🍺", count: 3, meta: { a: 1 } })).toBe(3);
    expect(await redis.hget(`${p}h`, "name")).toBe("Quiz 🍺");
    expect(await redis.hgetall(`${p}h`)).toEqual({ name: "Quiz 🍺", count: 3, meta: { a: 1 } });
    expect(await redis.hincrby(`${p}h`, "count", 2)).toBe(5);
    expect(await redis.hmget(`${p}h`, "count", "nope")).toEqual({ count: 5, nope: null });
    expect(await redis.hdel(`${p}h`, "meta", "nope")).toBe(1);
    expect((await redis.hkeys(`${p}h`)).sort()).toEqual(["count", "name"]);
    expect(await redis.hlen(`${p}h`)).toBe(2);
    expect(await redis.hgetall(`${p}nohash`)).toBeNull();
    expect(await redis.hscan(`${p}h`, 0, { match: "c*" })).toEqual(["0", ["count", 5]]);

    expect(await redis.sadd(`${p}set`, "a", "b", "c")).toBe(3);
    expect(await redis.sadd(`${p}set`, "a")).toBe(0);
    expect(await redis.sismember(`${p}set`, "b")).toBe(1);
    expect(await redis.smismember(`${p}set`, ["a", "x"])).toEqual([1, 0]);
    expect((await redis.smembers(`${p}set`)).sort()).toEqual(["a", "b", "c"]);
    expect(await redis.srem(`${p}set`, "a", "x")).toBe(1);
    expect(await redis.scard(`${p}set`)).toBe(2);
    const [cursor, members] = await redis.sscan(`${p}set`, 0);
    expect([String(cursor), [...members].sort()]).toEqual(["0", ["b", "c"]]);

    expect(await redis.rpush(`${p}list`, "a", "b", "c")).toBe(3);
    expect(await redis.lpush(`${p}list`, "z", "y")).toBe(5);
    expect(await redis.lrange(`${p}list`, 0, -1)).toEqual(["y", "z", "a", "b", "c"]);
    expect(await redis.lpop(`${p}list`)).toBe("y");
    expect(await redis.rpop(`${p}list`, 2)).toEqual(["c", "b"]);
    expect(await redis.ltrim(`${p}list`, 0, 0)).toBe("OK");
    expect(await redis.llen(`${p}list`)).toBe(1);
  });

  it("scans and lists keys by pattern", async () => {
    const scanPrefix = `${p}scan:`;
    const names = Array.from({ length: 35 }, (_, i) => `${scanPrefix}${i}`);
    await redis.mset(Object.fromEntries(names.map((n) => [n, 1])));
    await redis.hset(`${scanPrefix}hash`, { a: 1 });
    const found = new Set<string>();
    let cursor: string | number = 0;
    do {
      const [next, keys]: [string | number, string[]] = await redis.scan(cursor, {
        match: `${scanPrefix}*`,
        count: 10,
      });
      keys.forEach((k) => found.add(k));
      cursor = next;
    } while (String(cursor) !== "0");
    expect(found.size).toBe(36);
    const hashes = new Set<string>();
    cursor = 0;
    do {
      const [next, keys]: [string | number, string[]] = await redis.scan(cursor, {
        match: `${scanPrefix}*`,
        count: 100,
        type: "hash",
      });
      keys.forEach((k) => hashes.add(k));
      cursor = next;
    } while (String(cursor) !== "0");
    expect([...hashes]).toEqual([`${scanPrefix}hash`]);
    expect((await redis.keys(`${scanPrefix}1?`)).sort()).toEqual(names.filter((n) => /:1\d$/.test(n)).sort());
  });

  it("reports errors: unknown command, WRONGTYPE, bad arguments", async () => {
    await redis.set(`${p}str`, "v");
    await expect(redis.hget(`${p}str`, "a")).rejects.toThrow(
      "WRONGTYPE Operation against a key holding the wrong kind of value",
    );
    await expect(redis.zadd(`${p}str`, { score: 1, member: "a" })).rejects.toThrow(/WRONGTYPE/);
    await expect(redis.lpush(`${p}str`, "a")).rejects.toThrow(/WRONGTYPE/);
    await expect(redis.incr(`${p}str`)).rejects.toThrow("ERR value is not an integer or out of range");
    await expect(redis.exec(["nosuchcommand", "x"])).rejects.toThrow(/ERR unknown command 'nosuchcommand'/);
    await expect(redis.exec(["get"])).rejects.toThrow(/ERR wrong number of arguments for 'get' command/);
  });

  it("rejects a wrong token", async () => {
    const bad = new Redis({
      url: stack.clientEnv.UPSTASH_REDIS_REST_URL,
      token: "wrong-token-123",
      enableTelemetry: false,
      ...options,
    });
    await expect(bad.get(`${p}x`)).rejects.toThrow(/Unauthorized/);
  });

  it("runs scripts through EVAL/EVALSHA where the backend can", async () => {
    if (stack.redis === "memory") {
      await expect(redis.eval("return 1", [], [])).rejects.toThrow(
        /scripts are not supported by the in-memory store: [0-9a-f]{40}/,
      );
      await expect(redis.evalsha("0".repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);
      return;
    }
    expect(await redis.eval("return redis.call('incrby', KEYS[1], ARGV[1])", [`${p}lua`], ["5"])).toBe(5);
    const script = redis.createScript<number>(
      "#!lua flags=allow-key-locking\nreturn redis.call('incrby', KEYS[1], ARGV[1])",
    );
    expect(await script.exec([`${p}lua`], ["2"])).toBe(7);
    expect(await script.exec([`${p}lua`], ["3"])).toBe(10);
  });
});
