import Link from "next/link";
import { deleteQuizAction, startSessionAction } from "@/app/(host)/host/actions";
import { format, type Messages } from "@/lib/i18n";
import type { DashboardQuiz } from "@/lib/server/get-dashboard";
import { ConfirmButton } from "./confirm-button";

const buttonClass =
  "rounded-lg px-3 py-1.5 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-brand-500";

export function QuizList({
  quizzes,
  t,
  dateFormat,
}: {
  quizzes: DashboardQuiz[];
  t: Messages["host"];
  dateFormat: Intl.DateTimeFormat;
}) {
  if (quizzes.length === 0) return <p className="text-stone-600 dark:text-stone-400">{t.noQuizzes}</p>;
  return (
    <ul className="grid gap-3 sm:grid-cols-2">
      {quizzes.map((quiz) => (
        <li key={quiz.id} className="flex flex-col gap-3 rounded-2xl bg-white p-4 shadow-sm dark:bg-stone-900">
          <div>
            <h3 className="text-lg font-bold">{quiz.title}</h3>
            <p className="text-sm text-stone-600 dark:text-stone-400">
              {format(t.questions, { count: quiz.questionCount })} ·{" "}
              {format(t.updated, { date: dateFormat.format(quiz.updatedAt) })}
            </p>
          </div>
          <div className="flex flex-wrap gap-2">
            <form action={startSessionAction}>
              <input type="hidden" name="quizId" value={quiz.id} />
              <button type="submit" className={`${buttonClass} bg-brand-700 text-white hover:bg-brand-800`}>
                {t.startSession}
              </button>
            </form>
            <Link
              href={`/host/quizzes/${quiz.id}`}
              className={`${buttonClass} border border-stone-300 dark:border-stone-700`}
            >
              {t.edit}
            </Link>
            <form action={deleteQuizAction}>
              <input type="hidden" name="quizId" value={quiz.id} />
              <ConfirmButton
                message={t.confirmDelete}
                className={`${buttonClass} text-red-700 hover:bg-red-50 dark:text-red-400 dark:hover:bg-red-950`}
              >
                {t.delete}
              </ConfirmButton>
            </form>
          </div>
        </li>
      ))}
    </ul>
  );
}
