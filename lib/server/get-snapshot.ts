import "server-only";
import { asCaller, getSnapshot as getSnapshotRule, type CallerClaims, type SnapshotView } from "@/lib/db";
import { appDb } from "./db";

/** What the caller may see of the session right now: fetched on (re)subscribe and after a `seq` gap. */
export function getSnapshot(caller: CallerClaims, sessionId: string, view?: SnapshotView) {
  return asCaller(appDb(), caller, (tx) => getSnapshotRule(tx, sessionId, view));
}
