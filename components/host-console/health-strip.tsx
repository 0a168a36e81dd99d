import type { Messages } from "@/lib/i18n";
import { worstLevel, type HealthLevel, type HealthLine } from "./room-health";

type Props = { lines: HealthLine[]; t: Messages["console"]["health"] };

const styles: Record<HealthLevel, string> = {
  ok: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
  warn: "bg-amber-100 text-amber-950 dark:bg-amber-950 dark:text-amber-100",
  bad: "bg-red-100 text-red-950 dark:bg-red-950 dark:text-red-100",
};
// The level is in the words and the mark, not only in the colour.
const marks: Record<HealthLevel, string> = { ok: "✓", warn: "!", bad: "✕" };

/** The room at a glance: realtime, server, answers, acknowledgement time; amber and red say what is wrong. */
export function HealthStrip({ lines, t }: Props) {
  const worst = worstLevel(lines);
  return (
    <section aria-labelledby="health-heading" className="rounded-2xl bg-white p-3 shadow-sm dark:bg-stone-900">
      <h2 id="health-heading" className="sr-only">
        {t.title}
      </h2>
      <div role="status" aria-live="polite">
        <p className="sr-only">{t.levels[worst]}</p>
        <ul className="flex flex-wrap gap-2 text-sm font-semibold">
          {lines.map((line) => (
            <li key={line.id} className={`rounded-full px-3 py-0.5 ${styles[line.level]}`}>
              <span aria-hidden="true">{marks[line.level]} </span>
              {line.text}
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
