import { type LuaRuntime, type LuaValue, luaMod, tonumber } from "./lua";

/**
 * The Lua scripts @upstash/ratelimit 2.2 sends, re-implemented natively and keyed by the sha1 of their
 * text (the same hash the client uses for EVALSHA; the store also hashes what EVAL receives, so a changed
 * script is simply unknown rather than silently mis-run). Each function follows its script line by line —
 * read them next to node_modules/@upstash/ratelimit/dist/index.js — including its quirks.
 */
export type NativeScript = { name: string; run(rt: LuaRuntime, keys: string[], argv: string[]): LuaValue };

/** `local effectiveLimit = tokens; if dynamicLimitKey … then effectiveLimit = tonumber(GET dynamicLimitKey)` */
function effectiveLimit(
  rt: LuaRuntime,
  dynamicKey: string | undefined,
  tokens: number | undefined,
): number | undefined {
  if (dynamicKey !== undefined && dynamicKey !== "") {
    const dynamic = rt.call("GET", dynamicKey);
    if (dynamic !== false) return tonumber(dynamic);
  }
  return tokens;
}

const fixedWindowLimit: NativeScript = {
  name: "ratelimit fixedWindow limit",
  run(rt, keys, argv) {
    const [key, dynamicKey] = keys;
    const limit = effectiveLimit(rt, dynamicKey, tonumber(argv[0]));
    const [, window, incrementBy] = argv;
    const r = rt.call("INCRBY", key, incrementBy);
    if (r === tonumber(incrementBy)) rt.call("PEXPIRE", key, window);
    return [r, limit];
  },
};

const fixedWindowRemaining: NativeScript = {
  name: "ratelimit fixedWindow getRemaining",
  run(rt, keys, argv) {
    const [key, dynamicKey] = keys;
    const limit = effectiveLimit(rt, dynamicKey, tonumber(argv[0]));
    const value = rt.call("GET", key);
    const used = value !== false ? tonumber(value) : 0;
    return [rt.num(limit) - rt.num(used), limit];
  },
};

/** The two GETs and the weighting shared by both sliding-window scripts. */
function slidingUsage(rt: LuaRuntime, keys: string[], now: LuaValue, window: LuaValue) {
  const [currentKey, previousKey] = keys;
  let current = rt.call("GET", currentKey);
  if (current === false) current = 0;
  let previous = rt.call("GET", previousKey);
  if (previous === false) previous = 0;
  const percentageInCurrent = luaMod(rt.num(now), rt.num(window)) / rt.num(window);
  return { current, previous: Math.floor((1 - percentageInCurrent) * rt.num(previous)) };
}

const slidingWindowLimit: NativeScript = {
  name: "ratelimit slidingWindow limit",
  run(rt, keys, argv) {
    const limit = effectiveLimit(rt, keys[2], tonumber(argv[0]));
    const [, now, window] = argv;
    const incrementBy = tonumber(argv[3]);
    const { current, previous } = slidingUsage(rt, keys, now, window);
    if (rt.cmp(incrementBy) > 0 && previous + rt.num(current) >= rt.cmp(limit)) return [-1, limit];
    const newValue = rt.call("INCRBY", keys[0], incrementBy);
    if (newValue === incrementBy) rt.call("PEXPIRE", keys[0], rt.num(window) * 2 + 1000);
    return [rt.num(limit) - (rt.num(newValue) + previous), limit];
  },
};

const slidingWindowRemaining: NativeScript = {
  name: "ratelimit slidingWindow getRemaining",
  run(rt, keys, argv) {
    const limit = effectiveLimit(rt, keys[2], tonumber(argv[0]));
    const { current, previous } = slidingUsage(rt, keys, argv[1], argv[2]);
    const used = previous + rt.num(current);
    return [rt.num(limit) - used, limit];
  },
};

const tokenBucketLimit: NativeScript = {
  name: "ratelimit tokenBucket limit",
  run(rt, keys, argv) {
    const [key, dynamicKey] = keys;
    const [maxTokens, interval, refillRate, now, incrementBy] = argv.slice(0, 5).map(tonumber);
    const limit = effectiveLimit(rt, dynamicKey, maxTokens);
    const bucket = rt.call("HMGET", key, "refilledAt", "tokens") as LuaValue[];
    let refilledAt: number | undefined;
    let tokens: number | undefined;
    if (bucket[0] === false) {
      refilledAt = now;
      tokens = limit;
    } else {
      refilledAt = tonumber(bucket[0]);
      tokens = tonumber(bucket[1]);
    }
    if (rt.cmp(now) >= rt.num(refilledAt) + rt.num(interval)) {
      const numRefills = Math.floor((rt.num(now) - rt.num(refilledAt)) / rt.num(interval));
      tokens = Math.min(rt.num(limit), rt.num(tokens) + numRefills * rt.num(refillRate));
      refilledAt = rt.num(refilledAt) + numRefills * rt.num(interval);
    }
    if (rt.cmp(incrementBy) > 0 && rt.cmp(tokens) < rt.cmp(incrementBy)) {
      return [-1, rt.num(refilledAt) + rt.num(interval), limit];
    }
    const remaining = rt.num(tokens) - rt.num(incrementBy);
    const expireAt = Math.ceil((rt.num(limit) - remaining) / rt.num(refillRate)) * rt.num(interval);
    rt.call("HSET", key, "refilledAt", refilledAt, "tokens", remaining);
    if (expireAt > 0) rt.call("PEXPIRE", key, expireAt);
    return [remaining, rt.num(refilledAt) + rt.num(interval), limit];
  },
};

const tokenBucketRemaining: NativeScript = {
  name: "ratelimit tokenBucket getRemaining",
  run(rt, keys, argv) {
    const limit = effectiveLimit(rt, keys[1], tonumber(argv[0]));
    const bucket = rt.call("HMGET", keys[0], "refilledAt", "tokens") as LuaValue[];
    if (bucket[0] === false) return [limit, -1, limit];
    return [tonumber(bucket[1]), tonumber(bucket[0]), limit];
  },
};

const cachedFixedWindowLimit: NativeScript = {
  name: "ratelimit cachedFixedWindow limit",
  run(rt, keys, argv) {
    const [window, incrementBy] = argv;
    const r = rt.call("INCRBY", keys[0], incrementBy);
    // Upstash's script compares the INCRBY result (a number) with ARGV[2] (a string): in Lua that is never
    // equal, so the script never sets the expiry. Kept as is, to behave like the original on real Redis.
    if (r === (incrementBy as LuaValue)) rt.call("PEXPIRE", keys[0], window);
    return r;
  },
};

const cachedFixedWindowRemaining: NativeScript = {
  name: "ratelimit cachedFixedWindow getRemaining",
  run(rt, keys) {
    const value = rt.call("GET", keys[0]);
    return value !== false ? value : 0;
  },
};

/** Multi-region: `HGETALL` field/value pairs summed as numbers. */
function sumFields(rt: LuaRuntime, fields: LuaValue[]): number {
  let sum = 0;
  for (let i = 1; i < fields.length; i += 2) sum += rt.num(tonumber(fields[i]));
  return sum;
}

const multiFixedWindowLimit: NativeScript = {
  name: "ratelimit multi-region fixedWindow limit",
  run(rt, keys, argv) {
    const [id, window] = argv;
    const incrementBy = tonumber(argv[2]);
    rt.call("HSET", keys[0], id, incrementBy);
    const fields = rt.call("HGETALL", keys[0]) as LuaValue[];
    if (fields.length === 2 && tonumber(fields[1]) === incrementBy) rt.call("PEXPIRE", keys[0], window);
    return fields;
  },
};

const multiFixedWindowRemaining: NativeScript = {
  name: "ratelimit multi-region fixedWindow getRemaining",
  run: (rt, keys) => rt.call("HGETALL", keys[0]),
};

const multiSlidingWindowLimit: NativeScript = {
  name: "ratelimit multi-region slidingWindow limit",
  run(rt, keys, argv) {
    const [currentKey, previousKey] = keys;
    const tokens = tonumber(argv[0]);
    const [, now, window, requestId] = argv;
    const incrementBy = tonumber(argv[4]);
    const currentFields = rt.call("HGETALL", currentKey) as LuaValue[];
    const inCurrent = sumFields(rt, currentFields);
    const previousFields = rt.call("HGETALL", previousKey) as LuaValue[];
    const inPrevious = sumFields(rt, previousFields);
    const pct = luaMod(rt.num(now), rt.num(window)) / rt.num(window);
    if (rt.cmp(incrementBy) > 0 && inPrevious * (1 - pct) + inCurrent + rt.num(incrementBy) > rt.cmp(tokens)) {
      return [currentFields, previousFields, false];
    }
    rt.call("HSET", currentKey, requestId, incrementBy);
    if (inCurrent === 0) rt.call("PEXPIRE", currentKey, rt.num(window) * 2 + 1000);
    return [currentFields, previousFields, true];
  },
};

const multiSlidingWindowRemaining: NativeScript = {
  name: "ratelimit multi-region slidingWindow getRemaining",
  run(rt, keys, argv) {
    const [now, window] = argv;
    const inCurrent = sumFields(rt, rt.call("HGETALL", keys[0]) as LuaValue[]);
    const inPrevious = sumFields(rt, rt.call("HGETALL", keys[1]) as LuaValue[]);
    const pct = luaMod(rt.num(now), rt.num(window)) / rt.num(window);
    return inCurrent + Math.floor((1 - pct) * inPrevious);
  },
};

const resetUsedTokens: NativeScript = {
  name: "ratelimit resetUsedTokens",
  run(rt, keys) {
    // SCAN … MATCH pattern + DEL until the cursor returns to 0.
    let cursor: LuaValue = "0";
    do {
      const [next, found] = rt.call("SCAN", cursor, "MATCH", keys[0]) as [LuaValue, LuaValue[]];
      cursor = next;
      for (const key of found) rt.call("DEL", key);
    } while (cursor !== "0");
    return undefined;
  },
};

const checkDenyList: NativeScript = {
  name: "ratelimit deny-list check",
  run(rt, keys, argv) {
    const [allDenyListsKey, statusKey] = keys;
    const results = rt.call("SMISMEMBER", allDenyListsKey, ...argv);
    const status = rt.call("TTL", statusKey);
    if (status === -2) rt.call("SETEX", statusKey, 30, "pending");
    return [results, status];
  },
};

/** sha1 of the script text (as @upstash/ratelimit 2.2.0 hardcodes it) → native implementation. */
export const NATIVE_SCRIPTS = new Map<string, NativeScript>([
  ["b2efc02798c8e9b471a10f9b1d5745db89923ff3", fixedWindowLimit],
  ["823cb2a5a902d69681244f5e28e5ebb8f2a89edd", fixedWindowRemaining],
  ["74740bb3d7792848093cdef586b6b6037c455fd6", slidingWindowLimit],
  ["7ca36169e0fc9caedd81b4eef8e99854c157f9b5", slidingWindowRemaining],
  ["d60be5bd3d83482ae229309f1f7425424f891204", tokenBucketLimit],
  ["40daf4a441df736f5c99f8b77bbe176c909e5de4", tokenBucketRemaining],
  ["1861a700bafe96c833a483af6b1c28a8897cfdb0", cachedFixedWindowLimit],
  ["eb82f0e853d2fc9a236fa9bfbe704fda6ac2fc36", cachedFixedWindowRemaining],
  ["e04b753a75909b7f99aae4c04cf8869a8de02a9e", multiFixedWindowLimit],
  ["e066c8ce3eaca142b0894ad1541e0a58c9924819", multiFixedWindowRemaining],
  ["aeb4d8f381e8dafc8e69041baae1324d254ded44", multiSlidingWindowLimit],
  ["87828c1088f6a8d1f512a434ea330189982a1c0a", multiSlidingWindowRemaining],
  ["54bd274ddc59fb3be0f42deee2f64322a10e2b50", resetUsedTokens],
  ["e8062088fe7e67994f617766e5d766490de1afb8", checkDenyList],
]);
