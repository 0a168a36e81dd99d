"use client";

import { useEffect, useRef } from "react";
import { availableActions, type HostAction, type SessionPosition } from "@/lib/game/state";
import { format, type Messages } from "@/lib/i18n";

/** The one action Space/Enter takes: whatever moves the game on from here. */
export function primaryAction(position: SessionPosition): HostAction | null {
  const possible = availableActions(position);
  const order: HostAction[] = ["start", "open", "close", "reveal", "leaderboard", "next", "finish"];
  if (position.state === "answering" && position.isPaused) return "resume";
  return order.find((action) => possible.includes(action)) ?? null;
}

type Props = { position: SessionPosition; onAction: (action: HostAction) => void; t: Messages["console"] };

const LABEL_KEY: Record<HostAction, keyof Messages["console"]> = {
  start: "start",
  open: "openQuestion",
  pause: "pause",
  resume: "resume",
  close: "close",
  reveal: "reveal",
  leaderboard: "leaderboard",
  next: "next",
  finish: "finish",
};

/** Buttons for every action possible now, the primary one first and largest, plus the keyboard shortcuts. */
export function ConsoleControls({ position, onAction, t }: Props) {
  const primary = primaryAction(position);
  const actions = availableActions(position);
  const label = (action: HostAction) => t[LABEL_KEY[action]] as string;
  const run = useRef((action: HostAction) => {
    if (action === "finish" && !window.confirm(t.confirmFinish)) return;
    onAction(action);
  });
  useEffect(() => {
    run.current = (action: HostAction) => {
      if (action === "finish" && !window.confirm(t.confirmFinish)) return;
      onAction(action);
    };
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      // Typing a team name or pressing a focused button must not also fire a shortcut.
      if (
        target?.closest("input, textarea, select, button, a, [contenteditable]") ||
        event.metaKey ||
        event.ctrlKey ||
        event.altKey
      )
        return;
      if ((event.key === " " || event.key === "Enter") && primary) {
        event.preventDefault();
        run.current(primary);
      } else if (event.key === "p" || event.key === "P") {
        if (actions.includes("pause")) run.current("pause");
        else if (actions.includes("resume")) run.current("resume");
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [primary, actions]);

  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2">
        {primary && (
          <button
            type="button"
            onClick={() => run.current(primary)}
            className="rounded-xl bg-brand-700 px-6 py-3 text-lg font-bold text-white hover:bg-brand-800 focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-brand-500"
          >
            {label(primary)}
          </button>
        )}
        {actions
          .filter((action) => action !== primary)
          .map((action) => (
            <button
              key={action}
              type="button"
              onClick={() => run.current(action)}
              className={`rounded-xl border-2 px-4 py-2 font-semibold focus-visible:outline-4 focus-visible:outline-brand-500 ${action === "finish" ? "border-red-300 text-red-700 dark:border-red-800 dark:text-red-400" : "border-stone-300 dark:border-stone-700"}`}
            >
              {label(action)}
            </button>
          ))}
      </div>
      <p className="text-sm text-stone-600 dark:text-stone-400">
        {format(t.shortcuts, { action: primary ? label(primary) : t.noAction })}
      </p>
    </div>
  );
}
