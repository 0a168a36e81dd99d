import { z } from "zod";
import { gameEventSchema, personalResultSchema } from "@/lib/game/events";
import {
  answerKeySchema,
  answerStatsSchema,
  idSchema,
  optionSchema,
  participantSchema,
  questionKindSchema,
  sessionSchema,
  sessionStateSchema,
  standingSchema,
  teamStandingSchema,
  timestampSchema,
} from "@/lib/game/shapes";

/** What the game.* functions return (besides events and snapshots, which live in lib/game). */

/**
 * Every state-changing call: the event to broadcast, or null when nothing changed (e.g. a repeated close);
 * for a personal event (the reveal, the end) also each player's own result, for their copy.
 */
export const eventResultSchema = z.object({
  event: gameEventSchema.nullable(),
  personal: z.array(personalResultSchema).optional(),
});
export type EventResult = z.infer<typeof eventResultSchema>;

export const closeResultSchema = eventResultSchema.extend({ already_closed: z.boolean() });

export const createSessionResultSchema = z.object({ session: sessionSchema, event: z.null() });

export const lookupPinResultSchema = z.object({
  session: z.object({
    id: idSchema,
    title: z.string(),
    state: sessionStateSchema,
    is_locked: z.boolean(),
    allow_late_join: z.boolean(),
    teams_enabled: z.boolean(),
  }),
  teams: z.array(z.object({ id: idSchema, name: z.string() })).nullable(),
  participant: participantSchema.nullable(),
  is_kicked: z.boolean(),
  can_join: z.boolean(),
});
export type LookupPinResult = z.infer<typeof lookupPinResultSchema>;

export const joinResultSchema = z.object({
  participant: participantSchema,
  session: sessionSchema,
  /** true when the caller already was in the game (same participant, score intact). */
  rejoined: z.boolean(),
  event: z.null(),
});
export type JoinResult = z.infer<typeof joinResultSchema>;

export const attachScreenResultSchema = z.object({ screen_id: idSchema, session: sessionSchema, event: z.null() });

export const createTeamResultSchema = eventResultSchema.extend({ team: z.object({ id: idSchema, name: z.string() }) });
export const pickTeamResultSchema = z.object({ participant: participantSchema, event: z.null() });

export const submitAnswerResultSchema = z.object({
  /** accepted: stored now; duplicate: this answer id was stored before (this is its first result). */
  status: z.enum(["accepted", "duplicate"]),
  answer: z.object({
    id: idSchema,
    question_id: idSchema,
    received_at: timestampSchema,
    elapsed_ms: z.number().int(),
  }),
});
export type SubmitAnswerResult = z.infer<typeof submitAnswerResultSchema>;

export const leaderboardResultSchema = z.object({
  top: z.array(standingSchema),
  teams: z.array(teamStandingSchema).nullable(),
  player_count: z.number().int(),
  me: z
    .object({
      participant_id: idSchema,
      nickname: z.string(),
      team_id: idSchema.nullable(),
      score: z.number().int(),
      rank: z.number().int(),
    })
    .nullable(),
});

const scoredAnswerFields = {
  response: z.record(z.string(), z.unknown()),
  elapsed_ms: z.number().int(),
  is_correct: z.boolean().nullable(),
  points: z.number().int().nullable(),
  streak_bonus: z.number().int().nullable(),
};

export const questionResultsSchema = z.object({
  question: z.object({
    id: idSchema,
    index: z.number().int(),
    kind: questionKindSchema,
    prompt: z.string(),
    options: z.array(optionSchema),
    points: z.number().int(),
    time_limit_s: z.number().int(),
  }),
  key: answerKeySchema,
  stats: answerStatsSchema,
  answers: z.array(
    z.object({ participant_id: idSchema, nickname: z.string(), received_at: timestampSchema, ...scoredAnswerFields }),
  ),
});

export const sessionReportSchema = z.object({
  session: sessionSchema,
  questions: z.array(
    z.object({
      index: z.number().int(),
      id: idSchema,
      kind: questionKindSchema,
      prompt: z.string(),
      points: z.number().int(),
      time_limit_s: z.number().int(),
      key: answerKeySchema,
      stats: answerStatsSchema,
      correct_pct: z.number().nullable(),
    }),
  ),
  players: z.array(
    z.object({
      participant_id: idSchema,
      nickname: z.string(),
      team_id: idSchema.nullable(),
      score: z.number().int(),
      rank: z.number().int().nullable(),
      correct_count: z.number().int(),
      is_kicked: z.boolean(),
      answers: z.array(z.object({ question_id: idSchema, ...scoredAnswerFields })),
    }),
  ),
  teams: z.array(teamStandingSchema).nullable(),
});
export type SessionReport = z.infer<typeof sessionReportSchema>;
