import { RedisError } from "./errors";
import type { Context, Reply } from "./types";

/**
 * Just enough Lua 5.1 semantics to run re-implemented scripts exactly as Redis runs the originals:
 * numbers are doubles, strings coerce in arithmetic (not in comparisons), numbers passed to redis.call
 * are printed with "%.14g", nil bulk replies become `false`, and the result converts back with numbers
 * truncated to integers, `false` → nil, `true` → 1, and tables cut at the first nil.
 */
export type LuaValue = undefined | boolean | number | string | LuaValue[];

const HEX_RE = /^[+-]?0x[0-9a-f]+$/i;
const DEC_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** Lua's tonumber() on a value (nil when it is not a number or a numeric string). */
export function tonumber(v: LuaValue): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v !== "string") return undefined;
  const s = v.trim();
  if (DEC_RE.test(s)) return Number(s);
  if (HEX_RE.test(s)) return s.startsWith("-") ? -parseInt(s.slice(1), 16) : parseInt(s.replace(/^\+/, ""), 16);
  if (/^[+-]?inf(inity)?$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
  return undefined;
}

/** C's printf("%.14g"), which Lua uses to turn a number into a string. */
export function formatLuaNumber(n: number): string {
  if (Number.isNaN(n)) return n < 0 ? "-nan" : "nan";
  if (!Number.isFinite(n)) return n > 0 ? "inf" : "-inf";
  if (Number.isInteger(n) && Math.abs(n) < 1e14) return Object.is(n, -0) ? "-0" : String(n);
  const [mantissa = "", expText = "0"] = n.toExponential(13).split("e");
  const exp = Number(expText);
  if (exp < -4 || exp >= 14) {
    const m = mantissa.includes(".") ? mantissa.replace(/0+$/, "").replace(/\.$/, "") : mantissa;
    return `${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  const fixed = n.toFixed(Math.max(0, 13 - exp));
  return fixed.includes(".") ? fixed.replace(/0+$/, "").replace(/\.$/, "") : fixed;
}

function typeName(v: LuaValue): string {
  if (v === undefined) return "nil";
  if (Array.isArray(v)) return "table";
  return typeof v;
}

/** The script's view of Redis and Lua's arithmetic, bound to one script run. */
export class LuaRuntime {
  constructor(
    private readonly ctx: Context,
    private readonly sha: string,
  ) {}

  /** redis.call(...) */
  call(...args: LuaValue[]): LuaValue {
    const argv = args.map((a) => {
      if (typeof a === "string") return a;
      if (typeof a === "number") return formatLuaNumber(a);
      throw this.error("Lua redis lib command arguments must be strings or integers");
    });
    try {
      return toLua(this.ctx.call(argv));
    } catch (error) {
      if (error instanceof RedisError) throw new RedisError(`${error.message} script: ${this.sha}, on @user_script.`);
      throw error;
    }
  }

  /** A value used in arithmetic: numbers, or strings that convert. */
  num(v: LuaValue): number {
    const n = typeof v === "string" ? tonumber(v) : v;
    if (typeof n !== "number") throw this.error(`attempt to perform arithmetic on a ${typeName(v)} value`);
    return n;
  }

  /** A value used in a comparison: Lua does not coerce strings there. */
  cmp(v: LuaValue): number {
    if (typeof v !== "number") throw this.error(`attempt to compare ${typeName(v)} with number`);
    return v;
  }

  error(message: string): RedisError {
    return new RedisError(`ERR user_script: ${message} script: ${this.sha}, on @user_script.`);
  }
}

/** Lua's `a % b`. */
export const luaMod = (a: number, b: number) => a - Math.floor(a / b) * b;

function toLua(reply: Reply): LuaValue {
  if (reply === null) return false;
  if (Array.isArray(reply)) return reply.map(toLua);
  return reply;
}

/** A script's return value as Redis converts it to a reply. */
export function fromLua(v: LuaValue): Reply {
  if (v === undefined || v === false) return null;
  if (v === true) return 1;
  if (typeof v === "number")
    return Number.isFinite(v) ? Math.trunc(v) || 0 : v > 0 ? Number.MAX_SAFE_INTEGER : Number.MIN_SAFE_INTEGER;
  if (typeof v === "string") return v;
  const out: Reply[] = [];
  for (const item of v) {
    if (item === undefined) break;
    out.push(fromLua(item));
  }
  return out;
}
