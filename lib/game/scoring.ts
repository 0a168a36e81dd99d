import { answerKey } from "./text";

/**
 * The scoring rules, mirrored exactly from supabase/migrations/20261122001000_create_scoring_functions.sql
 * (the database scores; this copy documents the formula, drives previews, and is checked against SQL in
 * supabase/tests/mirror.test.ts). Arithmetic is exact (BigInt over decimals), as Postgres numeric is.
 *
 *   points = round_half_up(P × credit × (1 − (t/T)/2)), t = elapsed ms (0 if ≤ 500 ms, at most T)
 */

/** An answer received up to this long after the deadline (or after a pause) is still accepted. */
export const ANSWER_GRACE_MS = 1000;
/** Answers within this time of the open earn full points. */
export const FULL_POINTS_WINDOW_MS = 500;
export const STREAK_STEP = 100;
export const STREAK_CAP = 500;
export const QUESTION_POINTS = [0, 1000, 2000] as const;

export type Decimal = number | string;

/** An exact decimal as an integer scaled by 10^scale. */
type Scaled = { value: bigint; scale: number };

export function parseDecimal(input: Decimal): Scaled {
  const text = typeof input === "number" ? String(input) : input.trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!match || (match[2] === "" && (match[3] ?? "") === "")) throw new Error(`Not a decimal: ${text}`);
  const [, sign = "", whole = "", fraction = "", exponentText = "0"] = match;
  const exponent = Number(exponentText);
  let digits = BigInt(`${whole}${fraction}` || "0");
  let scale = fraction.length - exponent;
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return { value: sign === "-" ? -digits : digits, scale };
}

function rescale(x: Scaled, scale: number): bigint {
  return x.value * 10n ** BigInt(scale - x.scale);
}

const abs = (x: bigint) => (x < 0n ? -x : x);
const max = (a: bigint, b: bigint) => (a > b ? a : b);
const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** A fraction of the points: creditNum / creditDen, both ≥ 0 (numerator capped at the denominator). */
export type Credit = { num: bigint; den: bigint };

export const FULL_CREDIT: Credit = { num: 1n, den: 1n };
export const NO_CREDIT: Credit = { num: 0n, den: 1n };

/** game.answer_points: exact round-half-up of P × credit × (2T − t) / 2T. */
export function answerPoints(points: number, timeLimitMs: number, elapsedMs: number, credit: Credit): number {
  if (points <= 0 || credit.num <= 0n || credit.den <= 0n) return 0;
  const t = elapsedMs <= FULL_POINTS_WINDOW_MS ? 0 : Math.min(elapsedMs, timeLimitMs);
  const twoT = BigInt(2 * timeLimitMs);
  const numerator = 2n * BigInt(points) * min(credit.num, credit.den) * (twoT - BigInt(t)) + twoT * credit.den;
  const denominator = 2n * twoT * credit.den;
  return Number(numerator / denominator);
}

/** game.streak_bonus: +100 per correct answer in a row before this one, at most +500. */
export function streakBonus(streakBefore: number): number {
  return Math.min(STREAK_CAP, STREAK_STEP * Math.max(streakBefore, 0));
}

/** A team's score: the mean of its players' scores, rounded half up (0 for an empty team). */
export function teamScore(scores: readonly number[]): number {
  if (scores.length === 0) return 0;
  const sum = scores.reduce((total, score) => total + BigInt(score), 0n);
  const n = BigInt(scores.length);
  return Number((2n * sum + n) / (2n * n));
}

export type ChoiceOutcome = { credit: Credit; isCorrect: boolean };

/** single / true_false / multi: partial credit per right choice, each wrong choice cancels one. */
export function choiceCredit(
  kind: "single" | "multi" | "true_false",
  correct: readonly string[],
  chosen: readonly string[],
): ChoiceOutcome {
  const hits = chosen.filter((id) => correct.includes(id)).length;
  const misses = chosen.length - hits;
  if (kind === "multi") {
    return {
      credit: { num: BigInt(Math.max(0, hits - misses)), den: BigInt(correct.length) },
      isCorrect: hits === correct.length && misses === 0,
    };
  }
  const isCorrect = hits === 1 && misses === 0;
  return { credit: isCorrect ? FULL_CREDIT : NO_CREDIT, isCorrect };
}

/** typed: right when the folded, whitespace-free text equals an accepted answer's. */
export function typedCredit(accepted: readonly string[], text: string): ChoiceOutcome {
  const key = answerKey(text);
  const isCorrect = accepted.some((answer) => answerKey(answer) === key);
  return { credit: isCorrect ? FULL_CREDIT : NO_CREDIT, isCorrect };
}

/** numeric: |value − target| as an exact decimal string-free pair, for "closest wins". */
export function numericDistance(target: Decimal, value: Decimal): Scaled {
  const a = parseDecimal(target);
  const b = parseDecimal(value);
  const scale = Math.max(a.scale, b.scale);
  return { value: abs(rescale(b, scale) - rescale(a, scale)), scale };
}

/** numeric: credit = max(0, tolerance − distance) / tolerance; correct = strictly within and the closest. */
export function numericCredit(
  target: Decimal,
  tolerance: Decimal,
  value: Decimal,
  closest: Decimal | Scaled,
): ChoiceOutcome {
  const tol = parseDecimal(tolerance);
  const distance = numericDistance(target, value);
  const best = typeof closest === "object" ? closest : parseDecimal(closest);
  const scale = Math.max(tol.scale, distance.scale, best.scale);
  const d = rescale(distance, scale);
  const t = rescale(tol, scale);
  return { credit: { num: max(0n, t - d), den: t }, isCorrect: d < t && d === rescale(best, scale) };
}

export function compareScaled(a: Scaled, b: Scaled): number {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}
