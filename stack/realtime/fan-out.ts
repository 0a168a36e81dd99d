import type { ChannelJoin, FramesBySerializer, TopicSpace } from "./channel-registry";
import type { RealtimeCore } from "./core";
import { broadcastPayloadJson, encodeSharedText, encodeUserBroadcast, type UserBroadcastPush } from "./serializer";

/**
 * Builds the frames of one broadcast, once per serializer that has subscribers, and hands them to the
 * registry's fan-out loop. This mirrors what Supabase sends for each origin:
 *
 * | origin                                | v2 sockets                 | v1 sockets              |
 * |---------------------------------------|----------------------------|-------------------------|
 * | kind-3 push (v2 `channel.send`)       | binary kind 4              | JSON text (binary: none)|
 * | JSON `broadcast` (v1 client)          | text array                 | text object             |
 * | HTTP `/api/broadcast` (batch)         | text array (+meta.id)      | text object             |
 * | HTTP `/api/broadcast/:t/events/:e`    | binary kind 4              | JSON text (binary: none)|
 */

/** A kind-3 push from a socket. Returns false when the JSON payload does not parse. */
export function deliverBinaryBroadcast(core: RealtimeCore, from: ChannelJoin, push: UserBroadcastPush): boolean {
  if (push.json && !isJson(push.data)) return false;
  userBroadcast(core, from.space, push.userEvent, push.json, push.data, from.selfBroadcast ? undefined : from);
  return true;
}

/** A text `broadcast` from a socket: the payload (`{type, event, payload}`) is forwarded as it came. */
export function deliverJsonBroadcast(core: RealtimeCore, from: ChannelJoin, payload: unknown): boolean {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return false;
  textBroadcast(core, from.space, JSON.stringify(payload), from.selfBroadcast ? undefined : from);
  return true;
}

/** Batch HTTP message: text frames, `meta.id` when the message carried an id. Returns deliveries. */
export function deliverHttpMessage(
  core: RealtimeCore,
  space: TopicSpace,
  event: string,
  payloadJson: string,
  id: string | undefined,
): number {
  const metaJson = id === undefined ? undefined : JSON.stringify({ id });
  return textBroadcast(core, space, broadcastPayloadJson(event, payloadJson, metaJson));
}

/** Single-event HTTP message: a user broadcast (kind 4 on v2), JSON or raw bytes. Returns deliveries. */
export function deliverHttpSingle(
  core: RealtimeCore,
  space: TopicSpace,
  event: string,
  json: boolean,
  data: Buffer,
): number {
  return userBroadcast(core, space, event, json, data);
}

function textBroadcast(core: RealtimeCore, space: TopicSpace, payloadJson: string, exclude?: ChannelJoin): number {
  const frames: FramesBySerializer = {
    v2: space.v2.size > 0 ? encodeSharedText("2.0.0", space.topic, "broadcast", payloadJson) : undefined,
    v1: space.v1.size > 0 ? encodeSharedText("1.0.0", space.topic, "broadcast", payloadJson) : undefined,
  };
  return core.registry.fanOut(space, frames, "broadcast", exclude);
}

function userBroadcast(
  core: RealtimeCore,
  space: TopicSpace,
  event: string,
  json: boolean,
  data: Buffer,
  exclude?: ChannelJoin,
): number {
  const frames: FramesBySerializer = {};
  if (space.v2.size > 0) {
    // Topic or event too long for the one-byte lengths of kind 4: JSON still fits a text frame.
    frames.v2 =
      encodeUserBroadcast(space.topic, event, undefined, json, data) ??
      (json
        ? encodeSharedText("2.0.0", space.topic, "broadcast", broadcastPayloadJson(event, data.toString("utf8")))
        : undefined);
  }
  // V1 clients cannot represent binary payloads: Supabase drops those for them, and so do we.
  if (space.v1.size > 0 && json) {
    frames.v1 = encodeSharedText("1.0.0", space.topic, "broadcast", broadcastPayloadJson(event, data.toString("utf8")));
  }
  return core.registry.fanOut(space, frames, "broadcast", exclude);
}

function isJson(data: Buffer): boolean {
  try {
    JSON.parse(data.toString("utf8"));
    return true;
  } catch {
    return false;
  }
}
