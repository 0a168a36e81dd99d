"use server";

import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { asCaller } from "@/lib/db";
import { GameError } from "@/lib/game/errors";
import { formField } from "@/lib/server/form-field";
import { appDb } from "@/lib/server/db";
import { requireHost } from "@/lib/server/require-host";
import { startSession } from "@/lib/server/start-session";

const quizIdSchema = z.guid();

export async function startSessionAction(form: FormData): Promise<void> {
  const host = await requireHost();
  const quizId = quizIdSchema.safeParse(formField(form, "quizId"));
  // Not a quiz id (a forged or broken post): back to the dashboard, like any other failed start.
  if (!quizId.success) redirect(`/host?error=start_failed`);
  let sessionId: string;
  try {
    sessionId = (await startSession(host.claims, { quizId: quizId.data })).session.id;
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
  const quizId = quizIdSchema.safeParse(formField(form, "quizId"));
  if (!quizId.success) return;
  await asCaller(appDb(), host.claims, (tx) => tx`delete from public.quizzes where id = ${quizId.data}`);
  revalidatePath("/host");
}
