"use client";

import type { ServerClock } from "@/lib/client/server-clock";
import type { ScreenSnapshot } from "@/lib/game/snapshot";
import type { PublicQuestion } from "@/lib/game/shapes";
import { format, type Messages } from "@/lib/i18n";
import { Countdown } from "@/components/ui/countdown";
import { QuestionImage } from "@/components/ui/question-image";
import { optionColour, optionMark } from "@/components/ui/option-marks";
import { optionLabel } from "@/components/player/describe-answer";
import { QuestionHeading } from "./question-heading";

export function ScreenQuestion(props: {
  snapshot: ScreenSnapshot;
  question: PublicQuestion;
  clock: ServerClock;
  t: Messages["screen"];
  playerT: Messages["player"];
}) {
  const { snapshot, question, t } = props;
  const { session } = snapshot;
  const isPaused = session.paused_at !== null;
  return (
    <div className="flex flex-1 flex-col gap-[3vh]">
      <div className="flex items-start justify-between gap-[3vw]">
        <QuestionHeading question={question} t={t} />
        {session.state === "answering" && (
          <Countdown
            clock={props.clock}
            deadlineAt={session.deadline_at}
            pausedRemainingMs={isPaused ? session.remaining_ms : null}
            labels={{ secondsLeft: props.playerT.secondsLeft, timeUp: t.timeUp, paused: t.paused }}
            className="flex size-[clamp(6rem,12vw,24rem)] shrink-0 items-center justify-center rounded-full bg-stone-900 text-[clamp(3rem,6vw,12rem)] font-black text-white dark:bg-white dark:text-stone-900"
          />
        )}
      </div>
      <QuestionImage url={question.image_url} className="max-h-[35vh]" />
      {session.state === "question" && <p className="text-[clamp(1.5rem,3vw,6rem)] font-semibold">{t.getReady}</p>}
      {session.state === "locked" && <p className="text-[clamp(2rem,4vw,8rem)] font-black">{t.timeUp}</p>}
      {question.options.length > 0 && (
        <ul className="grid flex-1 grid-cols-1 gap-[2vh] md:grid-cols-2">
          {question.options.map((option, index) => (
            <li
              key={option.id}
              className={`flex items-center gap-[2vw] rounded-3xl px-[2vw] py-[2vh] text-[clamp(1.5rem,3.2vw,7rem)] font-bold text-white ${optionColour(index)}`}
            >
              <span aria-hidden="true">{optionMark(index)}</span>
              {optionLabel(question, option, props.playerT)}
            </li>
          ))}
        </ul>
      )}
      {snapshot.answer_count !== null && (
        <p aria-live="polite" className="text-right text-[clamp(1.5rem,2.5vw,5rem)] font-bold tabular-nums">
          {format(t.answered, { count: snapshot.answer_count, total: snapshot.player_count })}
        </p>
      )}
    </div>
  );
}
