import type { ScreenSnapshot } from "@/lib/game/snapshot";
import { format, type Messages } from "@/lib/i18n";

/** Big QR + PIN + join URL, and who has arrived (from the polled snapshot; joins are never broadcast). */
export function ScreenLobby(props: {
  snapshot: ScreenSnapshot;
  t: Messages["screen"];
  joinUrl: string;
  qrSvg: string;
}) {
  const { snapshot, t } = props;
  const names = (snapshot.lobby ?? []).slice(0, 40);
  return (
    <div className="grid flex-1 grid-cols-1 items-center gap-[3vw] lg:grid-cols-[auto_1fr]">
      <div className="flex flex-col items-center gap-4">
        <div
          role="img"
          aria-label={t.orScan}
          className="w-[min(80vw,40vh)] rounded-3xl bg-white p-4 [&>svg]:h-auto [&>svg]:w-full"
          dangerouslySetInnerHTML={{ __html: props.qrSvg }}
        />
        <p className="text-[clamp(1rem,1.6vw,3rem)] font-semibold">{t.orScan}</p>
      </div>
      <div className="flex flex-col gap-[2vh]">
        <p className="text-[clamp(1.25rem,2vw,4rem)]">
          {t.joinAt}{" "}
          <span className="font-bold break-all">{props.joinUrl.replace(/^https?:\/\//, "").replace(/\?.*$/, "")}</span>
        </p>
        <p className="flex items-baseline gap-4">
          <span className="text-[clamp(1.25rem,2vw,4rem)] font-semibold uppercase">{t.pin}</span>
          <span className="text-[clamp(3rem,9vw,18rem)] font-black tracking-widest tabular-nums">
            {snapshot.session.pin}
          </span>
        </p>
        <p aria-live="polite" className="text-[clamp(1.5rem,3vw,6rem)] font-bold">
          {snapshot.player_count === 0 ? t.waiting : format(t.players, { count: snapshot.player_count })}
        </p>
        <ul className="flex flex-wrap gap-3" aria-label={t.playerCount}>
          {names.map((player) => (
            <li
              key={player.id}
              className="rounded-full bg-white px-4 py-1 text-[clamp(1rem,1.6vw,3rem)] font-semibold dark:bg-stone-800"
            >
              {player.nickname}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
