"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { asCaller, createQuiz, saveQuiz } from "@/lib/db";
import { quizInputSchema } from "@/lib/game/quiz";
import { GameError } from "@/lib/game/errors";
import { appDb } from "@/lib/server/db";
import { requireHost } from "@/lib/server/require-host";
import { logger } from "@/lib/observability/logger";

export type SaveQuizResult = { ok: true; quizId: string } | { ok: false; code: string; message: string };

/** Creates the quiz (quizId null) or replaces its content. The database re-checks everything. */
export async function saveQuizAction(quizId: string | null, input: unknown): Promise<SaveQuizResult> {
  const host = await requireHost();
  const id = z.guid().nullable().safeParse(quizId);
  const quiz = quizInputSchema.safeParse(input);
  if (!id.success || !quiz.success) {
    const issue = quiz.error?.issues[0];
    return {
      ok: false,
      code: "invalid_input",
      message: issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid id",
    };
  }
  try {
    const saved = await asCaller(appDb(), host.claims, (tx) =>
      id.data ? saveQuiz(tx, id.data, quiz.data) : createQuiz(tx, quiz.data),
    );
    revalidatePath("/host");
    return { ok: true, quizId: saved };
  } catch (error) {
    // Game errors carry a safe code and message (e.g. invalid_state while a session runs); anything else is not echoed.
    if (error instanceof GameError) return { ok: false, code: error.code, message: error.message };
    logger().error(
      { err: { message: error instanceof Error ? error.message : String(error) } },
      "saveQuizAction failed",
    );
    return { ok: false, code: "internal", message: "" };
  }
}
