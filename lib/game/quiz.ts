import { z } from "zod";
import { optionSchema, questionKindSchema } from "./shapes";

/** A quiz as game.create_quiz() takes it (the database re-checks everything; this is the edge's parse). */

export const quizQuestionInputSchema = z.object({
  kind: questionKindSchema,
  prompt: z.string().min(1).max(500),
  /** single/multi: 2–6; true_false: omit for True/False; typed/numeric: none. */
  options: z.array(optionSchema).max(6).optional(),
  time_limit_s: z.number().int().min(5).max(240).optional(),
  points: z.union([z.literal(0), z.literal(1000), z.literal(2000)]).optional(),
  image_url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
  explanation: z.string().max(1000).optional(),
  /** Index into the quiz's rounds. */
  round: z.number().int().min(0).optional(),
  key: z.object({
    correct_option_ids: z.array(z.string()).max(6).optional(),
    accepted_answers: z.array(z.string().min(1).max(200)).max(20).optional(),
    target: z.number().finite().optional(),
    tolerance: z.number().positive().finite().optional(),
  }),
});

export const quizInputSchema = z.object({
  title: z.string().min(1).max(120),
  description: z.string().max(1000).optional(),
  rounds: z
    .array(z.object({ title: z.string().min(1).max(120) }))
    .max(50)
    .optional(),
  questions: z.array(quizQuestionInputSchema).min(1).max(500),
});
export type QuizInput = z.infer<typeof quizInputSchema>;
export type QuizQuestionInput = z.infer<typeof quizQuestionInputSchema>;
