import "server-only";
import { asCaller, type CallerClaims } from "@/lib/db";
import type { SessionState } from "@/lib/game/state";
import { appDb } from "./db";

export type DashboardQuiz = { id: string; title: string; questionCount: number; updatedAt: Date; isLive: boolean };
export type DashboardSession = {
  id: string;
  title: string;
  pin: string;
  state: SessionState;
  createdAt: Date;
  playerCount: number;
};

/** The host's quizzes and their 50 latest sessions; RLS limits both to the caller's own rows. */
export async function getDashboard(caller: CallerClaims) {
  return asCaller(appDb(), caller, async (tx) => {
    const quizzes = await tx<DashboardQuiz[]>`
      select q.id, q.title, q.updated_at as "updatedAt",
             (select count(*)::int from public.questions x where x.quiz_id = q.id) as "questionCount",
             exists (select 1 from public.sessions s where s.quiz_id = q.id and s.state <> 'finished') as "isLive"
      from public.quizzes q
      order by q.updated_at desc`;
    const sessions = await tx<DashboardSession[]>`
      select s.id, s.title, s.pin, s.state, s.created_at as "createdAt",
             (select count(*)::int from public.participants p where p.session_id = s.id) as "playerCount"
      from public.sessions s
      order by s.created_at desc
      limit 50`;
    return { quizzes: [...quizzes], sessions: [...sessions] };
  });
}
