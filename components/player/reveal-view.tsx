import type { PlayerSnapshot } from "@/lib/game/snapshot";
import type { PublicQuestion } from "@/lib/game/shapes";
import { format, type Messages } from "@/lib/i18n";
import { describeResponse, optionLabel } from "./describe-answer";

/** Right or wrong in words and an icon (not only colour), points, streak, and where the player stands. */
export function RevealView(props: { snapshot: PlayerSnapshot; question: PublicQuestion; t: Messages["player"] }) {
  const { snapshot, question, t } = props;
  const answer = snapshot.my_answer?.question_id === question.id ? snapshot.my_answer : null;
  const key = snapshot.reveal?.question_id === question.id ? snapshot.reveal.key : null;
  const isCorrect = answer?.is_correct ?? false;
  const rightAnswer = key
    ? key.correct_option_ids.length > 0
      ? question.options
          .filter((option) => key.correct_option_ids.includes(option.id))
          .map((option) => optionLabel(question, option, t))
          .join(", ")
      : key.target !== null
        ? `${key.target}${key.tolerance ? ` ± ${key.tolerance}` : ""}`
        : key.accepted_answers.join(" / ")
    : null;
  // The player's copy of the reveal carries the scored answer; only a snapshot taken before it has none.
  const isScoring = answer !== null && answer.is_correct === null;
  return (
    <section aria-live="polite" className="flex flex-col items-center gap-4 text-center">
      {isScoring ? (
        <p className="w-full rounded-3xl bg-white p-8 text-2xl font-bold dark:bg-stone-900">{t.waitingReveal}</p>
      ) : (
        <div
          className={`flex w-full flex-col items-center gap-2 rounded-3xl p-8 text-white ${isCorrect ? "bg-green-700" : "bg-red-700"}`}
        >
          <span aria-hidden="true" className="text-7xl font-black">
            {isCorrect ? "✓" : "✗"}
          </span>
          <h2 className="text-4xl font-black">{isCorrect ? t.correct : t.wrong}</h2>
          {answer?.points != null && (
            <p className="text-2xl font-bold">{format(t.pointsEarned, { points: answer.points })}</p>
          )}
          {answer?.streak_bonus ? <p>{format(t.streakBonus, { points: answer.streak_bonus })}</p> : null}
        </div>
      )}
      <p className="text-lg">
        {answer ? format(t.youAnswered, { answer: describeResponse(question, answer.response, t) }) : t.noAnswer}
      </p>
      {rightAnswer && <p className="text-lg font-semibold">{format(t.correctAnswer, { answer: rightAnswer })}</p>}
      {snapshot.me.streak ? <p className="text-xl">{format(t.streak, { count: snapshot.me.streak })}</p> : null}
      <MyStanding snapshot={snapshot} t={t} />
      <MyTeamStanding snapshot={snapshot} t={t} />
    </section>
  );
}

export function MyStanding({ snapshot, t }: { snapshot: PlayerSnapshot; t: Messages["player"] }) {
  return (
    <dl className="grid w-full grid-cols-2 gap-3 text-center">
      <div className="rounded-2xl bg-white p-4 dark:bg-stone-900">
        <dt className="text-sm font-semibold uppercase tracking-wide">{t.score}</dt>
        <dd className="text-4xl font-black tabular-nums">{snapshot.me.score}</dd>
      </div>
      <div className="rounded-2xl bg-white p-4 dark:bg-stone-900">
        <dt className="text-sm font-semibold uppercase tracking-wide">{t.rank}</dt>
        <dd className="text-2xl font-black tabular-nums">
          {format(t.rankOf, { rank: snapshot.me.rank, count: snapshot.player_count })}
        </dd>
      </div>
    </dl>
  );
}

/**
 * With teams on: where the player's table stands, beside their own standing. The leaderboard (event or
 * snapshot) is the freshest source; at the reveal the player's own snapshot carries it (me.team).
 */
export function MyTeamStanding({ snapshot, t }: { snapshot: PlayerSnapshot; t: Messages["player"] }) {
  const teamId = snapshot.me.participant.team_id;
  if (!teamId) return null;
  const board = snapshot.leaderboard?.teams;
  const team = board?.find((candidate) => candidate.team_id === teamId) ?? snapshot.me.team;
  if (!team || team.team_id !== teamId) return null;
  const count = board?.length ?? snapshot.teams?.length ?? 0;
  return (
    <section
      aria-labelledby="my-team-heading"
      className="w-full rounded-2xl border-2 border-brand-600 bg-white p-4 text-center dark:bg-stone-900"
    >
      <h3 id="my-team-heading" className="text-sm font-semibold uppercase tracking-wide">
        {format(t.yourTeam, { name: team.name })}
      </h3>
      <p className="text-2xl font-black tabular-nums">
        {format(t.teamStanding, { rank: team.rank, count, score: team.score })}
      </p>
    </section>
  );
}
