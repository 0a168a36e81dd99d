"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { asCaller } from "@/lib/db";
import { GameError } from "@/lib/game/errors";
import { appDb } from "@/lib/server/db";
import { requireHost } from "@/lib/server/require-host";
import { startSession } from "@/lib/server/start-session";

const quizIdSchema = z.guid();

export async function startSessionAction(form: FormData): Promise<void> {
  const host = await requireHost();
  const quizId = quizIdSchema.parse(form.get("quizId"));
  let sessionId: string;
  try {
    sessionId = (await startSession(host.claims, { quizId })).session.id;
  } catch (error) {
    // A rule the engine enforces (an unplayable question, no free PIN): back to the dashboard, which says so.
    if (error instanceof GameError) redirect(`/host?error=start_failed`);
    throw error;
  }
  redirect(`/host/sessions/${sessionId}`);
}

/** RLS ("Hosts delete their own quizzes") makes this a no-op for anyone else's quiz. */
export async function deleteQuizAction(form: FormData): Promise<void> {
  const host = await requireHost();
  const quizId = quizIdSchema.parse(form.get("quizId"));
  await asCaller(appDb(), host.claims, (tx) => tx`delete from public.quizzes where id = ${quizId}`);
  revalidatePath("/host");
}
