import type { Metadata } from "next";
import Link from "next/link";
import { QuizList } from "@/components/host/quiz-list";
import { SessionTable } from "@/components/host/session-table";
import { requestLocale } from "@/lib/i18n/server";
import { getDashboard } from "@/lib/server/get-dashboard";
import { requireHost } from "@/lib/server/require-host";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
  return { title: t.host.dashboardTitle };
}

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string | string[] }>;
}) {
  const host = await requireHost();
  const { t, locale } = await requestLocale();
  const { error } = await searchParams;
  const { quizzes, sessions } = await getDashboard(host.claims);
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <main className="mx-auto flex max-w-5xl flex-col gap-8 p-4 sm:p-6">
      {error === "start_failed" && (
        <p role="alert" className="rounded-lg bg-amber-100 p-3 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {t.host.startFailed}
        </p>
      )}
      <section className="flex flex-col gap-4">
        <div className="flex items-center justify-between gap-3">
          <h1 className="text-2xl font-bold">{t.host.dashboardTitle}</h1>
          <Link
            href="/host/quizzes/new"
            className="rounded-xl bg-brand-700 px-4 py-2 font-bold text-white hover:bg-brand-800"
          >
            {t.host.newQuiz}
          </Link>
        </div>
        <QuizList quizzes={quizzes} t={t.host} dateFormat={dateFormat} />
      </section>
      <section className="flex flex-col gap-4">
        <h2 className="text-xl font-bold">{t.host.sessionsTitle}</h2>
        <SessionTable sessions={sessions} t={t} dateFormat={dateFormat} />
      </section>
    </main>
  );
}
