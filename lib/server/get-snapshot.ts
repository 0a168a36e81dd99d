import "server-only";
import { getSnapshotAs, type CallerClaims, type SnapshotView } from "@/lib/db";
import { slowestRecentAck } from "@/lib/observability/recent-acks";
import { appDb } from "./db";

/** What the caller may see of the session right now: fetched on (re)subscribe and after a `seq` gap. */
export async function getSnapshot(caller: CallerClaims, sessionId: string, view?: SnapshotView) {
  const snapshot = await getSnapshotAs(appDb(), caller, sessionId, view);
  // The host's console shows the room's health strip; nobody else gets this block.
  if (snapshot.role !== "host") return snapshot;
  return { ...snapshot, health: { slowest_ack_ms: slowestRecentAck(sessionId) } };
}
