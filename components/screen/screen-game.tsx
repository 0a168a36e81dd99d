"use client";

import type { PublicConfig } from "@/lib/env";
import type { Messages } from "@/lib/i18n";
import type { ServerClock } from "@/lib/client/server-clock";
import { ConnectionBadge } from "@/components/ui/connection-badge";
import { ScreenLeaderboard } from "./screen-leaderboard";
import { ScreenLobby } from "./screen-lobby";
import { ScreenPodium } from "./screen-podium";
import { ScreenQuestion } from "./screen-question";
import { ScreenReveal } from "./screen-reveal";
import { useScreenGame, type ScreenView } from "./use-screen-game";

export function ScreenGame(props: { config: PublicConfig; pin: string; t: Messages; joinUrl: string; qrSvg: string }) {
  const { game, clock, channelStatus } = useScreenGame(props.config, props.pin);
  const { t } = props;
  if (game.kind !== "ready") {
    return (
      <main className="flex min-h-dvh items-center justify-center p-[4vw]">
        <p role="status" className="text-[clamp(2rem,4vw,8rem)] font-black">
          {game.kind === "not_found" ? t.screen.notFound : t.player.connecting}
        </p>
      </main>
    );
  }
  const { snapshot } = game.view;
  return (
    <main className="flex min-h-dvh flex-col gap-[2vh] p-[3vw]">
      <header className="flex items-center justify-between gap-4 text-[clamp(1rem,1.4vw,3rem)]">
        <span className="font-black text-brand-700 dark:text-brand-500">
          {t.common.appName} · {snapshot.session.title}
        </span>
        <span className="flex items-center gap-4">
          <span className="font-bold tabular-nums">
            {t.screen.pin} {snapshot.session.pin}
          </span>
          <ConnectionBadge status={channelStatus} t={t.common} connecting={t.player.connecting} />
        </span>
      </header>
      <ScreenStage view={game.view} clock={clock} {...props} />
    </main>
  );
}

function ScreenStage(props: { view: ScreenView; clock: ServerClock; t: Messages; joinUrl: string; qrSvg: string }) {
  const { snapshot, previousRanks } = props.view;
  const { t } = props;
  const { question, leaderboard } = snapshot;
  switch (snapshot.session.state) {
    case "lobby":
      return <ScreenLobby snapshot={snapshot} t={t.screen} joinUrl={props.joinUrl} qrSvg={props.qrSvg} />;
    case "question":
    case "answering":
    case "locked":
      return question ? (
        <ScreenQuestion snapshot={snapshot} question={question} clock={props.clock} t={t.screen} playerT={t.player} />
      ) : null;
    case "revealed":
      return question ? <ScreenReveal snapshot={snapshot} question={question} t={t.screen} playerT={t.player} /> : null;
    case "leaderboard":
      return leaderboard ? <ScreenLeaderboard board={leaderboard} previousRanks={previousRanks} t={t.screen} /> : null;
    case "finished":
      return leaderboard ? <ScreenPodium board={leaderboard} t={t.screen} /> : <p>{t.screen.thanks}</p>;
  }
}
