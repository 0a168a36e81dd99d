import "server-only";
import { appDb } from "@/lib/server/db";

/**
 * Live sessions and their players, for the metrics gauges: read from Postgres, so every instance reports
 * the same (whole-deployment) figure. Cached for 10 s, so scraping many instances costs a query each at most
 * every 10 s. A session counts while not finished and started in the last 12 hours (abandoned lobbies age
 * out). Runs as the pool's own role, not as a caller: these are totals, nobody's rows.
 */
const TTL_MS = 10_000;
let cached: { at: number; value: Promise<{ sessions: number; players: number }> } | undefined;

export function liveCounts(): Promise<{ sessions: number; players: number }> {
  if (cached && Date.now() - cached.at < TTL_MS) return cached.value;
  const value = query();
  cached = { at: Date.now(), value };
  value.catch(() => (cached = undefined));
  return value;
}

async function query() {
  const [row] = await appDb()<{ sessions: number; players: number }[]>`
    select count(distinct s.id)::int as sessions, count(p.id)::int as players
    from public.sessions s
    left join public.participants p on p.session_id = s.id and not p.is_kicked
    where s.state <> 'finished' and s.created_at > now() - interval '12 hours'`;
  return { sessions: row?.sessions ?? 0, players: row?.players ?? 0 };
}
