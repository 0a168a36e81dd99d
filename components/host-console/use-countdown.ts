"use client";

import { useEffect, useRef, useState } from "react";
import type { ServerClock } from "@/lib/client/server-clock";
import type { Session } from "@/lib/game/shapes";

// Answers are accepted for this long after the deadline (game.answer_grace()); closing earlier would
// drop an answer that was sent in time over a slow network.
const CLOSE_GRACE_MS = 1000;

/**
 * Milliseconds left on the current question by the server's clock, and the automatic close: the host's
 * browser drives `close` once deadline + grace has passed (DESIGN §4: no timers on the server); the
 * database checks the deadline itself, so an early or repeated close cannot cut anyone short.
 */
export function useCountdown(session: Session, clock: ServerClock, onExpired: () => void): number | null {
  const [remaining, setRemaining] = useState<number | null>(null);
  const closedFor = useRef<string | null>(null);
  const onExpiredRef = useRef(onExpired);
  useEffect(() => {
    onExpiredRef.current = onExpired;
  });

  const {
    state,
    deadline_at: deadline,
    paused_at: pausedAt,
    remaining_ms: pausedRemaining,
    question_id: questionId,
  } = session;
  useEffect(() => {
    if (state !== "answering" || !deadline) {
      const timer = window.setTimeout(() => setRemaining(null), 0);
      return () => window.clearTimeout(timer);
    }
    if (pausedAt) {
      const timer = window.setTimeout(() => setRemaining(pausedRemaining ?? null), 0);
      return () => window.clearTimeout(timer);
    }
    const tick = () => {
      const left = clock.remainingUntil(deadline);
      setRemaining(left);
      const overdue = clock.now() - Date.parse(deadline);
      if (overdue >= CLOSE_GRACE_MS && questionId && closedFor.current !== questionId) {
        closedFor.current = questionId;
        onExpiredRef.current();
      }
    };
    tick();
    const timer = window.setInterval(tick, 250);
    return () => window.clearInterval(timer);
  }, [state, deadline, pausedAt, pausedRemaining, questionId, clock]);

  return remaining;
}
