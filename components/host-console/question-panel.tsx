import { format, type Messages } from "@/lib/i18n";
import type { HostSnapshot } from "@/lib/game/snapshot";

type Props = { snapshot: HostSnapshot; remainingMs: number | null; t: Messages["console"] };

/** The current question as the host sees it: key marked, countdown, answers in, live distribution. */
export function QuestionPanel({ snapshot, remainingMs, t }: Props) {
  const { question, session, host } = snapshot;
  if (!question) return null;
  const activePlayers = snapshot.players.filter((p) => !p.is_kicked).length;
  const distribution = host?.stats.distribution ?? null;
  const total = Math.max(1, snapshot.answer_count ?? host?.stats.answer_count ?? 0);
  const correct = new Set(host?.key.correct_option_ids ?? []);
  const showsTimer = session.state === "answering";
  return (
    <section
      aria-labelledby="question-heading"
      className="flex flex-col gap-4 rounded-2xl bg-white p-4 shadow-sm dark:bg-stone-900"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm text-stone-600 dark:text-stone-400">
        <span>
          {format(t.questionOf, { n: question.index + 1, count: question.count })}
          {question.round && ` · ${question.round.title}`}
        </span>
        {showsTimer && (
          <span
            role="timer"
            aria-live="off"
            className="font-mono text-2xl font-bold text-stone-900 dark:text-stone-100"
          >
            {session.paused_at ? t.paused : format(t.secondsLeft, { seconds: Math.ceil((remainingMs ?? 0) / 1000) })}
          </span>
        )}
      </div>
      <h2 id="question-heading" className="text-2xl font-bold">
        {question.prompt}
      </h2>
      {question.image_url && (
        // eslint-disable-next-line @next/next/no-img-element -- host-supplied URL of any origin; next/image would need each domain configured
        <img src={question.image_url} alt="" className="max-h-48 self-start rounded-lg object-contain" />
      )}
      <p aria-live="polite" className="text-lg font-semibold">
        {format(t.answered, { count: snapshot.answer_count ?? 0, total: activePlayers })}
      </p>
      {distribution && (
        <ul className="flex flex-col gap-2">
          {question.options.map((option) => {
            const count = distribution.find((d) => d.option_id === option.id)?.count ?? 0;
            const isCorrect = correct.has(option.id);
            return (
              <li key={option.id} className="flex flex-col gap-1">
                <div className="flex justify-between text-sm">
                  <span className={isCorrect ? "font-bold" : ""}>
                    {isCorrect && <span aria-label={t.correctAnswer}>✓ </span>}
                    {option.text}
                  </span>
                  <span className="font-mono">{count}</span>
                </div>
                <div className="h-3 rounded-full bg-stone-100 dark:bg-stone-800">
                  <div
                    className={`h-3 rounded-full ${isCorrect ? "bg-green-600" : "bg-stone-400 dark:bg-stone-500"}`}
                    style={{ width: `${Math.round((count / total) * 100)}%` }}
                  />
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {host && question.kind === "typed" && (
        <p>{format(t.accepted, { answers: host.key.accepted_answers.join(", ") })}</p>
      )}
      {host && question.kind === "numeric" && (
        <p>
          {t.correctAnswer}:{" "}
          {format(t.targetAnswer, { target: host.key.target ?? "", tolerance: host.key.tolerance ?? 0 })}
        </p>
      )}
      {host?.key.explanation && (session.state === "revealed" || session.state === "leaderboard") && (
        <p className="rounded-lg bg-stone-100 p-3 dark:bg-stone-800">{host.key.explanation}</p>
      )}
    </section>
  );
}
