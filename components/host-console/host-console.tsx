"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { PublicConfig } from "@/lib/env";
import type { HostSnapshot } from "@/lib/game/snapshot";
import { format, type Messages } from "@/lib/i18n";
import { ConsoleControls } from "./console-controls";
import { HealthStrip } from "./health-strip";
import { LeaderboardPanel } from "./leaderboard-panel";
import { LobbyPanel } from "./lobby-panel";
import { QuestionPanel } from "./question-panel";
import { describeRoomHealth } from "./room-health";
import { useCountdown } from "./use-countdown";
import { useHostSession } from "./use-host-session";

type Props = {
  config: PublicConfig;
  sessionId: string;
  initial: HostSnapshot;
  /** The server-rendered join panel (PIN, QR, links), large for the lobby and compact for the sidebar. */
  joinPanel: ReactNode;
  joinPanelCompact: ReactNode;
  t: Messages["console"];
  states: Messages["states"];
};

export function HostConsole({ config, sessionId, initial, joinPanel, joinPanelCompact, t, states }: Props) {
  const { snapshot, status, polls, send, error, clock } = useHostSession(config, sessionId, initial);
  const { session } = snapshot;
  const remainingMs = useCountdown(session, clock, () => void send({ action: "close" }));
  const position = {
    state: session.state,
    questionIndex: session.question_index,
    questionCount: session.question_count,
    isPaused: session.paused_at !== null,
  };
  const health = describeRoomHealth({ snapshot, realtime: status, polls }, t.health);

  return (
    <div className="grid gap-4 lg:grid-cols-[1fr_22rem]">
      <div className="flex flex-col gap-4">
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold">{session.title}</h1>
          <span className="rounded-full bg-stone-200 px-3 py-0.5 text-sm font-semibold dark:bg-stone-800">
            {states[session.state]}
          </span>
        </div>
        {session.state !== "finished" && <HealthStrip lines={health} t={t.health} />}
        {session.state === "finished" ? (
          <p className="rounded-2xl bg-white p-4 text-lg shadow-sm dark:bg-stone-900">
            {t.finished}{" "}
            <Link
              href={`/host/sessions/${sessionId}/report`}
              className="font-semibold text-brand-700 underline dark:text-brand-500"
            >
              {t.viewReport}
            </Link>
          </p>
        ) : (
          <ConsoleControls position={position} onAction={(action) => void send({ action })} t={t} />
        )}
        {error && (
          <p role="alert" className="rounded-lg bg-red-50 p-3 text-red-900 dark:bg-red-950 dark:text-red-100">
            {format(t.actionFailed, { message: error })}
          </p>
        )}
        {session.state === "lobby" ? joinPanel : <QuestionPanel snapshot={snapshot} remainingMs={remainingMs} t={t} />}
        {(session.state === "leaderboard" || session.state === "finished") && (
          <LeaderboardPanel snapshot={snapshot} t={t} />
        )}
      </div>
      <div className="flex flex-col gap-4">
        {session.state !== "lobby" && session.state !== "finished" && joinPanelCompact}
        <LobbyPanel snapshot={snapshot} send={(command) => void send(command)} t={t} />
      </div>
    </div>
  );
}
