import type { LiveGame } from "./live-game";

/** What the database decided, read back as superuser: the yardstick every phone and the screen must match. */
export type PlayerResult = {
  nickname: string;
  score: number;
  rank: number;
  team: string | null;
  /** This question's answer, or null when none was counted. */
  answer: { isCorrect: boolean; points: number; receivedAt: Date } | null;
};

export type TeamResult = { name: string; score: number; rank: number };

export async function currentQuestion(game: LiveGame): Promise<{ id: string; deadline: Date; state: string }> {
  const [row] = await game.query<{ question_id: string; deadline_at: Date; state: string }>(
    "select question_id, deadline_at, state from public.sessions where id = $1",
    [game.sessionId],
  );
  return { id: row!.question_id, deadline: row!.deadline_at, state: row!.state };
}

export async function playerResults(game: LiveGame, questionId: string): Promise<Map<string, PlayerResult>> {
  const rows = await game.query<{
    nickname: string;
    score: number;
    rank: string;
    team: string | null;
    is_correct: boolean | null;
    points: number | null;
    received_at: Date | null;
  }>(
    `select p.nickname, p.score, t.name as team, a.is_correct, a.points, a.received_at,
            1 + (select count(*) from public.participants o
                 where o.session_id = p.session_id and not o.is_kicked and o.score > p.score) as rank
     from public.participants p
     left join public.teams t on t.id = p.team_id
     left join public.answers a on a.participant_id = p.id and a.question_id = $2
     where p.session_id = $1 and not p.is_kicked`,
    [game.sessionId, questionId],
  );
  return new Map(
    rows.map((r) => [
      r.nickname,
      {
        nickname: r.nickname,
        score: r.score,
        rank: Number(r.rank),
        team: r.team,
        answer:
          r.is_correct === null ? null : { isCorrect: r.is_correct, points: r.points ?? 0, receivedAt: r.received_at! },
      },
    ]),
  );
}

/** Team score = mean of its players' scores, rounded half up; ties share a rank. */
export async function teamResults(game: LiveGame): Promise<TeamResult[]> {
  const rows = await game.query<{ name: string; score: number; rank: string }>(
    `select name, score, rank() over (order by score desc) as rank
     from (select t.name, round(avg(p.score))::integer as score
           from public.teams t join public.participants p on p.team_id = t.id and not p.is_kicked
           where t.session_id = $1 group by t.id, t.name) g
     order by score desc, name`,
    [game.sessionId],
  );
  return rows.map((r) => ({ name: r.name, score: r.score, rank: Number(r.rank) }));
}

/** The top N as the leaderboard orders it: score, then the folded nickname. */
export async function topPlayers(game: LiveGame, limit: number): Promise<{ nickname: string; score: number }[]> {
  return game.query<{ nickname: string; score: number }>(
    `select nickname, score from public.participants where session_id = $1 and not is_kicked
     order by score desc, nickname_key limit $2`,
    [game.sessionId, limit],
  );
}

/** Answers per option of a choice question: the distribution the screen must show. */
export async function distribution(game: LiveGame, questionId: string): Promise<Map<string, number>> {
  const rows = await game.query<{ choice: string; count: string }>(
    `select c as choice, count(*) as count
     from public.answers a cross join lateral jsonb_array_elements_text(a.response -> 'choices') c
     where a.session_id = $1 and a.question_id = $2 group by c`,
    [game.sessionId, questionId],
  );
  return new Map(rows.map((r) => [r.choice, Number(r.count)]));
}
