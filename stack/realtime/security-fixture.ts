import { afterAll, afterEach, beforeAll } from "vitest";
import { closeClient, startFullStack } from "./test-helpers";
import { createRealtimeTestClient, type RealtimeTestStack, type TestClient } from "./test-stack";

/**
 * Shared setup of the private-channel and auth tests: a full stack with RLS policies on realtime.messages
 * as Supabase documents them — an authenticated user may read and write `room-<uid>`, may only read
 * `lobby`, and nothing else. Call `securityFixture()` at the top of a test file.
 */
export function securityFixture() {
  const fixture = {
    stack: undefined as unknown as RealtimeTestStack,
    clients: [] as TestClient[],
    client: (opts: { vsn?: "1.0.0" | "2.0.0"; token?: string; key?: string; timeout?: number } = {}): TestClient => {
      const { stack } = fixture;
      const c = createRealtimeTestClient(stack.apiUrl, opts.key ?? stack.keys.anonKey, {
        vsn: opts.vsn,
        timeout: opts.timeout,
      });
      if (opts.token) void c.realtime.setAuth(opts.token);
      fixture.clients.push(c);
      return c;
    },
    post: (path: string, body: unknown, headers: Record<string, string>): Promise<Response> => {
      return fetch(`${fixture.stack.apiUrl}/realtime/v1/api/broadcast${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    },
  };

  beforeAll(async () => {
    fixture.stack = await startFullStack();
    await fixture.stack.db.sql.unsafe(`
      create policy "rt read own room" on realtime.messages for select to authenticated
        using (realtime.topic() = 'room-' || auth.uid()::text and extension in ('broadcast', 'presence'));
      create policy "rt write own room" on realtime.messages for insert to authenticated
        with check (realtime.topic() = 'room-' || auth.uid()::text and extension in ('broadcast', 'presence'));
      create policy "rt read lobby" on realtime.messages for select to authenticated
        using (realtime.topic() = 'lobby');
    `);
  });

  afterEach(async () => {
    await Promise.all(fixture.clients.splice(0).map(closeClient));
  });

  afterAll(async () => {
    await fixture.stack?.stop();
  });

  return fixture;
}

export const privateChannel = (c: TestClient, topic: string, config: Record<string, unknown> = {}) =>
  c.channel(topic, { config: { private: true, ...config } });
