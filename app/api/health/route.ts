import { apiRoute } from "@/lib/api/route";
import { checkReadiness } from "@/lib/server/check-health";

const noStore = { "cache-control": "no-store" };

/**
 * GET /api/health — readiness: each dependency's status and latency; 503 when the database is down.
 * GET /api/health?live — liveness only: the process answers (no dependency is touched).
 */
export const GET = apiRoute({ auth: "none" }, async ({ req }) => {
  if (new URL(req.url).searchParams.has("live"))
    return Response.json({ status: "ok", uptime_s: Math.round(process.uptime()) }, { headers: noStore });
  const report = await checkReadiness();
  return Response.json(report, { status: report.status === "down" ? 503 : 200, headers: noStore });
});
