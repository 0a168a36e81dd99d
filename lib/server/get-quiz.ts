import "server-only";
import { asCaller, type CallerClaims } from "@/lib/db";
import { quizInputSchema, type QuizInput } from "@/lib/game/quiz";
import { appDb } from "./db";

type Row = {
  title: string;
  description: string | null;
  rounds: { id: string; title: string }[];
  questions: {
    kind: string;
    prompt: string;
    options: { id: string; text: string }[];
    time_limit_s: number;
    points: number;
    image_url: string | null;
    explanation: string | null;
    round_id: string | null;
    correct_option_ids: string[] | null;
    accepted_answers: string[] | null;
    target: string | null;
    tolerance: string | null;
  }[];
};

/** One of the caller's quizzes in the shape game.create_quiz takes (key included: RLS lets only the owner read it), or null. */
export async function getQuiz(caller: CallerClaims, quizId: string): Promise<QuizInput | null> {
  const rows = await asCaller(
    appDb(),
    caller,
    (tx) => tx<Row[]>`
    select q.title, q.description,
      coalesce((select jsonb_agg(jsonb_build_object('id', r.id, 'title', r.title) order by r.position)
                from public.rounds r where r.quiz_id = q.id), '[]') as rounds,
      coalesce((select jsonb_agg(jsonb_build_object(
                  'kind', x.kind, 'prompt', x.prompt, 'options', x.options, 'time_limit_s', x.time_limit_s,
                  'points', x.points, 'image_url', x.image_url, 'explanation', x.explanation, 'round_id', x.round_id,
                  'correct_option_ids', k.correct_option_ids, 'accepted_answers', k.accepted_answers,
                  'target', k.numeric_target::text, 'tolerance', k.numeric_tolerance::text) order by x.position)
                from public.questions x left join public.question_keys k on k.question_id = x.id
                where x.quiz_id = q.id), '[]') as questions
    from public.quizzes q where q.id = ${quizId}`,
  );
  const row = rows[0];
  if (!row) return null;
  const roundIds = row.rounds.map((r) => r.id);
  const quiz = {
    title: row.title,
    ...(row.description ? { description: row.description } : {}),
    rounds: row.rounds.map((r) => ({ title: r.title })),
    questions: row.questions.map((q) => ({
      kind: q.kind,
      prompt: q.prompt,
      ...(q.kind === "single" || q.kind === "multi" ? { options: q.options } : {}),
      time_limit_s: q.time_limit_s,
      points: q.points,
      ...(q.image_url ? { image_url: q.image_url } : {}),
      ...(q.explanation ? { explanation: q.explanation } : {}),
      ...(q.round_id && roundIds.includes(q.round_id) ? { round: roundIds.indexOf(q.round_id) } : {}),
      key: {
        ...(q.correct_option_ids?.length ? { correct_option_ids: q.correct_option_ids } : {}),
        ...(q.accepted_answers?.length ? { accepted_answers: q.accepted_answers } : {}),
        ...(q.target !== null ? { target: Number(q.target) } : {}),
        ...(q.tolerance !== null ? { tolerance: Number(q.tolerance) } : {}),
      },
    })),
  };
  // Parsed, not cast: a row the editor cannot represent should fail loudly here, not in the form.
  return quizInputSchema.parse(quiz);
}
