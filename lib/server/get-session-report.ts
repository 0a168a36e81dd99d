import "server-only";
import { asCaller, getSessionReport as getSessionReportRule, type CallerClaims, type SessionReport } from "@/lib/db";
import { GameError } from "@/lib/game/errors";
import { appDb } from "./db";

/** Option texts by question id, so a report can show "Paris" rather than "a". */
export type OptionTexts = Record<string, Record<string, string>>;

/** The host's report of one session (null when it is not theirs), with the option texts of its questions. */
export async function getSessionReport(
  caller: CallerClaims,
  sessionId: string,
): Promise<{ report: SessionReport; options: OptionTexts } | null> {
  try {
    return await asCaller(appDb(), caller, async (tx) => {
      const report = await getSessionReportRule(tx, sessionId);
      const ids = report.questions.map((q) => q.id);
      const rows = await tx<{ id: string; options: { id: string; text: string }[] }[]>`
        select id, options from public.questions where id = any(${ids}::uuid[])`;
      const options: OptionTexts = {};
      for (const row of rows) options[row.id] = Object.fromEntries(row.options.map((o) => [o.id, o.text]));
      return { report, options };
    });
  } catch (error) {
    if (error instanceof GameError) return null;
    throw error;
  }
}
