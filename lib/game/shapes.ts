import { z } from "zod";
import { QUESTION_KINDS, SESSION_STATES } from "./state";

/** Shapes the database returns (jsonb from game.* functions), shared by events, snapshots and results. */

export const idSchema = z.guid();
/** A timestamptz rendered by Postgres' jsonb: "2026-11-22T20:15:03.123456+00:00". */
export const timestampSchema = z.string().min(10);
export const sessionStateSchema = z.enum(SESSION_STATES);
export const questionKindSchema = z.enum(QUESTION_KINDS);

export const optionSchema = z.object({ id: z.string(), text: z.string() });

export const publicQuestionSchema = z.object({
  id: idSchema,
  index: z.number().int(),
  count: z.number().int(),
  kind: questionKindSchema,
  prompt: z.string(),
  options: z.array(optionSchema),
  time_limit_s: z.number().int(),
  points: z.number().int(),
  image_url: z.string().nullable(),
  round: z.object({ id: idSchema, title: z.string(), position: z.number().int() }).nullable(),
});
export type PublicQuestion = z.infer<typeof publicQuestionSchema>;

/** The key as revealed: fields that do not apply to the kind are empty/null. */
export const answerKeySchema = z.object({
  correct_option_ids: z.array(z.string()),
  accepted_answers: z.array(z.string()),
  target: z.number().nullable(),
  tolerance: z.number().nullable(),
  explanation: z.string().nullable(),
});
export type AnswerKey = z.infer<typeof answerKeySchema>;

export const answerStatsSchema = z.object({
  answer_count: z.number().int(),
  /** null until the question is scored. */
  correct_count: z.number().int().nullable(),
  mean_elapsed_ms: z.number().int().nullable(),
  /** Per option for single/multi/true_false, in option order; null for typed and numeric. */
  distribution: z.array(z.object({ option_id: z.string(), count: z.number().int() })).nullable(),
});
export type AnswerStats = z.infer<typeof answerStatsSchema>;

export const standingSchema = z.object({
  participant_id: idSchema,
  nickname: z.string(),
  team_id: idSchema.nullable(),
  score: z.number().int(),
  rank: z.number().int(),
});
export type Standing = z.infer<typeof standingSchema>;

export const teamStandingSchema = z.object({
  team_id: idSchema,
  name: z.string(),
  member_count: z.number().int(),
  score: z.number().int(),
  rank: z.number().int(),
});

export const sessionSchema = z.object({
  id: idSchema,
  quiz_id: idSchema,
  title: z.string(),
  pin: z.string().regex(/^\d{6}$/),
  state: sessionStateSchema,
  seq: z.number().int(),
  player_seq: z.number().int(),
  question_index: z.number().int(),
  question_count: z.number().int(),
  question_id: idSchema.nullable(),
  is_locked: z.boolean(),
  allow_late_join: z.boolean(),
  teams_enabled: z.boolean(),
  opened_at: timestampSchema.nullable(),
  deadline_at: timestampSchema.nullable(),
  paused_at: timestampSchema.nullable(),
  remaining_ms: z.number().int().nullable(),
  started_at: timestampSchema.nullable(),
  finished_at: timestampSchema.nullable(),
});
export type Session = z.infer<typeof sessionSchema>;

export const participantSchema = z.object({
  id: idSchema,
  session_id: idSchema,
  nickname: z.string(),
  team_id: idSchema.nullable(),
  joined_at: timestampSchema,
});
export type Participant = z.infer<typeof participantSchema>;

/** What a player submits: single/true_false one choice, multi several, typed text, numeric a value. */
export const answerResponseSchema = z.union([
  z.object({ choices: z.array(z.string().min(1).max(40)).min(1).max(6) }).strict(),
  z.object({ text: z.string().min(1).max(200) }).strict(),
  z.object({ value: z.number().finite() }).strict(),
]);
export type AnswerResponse = z.infer<typeof answerResponseSchema>;

/** A player's own answer as they see it: its result (is_correct, points, streak bonus) is null until the reveal. */
export const myAnswerSchema = z.object({
  id: idSchema,
  question_id: idSchema,
  response: z.record(z.string(), z.unknown()),
  received_at: timestampSchema,
  elapsed_ms: z.number().int(),
  is_correct: z.boolean().nullable(),
  points: z.number().int().nullable(),
  streak_bonus: z.number().int().nullable(),
});
export type MyAnswer = z.infer<typeof myAnswerSchema>;
