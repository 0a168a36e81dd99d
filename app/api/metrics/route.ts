import { apiRoute } from "@/lib/api/route";
import { AppError } from "@/lib/api/errors";
import { readMetrics } from "@/lib/server/read-metrics";

/** GET /api/metrics — Prometheus text; `Authorization: Bearer <METRICS_TOKEN>`; 404 when METRICS_TOKEN is unset. */
export const GET = apiRoute({ auth: "none" }, async ({ req }) => {
  const result = await readMetrics(req.headers.get("authorization"));
  if (result.kind === "disabled")
    throw new AppError("not_found", "Metrics are disabled: set METRICS_TOKEN to enable GET /api/metrics.");
  if (result.kind === "unauthorized")
    throw new AppError("unauthorized", "Send Authorization: Bearer <METRICS_TOKEN>.", {
      "www-authenticate": 'Bearer realm="metrics"',
    });
  return new Response(result.text, { headers: { "content-type": result.contentType, "cache-control": "no-store" } });
});
