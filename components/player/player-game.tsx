"use client";

import Link from "next/link";
import type { PublicConfig } from "@/lib/env";
import type { PlayerSnapshot } from "@/lib/game/snapshot";
import { format, type Messages } from "@/lib/i18n";
import { ConnectionBadge } from "@/components/ui/connection-badge";
import { primaryButton } from "@/components/ui/styles";
import { QuestionView } from "./question-view";
import { MyStanding, MyTeamStanding, RevealView } from "./reveal-view";
import { usePlayerGame } from "./use-player-game";

export function PlayerGame({ config, sessionId, t }: { config: PublicConfig; sessionId: string; t: Messages }) {
  const { game, clock, channelStatus, loadFailed, token } = usePlayerGame(config, sessionId);
  const p = t.player;

  if (game.kind === "kicked" || game.kind === "not_in_game") {
    return (
      <Page>
        <span aria-hidden="true" className="text-7xl">
          {game.kind === "kicked" ? "⊘" : "?"}
        </span>
        <h1 role="alert" className="text-3xl font-black">
          {game.kind === "kicked" ? p.kickedTitle : p.notInGame}
        </h1>
        {game.kind === "kicked" && <p className="text-xl">{p.kickedBody}</p>}
        <Link href="/join" className={primaryButton}>
          {p.joinAgain}
        </Link>
      </Page>
    );
  }
  if (game.kind === "loading") {
    return (
      <Page>
        <p role="status" className="text-2xl font-semibold">
          {loadFailed ? t.errors.network : p.connecting}
        </p>
      </Page>
    );
  }

  const { snapshot } = game;
  const me = snapshot.me.participant;
  const team = snapshot.teams?.find((candidate) => candidate.id === me.team_id);
  return (
    <main className="mx-auto flex min-h-dvh max-w-2xl flex-col gap-6 p-4">
      <header className="flex items-center justify-between gap-3 text-sm">
        <span className="font-semibold">
          {format(p.playingAs, { name: me.nickname })}
          {team ? ` · ${format(p.teamName, { name: team.name })}` : ""}
        </span>
        <ConnectionBadge status={channelStatus} t={t.common} connecting={p.connecting} />
      </header>
      <PlayerStage snapshot={snapshot} clock={clock} token={token} t={p} />
    </main>
  );
}

function PlayerStage(props: {
  snapshot: PlayerSnapshot;
  clock: Parameters<typeof QuestionView>[0]["clock"];
  token: () => Promise<string>;
  t: Messages["player"];
}) {
  const { snapshot, t } = props;
  const { question } = snapshot;
  switch (snapshot.session.state) {
    case "lobby":
      return (
        <Centered>
          <span aria-hidden="true" className="text-7xl">
            ✓
          </span>
          <h1 className="text-4xl font-black">{t.lobbyTitle}</h1>
          <p role="status" className="text-xl">
            {t.lobbyWaiting}
          </p>
        </Centered>
      );
    case "question":
    case "answering":
    case "locked":
      return question ? (
        <QuestionView
          key={question.id}
          snapshot={snapshot}
          question={question}
          clock={props.clock}
          token={props.token}
          t={t}
        />
      ) : null;
    case "revealed":
      return question ? <RevealView snapshot={snapshot} question={question} t={t} /> : null;
    case "leaderboard":
      return (
        <Centered>
          <h1 className="text-3xl font-black">{t.leaderboardTitle}</h1>
          <MyStanding snapshot={snapshot} t={t} />
          <MyTeamStanding snapshot={snapshot} t={t} />
        </Centered>
      );
    case "finished":
      return (
        <Centered>
          <span aria-hidden="true" className="text-7xl">
            ★
          </span>
          <h1 className="text-4xl font-black">{t.finishedTitle}</h1>
          <p aria-live="polite" className="text-3xl font-bold">
            {format(t.finalRank, { rank: snapshot.me.rank, count: snapshot.player_count })}
          </p>
          <MyTeamStanding snapshot={snapshot} t={t} />
          <p className="text-xl">
            {format(t.finalScore, { score: snapshot.me.score, correct: snapshot.me.correct_count ?? 0 })}
          </p>
        </Centered>
      );
  }
}

function Centered({ children }: { children: React.ReactNode }) {
  return <div className="flex flex-1 flex-col items-center justify-center gap-4 p-4 text-center">{children}</div>;
}

/** Full-height page for the states without the game header (loading, kicked, not in this game). */
function Page({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-dvh max-w-2xl flex-col p-4">
      <Centered>{children}</Centered>
    </main>
  );
}
