import { NextResponse } from "next/server";
import { z } from "zod";
import { reportToCsv } from "@/lib/game/report-csv";
import { getSessionReport } from "@/lib/server/get-session-report";
import { currentHost } from "@/lib/server/require-host";

/** The session report as CSV, for the session's host only (RLS and the engine check it; others get 404). */
export async function GET(_req: Request, { params }: { params: Promise<{ sessionId: string }> }) {
  const parsed = z.guid().safeParse((await params).sessionId);
  if (!parsed.success)
    return NextResponse.json({ error: { code: "invalid_input", message: "sessionId: not a UUID" } }, { status: 400 });
  const host = await currentHost();
  if (!host)
    return NextResponse.json({ error: { code: "not_authenticated", message: "Sign in first" } }, { status: 401 });
  const result = await getSessionReport(host.claims, parsed.data);
  if (!result)
    return NextResponse.json(
      { error: { code: "session_not_found", message: "No such session of yours" } },
      { status: 404 },
    );
  const name = `${result.report.session.title.replace(/[^\p{L}\p{N}]+/gu, "-")}-${result.report.session.pin}.csv`;
  return new NextResponse(reportToCsv(result.report, result.options), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${encodeURIComponent(name)}"`,
      "cache-control": "private, no-store",
    },
  });
}
