import { z } from "zod";
import {
  answerKeySchema,
  answerStatsSchema,
  idSchema,
  myAnswerSchema,
  participantSchema,
  publicQuestionSchema,
  sessionSchema,
  standingSchema,
  teamStandingSchema,
  timestampSchema,
} from "./shapes";

/** game.session_snapshot(): what a client fetches on (re)subscribe and after a seq gap. */

const keyAndStats = z.object({ question_id: idSchema, key: answerKeySchema, stats: answerStatsSchema });

const common = {
  server_now: timestampSchema,
  session: sessionSchema,
  player_count: z.number().int(),
  answer_count: z.number().int().nullable(),
  question: publicQuestionSchema.nullable(),
  teams: z.array(z.object({ id: idSchema, name: z.string(), member_count: z.number().int() })).nullable(),
  /** The current question's key and stats, once it is revealed. */
  reveal: keyAndStats.nullable(),
  leaderboard: z.object({ top: z.array(standingSchema), teams: z.array(teamStandingSchema).nullable() }).nullable(),
};

export const hostSnapshotSchema = z.object({
  ...common,
  role: z.literal("host"),
  /** The current question's key and live stats, whatever the state. */
  host: keyAndStats.nullable(),
  players: z.array(
    z.object({
      id: idSchema,
      nickname: z.string(),
      team_id: idSchema.nullable(),
      score: z.number().int(),
      is_kicked: z.boolean(),
      joined_at: timestampSchema,
      has_answered: z.boolean(),
    }),
  ),
  /** Added by the app server (not the database): the slowest answer acknowledgement of the last minute. */
  health: z.object({ slowest_ack_ms: z.number().nullable() }).optional(),
});

export const playerSnapshotSchema = z.object({
  ...common,
  role: z.literal("player"),
  me: z.object({
    participant: participantSchema,
    score: z.number().int(),
    rank: z.number().int(),
    /** null while a closed question awaits its reveal. */
    streak: z.number().int().nullable(),
    correct_count: z.number().int().nullable(),
    /** The player's team's standing, when teams are on and they have one (scores as shown to players). */
    team: teamStandingSchema.nullable(),
  }),
  my_answer: myAnswerSchema.nullable(),
});

export const screenSnapshotSchema = z.object({
  ...common,
  role: z.literal("screen"),
  /** In the lobby: up to 200 most recent names. */
  lobby: z.array(z.object({ id: idSchema, nickname: z.string(), team_id: idSchema.nullable() })).nullable(),
});

export const snapshotSchema = z.discriminatedUnion("role", [
  hostSnapshotSchema,
  playerSnapshotSchema,
  screenSnapshotSchema,
]);
export type Snapshot = z.infer<typeof snapshotSchema>;
export type HostSnapshot = z.infer<typeof hostSnapshotSchema>;
export type PlayerSnapshot = z.infer<typeof playerSnapshotSchema>;
export type ScreenSnapshot = z.infer<typeof screenSnapshotSchema>;
