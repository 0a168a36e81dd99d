import type { ScreenSnapshot } from "@/lib/game/snapshot";
import { format, type Messages } from "@/lib/i18n";
import { TeamStandings } from "./screen-leaderboard";

type Board = NonNullable<ScreenSnapshot["leaderboard"]>;

const PLACES = [
  { order: "order-2", height: "h-[32vh]" },
  { order: "order-1", height: "h-[25vh]" },
  { order: "order-3", height: "h-[19vh]" },
];

/** The final top 3 on steps (winner in the middle), plus the team standings when teams played. */
export function ScreenPodium({ board, t }: { board: Board; t: Messages["screen"] }) {
  return (
    <div className="flex flex-1 flex-col gap-[3vh]">
      <h1 className="text-center text-[clamp(2rem,5vw,10rem)] font-black">{t.podium}</h1>
      <div className="flex flex-1 gap-[3vw]">
        <ol className="flex flex-1 items-end justify-center gap-[2vw]">
          {board.top.slice(0, 3).map((row, index) => {
            const place = PLACES[index] ?? PLACES[2];
            return (
              <li
                key={row.participant_id}
                className={`flex max-w-[25vw] min-w-0 flex-1 flex-col items-center gap-[1vh] ${place?.order}`}
              >
                <span className="max-w-full truncate text-[clamp(1.5rem,3vw,6rem)] font-black">{row.nickname}</span>
                <span className="text-[clamp(1rem,2vw,4rem)] font-bold tabular-nums">
                  {format(t.points, { score: row.score })}
                </span>
                <span
                  className={`flex w-full items-start justify-center rounded-t-3xl bg-brand-700 pt-[2vh] text-[min(7vw,12vh)] leading-none font-black text-white ${place?.height}`}
                >
                  {row.rank}
                </span>
              </li>
            );
          })}
        </ol>
        {board.teams && board.teams.length > 0 && (
          <div className="w-[28vw] shrink-0">
            <TeamStandings teams={board.teams} t={t} />
          </div>
        )}
      </div>
      <p className="text-center text-[clamp(1.5rem,3vw,6rem)] font-bold">{t.thanks}</p>
    </div>
  );
}
