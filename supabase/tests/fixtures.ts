import { randomUUID } from "node:crypto";
import {
  advanceSession,
  closeQuestion,
  createQuiz,
  createSession,
  joinSession,
  submitAnswer,
  type FlowAction,
} from "@/lib/db";
import type { QuizInput } from "@/lib/game/quiz";
import type { AnswerResponse } from "@/lib/game/shapes";
import type { TestDb, TestUser } from "./harness";

/** A quiz with one question of each kind; the key uses markers a leak test can search for. */
export const SECRET_OPTION = "opt-secret-right";
export const SECRET_TYPED = "Zanzibar-secret";
export const SECRET_TARGET = 424242.125;

export function sampleQuiz(overrides: Partial<QuizInput> = {}): QuizInput {
  return {
    title: "Pub night",
    rounds: [{ title: "Round one" }, { title: "Round two" }],
    questions: [
      {
        kind: "single",
        prompt: "Which one?",
        round: 0,
        time_limit_s: 20,
        options: [
          { id: "a", text: "Alpha" },
          { id: SECRET_OPTION, text: "Bravo" },
          { id: "c", text: "Charlie" },
        ],
        key: { correct_option_ids: [SECRET_OPTION] },
        explanation: "Because bravo.",
      },
      {
        kind: "multi",
        prompt: "Which ones?",
        round: 0,
        time_limit_s: 20,
        options: [
          { id: "a", text: "A" },
          { id: "b", text: "B" },
          { id: "c", text: "C" },
          { id: "d", text: "D" },
        ],
        key: { correct_option_ids: ["a", "b", "c"] },
      },
      { kind: "true_false", prompt: "True?", round: 1, time_limit_s: 10, key: { correct_option_ids: ["true"] } },
      {
        kind: "typed",
        prompt: "Where?",
        round: 1,
        time_limit_s: 30,
        points: 2000,
        key: { accepted_answers: [SECRET_TYPED, "São Tomé"] },
      },
      {
        kind: "numeric",
        prompt: "How many?",
        round: 1,
        time_limit_s: 30,
        key: { target: SECRET_TARGET, tolerance: 1000 },
      },
    ],
    ...overrides,
  };
}

export type Player = { user: TestUser; participantId: string; nickname: string };

export type Game = {
  host: TestUser;
  sessionId: string;
  pin: string;
  quizId: string;
  players: Player[];
  /** Runs a host flow action and returns its event. */
  step(action: FlowAction): Promise<Awaited<ReturnType<typeof advanceSession>>["event"]>;
  close(user?: TestUser): ReturnType<typeof closeQuestion>;
  answer(player: Player, response: AnswerResponse, answerId?: string): ReturnType<typeof submitAnswer>;
  currentQuestionId(): Promise<string>;
  /** Moves the session's clock back by ms, as if ms had passed since the question opened. */
  elapse(ms: number): Promise<void>;
};

export async function setupGame(
  t: TestDb,
  options: {
    players?: number;
    quiz?: QuizInput;
    /** Another session of this host's quiz (instead of creating `quiz`). */
    quizId?: string;
    teamsEnabled?: boolean;
    allowLateJoin?: boolean;
    host?: TestUser;
  } = {},
): Promise<Game> {
  const host = options.host ?? (await t.createUser());
  const quizId = options.quizId ?? (await t.as(host, (tx) => createQuiz(tx, options.quiz ?? sampleQuiz())));
  const { session } = await t.as(host, (tx) =>
    createSession(tx, { quizId, teamsEnabled: options.teamsEnabled, allowLateJoin: options.allowLateJoin }),
  );
  const users = await t.createUsers(options.players ?? 0, { anonymous: true });
  const players: Player[] = [];
  for (const [index, user] of users.entries()) {
    const nickname = `Player ${index + 1}`;
    const joined = await t.as(user, (tx) => joinSession(tx, { pin: session.pin, nickname }));
    players.push({ user, participantId: joined.participant.id, nickname });
  }
  const game: Game = {
    host,
    sessionId: session.id,
    pin: session.pin,
    quizId,
    players,
    async step(action) {
      return (await t.as(host, (tx) => advanceSession(tx, session.id, action))).event;
    },
    close(user = host) {
      return t.as(user, (tx) => closeQuestion(tx, session.id));
    },
    answer(player, response, answerId = randomUUID()) {
      return game
        .currentQuestionId()
        .then((questionId) =>
          t.as(player.user, (tx) => submitAnswer(tx, { sessionId: session.id, questionId, answerId, response })),
        );
    },
    async currentQuestionId() {
      const [row] = await t.admin`select question_id from public.sessions where id = ${session.id}`;
      return row!.question_id as string;
    },
    async elapse(ms) {
      // opened_at stays: it decides who joined late.
      await t.admin`update public.sessions set timer_origin_at = timer_origin_at - ${ms} * interval '1 millisecond',
        deadline_at = deadline_at - ${ms} * interval '1 millisecond',
        paused_at = paused_at - ${ms} * interval '1 millisecond'
        where id = ${session.id}`;
    },
  };
  return game;
}

/** Sets answers' elapsed times exactly (before close), so scoring can be checked to the point. */
export async function setElapsed(
  t: TestDb,
  sessionId: string,
  elapsedByParticipant: Map<string, number>,
): Promise<void> {
  for (const [participantId, elapsed] of elapsedByParticipant) {
    await t.admin`update public.answers set elapsed_ms = ${elapsed}
      where session_id = ${sessionId} and participant_id = ${participantId} and scored_at is null`;
  }
}
