import type { PublicQuestion } from "@/lib/game/shapes";
import { format, type Messages } from "@/lib/i18n";

export function QuestionHeading({ question, t }: { question: PublicQuestion; t: Messages["screen"] }) {
  return (
    <div className="flex flex-col gap-[1vh]">
      <p className="text-[clamp(1.25rem,2vw,4rem)] font-semibold text-stone-700 dark:text-stone-300">
        {format(t.questionOf, { index: question.index + 1, count: question.count })}
        {question.round ? ` · ${question.round.title}` : ""}
      </p>
      <h1 className="text-[clamp(2rem,4.5vw,9rem)] font-black leading-tight">{question.prompt}</h1>
    </div>
  );
}
