import { z } from "zod";
import { GameError, isGameErrorCode } from "@/lib/game/errors";
import type { AnswerResponse } from "@/lib/game/shapes";
import { callGame, databaseWasSlow } from "./call";
import { callerClaimsSchema, type CallerClaims } from "./as-caller";
import type { Db } from "./client";
import { submitAnswerResultSchema, type SubmitAnswerResult } from "./results";

export type AnswerInput = { sessionId: string; questionId: string; answerId: string; response: AnswerResponse };

type Waiting = {
  item: { claims: CallerClaims; session_id: string; question_id: string; answer_id: string; response: AnswerResponse };
  resolve: (result: SubmitAnswerResult) => void;
  reject: (error: unknown) => void;
};

const outcomeSchema = z.union([submitAnswerResultSchema, z.object({ error: z.string(), message: z.string() })]);

/**
 * Group commit for answers. An answer waits for nothing when the database is idle: it goes at the end of the
 * event-loop turn that received it, with whatever else arrived in that turn. While `maxInFlight` batches are
 * at the database, answers queue, and the next batch takes all of them (up to `maxBatch`). A room answering at
 * once thus costs a few statements, not one per answer (game.submit_answers: each answer under its own
 * caller's claims, its own outcome). Each caller gets its own acknowledgement or GameError; if the statement
 * itself fails (connection lost), every caller of that batch gets that error and retries with the same answer
 * id, which the database makes a no-op when the first attempt did land. A statement that has not answered in
 * `timeoutMs` (a batch takes milliseconds; a connection dropped while it was being opened can leave a query
 * waiting for the driver's 10 s connect timeout) is given up the same way, while the answers' time lasts — but
 * never while its answer is already in the socket, unread because the event loop was busy, and not while the
 * database is slow for every statement (it is busy, not gone: giving up would only send the same answers again
 * to a database that is already behind), up to `maxWaitMs`. When other statements come back fast, this one's
 * connection is the problem, and the retry goes to another.
 */
export class AnswerBatcher {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;
  private isScheduled = false;

  private readonly options: { maxInFlight: number; maxBatch: number; timeoutMs: number; maxWaitMs: number };

  constructor(
    private readonly db: Db,
    options: Partial<AnswerBatcher["options"]> = {},
  ) {
    this.options = { maxInFlight: 2, maxBatch: 500, timeoutMs: 3000, maxWaitMs: 15_000, ...options };
  }

  submit(claims: CallerClaims, input: AnswerInput): Promise<SubmitAnswerResult> {
    const item = {
      claims: callerClaimsSchema.parse(claims),
      session_id: input.sessionId,
      question_id: input.questionId,
      answer_id: input.answerId,
      response: input.response,
    };
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule() {
    if (this.isScheduled || this.inFlight >= this.options.maxInFlight) return;
    this.isScheduled = true;
    setImmediate(() => {
      this.isScheduled = false;
      this.flush();
    });
  }

  private flush() {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        if (this.queue.length > 0) this.schedule();
      });
    }
  }

  private async run(batch: Waiting[]) {
    let outcomes: z.infer<typeof outcomeSchema>[];
    let timer: NodeJS.Timeout | undefined;
    try {
      const items = JSON.stringify(batch.map((waiting) => waiting.item));
      outcomes = await Promise.race([
        callGame(
          z.array(outcomeSchema).length(batch.length),
          () => this.db`select game.submit_answers(${items}::text::jsonb) as result`,
          { idempotent: true }, // every answer is keyed by its id
        ),
        new Promise<never>((_, reject) => {
          const { timeoutMs, maxWaitMs } = this.options;
          const started = performance.now();
          // Decided in the check phase, after the poll phase: when the event loop was stalled past the
          // timeout (a busy instance), the timer fires first, yet the statement's answer may be waiting to be
          // read; this lets it be read before the batch is failed.
          const check = () => {
            const now = performance.now();
            const busy = databaseWasSlow(timeoutMs, timeoutMs / 2);
            if (busy && now - started < maxWaitMs) timer = setTimeout(() => setImmediate(check), timeoutMs);
            else reject(new DatabaseTimeoutError(Math.round(now - started)));
          };
          timer = setTimeout(() => setImmediate(check), timeoutMs);
        }),
      ]);
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    } finally {
      clearTimeout(timer);
    }
    outcomes.forEach((outcome, i) => {
      const waiting = batch[i]!;
      if ("error" in outcome)
        waiting.reject(
          isGameErrorCode(outcome.error)
            ? new GameError(outcome.error, outcome.message)
            : new Error(`unexpected answer refusal ${outcome.error}`),
        );
      else waiting.resolve(outcome);
    });
  }
}

/** The database did not answer a statement in time: like a lost connection, worth a retry (code DB_TIMEOUT). */
export class DatabaseTimeoutError extends Error {
  readonly code = "DB_TIMEOUT";
  constructor(ms: number) {
    super(`The database did not answer within ${ms} ms`);
    this.name = "DatabaseTimeoutError";
  }
}
