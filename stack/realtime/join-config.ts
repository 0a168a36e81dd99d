/**
 * The `phx_join` payload, read as leniently as Supabase reads it (`RealtimeWeb.Channels.Payloads.*`):
 * booleans may be strings ("true"/"False"), and a field that does not parse falls back to its default
 * instead of failing the join.
 */

export type PostgresChangeParams = Record<string, unknown>;

export type JoinConfig = {
  isPrivate: boolean;
  selfBroadcast: boolean;
  ack: boolean;
  presenceEnabled: boolean;
  /** `undefined` = none given; the server then makes one up (Supabase uses a UUIDv1). */
  presenceKey: string | undefined;
  postgresChanges: PostgresChangeParams[];
  /** `access_token`, else the legacy `user_token`. */
  accessToken: unknown;
};

export function parseJoinPayload(payload: unknown): JoinConfig {
  const p = asRecord(payload);
  const config = asRecord(p.config);
  const broadcast = asRecord(config.broadcast);
  const presence = asRecord(config.presence);
  const key = presence.key;
  return {
    isPrivate: flexibleBoolean(config.private),
    selfBroadcast: flexibleBoolean(broadcast.self),
    ack: flexibleBoolean(broadcast.ack),
    presenceEnabled: flexibleBoolean(presence.enabled),
    presenceKey: presenceKey(key),
    postgresChanges: Array.isArray(config.postgres_changes)
      ? config.postgres_changes.filter(
          (c): c is PostgresChangeParams => typeof c === "object" && c !== null && !Array.isArray(c),
        )
      : [],
    accessToken: p.access_token ?? p.user_token,
  };
}

/** Supabase accepts any JSON value as key; "" or none means "make one up". */
function presenceKey(key: unknown): string | undefined {
  if (key === undefined || key === null || key === "") return undefined;
  return typeof key === "string" ? key : JSON.stringify(key);
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

export function flexibleBoolean(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value.toLowerCase() === "true";
  return false;
}

/**
 * The join reply echoes each postgres_changes filter with an integer `id` (Supabase: `:erlang.phash2(params)`,
 * 0‥2^27-1); the client keeps the ids to route change events. The local stack does not stream database
 * changes (PubQuiz uses broadcast only), but it acknowledges the bindings exactly like the real server so
 * that a client asking for them subscribes instead of failing with a binding mismatch.
 */
export function postgresChangesReply(params: PostgresChangeParams[]): PostgresChangeParams[] {
  return params.map((p) => ({ ...p, id: stableId(p) }));
}

function stableId(value: unknown): number {
  // FNV-1a over a canonical JSON form: the same filter always gets the same id, like phash2.
  let hash = 0x811c9dc5;
  const text = canonicalJson(value);
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 2 ** 27;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
