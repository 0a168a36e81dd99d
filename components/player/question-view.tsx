"use client";

import type { ServerClock } from "@/lib/client/server-clock";
import type { PlayerSnapshot } from "@/lib/game/snapshot";
import type { PublicQuestion } from "@/lib/game/shapes";
import { format, type Messages } from "@/lib/i18n";
import { Countdown } from "@/components/ui/countdown";
import { QuestionImage } from "@/components/ui/question-image";
import { AnswerInputs } from "./answer-inputs";
import { DeliveryStatus } from "./delivery-status";
import { describeResponse } from "./describe-answer";
import { useAnswerDelivery } from "./use-answer-delivery";
import { useFallbackClose } from "./use-fallback-close";

/** Matches game.answer_grace(): the server still accepts an answer this long after the deadline. */
const ANSWER_GRACE_MS = 1000;

export function QuestionView(props: {
  snapshot: PlayerSnapshot;
  question: PublicQuestion;
  clock: ServerClock;
  token: () => Promise<string>;
  t: Messages["player"];
}) {
  const { snapshot, question, clock, token, t } = props;
  const { session } = snapshot;
  const isAnswering = session.state === "answering";
  const isPaused = session.paused_at !== null;
  const { delivery, submit } = useAnswerDelivery({
    sessionId: session.id,
    questionId: question.id,
    token,
    msLeft: () =>
      (isPaused ? (session.remaining_ms ?? 0) : session.deadline_at ? clock.remainingUntil(session.deadline_at) : 0) +
      ANSWER_GRACE_MS,
  });
  useFallbackClose({
    sessionId: session.id,
    questionId: question.id,
    isAnswering: isAnswering && !isPaused,
    deadlineAt: session.deadline_at,
    clock,
    token,
  });
  const stored = snapshot.my_answer?.question_id === question.id ? snapshot.my_answer : null;
  const hasAnswered = stored !== null || (delivery !== null && delivery.state.status !== "rejected");
  const answerText = stored
    ? describeResponse(question, stored.response, t)
    : delivery
      ? describeResponse(question, delivery.response, t)
      : null;

  return (
    <section className="flex flex-col gap-5" aria-labelledby="question-prompt">
      <div className="flex items-center justify-between gap-4 text-lg font-semibold">
        <span>{format(t.questionOf, { index: question.index + 1, count: question.count })}</span>
        {isAnswering && (
          <Countdown
            clock={clock}
            deadlineAt={session.deadline_at}
            pausedRemainingMs={isPaused ? session.remaining_ms : null}
            labels={t}
            className="flex size-16 items-center justify-center rounded-full bg-stone-900 text-3xl font-black text-white dark:bg-white dark:text-stone-900"
          />
        )}
      </div>
      <h2 id="question-prompt" className="text-3xl font-bold leading-tight">
        {question.prompt}
      </h2>
      <QuestionImage url={question.image_url} className="max-h-[30vh]" />
      {session.state === "question" && <p className="text-xl">{t.getReady}</p>}
      {session.state === "locked" && !hasAnswered && (
        <p role="status" className="text-2xl font-bold">
          {t.timeUp}
        </p>
      )}
      {isAnswering && !hasAnswered && (
        <AnswerInputs question={question} t={t} isDisabled={isPaused} onSubmit={submit} />
      )}
      {answerText !== null && hasAnswered && (
        <p className="rounded-xl bg-white p-4 text-xl dark:bg-stone-900">
          {format(t.youAnswered, { answer: answerText })}
        </p>
      )}
      <DeliveryStatus
        state={delivery?.state ?? (stored ? { status: "acknowledged", receivedAt: stored.received_at } : null)}
        t={t}
      />
      {session.state === "locked" && hasAnswered && <p className="text-center text-xl">{t.waitingReveal}</p>}
    </section>
  );
}
