/**
 * A small seeded property-style generator of hostile JSON: mutations of a valid body (missing, extra and
 * retyped fields, whole-body replacement) drawn from nasty strings and values, plus hand-written raw bodies
 * that are not JSON at all. Seeded, so a failure names the seed and case that reproduce it.
 */
export type Rng = () => number;

export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** Strings that have broken apps before: SQL and HTML metacharacters, unicode edge cases, sizes. */
export const NASTY_STRINGS: readonly string[] = [
  "",
  " ",
  "'",
  "''",
  '"',
  "\\",
  "'; drop table public.participants; --",
  "' or '1'='1",
  "1; select pg_sleep(5)",
  "$1",
  "%s%s%s%n",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '"><svg onload=alert(1)>',
  "javascript:alert(1)",
  "{{7*7}}${7*7}",
  "\u0000",
  "nick\u0000name",
  "\u202Eevil\u202C", // right-to-left override
  "\u200B\u200B\u200B", // zero-width spaces only
  "a\u200Db\u2060c\uFEFF",
  "مرحبا بالعالم", // RTL script
  "שָׁלוֹם",
  "👩‍👩‍👧‍👦🏳️‍🌈🇩🇪",
  "Z̴̡̪̫̓a̷̧͕͒l̶̢͎̽g̵͚̈́o̸̰͝",
  "\uD800", // lone high surrogate
  "\uDFFF", // lone low surrogate
  "a\uD83Db", // broken surrogate pair
  "\r\n\t\f\v",
  "null",
  "undefined",
  "NaN",
  "__proto__",
  "constructor",
  "00000000-0000-0000-0000-000000000000",
  "123456",
  "000000",
  "99999999999999999999",
  "-1",
  "1e309",
  "ＡＢＣ", // full width
  "ǅ", // titlecase digraph
  "x".repeat(65),
  "é".repeat(300),
  "🙂".repeat(5000),
  "A".repeat(70_000),
];

export const NASTY_VALUES: readonly unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  -1,
  1.5,
  2 ** 53 + 1,
  -(2 ** 63),
  1e308,
  -1e308,
  5e-324,
  [],
  {},
  [null],
  { "": "" },
  { __proto__: { admin: true } },
  JSON.parse('{"__proto__": {"isAdmin": true}}'),
  { constructor: { prototype: { polluted: true } } },
  Array.from({ length: 1000 }, (_, i) => i),
];

export function randomString(rng: Rng): string {
  if (rng() < 0.6) return pick(rng, NASTY_STRINGS);
  const length = Math.floor(rng() * 40);
  let out = "";
  for (let i = 0; i < length; i += 1) {
    const roll = rng();
    // ASCII, Latin-1 and general BMP, astral planes, then control and surrogate ranges.
    const code =
      roll < 0.4
        ? 32 + Math.floor(rng() * 95)
        : roll < 0.6
          ? Math.floor(rng() * 0xffff)
          : roll < 0.75
            ? 0x10000 + Math.floor(rng() * 0xfffff)
            : roll < 0.9
              ? Math.floor(rng() * 32)
              : 0xd800 + Math.floor(rng() * 0x800);
    out += code > 0xffff ? String.fromCodePoint(code) : String.fromCharCode(code);
  }
  return out;
}

export function randomValue(rng: Rng, depth = 0): unknown {
  const roll = rng();
  if (depth > 3 || roll < 0.35) return randomString(rng);
  if (roll < 0.6) return pick(rng, NASTY_VALUES);
  if (roll < 0.7) return Math.floor((rng() - 0.5) * 2 ** 40);
  if (roll < 0.85) return Array.from({ length: Math.floor(rng() * 4) }, () => randomValue(rng, depth + 1));
  const object: Record<string, unknown> = {};
  for (let i = 0; i < Math.floor(rng() * 4); i += 1)
    object[randomString(rng).slice(0, 20)] = randomValue(rng, depth + 1);
  return object;
}

/** One mutation of a valid body: what a broken or malicious client might plausibly send. */
export function mutate(rng: Rng, valid: Record<string, unknown>): unknown {
  const keys = Object.keys(valid);
  const body: Record<string, unknown> = structuredClone(valid);
  const roll = rng();
  if (roll < 0.15) return randomValue(rng);
  if (roll < 0.3 && keys.length > 0) {
    delete body[pick(rng, keys)];
    return body;
  }
  if (roll < 0.45) {
    body[pick(rng, ["extra", "role", "is_correct", "score", "points", "host_id", "user_id", randomString(rng)])] =
      randomValue(rng);
    return body;
  }
  // Retype or replace one or two fields.
  for (let i = 0; i < 1 + Math.floor(rng() * 2) && keys.length > 0; i += 1) {
    const key = pick(rng, keys);
    body[key] = rng() < 0.5 ? randomString(rng) : randomValue(rng);
  }
  return body;
}

/** Raw bodies that are not valid JSON, or are JSON in ways a parser might choke on. */
export const RAW_BODIES: readonly string[] = [
  "",
  "{",
  "}",
  '{"pin":',
  "{'pin': '123456'}",
  '{"a":1,}',
  "[1,2,",
  "\uFEFF{}",
  "NaN",
  "Infinity",
  "undefined",
  "null",
  "true",
  "0",
  '"string"',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"__proto__":{"polluted":1}}',
  '{"a":1,"a":2}',
  "\u0000\u0000\u0000",
  "<xml/>",
  "a=1&b=2",
  "[".repeat(10_000) + "]".repeat(10_000),
  '{"a":'.repeat(5_000) + "1" + "}".repeat(5_000),
  JSON.stringify({ nested: JSON.parse("[".repeat(2000) + "]".repeat(2000)) }),
  "1".repeat(100_000),
  JSON.stringify({ big: "x".repeat(70 * 1024) }),
];

/** Route params that are not session ids. */
export const BAD_IDS: readonly string[] = [
  "abc",
  "1",
  "null",
  "undefined",
  "00000000-0000-0000-0000-00000000000",
  "00000000-0000-0000-0000-0000000000000",
  "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
  "%27%20or%201%3D1%20--",
  "%3Cscript%3E",
  "%00",
  "%E2%80%AE",
  "%F0%9F%92%A9",
  "%ED%A0%80", // an encoded lone surrogate (invalid UTF-8)
  "%ZZ",
  "..%2F..%2F",
  "x".repeat(3000),
];
