"use client";

import { useEffect, useState } from "react";
import type { ServerClock } from "@/lib/client/server-clock";
import { format } from "@/lib/i18n";

/**
 * Seconds left until the SERVER deadline (the phone's clock may be minutes off). The visible number ticks;
 * screen readers hear it politely every 5 s and in the last 5 s, not every tick.
 */
export function Countdown(props: {
  clock: ServerClock;
  deadlineAt: string | null;
  /** Set while paused: the frozen remainder. */
  pausedRemainingMs: number | null;
  labels: { secondsLeft: string; timeUp: string; paused: string };
  className?: string;
}) {
  const { clock, deadlineAt, pausedRemainingMs } = props;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (pausedRemainingMs !== null || !deadlineAt) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [deadlineAt, pausedRemainingMs]);

  const msLeft = pausedRemainingMs ?? (deadlineAt ? clock.remainingUntil(deadlineAt, now) : 0);
  const seconds = Math.ceil(msLeft / 1000);
  const spoken =
    pausedRemainingMs !== null
      ? props.labels.paused
      : seconds <= 0
        ? props.labels.timeUp
        : format(props.labels.secondsLeft, { seconds: seconds <= 5 ? seconds : Math.ceil(seconds / 5) * 5 });
  return (
    <div className={props.className}>
      <span aria-hidden="true" className="tabular-nums">
        {pausedRemainingMs !== null ? `⏸ ${seconds}` : Math.max(0, seconds)}
      </span>
      <span className="sr-only" aria-live="polite" aria-atomic="true">
        {spoken}
      </span>
    </div>
  );
}
