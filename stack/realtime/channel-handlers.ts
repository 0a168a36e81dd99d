import { randomUUID } from "node:crypto";
import { joinErrorReason } from "./tokens";
import { canReadPresence, receivesBroadcast, type ChannelJoin, type Policies } from "./channel-registry";
import { parseJoinPayload, postgresChangesReply } from "./join-config";
import { deliverBinaryBroadcast, deliverJsonBroadcast } from "./fan-out";
import type { InboundMessage } from "./serializer";
import type { SocketSession } from "./socket-session";

/**
 * What a Realtime channel does with each client event (Supabase's `RealtimeChannel` + handlers):
 * join, leave, broadcast, presence, access_token refresh, and token-expiry shutdown.
 */

const TOPIC_PREFIX = "realtime:";
// setTimeout cannot wait longer than this; longer expiries are re-armed when it fires.
const MAX_TIMER_MS = 2 ** 31 - 1;

export async function handleJoin(session: SocketSession, msg: InboundMessage): Promise<void> {
  const { core } = session;
  const joinRef = msg.joinRef ?? msg.ref;
  if (!msg.topic.startsWith(TOPIC_PREFIX) || joinRef === null) {
    session.reply(msg, msg.joinRef, "error", { reason: "unmatched topic" });
    return;
  }
  // A second join of a topic on the same socket closes the first one (Phoenix's duplicate-join rule).
  const existing = session.joins.get(msg.topic);
  if (existing) closeJoin(session, existing, true);

  const fail = (reason: string) => {
    core.stats.joinErrors++;
    session.reply(msg, joinRef, "error", { reason });
  };
  const subTopic = msg.topic.slice(TOPIC_PREFIX.length);
  if (subTopic === "") return fail("TopicNameRequired: You must provide a topic name");
  // Supabase's max_channels_per_client (default 100): one socket cannot pile up joins without bound.
  if (session.joins.size >= core.options.maxChannelsPerSocket)
    return fail("ChannelRateLimitReached: Too many channels");

  const config = parseJoinPayload(msg.payload);
  // Any `sb_…` value means "the connect-time key", as does a missing or non-string token.
  const token =
    typeof config.accessToken === "string" && !config.accessToken.startsWith("sb_")
      ? config.accessToken
      : session.apikey;
  const check = await core.tokens.check(token);
  if (session.closed) return;
  if (!check.ok) return fail(joinErrorReason(check));

  const policies: Policies = { broadcastRead: null, presenceRead: null, broadcastWrite: null, presenceWrite: null };
  if (config.isPrivate) {
    const read = await core.rls.read({ topic: subTopic, claims: check.claims }, config.presenceEnabled);
    if (session.closed) return;
    policies.broadcastRead = read.broadcast;
    policies.presenceRead = read.presence;
    if (!read.broadcast && read.presence !== true) {
      return fail(`Unauthorized: You do not have permissions to read from this Channel topic: ${subTopic}`);
    }
  }

  const join: ChannelJoin = {
    conn: session,
    topic: msg.topic,
    subTopic,
    space: core.registry.space(subTopic, config.isPrivate),
    joinRef,
    isPrivate: config.isPrivate,
    selfBroadcast: config.selfBroadcast,
    ack: config.ack,
    presenceKey: config.presenceKey ?? randomUUID(),
    presenceEnabled: config.presenceEnabled,
    token,
    claims: check.claims,
    policies,
    receivesBroadcast: false,
    expiryTimer: undefined,
    left: false,
  };
  join.receivesBroadcast = receivesBroadcast(join);
  core.registry.add(join);
  session.joins.set(msg.topic, join);
  core.stats.joins++;
  core.stats.joinsTotal++;
  armExpiry(session, join);

  session.reply(msg, joinRef, "ok", { postgres_changes: postgresChangesReply(config.postgresChanges) });
  // Sent after every join, even when empty: the client queues presence diffs until it has a state.
  if (join.presenceEnabled && canReadPresence(join)) {
    session.push(joinRef, null, msg.topic, "presence_state", join.space.presence.state());
  }
}

/** Forgets a join (presence leaves go out); with `notify`, tells the client with `phx_close`. */
export function closeJoin(session: SocketSession, join: ChannelJoin, notify: boolean): void {
  if (join.left) return;
  join.left = true;
  if (join.expiryTimer) clearTimeout(join.expiryTimer);
  session.core.registry.remove(join);
  if (session.joins.get(join.topic) === join) session.joins.delete(join.topic);
  session.core.stats.joins--;
  if (notify) session.push(join.joinRef, join.joinRef, join.topic, "phx_close", {});
}

/** Supabase's channel shutdown: a `system` error the client can listen to, then `phx_close`. */
function shutdown(session: SocketSession, join: ChannelJoin, message: string): void {
  if (join.left) return;
  session.push(join.joinRef, null, join.topic, "system", {
    extension: "system",
    status: "error",
    message,
    channel: join.subTopic,
  });
  closeJoin(session, join, true);
}

/** Closes the channel when its token expires (Supabase re-confirms the token on a timer, too). */
function armExpiry(session: SocketSession, join: ChannelJoin): void {
  if (join.expiryTimer) clearTimeout(join.expiryTimer);
  const exp = join.claims.exp;
  if (typeof exp !== "number") return;
  const wait = Math.min(Math.max(0, exp * 1000 - Date.now()), MAX_TIMER_MS);
  join.expiryTimer = setTimeout(() => {
    join.expiryTimer = undefined;
    const overdue = Math.floor(Date.now() / 1000) - exp;
    if (overdue < 0) armExpiry(session, join);
    else shutdown(session, join, `Token has expired ${overdue} seconds ago`);
  }, wait);
  join.expiryTimer.unref();
}

export function handleBroadcast(session: SocketSession, join: ChannelJoin, msg: InboundMessage): Promise<void> | void {
  if (join.isPrivate && join.policies.broadcastWrite === null) return checkWriteThen(session, join, msg);
  // Private channel without INSERT permission: dropped without a reply, like Supabase (ack → 'timed out').
  if (join.isPrivate && !join.policies.broadcastWrite) return;
  session.core.stats.broadcastsIn++;
  const ok = msg.binary
    ? deliverBinaryBroadcast(session.core, join, msg.binary)
    : deliverJsonBroadcast(session.core, join, msg.payload);
  if (join.ack)
    session.reply(msg, join.joinRef, ok ? "ok" : "error", ok ? {} : { reason: "invalid broadcast payload" });
}

async function checkWriteThen(session: SocketSession, join: ChannelJoin, msg: InboundMessage): Promise<void> {
  const write = await session.core.rls.write({ topic: join.subTopic, claims: join.claims });
  if (join.left) return;
  join.policies.broadcastWrite = write.broadcast;
  join.policies.presenceWrite = write.presence;
  await handleBroadcast(session, join, msg);
}

export function handlePresence(session: SocketSession, join: ChannelJoin, msg: InboundMessage): Promise<void> | void {
  const payload = isRecord(msg.payload) ? msg.payload : {};
  // No event: Supabase treats it as a no-op that succeeds.
  if (typeof payload.event !== "string") return session.reply(msg, join.joinRef, "ok", {});
  const event = payload.event.toLowerCase();
  if (event === "untrack") {
    join.space.presence.leave(join);
    return session.reply(msg, join.joinRef, "ok", {});
  }
  if (event !== "track") return session.reply(msg, join.joinRef, "error", {});
  if (join.isPrivate && join.policies.presenceWrite === null) return authorizePresenceThen(session, join, msg);
  if (join.isPrivate && !join.policies.presenceWrite) return session.reply(msg, join.joinRef, "error", {});
  const tracked = payload.payload ?? {};
  if (!isRecord(tracked)) {
    return session.reply(msg, join.joinRef, "error", { reason: "Presence track payload must be a map" });
  }
  join.presenceEnabled = true;
  join.space.presence.track(join, tracked);
  session.reply(msg, join.joinRef, "ok", {});
}

/** First track on a private channel: read (if presence was off at join) and write policies, then track. */
async function authorizePresenceThen(session: SocketSession, join: ChannelJoin, msg: InboundMessage): Promise<void> {
  const ctx = { topic: join.subTopic, claims: join.claims };
  if (join.policies.presenceRead === null) {
    const read = await session.core.rls.read(ctx, true);
    if (join.left) return;
    join.policies.presenceRead = read.presence;
  }
  const write = await session.core.rls.write(ctx);
  if (join.left) return;
  join.policies.broadcastWrite = write.broadcast;
  join.policies.presenceWrite = write.presence;
  await handlePresence(session, join, msg);
}

/** A refreshed token for a live channel: re-verify and re-authorize; on failure shut the channel down. */
export async function handleAccessToken(session: SocketSession, join: ChannelJoin, msg: InboundMessage): Promise<void> {
  const token = isRecord(msg.payload) ? msg.payload.access_token : undefined;
  // Ignored like on Supabase: no token, an `sb_` key, or the token already in use. No reply either way.
  if (typeof token !== "string" || token.startsWith("sb_") || token === join.token) return;
  const check = await session.core.tokens.check(token);
  if (join.left) return;
  if (!check.ok) return shutdown(session, join, check.message);
  const previous = join.policies;
  if (join.isPrivate) {
    const read = await session.core.rls.read({ topic: join.subTopic, claims: check.claims }, join.presenceEnabled);
    if (join.left) return;
    if (!read.broadcast && read.presence !== true) {
      return shutdown(session, join, `You do not have permissions to read from this Channel topic: ${join.subTopic}`);
    }
    const revoked =
      (previous.broadcastRead === true && !read.broadcast) ||
      (previous.presenceRead === true && read.presence === false);
    if (revoked) {
      return shutdown(session, join, `You no longer have permission to read from this Channel topic: ${join.subTopic}`);
    }
    // Write permissions are re-checked lazily with the new claims.
    join.policies = {
      broadcastRead: read.broadcast,
      presenceRead: read.presence,
      broadcastWrite: null,
      presenceWrite: null,
    };
    join.receivesBroadcast = receivesBroadcast(join);
  }
  join.token = token;
  join.claims = check.claims;
  armExpiry(session, join);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
