import type { QuizInput, QuizQuestionInput } from "./quiz";
import { isQuestionKind, validateQuestion, type QuizErrorCode } from "./quiz-validate";

/**
 * Quizzes as CSV, one row per question, for hosts who write questions in a spreadsheet:
 *
 *   round,kind,prompt,option1,…,option6,correct,accepted,target,tolerance,time_limit_s,points,image_url,explanation
 *
 * `round` is a round title (rounds are created in order of first appearance; empty = no round). `correct`
 * lists option numbers (1–6) separated by "|" for single/multi, or true/false. `accepted` lists typed
 * answers separated by "|". Empty cells take the defaults (20 s, 1000 points). RFC 4180 quoting; a
 * quoted cell may span lines, and problems are reported at the line where its row starts.
 */
export const CSV_COLUMNS = [
  "round",
  "kind",
  "prompt",
  "option1",
  "option2",
  "option3",
  "option4",
  "option5",
  "option6",
  "correct",
  "accepted",
  "target",
  "tolerance",
  "time_limit_s",
  "points",
  "image_url",
  "explanation",
] as const;
type Column = (typeof CSV_COLUMNS)[number];

export type CsvProblem = { line: number; field: string; code: QuizErrorCode };
export type CsvImport = { ok: true; quiz: QuizInput } | { ok: false; problems: CsvProblem[] };

const OPTION_IDS = ["a", "b", "c", "d", "e", "f"] as const;

/** Splits CSV text into rows of cells, remembering the line each row starts on. */
export function parseCsvRows(text: string): { line: number; cells: string[] }[] {
  const rows: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = "";
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  const source = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (inQuotes) {
      if (ch === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"') inQuotes = true;
    else if (ch === ",") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && source[i + 1] === "\n") i++;
      cells.push(cell);
      if (cells.some((c) => c.trim() !== "")) rows.push({ line: rowLine, cells });
      cells = [];
      cell = "";
      line++;
      rowLine = line;
    } else cell += ch;
  }
  cells.push(cell);
  if (cells.some((c) => c.trim() !== "")) rows.push({ line: rowLine, cells });
  return rows;
}

export function quizFromCsv(text: string, title: string): CsvImport {
  const rows = parseCsvRows(text);
  const header = rows[0];
  if (!header || header.cells.map((c) => c.trim().toLowerCase()).join(",") !== CSV_COLUMNS.join(",")) {
    return { ok: false, problems: [{ line: 1, field: "header", code: "header" }] };
  }
  const problems: CsvProblem[] = [];
  const rounds: string[] = [];
  const questions: QuizQuestionInput[] = [];
  for (const { line, cells } of rows.slice(1)) {
    const get = (column: Column) => (cells[CSV_COLUMNS.indexOf(column)] ?? "").trim();
    const report = (field: string, code: QuizErrorCode) => problems.push({ line, field, code });
    const kind = get("kind");
    if (!isQuestionKind(kind)) {
      report("kind", "kind");
      continue;
    }
    const roundTitle = get("round");
    if (roundTitle && !rounds.includes(roundTitle)) rounds.push(roundTitle);
    const question: QuizQuestionInput = { kind, prompt: get("prompt"), key: {} };
    if (roundTitle) question.round = rounds.indexOf(roundTitle);
    if (kind === "single" || kind === "multi") {
      const texts = OPTION_IDS.map((_, i) => get(`option${i + 1}` as Column));
      const lastFilled = texts.reduce((last, text, i) => (text ? i : last), -1);
      question.options = texts.slice(0, lastFilled + 1).map((text, i) => ({ id: OPTION_IDS[i]!, text }));
      const picks = get("correct")
        .split("|")
        .map((s) => s.trim())
        .filter(Boolean);
      const ids = picks.map((p) => (/^[1-6]$/.test(p) ? OPTION_IDS[Number(p) - 1]! : `?${p}`));
      question.key.correct_option_ids = ids;
    } else if (kind === "true_false") {
      const value = get("correct").toLowerCase();
      question.key.correct_option_ids = value ? [value] : [];
    } else if (kind === "typed") {
      question.key.accepted_answers = get("accepted")
        .split("|")
        .map((s) => s.trim())
        .filter(Boolean);
    } else {
      const target = parseNumber(get("target"));
      if (target === null) report("target", "target");
      else question.key.target = target;
      const tolerance = get("tolerance");
      if (tolerance) {
        const parsed = parseNumber(tolerance);
        if (parsed === null) report("tolerance", "tolerance");
        else question.key.tolerance = parsed;
      }
    }
    const time = get("time_limit_s");
    if (time) question.time_limit_s = Number(time);
    const points = get("points");
    if (points) question.points = Number(points) as QuizQuestionInput["points"];
    const imageUrl = get("image_url");
    if (imageUrl) question.image_url = imageUrl;
    const explanation = get("explanation");
    if (explanation) question.explanation = explanation;
    for (const issue of validateQuestion(question, rounds.length)) {
      if (issue.field === "target" && question.key.target === undefined) continue; // already reported
      report(
        issue.field.startsWith("options.") ? `option${Number(issue.field.slice(8)) + 1}` : issue.field,
        issue.code,
      );
    }
    questions.push(question);
  }
  if (rows.length === 1) problems.push({ line: 2, field: "prompt", code: "questions" });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    quiz: { title, ...(rounds.length ? { rounds: rounds.map((t) => ({ title: t })) } : {}), questions },
  };
}

export function quizToCsv(quiz: QuizInput): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const q of quiz.questions) {
    const options = q.kind === "single" || q.kind === "multi" ? (q.options ?? []) : [];
    const correct =
      q.kind === "true_false"
        ? (q.key.correct_option_ids ?? []).join("|")
        : (q.key.correct_option_ids ?? []).map((id) => options.findIndex((o) => o.id === id) + 1).join("|");
    const row: Record<Column, string> = {
      round: q.round === undefined ? "" : (quiz.rounds?.[q.round]?.title ?? ""),
      kind: q.kind,
      prompt: q.prompt,
      option1: options[0]?.text ?? "",
      option2: options[1]?.text ?? "",
      option3: options[2]?.text ?? "",
      option4: options[3]?.text ?? "",
      option5: options[4]?.text ?? "",
      option6: options[5]?.text ?? "",
      correct,
      accepted: (q.key.accepted_answers ?? []).join("|"),
      target: q.key.target === undefined ? "" : String(q.key.target),
      tolerance: q.key.tolerance === undefined ? "" : String(q.key.tolerance),
      time_limit_s: q.time_limit_s === undefined ? "" : String(q.time_limit_s),
      points: q.points === undefined ? "" : String(q.points),
      image_url: q.image_url ?? "",
      explanation: q.explanation ?? "",
    };
    lines.push(CSV_COLUMNS.map((c) => csvCell(row[c])).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

export function csvCell(value: string): string {
  // Cells starting with = + - @ would run as formulas in a spreadsheet; a leading quote defuses them.
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function parseNumber(text: string): number | null {
  if (!text) return null;
  const n = Number(text.replace(",", "."));
  return Number.isFinite(n) ? n : null;
}
