import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { QuizEditorLoader as QuizEditor } from "@/components/quiz-editor/quiz-editor-loader";
import { newQuestion } from "@/lib/game/quiz-draft";
import { requestLocale } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
  return { title: t.editor.newTitle };
}

export default async function NewQuizPage() {
  const { t } = await requestLocale();
  return (
    <main className="mx-auto flex max-w-3xl flex-col gap-4 p-4 sm:p-6">
      <h1 className="text-2xl font-bold">{t.editor.newTitle}</h1>
      <QuizEditor
        quizId={null}
        initial={{ title: "", rounds: [], questions: [newQuestion(randomUUID())] }}
        t={t.editor}
      />
    </main>
  );
}
