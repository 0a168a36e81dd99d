import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { QuizEditorLoader as QuizEditor } from "@/components/quiz-editor/quiz-editor-loader";
import { quizToDraft } from "@/lib/game/quiz-draft";
import { requestLocale } from "@/lib/i18n/server";
import { getQuiz } from "@/lib/server/get-quiz";
import { requireHost } from "@/lib/server/require-host";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
  return { title: t.editor.editTitle };
}

export default async function EditQuizPage({ params }: { params: Promise<{ quizId: string }> }) {
  const { quizId } = await params;
  if (!z.guid().safeParse(quizId).success) notFound();
  const host = await requireHost();
  const quiz = await getQuiz(host.claims, quizId);
  if (!quiz) notFound();
  const { t } = await requestLocale();
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-4 p-4 sm:p-6">
      <h1 className="text-2xl font-bold">{t.editor.editTitle}</h1>
      <QuizEditor key={quizId} quizId={quizId} initial={quizToDraft(quiz, randomUUID)} t={t.editor} />
    </main>
  );
}
