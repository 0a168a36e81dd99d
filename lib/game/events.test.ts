import { describe, expect, test } from "vitest";
import { sessionTopic, stageTopic, topicOf } from "@/lib/realtime/topics";
import { GAME_EVENT_TYPES, gameEventSchema } from "./events";

const base = {
  seq: 3,
  player_seq: 2,
  audience: "everyone",
  session_id: "6f1c8a55-3a0e-4d5e-9b7a-1d2c3b4a5f60",
  at: "2026-11-22T20:15:03.123456+00:00",
};

describe("events", () => {
  test("a question_opened event parses; an unknown type does not", () => {
    const event = {
      ...base,
      type: "question_opened",
      state: "answering",
      question_id: base.session_id,
      question_index: 0,
      question: {
        id: base.session_id,
        index: 0,
        count: 3,
        kind: "true_false",
        prompt: "True?",
        options: [
          { id: "true", text: "True" },
          { id: "false", text: "False" },
        ],
        time_limit_s: 20,
        points: 1000,
        image_url: null,
        round: null,
      },
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
    expect(stageTopic("abc")).toBe("session:abc:stage");
  });

  test("stage events go to the stage topic, all others to the session topic", () => {
    const opened = { session_id: "abc", audience: "everyone" } as Parameters<typeof topicOf>[0];
    const shown = { session_id: "abc", audience: "stage" } as Parameters<typeof topicOf>[0];
    expect(topicOf(opened)).toBe("session:abc");
    expect(topicOf(shown)).toBe("session:abc:stage");
  });
});
