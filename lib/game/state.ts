/**
 * The session state machine, as game.* functions enforce it (supabase/migrations/…_create_flow_functions.sql
 * and …_create_scoring_functions.sql). The database decides; this copy lets the host UI show only the
 * buttons that can work.
 */

export const SESSION_STATES = [
  "lobby",
  "question",
  "answering",
  "locked",
  "revealed",
  "leaderboard",
  "finished",
] as const;
export type SessionState = (typeof SESSION_STATES)[number];

export const QUESTION_KINDS = ["single", "multi", "true_false", "typed", "numeric"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

export const HOST_ACTIONS = [
  "start",
  "open",
  "pause",
  "resume",
  "close",
  "reveal",
  "leaderboard",
  "next",
  "finish",
] as const;
export type HostAction = (typeof HOST_ACTIONS)[number];

/** Where a session is: its state plus what the transitions depend on. */
export type SessionPosition = {
  state: SessionState;
  questionIndex: number;
  questionCount: number;
  isPaused: boolean;
};

const FROM: Record<HostAction, readonly SessionState[]> = {
  start: ["lobby"],
  open: ["question"],
  pause: ["answering"],
  resume: ["answering"],
  close: ["answering"],
  reveal: ["locked"],
  leaderboard: ["revealed"],
  next: ["question", "revealed", "leaderboard"],
  finish: ["lobby", "question", "locked", "revealed", "leaderboard"],
};

const TO: Record<HostAction, SessionState> = {
  start: "question",
  open: "answering",
  pause: "answering",
  resume: "answering",
  close: "locked",
  reveal: "revealed",
  leaderboard: "leaderboard",
  next: "question",
  finish: "finished",
};

/** The state after a host action, or null when the database would refuse it (invalid_state / no_more_questions). */
export function nextState(position: SessionPosition, action: HostAction): SessionState | null {
  if (!FROM[action].includes(position.state)) return null;
  if (action === "pause" && position.isPaused) return null;
  if (action === "resume" && !position.isPaused) return null;
  if (action === "next" && position.questionIndex + 1 >= position.questionCount) return null;
  return TO[action];
}

/** The host actions possible from a position, in the order a host UI would offer them. */
export function availableActions(position: SessionPosition): HostAction[] {
  return HOST_ACTIONS.filter((action) => nextState(position, action) !== null);
}

/** States in which the current question's key and distribution are public. */
export function isRevealed(state: SessionState): boolean {
  return state === "revealed" || state === "leaderboard";
}
