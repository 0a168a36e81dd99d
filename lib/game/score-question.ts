import type { Decimal } from "./scoring";
import {
  answerPoints,
  choiceCredit,
  compareScaled,
  numericCredit,
  numericDistance,
  streakBonus,
  typedCredit,
  type ChoiceOutcome,
} from "./scoring";
import type { QuestionKind } from "./state";

/** What game.score_question computes at close, for every answer and every player, in one pass. */

export type AnswerResponse = { choices: string[] } | { text: string } | { value: number };

export type ScorableQuestion = {
  kind: QuestionKind;
  points: number;
  timeLimitS: number;
  key: { correctOptionIds: string[]; acceptedAnswers: string[]; target: Decimal | null; tolerance: Decimal | null };
};

export type ScorableAnswer = { participantId: string; elapsedMs: number; response: AnswerResponse };
export type Standing = { participantId: string; score: number; streak: number; correctCount: number };
export type AnswerResult = { isCorrect: boolean; points: number; streakBonus: number };

function outcomeOf(
  question: ScorableQuestion,
  answer: ScorableAnswer,
  closest: ReturnType<typeof numericDistance> | null,
): ChoiceOutcome {
  const { kind, key } = question;
  const response = answer.response;
  if (kind === "typed") return typedCredit(key.acceptedAnswers, "text" in response ? response.text : "");
  if (kind === "numeric") {
    if (!("value" in response) || key.target === null || key.tolerance === null || closest === null) {
      throw new Error("numeric question needs a target, a tolerance and numeric answers");
    }
    return numericCredit(key.target, key.tolerance, response.value, closest);
  }
  return choiceCredit(kind, key.correctOptionIds, "choices" in response ? response.choices : []);
}

export function scoreQuestion(
  question: ScorableQuestion,
  answers: readonly ScorableAnswer[],
  players: readonly Standing[],
): { answers: Map<string, AnswerResult>; players: Standing[] } {
  let closest: ReturnType<typeof numericDistance> | null = null;
  if (question.kind === "numeric" && question.key.target !== null) {
    for (const answer of answers) {
      if (!("value" in answer.response)) continue;
      const distance = numericDistance(question.key.target, answer.response.value);
      if (closest === null || compareScaled(distance, closest) < 0) closest = distance;
    }
  }
  const byPlayer = new Map<string, { outcome: ChoiceOutcome; points: number }>();
  for (const answer of answers) {
    const outcome = outcomeOf(question, answer, closest);
    const points = answerPoints(question.points, question.timeLimitS * 1000, answer.elapsedMs, outcome.credit);
    byPlayer.set(answer.participantId, { outcome, points });
  }
  const results = new Map<string, AnswerResult>();
  const standings = players.map((player) => {
    const scored = byPlayer.get(player.participantId);
    const isCorrect = scored?.outcome.isCorrect ?? false;
    const bonus = question.points > 0 && isCorrect ? streakBonus(player.streak) : 0;
    const points = scored?.points ?? 0;
    if (scored) results.set(player.participantId, { isCorrect, points, streakBonus: bonus });
    return {
      participantId: player.participantId,
      score: player.score + points + bonus,
      streak: question.points === 0 ? player.streak : isCorrect ? player.streak + 1 : 0,
      correctCount: player.correctCount + (isCorrect ? 1 : 0),
    };
  });
  return { answers: results, players: standings };
}
