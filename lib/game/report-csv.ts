import { csvCell } from "./quiz-csv";

/** Structural subset of the session report (lib/db/results.ts) that the CSV needs; keeps lib/game free of lib/db. */
type ReportLike = {
  questions: { id: string; index: number; prompt: string }[];
  players: {
    nickname: string;
    rank: number | null;
    score: number;
    correct_count: number;
    is_kicked: boolean;
    team_id: string | null;
    answers: {
      question_id: string;
      response: Record<string, unknown>;
      elapsed_ms: number;
      is_correct: boolean | null;
      points: number | null;
    }[];
  }[];
  teams: { team_id: string; name: string }[] | null;
};

/** A player's response as text: option texts for choices, else the typed text or number. */
export function responseText(
  response: Record<string, unknown>,
  optionTexts: Record<string, string> | undefined,
): string {
  const { choices, text, value } = response;
  if (Array.isArray(choices)) return choices.map((c) => optionTexts?.[String(c)] ?? String(c)).join(" | ");
  if (typeof text === "string") return text;
  if (typeof value === "number") return String(value);
  return "";
}

/** One row per player: rank, name, team, score, correct answers, then answer/correct/points/seconds per question. */
export function reportToCsv(report: ReportLike, options: Record<string, Record<string, string>>): string {
  const header = ["rank", "nickname", "team", "score", "correct_count", "kicked"];
  for (const q of report.questions) {
    const n = q.index + 1;
    header.push(`q${n}_answer`, `q${n}_correct`, `q${n}_points`, `q${n}_seconds`);
  }
  const lines = [header.map(csvCell).join(",")];
  for (const p of report.players) {
    const team = report.teams?.find((t) => t.team_id === p.team_id)?.name ?? "";
    const cells = [
      p.rank === null ? "" : String(p.rank),
      p.nickname,
      team,
      String(p.score),
      String(p.correct_count),
      p.is_kicked ? "yes" : "",
    ];
    for (const q of report.questions) {
      const a = p.answers.find((x) => x.question_id === q.id);
      cells.push(
        a ? responseText(a.response, options[q.id]) : "",
        a?.is_correct === null || a === undefined ? "" : a.is_correct ? "yes" : "no",
        a?.points === null || a === undefined ? "" : String(a.points),
        a ? (a.elapsed_ms / 1000).toFixed(1) : "",
      );
    }
    lines.push(cells.map(csvCell).join(","));
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
