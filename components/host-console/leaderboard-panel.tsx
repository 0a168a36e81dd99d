import type { Messages } from "@/lib/i18n";
import type { HostSnapshot } from "@/lib/game/snapshot";

export function LeaderboardPanel({ snapshot, t }: { snapshot: HostSnapshot; t: Messages["console"] }) {
  const top = snapshot.leaderboard?.top ?? [];
  if (top.length === 0) return null;
  return (
    <section aria-labelledby="top-heading" className="rounded-2xl bg-white p-4 shadow-sm dark:bg-stone-900">
      <h2 id="top-heading" className="mb-2 text-lg font-bold">
        {t.topPlayers}
      </h2>
      <ol className="flex flex-col gap-1">
        {top.map((s) => (
          <li key={s.participant_id} className="flex justify-between gap-2">
            <span>
              <span className="inline-block w-8 font-mono text-stone-500">{s.rank}.</span>
              {s.nickname}
            </span>
            <span className="font-mono font-semibold">{s.score}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
