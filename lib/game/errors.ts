/**
 * The closed set of game errors. The database raises them (SQLSTATE P0001, message = code, detail = why;
 * see game.fail); lib/db/errors.ts turns them into GameError; the app's error mapper uses `status`.
 */

export const GAME_ERROR_STATUS = {
  invalid_input: 400,
  not_authenticated: 401,
  not_host: 403,
  not_participant: 403,
  kicked: 403,
  lobby_locked: 403,
  late_join_closed: 403,
  session_not_found: 404,
  quiz_not_found: 404,
  pin_not_found: 404,
  question_not_found: 404,
  team_not_found: 404,
  participant_not_found: 404,
  name_taken: 409,
  invalid_state: 409,
  question_not_open: 409,
  question_paused: 409,
  joined_late: 409,
  already_answered: 409,
  answer_id_conflict: 409,
  too_early: 409,
  no_more_questions: 409,
  teams_disabled: 409,
  too_many_teams: 409,
  pin_unavailable: 409,
  too_late: 410,
  name_invalid: 422,
  name_rejected: 422,
  invalid_response: 422,
  quiz_invalid: 422,
  /** Raised by the app's rate limiter, never by the database. */
  rate_limited: 429,
} as const satisfies Record<string, 400 | 401 | 403 | 404 | 409 | 410 | 422 | 429>;

export type GameErrorCode = keyof typeof GAME_ERROR_STATUS;
export type GameErrorStatus = (typeof GAME_ERROR_STATUS)[GameErrorCode];

export const GAME_ERROR_CODES = Object.keys(GAME_ERROR_STATUS) as GameErrorCode[];

export function isGameErrorCode(value: unknown): value is GameErrorCode {
  return typeof value === "string" && Object.hasOwn(GAME_ERROR_STATUS, value);
}

/** A rule of the game said no. `message` is safe to show; `code` is for the client's logic. */
export class GameError extends Error {
  readonly status: GameErrorStatus;

  constructor(
    readonly code: GameErrorCode,
    message: string = code,
  ) {
    super(message);
    this.name = "GameError";
    this.status = GAME_ERROR_STATUS[code];
  }
}
