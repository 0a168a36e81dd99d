import { z } from "zod";
import {
  answerKeySchema,
  answerStatsSchema,
  idSchema,
  myAnswerSchema,
  publicQuestionSchema,
  sessionStateSchema,
  standingSchema,
  teamStandingSchema,
  timestampSchema,
} from "./shapes";

/**
 * The session's events, exactly as the game.* functions return them (the app broadcasts what the database
 * decided). `audience` picks the topics (lib/realtime/topics.ts): "everyone" goes to `session:<id>` (players,
 * host, screens); "stage" to `session:<id>:stage` (host and screens only: the question appearing and the
 * leaderboard); "personal" (the reveal and the end) to the stage topic, and to each player's own topic
 * `session:<id>:user:<user id>` as a copy carrying that player's result (`me`, and at a reveal
 * `my_answer`), so no phone has to fetch it. A phone thereby gets at most 4 messages per question. `seq`
 * counts all events and `player_seq` those players receive (everyone's and personal); a client that sees a
 * gap in its own counter refetches the snapshot. Joins and answers are not events (they would be O(N)
 * messages per player).
 */

const base = {
  seq: z.number().int().nonnegative(),
  player_seq: z.number().int().nonnegative(),
  audience: z.enum(["everyone", "stage", "personal"]),
  session_id: idSchema,
  state: sessionStateSchema,
  at: timestampSchema,
};

/** A player's own standing, in their copy of a personal event (what their snapshot's `me` would say now). */
export const personalStandingSchema = z.object({
  score: z.number().int(),
  rank: z.number().int(),
  streak: z.number().int(),
  correct_count: z.number().int(),
  /** Their team's standing, when teams are on and they have one. */
  team: teamStandingSchema.nullable(),
});
export type PersonalStanding = z.infer<typeof personalStandingSchema>;

/** What game.reveal_question / finish_session return per player beside the event, for their own copy. */
export const personalResultSchema = z.object({
  participant_id: idSchema,
  /** Their copy goes to their own topic, named by their user id. */
  user_id: idSchema,
  me: personalStandingSchema,
  /** Their answer to the revealed question, scored (null when they did not answer; at the end always null). */
  my_answer: myAnswerSchema.nullable(),
});
export type PersonalResult = z.infer<typeof personalResultSchema>;

export const settingsChangedEventSchema = z.object({
  ...base,
  type: z.literal("settings_changed"),
  is_locked: z.boolean(),
  allow_late_join: z.boolean(),
  teams_enabled: z.boolean(),
});
export const teamCreatedEventSchema = z.object({
  ...base,
  type: z.literal("team_created"),
  team: z.object({ id: idSchema, name: z.string() }),
});
export const playerKickedEventSchema = z.object({
  ...base,
  type: z.literal("player_kicked"),
  participant_id: idSchema,
});
export const questionShownEventSchema = z.object({
  ...base,
  type: z.literal("question_shown"),
  question: publicQuestionSchema,
});
export const questionOpenedEventSchema = z.object({
  ...base,
  type: z.literal("question_opened"),
  question_id: idSchema,
  question_index: z.number().int(),
  /** Phones show the question from here: they do not receive question_shown. */
  question: publicQuestionSchema,
  opened_at: timestampSchema,
  deadline_at: timestampSchema,
  time_limit_ms: z.number().int(),
  remaining_ms: z.number().int(),
  /** The database clock when the event was made: clients estimate their offset from it. */
  server_now: timestampSchema,
});
export const questionPausedEventSchema = z.object({
  ...base,
  type: z.literal("question_paused"),
  question_id: idSchema,
  paused_at: timestampSchema,
  remaining_ms: z.number().int(),
});
export const questionResumedEventSchema = z.object({
  ...base,
  type: z.literal("question_resumed"),
  question_id: idSchema,
  deadline_at: timestampSchema,
  remaining_ms: z.number().int(),
  server_now: timestampSchema,
});
export const questionClosedEventSchema = z.object({
  ...base,
  type: z.literal("question_closed"),
  question_id: idSchema,
  answer_count: z.number().int(),
  player_count: z.number().int(),
});
export const questionRevealedEventSchema = z.object({
  ...base,
  type: z.literal("question_revealed"),
  question_id: idSchema,
  key: answerKeySchema,
  stats: answerStatsSchema,
  player_count: z.number().int(),
  /** In a player's own copy only. */
  me: personalStandingSchema.optional(),
  my_answer: myAnswerSchema.nullable().optional(),
});
export const leaderboardShownEventSchema = z.object({
  ...base,
  type: z.literal("leaderboard_shown"),
  top: z.array(standingSchema),
  teams: z.array(teamStandingSchema).nullable(),
  player_count: z.number().int(),
});
export const sessionFinishedEventSchema = z.object({
  ...base,
  type: z.literal("session_finished"),
  podium: z.array(standingSchema),
  teams: z.array(teamStandingSchema).nullable(),
  player_count: z.number().int(),
  /** In a player's own copy only. */
  me: personalStandingSchema.optional(),
});

export const gameEventSchema = z.discriminatedUnion("type", [
  settingsChangedEventSchema,
  teamCreatedEventSchema,
  playerKickedEventSchema,
  questionShownEventSchema,
  questionOpenedEventSchema,
  questionPausedEventSchema,
  questionResumedEventSchema,
  questionClosedEventSchema,
  questionRevealedEventSchema,
  leaderboardShownEventSchema,
  sessionFinishedEventSchema,
]);
export type GameEvent = z.infer<typeof gameEventSchema>;
export type GameEventType = GameEvent["type"];
export const GAME_EVENT_TYPES = gameEventSchema.options.map((option) => option.shape.type.value);
