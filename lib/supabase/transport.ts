import WebSocket from "ws";

/**
 * realtime-js needs a WebSocket constructor on Node < 22 (it resolves one eagerly in the client
 * constructor and throws without it). Node 22+ and browsers have a global one.
 */
export function realtimeTransport(): { transport?: typeof globalThis.WebSocket } {
  if (typeof globalThis.WebSocket === "function") return {};
  return { transport: WebSocket as unknown as typeof globalThis.WebSocket };
}
