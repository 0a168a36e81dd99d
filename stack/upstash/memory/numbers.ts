import { NOT_FLOAT, NOT_INTEGER, fail } from "./errors";

/** Number parsing and formatting with Redis's rules (string2ll, strtod, %.17g-free shortest doubles). */

const INT_RE = /^(?:0|-?[1-9][0-9]{0,18})$/;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

/** An int64 in Redis's strict syntax (no "+", no leading zeros, no spaces), or undefined. */
export function parseInt64(s: string): bigint | undefined {
  if (!INT_RE.test(s)) return undefined;
  const value = BigInt(s);
  return value > INT64_MAX || value < INT64_MIN ? undefined : value;
}

/** An integer argument as a JS number (exact up to 2^53); `ERR value is not an integer or out of range` otherwise. */
export function parseInteger(s: string, message = NOT_INTEGER): number {
  if (s.length <= 15 && INT_RE.test(s)) return Number(s);
  const big = parseInt64(s);
  if (big === undefined) fail(message);
  return Number(big);
}

/** Adds two int64 values given as text/number; undefined on overflow. */
export function addInt64(
  current: string,
  increment: bigint | number,
): { text: string; value: number } | "overflow" | "invalid" {
  if (current.length <= 15 && typeof increment === "number" && INT_RE.test(current)) {
    const sum = Number(current) + increment;
    if (Number.isSafeInteger(sum)) return { text: String(sum), value: sum };
  }
  const base = parseInt64(current);
  if (base === undefined) return "invalid";
  const sum = base + BigInt(increment);
  if (sum > INT64_MAX || sum < INT64_MIN) return "overflow";
  return { text: sum.toString(), value: Number(sum) };
}

const FLOAT_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INF_RE = /^([+-]?)inf(?:inity)?$/i;

/** A double as Redis's strtod-based parsers accept it (inf/-inf/+inf allowed, NaN and spaces rejected). */
export function parseFloatArg(s: string, message = NOT_FLOAT): number {
  if (FLOAT_RE.test(s)) return Number(s);
  const inf = INF_RE.exec(s);
  if (inf) return inf[1] === "-" ? -Infinity : Infinity;
  return fail(message);
}

/** A double reply (scores): shortest round-trip text, "inf"/"-inf" like Redis 7.2 and Upstash. */
export function formatDouble(n: number): string {
  if (n === Infinity) return "inf";
  if (n === -Infinity) return "-inf";
  return String(n);
}

// ---- INCRBYFLOAT: Redis adds long doubles and prints them with "%.17Lf" minus trailing zeros. Doing the
// addition exactly in decimal and rounding to 17 fraction digits gives the same text for ordinary inputs
// ("10.5" + "0.1" = "10.6", "0.1" + "0.2" = "0.3") without binary noise.

type Decimal = { m: bigint; e: number };
const DEC_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

function parseDecimal(s: string): Decimal | "inf" | undefined {
  if (INF_RE.test(s)) return "inf";
  const match = DEC_RE.exec(s);
  if (!match) return undefined;
  const [, sign, int = "", frac = "", exp = "0"] = match;
  if (int.length + frac.length === 0) return undefined;
  const e = Number(exp) - frac.length;
  if (Math.abs(e) > 5000) return "inf";
  const m = BigInt(`${int}${frac}` || "0");
  return { m: sign === "-" ? -m : m, e };
}

const pow10 = (n: number) => 10n ** BigInt(n);

function formatDecimal({ m, e }: Decimal): string {
  const FRACTION = 17;
  if (e < -FRACTION) {
    const div = pow10(-FRACTION - e);
    const half = div / 2n;
    const abs = m < 0n ? -m : m;
    let q = abs / div;
    if (abs % div >= half) q += 1n;
    m = m < 0n ? -q : q;
    e = -FRACTION;
  }
  if (e >= 0) return (m * pow10(e)).toString();
  const negative = m < 0n;
  const digits = (negative ? -m : m).toString().padStart(-e + 1, "0");
  const int = digits.slice(0, digits.length + e);
  const frac = digits.slice(digits.length + e).replace(/0+$/, "");
  const text = frac ? `${int}.${frac}` : int;
  return negative && text !== "0" ? `-${text}` : text;
}

/** current + increment as INCRBYFLOAT prints it; throws Redis's errors. */
export function addFloatText(current: string, increment: string, notFloat = NOT_FLOAT): string {
  const b = parseDecimal(increment);
  if (b === undefined) fail(NOT_FLOAT);
  const a = parseDecimal(current);
  if (a === undefined) fail(notFloat);
  if (a === "inf" || b === "inf") fail("ERR increment would produce NaN or Infinity");
  const e = Math.min(a.e, b.e);
  const sum = { m: a.m * pow10(a.e - e) + b.m * pow10(b.e - e), e };
  const text = formatDecimal(sum);
  if (!Number.isFinite(Number(text))) fail("ERR increment would produce NaN or Infinity");
  return text;
}

/** Normalises a Redis [start, stop] index pair (negatives from the end) to an inclusive range, or undefined if empty. */
export function normalizeRange(start: number, stop: number, length: number): [number, number] | undefined {
  if (start < 0) start += length;
  if (stop < 0) stop += length;
  if (start < 0) start = 0;
  if (start > stop || start >= length) return undefined;
  if (stop >= length) stop = length - 1;
  return [start, stop];
}
