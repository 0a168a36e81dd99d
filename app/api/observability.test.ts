import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { asCaller, createDb, createQuiz, createSession, type Db } from "@/lib/db";
import { sampleQuiz } from "@/supabase/tests/fixtures";
import { dropTestDatabase, startTestStack, type TestStack } from "@/stack/test/harness";
import { closeAppDb, jsonRequest, pagesRoute, params, signIn, useAppEnv } from "./test-support/app-env";

/**
 * The operator's view of a running app: /api/health, /api/metrics and the structured log, driven through
 * the real route handlers against a test stack (Postgres, Auth, Realtime, Upstash endpoint).
 */
const METRICS_TOKEN = "test-metrics-token-0123456789";
let stack: TestStack;
let admin: Db;

beforeAll(async () => {
  stack = await startTestStack();
  admin = createDb(stack.db.url, { max: 2 });
  await useAppEnv({ ...stack.clientEnv, METRICS_TOKEN, LOG_LEVEL: "info" });
});

afterAll(async () => {
  await closeAppDb();
  await admin?.end({ timeout: 2 });
  await stack?.stop();
  if (stack) await dropTestDatabase(stack);
});

const health = () => import("./health/route");
const metricsRoute = () => import("./metrics/route");

async function scrape(token = METRICS_TOKEN): Promise<Response> {
  const { GET } = await metricsRoute();
  return GET(new Request("http://app.test/api/metrics", { headers: { authorization: `Bearer ${token}` } }), params({}));
}

/** The value of one series in the Prometheus text, 0 when absent. */
function sample(text: string, series: string): number {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe("GET /api/health", () => {
  test("is ready with every dependency up, and names no secrets", async () => {
    const { GET } = await health();
    const response = await GET(new Request("http://app.test/api/health"), params({}));
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      status: "ok",
      dependencies: {
        postgres: { status: "ok", latency_ms: expect.any(Number) },
        realtime: { status: "ok", latency_ms: expect.any(Number) },
        redis: { status: "ok", latency_ms: expect.any(Number) },
      },
    });
    const text = JSON.stringify(body);
    for (const secret of [stack.keys.serviceRoleKey, stack.keys.anonKey, stack.db.url, stack.apiUrl])
      expect(text).not.toContain(secret);
  });

  test("?live answers without touching a dependency", async () => {
    const { GET } = await health();
    const response = await GET(new Request("http://app.test/api/health?live"), params({}));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });
});

describe("GET /api/metrics", () => {
  test("is refused without the token, and with a wrong one", async () => {
    const { GET } = await metricsRoute();
    const missing = await GET(new Request("http://app.test/api/metrics"), params({}));
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: "unauthorized" } });
    expect((await scrape("wrong-token-wrong-token")).status).toBe(401);
  });

  test("is off (404, saying why) when METRICS_TOKEN is unset", async () => {
    delete process.env.METRICS_TOKEN;
    try {
      const response = await scrape();
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({
        error: { code: "not_found", message: expect.stringContaining("METRICS_TOKEN") },
      });
    } finally {
      process.env.METRICS_TOKEN = METRICS_TOKEN;
    }
  });

  test("moves when answers are accepted and rejected, and when players join", async () => {
    const before = await (await scrape()).text();
    const { sessionId, pin, host } = await createLiveSession();
    const player = await signIn(stack, "player");

    const join = pagesRoute((await import("@/pages/api/sessions/join")).default);
    const joined = await join(
      jsonRequest("http://app.test/api/sessions/join", { pin, nickname: "Quizzy" }, player.token),
      params({}),
    );
    expect(joined.status).toBe(200);
    const wrongPin = await join(
      jsonRequest("http://app.test/api/sessions/join", { pin: otherPin(pin), nickname: "Quizzy" }, player.token),
      params({}),
    );
    expect(wrongPin.status).toBe(404);

    const { POST: act } = await import("./sessions/[sessionId]/actions/route");
    for (const action of ["start", "open"]) {
      const response = await act(
        jsonRequest(`http://app.test/api/sessions/${sessionId}/actions`, { action }, host.token),
        params({ sessionId }),
      );
      expect(response.status).toBe(200);
    }
    const [row] = await admin<
      { question_id: string }[]
    >`select question_id from public.sessions where id = ${sessionId}`;
    const questionId = row!.question_id;

    const answer = pagesRoute((await import("@/pages/api/sessions/[sessionId]/answers")).default);
    const submit = (answerId: string, qid = questionId) =>
      answer(
        jsonRequest(
          `http://app.test/api/sessions/${sessionId}/answers`,
          { answerId, questionId: qid, response: { choices: ["a"] } },
          player.token,
        ),
        params({ sessionId }),
      );
    const answerId = randomUUID();
    expect((await submit(answerId)).status).toBe(200);
    expect((await submit(answerId)).status).toBe(200); // a retry: duplicate
    const refused = await submit(randomUUID(), randomUUID()); // not the open question
    expect(refused.status).toBeGreaterThanOrEqual(400);
    const { error } = (await refused.json()) as { error: { code: string } };

    // The host's snapshot carries the slowest recent acknowledgement for the console's health strip.
    const snapshotRoute = pagesRoute((await import("@/pages/api/sessions/[sessionId]/snapshot")).default);
    const hostView = await snapshotRoute(
      new Request(`http://app.test/api/sessions/${sessionId}/snapshot`, {
        headers: { authorization: `Bearer ${host.token}` },
      }),
      params({ sessionId }),
    );
    expect(await hostView.json()).toMatchObject({ role: "host", health: { slowest_ack_ms: expect.any(Number) } });

    const after = await (await scrape()).text();
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('pubquiz_answers_accepted_total{status="accepted"}')).toBe(1);
    expect(delta('pubquiz_answers_accepted_total{status="duplicate"}')).toBe(1);
    expect(delta(`pubquiz_answers_rejected_total{reason="${error.code}"}`)).toBe(1);
    expect(delta("pubquiz_answer_ack_duration_seconds_count")).toBe(2);
    expect(delta("pubquiz_join_attempts_total")).toBe(2);
    expect(delta('pubquiz_join_failures_total{reason="pin_not_found"}')).toBe(1);
    expect(delta('pubquiz_broadcasts_total{outcome="sent"}')).toBe(2);
    // Three answers one after another: three group commits of one (a refusal is an outcome, not a failed statement).
    expect(delta('pubquiz_db_query_duration_seconds_count{fn="submit_answers",outcome="ok"}')).toBe(3);
    // Host steps are named by their game function, whatever the statement around it.
    expect(delta('pubquiz_db_query_duration_seconds_count{fn="start_session",outcome="ok"}')).toBe(1);
    expect(delta('pubquiz_db_query_duration_seconds_count{fn="open_question",outcome="ok"}')).toBe(1);
    expect(
      delta(
        'pubquiz_http_request_duration_seconds_count{route="/api/sessions/:id/answers",method="POST",status="200"}',
      ),
    ).toBe(2);
    expect(after).toContain("nodejs_eventloop_lag_seconds");

    // Live sessions and players come from Postgres, cached for 10 s: drop the cache, then they show.
    vi.resetModules();
    const fresh = await (await scrape()).text();
    expect(sample(fresh, "pubquiz_live_sessions")).toBeGreaterThanOrEqual(1);
    expect(sample(fresh, "pubquiz_live_players")).toBeGreaterThanOrEqual(1);
  });

  test("rate-limit rejections are counted by policy", async () => {
    const before = await (await scrape()).text();
    const join = pagesRoute((await import("@/pages/api/sessions/join")).default);
    const player = await signIn(stack, "player");
    // joinPerUser allows 20 a minute; the 21st is refused.
    let last: Response | undefined;
    for (let i = 0; i < 21; i++)
      last = await join(
        jsonRequest("http://app.test/api/sessions/join", { pin: "000000", nickname: "x" }, player.token),
        params({}),
      );
    expect(last?.status).toBe(429);
    const after = await (await scrape()).text();
    const delta = (series: string) => sample(after, series) - sample(before, series);
    expect(delta('pubquiz_rate_limit_rejections_total{policy="joinPerUser"}')).toBe(1);
    expect(delta('pubquiz_join_failures_total{reason="rate_limited"}')).toBe(1);
  });
});

describe("the structured log", () => {
  test("lines written while serving a request carry its request id", async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split("\n").filter(Boolean))
          lines.push(JSON.parse(line) as Record<string, unknown>);
        done();
      },
    });
    const { createAppLogger, setLogger } = await import("@/lib/observability/logger");
    const log = createAppLogger(sink);
    log.level = "debug";
    setLogger(log);
    try {
      // A broadcast that fails (Realtime refuses a wrong key) is logged from inside the host action.
      const { sessionId, host } = await createLiveSession();
      const { broadcastGameEvent } = await import("@/lib/realtime/broadcast");
      const { withRequestContext } = await import("@/lib/observability/request-context");
      const requestId = `test-${randomUUID()}`;
      const saved = process.env.SUPABASE_SERVICE_ROLE_KEY;
      const { serverEnv } = await import("@/lib/env");
      const env = serverEnv() as { SUPABASE_SERVICE_ROLE_KEY: string };
      env.SUPABASE_SERVICE_ROLE_KEY = "not-the-service-role-key-at-all";
      try {
        const delivered = await withRequestContext({ requestId }, () =>
          broadcastGameEvent({
            session_id: sessionId,
            seq: 1,
            type: "settings_changed",
            is_locked: false,
            allow_late_join: true,
            teams_enabled: false,
          } as never),
        );
        expect(delivered).toBe(false);
      } finally {
        env.SUPABASE_SERVICE_ROLE_KEY = saved!;
      }
      expect(lines).toContainEqual(expect.objectContaining({ level: "error", msg: "broadcast failed", requestId }));

      // And through the route wrapper: the id sent in x-request-id is the one in the log and the response.
      const { POST: act } = await import("./sessions/[sessionId]/actions/route");
      const routeRequestId = `test-${randomUUID()}`;
      env.SUPABASE_SERVICE_ROLE_KEY = "not-the-service-role-key-at-all";
      let response: Response;
      try {
        response = await act(
          jsonRequest(`http://app.test/api/sessions/${sessionId}/actions`, { action: "start" }, host.token, {
            "x-request-id": routeRequestId,
          }),
          params({ sessionId }),
        );
      } finally {
        env.SUPABASE_SERVICE_ROLE_KEY = saved!;
      }
      expect(response.headers.get("x-request-id")).toBe(routeRequestId);
      expect(lines).toContainEqual(expect.objectContaining({ msg: "broadcast failed", requestId: routeRequestId }));
      // The database call made for a request logs (at debug) under that request's id.
      const snapshotRequestId = `test-${randomUUID()}`;
      const snapshotRoute = pagesRoute((await import("@/pages/api/sessions/[sessionId]/snapshot")).default);
      await snapshotRoute(
        new Request(`http://app.test/api/sessions/${sessionId}/snapshot`, {
          headers: { authorization: `Bearer ${host.token}`, "x-request-id": snapshotRequestId },
        }),
        params({ sessionId }),
      );
      expect(lines).toContainEqual(
        expect.objectContaining({
          msg: "game call",
          fn: "session_snapshot",
          outcome: "ok",
          requestId: snapshotRequestId,
        }),
      );

      const text = JSON.stringify(lines);
      expect(text).not.toContain(host.token);
    } finally {
      setLogger(undefined);
    }
  });
});

// Last: these swap the app's environment for one with dependencies on a closed port.
describe("GET /api/health with a dependency down", () => {
  test("an unreachable Redis is degraded, still 200 (the app limits in-process without it)", async () => {
    await useAppEnv({ ...stack.clientEnv, UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${await closedPort()}` });
    const { GET } = await health();
    const response = await GET(new Request("http://app.test/api/health"), params({}));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "degraded",
      dependencies: { postgres: { status: "ok" }, redis: { status: "down", reason: expect.any(String) } },
    });
  });

  test("a stopped database is down with 503, quickly", async () => {
    const url = new URL(stack.db.url);
    url.port = String(await closedPort());
    await useAppEnv({ ...stack.clientEnv, DATABASE_URL: url.toString() });
    const { GET } = await health();
    const started = performance.now();
    const response = await GET(new Request("http://app.test/api/health"), params({}));
    expect(performance.now() - started).toBeLessThan(2500);
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({
      status: "down",
      dependencies: { postgres: { status: "down", reason: "ECONNREFUSED" }, realtime: { status: "ok" } },
    });
    expect(JSON.stringify(body)).not.toContain(url.toString());
    // Liveness does not depend on the database.
    expect((await GET(new Request("http://app.test/api/health?live"), params({}))).status).toBe(200);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function createLiveSession() {
  const host = await signIn(stack, "host");
  const claims = { role: "authenticated" as const, sub: host.userId };
  const quizId = await asCaller(admin, claims, (tx) => createQuiz(tx, sampleQuiz()));
  const { session } = await asCaller(admin, claims, (tx) => createSession(tx, { quizId }));
  return { sessionId: session.id, pin: session.pin, host };
}

function otherPin(pin: string): string {
  return String((Number(pin) + 1) % 1_000_000).padStart(6, "0");
}
