"use client";

import { useEffect, useRef } from "react";
import { apiFetch } from "@/lib/client/api";
import type { ServerClock } from "@/lib/client/server-clock";

/**
 * If the host's tab sleeps, nobody closes an expired question. So each phone, 3–6 s after the deadline,
 * asks the server to close it once; the spread keeps 2,000 phones from asking together, and the server
 * answers all but the first with a no-op. Errors (too early, already closed) are expected and ignored.
 */
export function useFallbackClose(options: {
  sessionId: string;
  questionId: string | null;
  isAnswering: boolean;
  deadlineAt: string | null;
  clock: ServerClock;
  token: () => Promise<string>;
}) {
  const { sessionId, questionId, isAnswering, deadlineAt, clock, token } = options;
  const triedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!isAnswering || !deadlineAt || !questionId || triedFor.current === questionId) return;
    const delay = clock.remainingUntil(deadlineAt) + 3000 + Math.random() * 3000;
    const timer = setTimeout(() => {
      triedFor.current = questionId;
      void token()
        .then((accessToken) =>
          apiFetch(`/api/sessions/${sessionId}/actions`, { token: accessToken, body: { action: "close" } }),
        )
        .catch(() => undefined);
    }, delay);
    return () => clearTimeout(timer);
  }, [sessionId, questionId, isAnswering, deadlineAt, clock, token]);
}
