/**
 * Phoenix wire formats as realtime-js speaks them (reference A.2).
 *
 * - vsn 1.0.0: JSON objects `{join_ref, ref, topic, event, payload}` both ways.
 * - vsn 2.0.0: JSON arrays `[join_ref, ref, topic, event, payload]`, plus two binary kinds:
 *   3 "user broadcast push" (client → server, from `channel.send({type:'broadcast'})`) and
 *   4 "user broadcast" (server → client, the only binary kind the client can decode).
 *
 * Decoding never throws: a frame that is not one of these comes back as `{ error }`, and the session
 * closes the socket with 1003 (unsupported data), as a Phoenix socket would drop a connection whose
 * serializer raised.
 */

export type Vsn = "1.0.0" | "2.0.0";

/** A decoded client frame. `binary` is set only for kind-3 user broadcast pushes. */
export type InboundMessage = {
  joinRef: string | null;
  ref: string | null;
  topic: string;
  event: string;
  payload: unknown;
  binary?: UserBroadcastPush;
};

/** The parts of a kind-3 frame; the user payload stays as raw bytes (JSON text when `json` is true). */
export type UserBroadcastPush = { userEvent: string; json: boolean; data: Buffer };

export type DecodeResult = InboundMessage | { error: string };

const KIND_USER_BROADCAST_PUSH = 3;
const KIND_USER_BROADCAST = 4;
const KIND3_HEADER = 7;
const KIND4_HEADER = 5;

/** Picks the serializer from the query. Plug keeps the last of repeated params, and so do we. */
export function negotiateVsn(values: string[]): Vsn | undefined {
  // Phoenix's own default when the client sends none is 1.0.0 (realtime-js always sends one).
  const requested = values.at(-1) ?? "1.0.0";
  // Phoenix matches "~> 1.0.0" / "~> 2.0.0", i.e. any patch version of the two.
  if (/^1\.0\.\d+$/.test(requested)) return "1.0.0";
  if (/^2\.0\.\d+$/.test(requested)) return "2.0.0";
  return undefined;
}

export function decodeFrame(vsn: Vsn, data: Buffer, isBinary: boolean): DecodeResult {
  if (vsn === "2.0.0" && isBinary) return decodeBinary(data);
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString("utf8"));
  } catch {
    return { error: "frame is not valid JSON" };
  }
  return vsn === "2.0.0" ? fromArray(parsed) : fromObject(parsed);
}

function fromArray(value: unknown): DecodeResult {
  // Phoenix's V2 serializer accepts arrays with extra trailing elements, so do we.
  if (!Array.isArray(value) || value.length < 5) return { error: "expected a V2 array" };
  const [joinRef, ref, topic, event, payload] = value as unknown[];
  return checked(joinRef, ref, topic, event, payload);
}

function fromObject(value: unknown): DecodeResult {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { error: "expected a V1 object" };
  const msg = value as Record<string, unknown>;
  return checked(msg.join_ref ?? null, msg.ref ?? null, msg.topic, msg.event, msg.payload);
}

function checked(joinRef: unknown, ref: unknown, topic: unknown, event: unknown, payload: unknown): DecodeResult {
  if (typeof topic !== "string" || typeof event !== "string") return { error: "topic and event must be strings" };
  const jr = refString(joinRef);
  const r = refString(ref);
  if (jr === undefined || r === undefined) return { error: "refs must be strings" };
  return { joinRef: jr, ref: r, topic, event, payload: payload ?? {} };
}

// Refs are opaque strings; numbers are tolerated (older clients) and echoed as strings.
function refString(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function decodeBinary(data: Buffer): DecodeResult {
  if (data.length < 1) return { error: "empty binary frame" };
  if (data[0] !== KIND_USER_BROADCAST_PUSH) return { error: `unsupported binary kind ${data[0]}` };
  if (data.length < KIND3_HEADER) return { error: "truncated binary header" };
  const joinRefLen = data[1]!;
  const refLen = data[2]!;
  const topicLen = data[3]!;
  const eventLen = data[4]!;
  const metaLen = data[5]!;
  const encoding = data[6]!;
  if (encoding > 1) return { error: `unknown payload encoding ${encoding}` };
  let offset = KIND3_HEADER;
  const end = offset + joinRefLen + refLen + topicLen + eventLen + metaLen;
  if (data.length < end) return { error: "truncated binary header" };
  const take = (len: number) => {
    const s = data.toString("utf8", offset, offset + len);
    offset += len;
    return s;
  };
  const joinRef = take(joinRefLen);
  const ref = take(refLen);
  const topic = take(topicLen);
  const userEvent = take(eventLen);
  offset += metaLen; // metadata is always empty from realtime-js, and the real server ignores it too
  // A view, not a copy: the bytes are re-framed into kind-4 frames as they are.
  const payload = data.subarray(offset);
  return {
    joinRef: joinRef || null,
    ref: ref || null,
    topic,
    event: "broadcast",
    payload: undefined,
    binary: { userEvent, json: encoding === 1, data: payload },
  };
}

/**
 * One outgoing message: the bytes and whether they go out as a binary or a text frame. `wire`, built on
 * first use by `wireFrame`, is the complete WebSocket frame, shared by every socket of a fan-out.
 */
export type Frame = { data: Buffer; binary: boolean; wire?: Buffer };

/**
 * The RFC 6455 frame a server sends for `frame` (FIN set, unmasked, no compression): header and payload
 * in one Buffer, so a fan-out costs one socket write per subscriber instead of ws's header + payload pair.
 */
export function wireFrame(frame: Frame): Buffer {
  if (frame.wire) return frame.wire;
  const length = frame.data.length;
  const headerLength = length < 126 ? 2 : length < 65536 ? 4 : 10;
  const wire = Buffer.allocUnsafe(headerLength + length);
  wire[0] = 0x80 | (frame.binary ? 0x2 : 0x1);
  if (length < 126) {
    wire[1] = length;
  } else if (length < 65536) {
    wire[1] = 126;
    wire.writeUInt16BE(length, 2);
  } else {
    wire[1] = 127;
    wire.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    wire.writeUInt32BE(length >>> 0, 6);
  }
  frame.data.copy(wire, headerLength);
  frame.wire = wire;
  return wire;
}

/** Encodes a reply or push for one socket (not a hot path: one socket, one message). */
export function encodeMessage(
  vsn: Vsn,
  joinRef: string | null,
  ref: string | null,
  topic: string,
  event: string,
  payload: unknown,
): string {
  if (vsn === "2.0.0") return JSON.stringify([joinRef, ref, topic, event, payload]);
  return JSON.stringify({ join_ref: joinRef, ref, topic, event, payload });
}

export function encodeReply(
  vsn: Vsn,
  joinRef: string | null,
  ref: string | null,
  topic: string,
  status: "ok" | "error",
  response: Record<string, unknown>,
): string {
  return encodeMessage(vsn, joinRef, ref, topic, "phx_reply", { status, response });
}

/**
 * Text frames for a server push that every subscriber of a topic receives identically
 * (`join_ref` and `ref` null): built once per serializer and shared by all sockets.
 * `payloadJson` is already-serialized JSON, spliced in so the payload is stringified once.
 */
export function encodeSharedText(vsn: Vsn, topic: string, event: string, payloadJson: string): Frame {
  const t = JSON.stringify(topic);
  const e = JSON.stringify(event);
  const text =
    vsn === "2.0.0"
      ? `[null,null,${t},${e},${payloadJson}]`
      : `{"join_ref":null,"ref":null,"topic":${t},"event":${e},"payload":${payloadJson}}`;
  return { data: Buffer.from(text, "utf8"), binary: false };
}

/** `{type:"broadcast", event, payload, meta?}` as JSON text, from an already-serialized payload. */
export function broadcastPayloadJson(userEvent: string, payloadJson: string, metaJson?: string): string {
  const meta = metaJson === undefined ? "" : `,"meta":${metaJson}`;
  return `{"type":"broadcast","event":${JSON.stringify(userEvent)},"payload":${payloadJson}${meta}}`;
}

/**
 * A kind-4 frame. Lengths are single bytes, so topic, event or metadata over 255 bytes cannot be framed;
 * the caller then falls back to a text frame (JSON payloads) or drops the message (binary payloads).
 */
export function encodeUserBroadcast(
  topic: string,
  userEvent: string,
  metaJson: string | undefined,
  json: boolean,
  payload: Buffer,
): Frame | undefined {
  const topicLen = Buffer.byteLength(topic);
  const eventLen = Buffer.byteLength(userEvent);
  const metaLen = metaJson === undefined ? 0 : Buffer.byteLength(metaJson);
  if (topicLen > 255 || eventLen > 255 || metaLen > 255) return undefined;
  const head = KIND4_HEADER + topicLen + eventLen + metaLen;
  const out = Buffer.allocUnsafe(head + payload.length);
  out[0] = KIND_USER_BROADCAST;
  out[1] = topicLen;
  out[2] = eventLen;
  out[3] = metaLen;
  out[4] = json ? 1 : 0;
  let offset = KIND4_HEADER;
  offset += out.write(topic, offset, "utf8");
  offset += out.write(userEvent, offset, "utf8");
  if (metaJson !== undefined) offset += out.write(metaJson, offset, "utf8");
  payload.copy(out, offset);
  return { data: out, binary: true };
}
