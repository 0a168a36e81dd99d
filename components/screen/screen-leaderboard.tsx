import type { ScreenSnapshot } from "@/lib/game/snapshot";
import { format, type Messages } from "@/lib/i18n";

type Board = NonNullable<ScreenSnapshot["leaderboard"]>;

/** Top 10 with movement since the previous leaderboard this screen showed; team standings beside them. */
export function ScreenLeaderboard(props: {
  board: Board;
  previousRanks: Map<string, number> | null;
  t: Messages["screen"];
}) {
  const { board, previousRanks, t } = props;
  return (
    <div className={`grid flex-1 grid-cols-1 gap-[3vw] ${board.teams?.length ? "xl:grid-cols-[2fr_1fr]" : ""}`}>
      <section aria-labelledby="board-title" className="flex flex-col gap-[1.5vh]">
        <h1 id="board-title" className="text-[clamp(2rem,4vw,8rem)] font-black">
          {t.leaderboard}
        </h1>
        <ol className="flex flex-col gap-[1vh]">
          {board.top.slice(0, 10).map((row) => (
            <li
              key={row.participant_id}
              className="flex items-center gap-[2vw] rounded-2xl bg-white px-[2vw] py-[1vh] text-[clamp(1.25rem,2.4vw,5rem)] dark:bg-stone-900"
            >
              <span className="w-[5vw] font-black tabular-nums">{row.rank}</span>
              <span className="flex-1 truncate font-bold">{row.nickname}</span>
              <Movement
                previous={previousRanks ? previousRanks.get(row.participant_id) : undefined}
                hasPrevious={previousRanks !== null}
                rank={row.rank}
                t={t}
              />
              <span className="w-[16vw] text-right font-black tabular-nums">
                {format(t.points, { score: row.score })}
              </span>
            </li>
          ))}
        </ol>
      </section>
      {board.teams && board.teams.length > 0 && <TeamStandings teams={board.teams} t={t} />}
    </div>
  );
}

function Movement(props: { previous: number | undefined; hasPrevious: boolean; rank: number; t: Messages["screen"] }) {
  const { previous, rank, t } = props;
  if (!props.hasPrevious) return <span className="w-[10vw]" />;
  if (previous === undefined) return <span className="w-[10vw] text-[0.7em] font-bold">★ {t.newEntry}</span>;
  const delta = previous - rank;
  if (delta === 0)
    return (
      <span className="w-[10vw]" aria-hidden="true">
        –
      </span>
    );
  return (
    <span
      className={`w-[10vw] text-[0.7em] font-bold ${delta > 0 ? "text-green-800 dark:text-green-400" : "text-red-800 dark:text-red-400"}`}
    >
      {delta > 0 ? "▲" : "▼"} {format(delta > 0 ? t.up : t.down, { count: Math.abs(delta) })}
    </span>
  );
}

export function TeamStandings({ teams, t }: { teams: NonNullable<Board["teams"]>; t: Messages["screen"] }) {
  return (
    <section aria-labelledby="teams-title" className="flex flex-col gap-[1.5vh]">
      <h2 id="teams-title" className="text-[clamp(1.5rem,3vw,6rem)] font-black">
        {t.teams}
      </h2>
      <ol className="flex flex-col gap-[1vh]">
        {teams.slice(0, 10).map((team) => (
          <li
            key={team.team_id}
            className="flex gap-[1.5vw] rounded-2xl bg-white px-[1.5vw] py-[1vh] text-[clamp(1rem,2vw,4rem)] dark:bg-stone-900"
          >
            <span className="font-black tabular-nums">{team.rank}</span>
            <span className="min-w-0 flex-1 truncate font-bold">{team.name}</span>
            <span className="shrink-0 font-black whitespace-nowrap tabular-nums">
              {format(t.points, { score: team.score })}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
