import type { ScreenSnapshot } from "@/lib/game/snapshot";
import type { PublicQuestion } from "@/lib/game/shapes";
import { format, type Messages } from "@/lib/i18n";
import { optionLabel } from "@/components/player/describe-answer";
import { optionColour, optionMark } from "@/components/ui/option-marks";
import { QuestionHeading } from "./question-heading";

/** The distribution as bars with counts; the right options carry a tick and the word, not only a colour. */
export function ScreenReveal(props: {
  snapshot: ScreenSnapshot;
  question: PublicQuestion;
  t: Messages["screen"];
  playerT: Messages["player"];
}) {
  const { snapshot, question, t } = props;
  const reveal = snapshot.reveal?.question_id === question.id ? snapshot.reveal : null;
  if (!reveal) return <QuestionHeading question={question} t={t} />;
  const { key, stats } = reveal;
  const counts = new Map((stats.distribution ?? []).map((row) => [row.option_id, row.count]));
  const most = Math.max(1, ...counts.values());
  return (
    <div aria-live="polite" className="flex flex-1 flex-col gap-[3vh]">
      <QuestionHeading question={question} t={t} />
      {question.options.length > 0 && (
        <ul className="flex flex-col gap-[1.5vh]">
          {question.options.map((option, index) => {
            const count = counts.get(option.id) ?? 0;
            const isCorrect = key.correct_option_ids.includes(option.id);
            return (
              <li key={option.id} className={`flex items-center gap-[1.5vw] ${isCorrect ? "" : "opacity-70"}`}>
                <span className="w-[30vw] shrink-0 truncate text-[clamp(1.25rem,2.5vw,5rem)] font-bold">
                  <span aria-hidden="true">{optionMark(index)} </span>
                  {optionLabel(question, option, props.playerT)}
                </span>
                <span className="flex h-[clamp(2rem,5vh,8rem)] flex-1 items-center">
                  <span
                    className={`h-full rounded-r-2xl ${optionColour(index)}`}
                    style={{ width: `${Math.max(1, (count / most) * 100)}%` }}
                  />
                </span>
                <span className="w-[6vw] text-right text-[clamp(1.25rem,2.5vw,5rem)] font-black tabular-nums">
                  {count}
                </span>
                <span className="w-[14vw] text-[clamp(1rem,2vw,4rem)] font-black text-green-800 dark:text-green-400">
                  {isCorrect ? `✓ ${t.correctMark}` : ""}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {key.accepted_answers.length > 0 && (
        <p className="text-[clamp(1.5rem,3vw,6rem)] font-bold">
          ✓ {format(t.acceptedAnswers, { answers: key.accepted_answers.join(" / ") })}
        </p>
      )}
      {key.target !== null && (
        <p className="text-[clamp(1.5rem,3vw,6rem)] font-bold">
          ✓ {format(t.target, { target: key.target, tolerance: key.tolerance ?? 0 })}
        </p>
      )}
      {stats.correct_count !== null && (
        <p className="text-[clamp(1.25rem,2.5vw,5rem)] font-semibold">
          {format(t.correctCount, { correct: stats.correct_count, answered: stats.answer_count })}
        </p>
      )}
      {key.explanation && (
        <p className="rounded-3xl bg-white p-[2vw] text-[clamp(1.25rem,2.2vw,4.5rem)] dark:bg-stone-900">
          <strong>{t.explanation}: </strong>
          {key.explanation}
        </p>
      )}
    </div>
  );
}
