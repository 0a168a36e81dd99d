import { distribution, type Distribution } from "@/load/stats";
import type { GameResult } from "./game";

/** Answers end to end: what the phones sent and heard back, and what Postgres holds. */
export type AnswerFigures = {
  sent: number;
  /** Sent before deadline + grace (by the server clock): these must land. */
  sent_in_time: number;
  acked: number;
  /** Acknowledged and read back from Postgres. */
  persisted: number;
  /** Acknowledged but not in Postgres: the promise broken. */
  lost: number;
  /** Sent in time but never acknowledged (expired while retrying, or rejected). */
  not_landed: number;
  /** Retries of the same answer id (attempts beyond the first). */
  retries: number;
  ack_ms: Distribution;
};

export function answerFigures(result: GameResult, questionIds?: string[]): AnswerFigures {
  const figures = { sent: 0, sent_in_time: 0, acked: 0, persisted: 0, lost: 0, not_landed: 0, retries: 0 };
  const ackMs: number[] = [];
  for (const record of result.records)
    for (const answer of record.answers) {
      if (questionIds && !questionIds.includes(answer.questionId)) continue;
      figures.sent += 1;
      figures.retries += Math.max(0, answer.attempts - 1);
      if (answer.sentInTime) figures.sent_in_time += 1;
      if (answer.outcome === "acknowledged") {
        figures.acked += 1;
        ackMs.push(answer.doneAt - answer.sentAt);
        if (result.persisted.has(`${record.participantId} ${answer.questionId}`)) figures.persisted += 1;
        else figures.lost += 1;
      } else if (answer.sentInTime) {
        figures.not_landed += 1;
      }
    }
  return { ...figures, ack_ms: distribution(ackMs) };
}

/** Per client, from a drop at `at`: ms until the channel was SUBSCRIBED again and the snapshot refetched. */
export type ResyncFigures = {
  clients: number;
  resubscribed: number;
  resynced: number;
  subscribed_ms: Distribution;
  snapshot_ms: Distribution;
};

export function resyncFigures(result: GameResult, at: number): ResyncFigures {
  const subscribed: number[] = [];
  const snapshot: number[] = [];
  let clients = 0;
  for (const record of result.records) {
    if (record.joinedAt === null || record.joinedAt > at) continue;
    clients += 1;
    const back = record.subscribedAt.find((t) => t > at);
    if (back === undefined) continue;
    subscribed.push(back - at);
    const fetched = record.snapshotAt.find((t) => t >= back);
    if (fetched !== undefined) snapshot.push(fetched - at);
  }
  return {
    clients,
    resubscribed: subscribed.length,
    resynced: snapshot.length,
    subscribed_ms: distribution(subscribed),
    snapshot_ms: distribution(snapshot),
  };
}

/** Players who heard question `questionId` open (over Realtime): the game reached them after the fault. */
export function heardOpen(result: GameResult, questionId: string): number {
  return result.records.filter((r) => r.openedAt[questionId] !== undefined).length;
}
