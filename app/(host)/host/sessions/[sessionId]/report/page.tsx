import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { PlayerResults } from "@/components/report/player-results";
import { QuestionResults } from "@/components/report/question-results";
import { requestLocale } from "@/lib/i18n/server";
import { getSessionReport } from "@/lib/server/get-session-report";
import { requireHost } from "@/lib/server/require-host";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
  return { title: t.report.title };
}

export default async function ReportPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  if (!z.guid().safeParse(sessionId).success) notFound();
  const host = await requireHost();
  const result = await getSessionReport(host.claims, sessionId);
  if (!result) notFound();
  const { t, locale } = await requestLocale();
  const { report, options } = result;
  const date = report.session.started_at ?? report.session.finished_at;
  return (
    <main className="mx-auto flex max-w-6xl flex-col gap-6 p-4 sm:p-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-2xl font-bold">
            {t.report.title}: {report.session.title}
          </h1>
          <p className="text-sm text-stone-600 dark:text-stone-400">
            {t.host.pin} {report.session.pin} · {t.states[report.session.state]}
            {date &&
              ` · ${new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(date))}`}
          </p>
        </div>
        <a
          href={`/host/sessions/${sessionId}/report.csv`}
          download
          className="rounded-xl bg-brand-700 px-4 py-2 font-bold text-white hover:bg-brand-800"
        >
          {t.report.exportCsv}
        </a>
      </div>
      <section className="flex flex-col gap-3">
        <h2 className="text-xl font-bold">{t.report.players}</h2>
        <PlayerResults report={report} options={options} t={t.report} />
      </section>
      {report.teams && report.teams.length > 0 && (
        <section className="flex flex-col gap-3">
          <h2 className="text-xl font-bold">{t.console.teams}</h2>
          <ol className="flex flex-col gap-1 rounded-2xl bg-white p-4 shadow-sm dark:bg-stone-900">
            {report.teams.map((team) => (
              <li key={team.team_id} className="flex justify-between gap-2">
                <span>
                  <span className="inline-block w-8 font-mono text-stone-500">{team.rank}.</span>
                  {team.name} ({team.member_count})
                </span>
                <span className="font-mono font-semibold">{team.score}</span>
              </li>
            ))}
          </ol>
        </section>
      )}
      <section className="flex flex-col gap-3">
        <h2 className="text-xl font-bold">{t.report.questions}</h2>
        <QuestionResults report={report} options={options} t={t} />
      </section>
    </main>
  );
}
