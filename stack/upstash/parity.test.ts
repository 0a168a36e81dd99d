import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RedisError } from "./memory/errors";
import { MemoryStore } from "./memory/memory-backend";
import { uniquePrefix } from "./test-stack";

/**
 * Differential test: the same commands against the in-memory store and the machine's real Redis must give
 * the same replies and error texts. Runs only with TEST_REDIS_URL (keys under a unique prefix, removed after).
 */

const url = process.env.TEST_REDIS_URL;
type Plain = null | number | string | Plain[];

/** Replies in a comparable form: Buffers as text, doubles by value (Redis 7.0 prints 1.1 as 1.1000000000000001). */
function normalize(reply: unknown): Plain {
  if (reply === null || reply === undefined) return null;
  if (typeof reply === "number") return reply;
  if (Buffer.isBuffer(reply) || typeof reply === "string") {
    const s = reply.toString();
    return /^-?\d+\.\d+(e[+-]?\d+)?$/.test(s) ? `double:${Number(s)}` : s;
  }
  if (Array.isArray(reply)) return reply.map(normalize);
  return JSON.stringify(reply);
}

const UNORDERED = new Set(["smembers", "sinter", "sunion", "sdiff", "keys"]);

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.skipIf(!url)("in-memory store vs real Redis", () => {
  let redis: Redis;
  const p = uniquePrefix("parity");
  const memory = new MemoryStore();
  const mismatches: string[] = [];

  beforeAll(() => {
    redis = new Redis(url as string, { protocol: 2, maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${p}*`, "COUNT", 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
    redis.disconnect();
  });

  /** Runs argv (with {name} → prefixed key) on both and records any difference. */
  async function both(...template: (string | number)[]): Promise<void> {
    const argv = template.map((a) => String(a).replace(/\{(\w+)\}/g, (_, name: string) => `${p}${name}`));
    let mine: Plain;
    try {
      mine = normalize(memory.execute(argv));
    } catch (error) {
      if (!(error instanceof RedisError)) throw error;
      mine = `error:${error.message}`;
    }
    let theirs: Plain;
    try {
      theirs = normalize(await redis.callBuffer(argv[0]!.toUpperCase(), ...argv.slice(1)));
    } catch (error) {
      theirs = `error:${(error as Error).message}`;
    }
    if (UNORDERED.has(argv[0]!.toLowerCase()) && Array.isArray(mine) && Array.isArray(theirs)) {
      mine = [...mine].sort();
      theirs = [...theirs].sort();
    }
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) {
      mismatches.push(
        `${argv.join(" ").replaceAll(p, "")}\n    memory: ${JSON.stringify(mine)}\n    redis:  ${JSON.stringify(theirs)}`,
      );
    }
  }

  beforeEach(() => {
    mismatches.length = 0;
  });

  it("agrees on a scripted tour of every command family", async () => {
    // One command per ";" or line, arguments separated by spaces; {name} is a key under the test prefix.
    const script = `
      set {s} 10 ; get {s} ; incr {s} ; incrby {s} -20 ; decr {s} ; decrby {s} 5 ; incrbyfloat {s} 1.5
      incrbyfloat {s} 0.1 ; incr {s} ; append {s} é ; strlen {s} ; set {s} v nx ; set {s} w xx get
      set {s} x px 100000 get ; ttl {s} ; set {s} y keepttl ; ttl {s} ; set {s} z ex 0 ; set {s} z ex abc
      set {s} z nx xx ; set {s} z bogus ; setnx {s} 1 ; getdel {s} ; getdel {s} ; setex {s} 100 a ; ttl {s}
      psetex {s} 0 a ; getex {s} persist ; ttl {s} ; mset {m1} 1 {m2} 2 ; mget {m1} {nope} {m2} ; mset {m1}
      msetnx {m1} 3 {m3} 3 ; getrange {m1} 0 -1 ; set {r} Hello-World ; getrange {r} -5 -1 ; getrange {r} 3 1
      set {big} 9223372036854775807 ; incr {big} ; decrby {big} -9223372036854775808 ; incrby {big} 1.0
      exists {s} {m1} {m1} ; type {m1} ; type {nope} ; del {m1} {m2} {nope} ; set {e} 1 ; expire {e} 100
      ttl {e} ; expire {e} 50 gt ; expire {e} 50 lt ; ttl {e} ; expire {e} 10 nx ; persist {e} ; persist {e}
      expire {e} 10 xx ; expire {e} 10 nx xx ; expire {e} 10 gt lt ; expire {e} x ; pexpire {e} -1
      exists {e} ; ttl {e} ; set {from} 1 ex 1000 ; rename {from} {to} ; ttl {to} ; rename {from} {to}
      renamenx {to} {to} ; hset {h} a 1 b 2 ; hset {h} a 3 c ; hget {h} a ; hmget {h} a x ; hgetall {h}
      hincrby {h} a 5 ; hincrbyfloat {h} b 0.5 ; hincrby {h} b 1 ; hsetnx {h} a 1 ; hsetnx {h} d 1
      hexists {h} d ; hkeys {h} ; hvals {h} ; hlen {h} ; hstrlen {h} b ; hdel {h} a b c d ; exists {h}
      hmset {h} x 1 ; get {h} ; incr {h} ; sadd {set} a b c ; sadd {set} a ; srem {set} a z ; smembers {set}
      sismember {set} b ; smismember {set} a b ; scard {set} ; sadd {set2} b x ; sinter {set} {set2}
      sunion {set} {set2} ; sdiff {set} {set2} ; sinterstore {set3} {set} {set2} ; smembers {set3}
      sdiffstore {set3} {nope} {set} ; exists {set3} ; rpush {l} a b c ; lpush {l} x y ; lrange {l} 0 -1
      lrange {l} -2 100 ; lindex {l} -1 ; lpop {l} ; rpop {l} 2 ; lpop {l} 0 ; llen {l} ; lset {l} 5 q
      lset {l} -1 q ; lrange {l} 0 -1 ; rpush {l} q a q ; lrem {l} -1 q ; lrange {l} 0 -1 ; ltrim {l} 1 -1
      lrange {l} 0 -1 ; ltrim {l} 5 1 ; exists {l} ; lpop {l} ; lpop {l} 2 ; lpushx {l} a ; rpush {s} a
      zadd {z} 1 a 2 b 2 c -inf d +inf e ; zrange {z} 0 -1 withscores ; zadd {z} nan a ; zadd {z} incr 1.5 a
      zadd {z} ch gt 0 a 5 b 1 new ; zadd {z} lt ch 0 a ; zadd {z} xx incr 1 missing ; zadd {z} nx incr 1 a
      zadd {z} 1 ; zadd {z} nx xx 1 a ; zincrby {z} 0.1 a ; zincrby {z} 1 fresh ; zscore {z} a ; zscore {z} e
      zmscore {z} a zz d ; zrank {z} c ; zrevrank {z} c ; zrank {z} zz ; zcard {z} ; zcount {z} (1 +inf
      zcount {z} x 1 ; zrange {z} 1 3 ; zrange {z} -3 -1 withscores ; zrange {z} 0 -1 rev
      zrange {z} (1 5 byscore ; zrange {z} 5 (1 byscore rev withscores
      zrange {z} -inf +inf byscore limit 1 2 ; zrange {z} +inf -inf byscore rev limit 0 -1
      zrange {z} 0 1 limit 0 1 ; zrevrange {z} 0 2 withscores ; zrangebyscore {z} 1 2 withscores
      zrangebyscore {z} (1 (2 ; zrevrangebyscore {z} +inf 2 limit 0 2 ; zremrangebyrank {z} 0 0
      zremrangebyscore {z} -inf (2 ; zrem {z} b zz ; zpopmin {z} ; zpopmax {z} 2 ; zrange {z} 0 -1 withscores
      zpopmin {z} 10 ; exists {z} ; zadd {s} 1 a ; zrange {s} 0 1 ; set {x} 1 exat 4102444800 ; ttl {x}
      set {x} 1 pxat 1 ; exists {x} ; getex {nope} ex 10 ; set {x} v ; getex {x} ex 100 ; ttl {x}
      getex {x} ex 0 ; getex {x} bogus ; getset {x} w ; expireat {x} 4102444800 ; ttl {x} ; expireat {x} 1
      exists {x} ; rename {to} {to} ; hset {h2} a ; lpop {l2} -1 ; rpush {l2} 1 ; lpop {l2} -1 ; lindex {l2} 9
      lindex {l2} x ; append {l2} x ; zadd {z2} gt 5 new ; zadd {z2} lt 9 new ; zscore {z2} new
      zrange {z2} (1 2 ; zrange {z2} (5 (5 byscore ; zrange {z2} [a [z bylex withscores
      zrangebyscore {z2} 0 10 limit 1 ; zpopmin {z2} -1 ; zrevrank {z2} new ; scan 0 count 0 ; scan 0 type
      type {z2} ; type {l2} ; zadd {lex} 0 a 0 b 0 c 0 d 0 é 0 🎉 ; zrangebylex {lex} - +
      zrangebylex {lex} [b (d ; zrevrangebylex {lex} + (b limit 1 2 ; zrange {lex} [c - bylex rev
      zlexcount {lex} (a + ; zrangebylex {lex} a + ; zremrangebylex {lex} [a [b ; zrange {lex} 0 -1
      zrange {lex} + - bylex
      hset {hs} a 1 b 2 ab 3 ; hscan {hs} 0 ; hscan {hs} 0 match a* count 5 ; hscan {hs} x ; zscan {lex} 0 match *
      keys {h}* ; scan 0 match {m*} count 1000 ; scan abc ; echo hi ; ping ; ping x
    `;
    const commands = script
      .split(/[;\n]/)
      .map((c) => c.trim().split(/\s+/))
      .filter((c) => c[0]);
    for (const argv of commands) await both(...argv);
    expect(mismatches).toEqual([]);
  });

  it("agrees on a random mix of sorted-set operations (leaderboard shapes, ties, ranges)", async () => {
    const random = prng(7);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)] as T;
    const member = () => pick(["alice", "bob", "carol", "dave", "eve", "🎉", "Zed", "a", "b", "10", "9"]);
    const score = () =>
      pick(["0", "1", "2", "2.5", "-1", "100", "(2", "-inf", "+inf", "1e3", String(Math.floor(random() * 10))]);
    const index = () => Math.floor(random() * 14) - 7;
    for (let i = 0; i < 1500; i++) {
      const key = pick(["{za}", "{zb}"]);
      const r = random();
      if (r < 0.3) {
        const flags = ["nx", "xx", "gt", "lt", "ch", "incr"].filter(() => random() < 0.15);
        const pairs = Array.from({ length: 1 + Math.floor(random() * 3) }, () => [
          score().replace("(", ""),
          member(),
        ]).flat();
        await both("zadd", key, ...flags, ...pairs);
      } else if (r < 0.45) await both("zincrby", key, pick(["1", "-1", "0.5", "10"]), member());
      else if (r < 0.5) await both("zrem", key, member(), member());
      else if (r < 0.6) await both(pick(["zrank", "zrevrank"]), key, member());
      else if (r < 0.7)
        await both(
          "zrange",
          key,
          index(),
          index(),
          ...(random() < 0.5 ? ["rev"] : []),
          ...(random() < 0.5 ? ["withscores"] : []),
        );
      else if (r < 0.8) {
        const rev = random() < 0.5;
        const limit = random() < 0.5 ? ["limit", Math.floor(random() * 3), Math.floor(random() * 4) - 1] : [];
        await both(
          "zrange",
          key,
          score(),
          score(),
          "byscore",
          ...(rev ? ["rev"] : []),
          ...limit,
          ...(random() < 0.5 ? ["withscores"] : []),
        );
      } else if (r < 0.85) await both("zcount", key, score(), score());
      else if (r < 0.9) await both("zscore", key, member());
      else if (r < 0.93) await both("zremrangebyrank", key, index(), index());
      else if (r < 0.96) await both(pick(["zpopmin", "zpopmax"]), key, Math.floor(random() * 3));
      else await both("zcard", key);
    }
    expect(mismatches).toEqual([]);
  });
});
