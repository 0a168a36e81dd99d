import { z } from "zod";
import { answerResponseSchema } from "@/lib/game/shapes";

/** Request bodies of the API, one schema per use-case (shared by route handlers and their callers). */

export const joinSessionSchema = z.strictObject({
  pin: z.string().regex(/^\d{6}$/, "A PIN is 6 digits"),
  nickname: z.string().min(1).max(64),
  teamId: z.guid().nullish(),
  teamName: z.string().min(1).max(64).nullish(),
});
export type JoinSessionInput = z.infer<typeof joinSessionSchema>;

export const submitAnswerSchema = z.strictObject({
  answerId: z.guid(),
  questionId: z.guid(),
  response: answerResponseSchema,
});
export type SubmitAnswerInput = z.infer<typeof submitAnswerSchema>;

export const hostActionSchema = z.discriminatedUnion("action", [
  z.strictObject({
    action: z.enum(["start", "next", "open", "pause", "resume", "close", "reveal", "leaderboard", "finish"]),
  }),
  z.strictObject({ action: z.literal("kick"), participantId: z.guid() }),
  z.strictObject({
    action: z.literal("settings"),
    isLocked: z.boolean().optional(),
    allowLateJoin: z.boolean().optional(),
    teamsEnabled: z.boolean().optional(),
  }),
  z.strictObject({ action: z.literal("create_team"), name: z.string().min(1).max(64) }),
]);
export type HostActionInput = z.infer<typeof hostActionSchema>;

export const attachScreenSchema = z.strictObject({ pin: z.string().regex(/^\d{6}$/, "A PIN is 6 digits") });

export const snapshotViewSchema = z.enum(["host", "player", "screen"]).optional();

export const sessionIdParamsSchema = z.object({ sessionId: z.guid() });

/** A route without path parameters: whatever the query string holds is ignored. */
export const noParamsSchema = z.object({});

export const lookupPinQuerySchema = z.object({ pin: z.string().regex(/^\d{6}$/, "A PIN is 6 digits") });

export const startSessionSchema = z.strictObject({
  quizId: z.guid(),
  teamsEnabled: z.boolean().optional(),
  allowLateJoin: z.boolean().optional(),
});
export type StartSessionInput = z.infer<typeof startSessionSchema>;
