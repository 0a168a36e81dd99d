"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { apiFetch } from "@/lib/client/api";
import { deliverAnswer, type DeliveryState } from "@/lib/client/deliver-answer";
import type { AnswerResponse } from "@/lib/game/shapes";

export type Delivery = { questionId: string; response: AnswerResponse; state: DeliveryState };

/**
 * Sends the player's answer for one question and tracks what became of it. One answer id per tap: every
 * retry reuses it, so the server counts it once however flaky the network.
 */
export function useAnswerDelivery(options: {
  sessionId: string;
  questionId: string | null;
  token: () => Promise<string>;
  /** Server-clock ms until answers stop being accepted. */
  msLeft: () => number;
}) {
  const [delivery, setDelivery] = useState<Delivery | null>(null);
  const msLeft = useRef(options.msLeft);
  useEffect(() => {
    msLeft.current = options.msLeft;
  });
  const { sessionId, questionId, token } = options;

  const submit = useCallback(
    (response: AnswerResponse) => {
      if (!questionId) return;
      const answerId = crypto.randomUUID();
      setDelivery({ questionId, response, state: { status: "sending", attempt: 1 } });
      void deliverAnswer({
        send: async () =>
          apiFetch<{ answer: { received_at: string } }>(`/api/sessions/${sessionId}/answers`, {
            token: await token(),
            body: { answerId, questionId, response },
          }),
        msLeft: () => msLeft.current(),
        onState: (state) =>
          setDelivery((current) => (current?.questionId === questionId ? { ...current, state } : current)),
      });
    },
    [questionId, sessionId, token],
  );

  return { delivery: delivery?.questionId === questionId ? delivery : null, submit };
}
