import { describe, expect, test } from "vitest";
import { GAME_EVENT_TYPES, gameEventSchema, sessionTopic } from "./events";

const base = { seq: 3, session_id: "6f1c8a55-3a0e-4d5e-9b7a-1d2c3b4a5f60", at: "2026-11-22T20:15:03.123456+00:00" };

describe("events", () => {
  test("a question_opened event parses; an unknown type does not", () => {
    const event = {
      ...base,
      type: "question_opened",
      state: "answering",
      question_id: base.session_id,
      question_index: 0,
      opened_at: base.at,
      deadline_at: base.at,
      time_limit_ms: 20000,
      remaining_ms: 20000,
      server_now: base.at,
    };
    expect(gameEventSchema.parse(event).type).toBe("question_opened");
    expect(gameEventSchema.safeParse({ ...event, type: "answer_submitted" }).success).toBe(false);
  });

  test("all event types and the topic name", () => {
    expect(GAME_EVENT_TYPES).toHaveLength(11);
    expect(sessionTopic("abc")).toBe("session:abc");
  });
});
