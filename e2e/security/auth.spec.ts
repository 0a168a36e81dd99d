import { expect, test } from "@playwright/test";
import { SignJWT, decodeJwt, generateKeyPair, importJWK } from "jose";
import { randomUUID } from "node:crypto";
import { createServerClient } from "@supabase/ssr";
import { DEV_SIGNING_JWK } from "../../stack/config";
import { ANON_KEY, E2E_API_URL } from "../support/live-game";
import {
  anonymousUser,
  call,
  createGame,
  db,
  hostCookie,
  isErrorBody,
  recordFigures,
  rowCounts,
  signUpHost,
  transport,
  type Game,
  type User,
} from "./support";

/**
 * Auth attacks on every endpoint: no token, forged tokens (wrong key, alg=none, HS256 keyed with the public
 * anon key, a tampered payload), expired tokens, other users' tokens, a player's token on host endpoints and
 * pages. Each must be refused with a 4xx JSON error and change nothing.
 */
let game: Game;
let other: Game;
let alice: User;
let bob: User;
const outcomes: Record<string, number> = {};
let attempts = 0;
let serverErrors = 0;

test.beforeAll(async ({ baseURL }) => {
  game = await createGame();
  other = await createGame();
  [alice, bob] = [await anonymousUser(), await anonymousUser()];
  for (const [user, nickname] of [
    [alice, "Alice"],
    [bob, "Bob"],
  ] as const) {
    const reply = await call(baseURL!, "POST", "/api/sessions/join", {
      token: user.token,
      body: { pin: game.pin, nickname },
    });
    expect(reply.status).toBe(200);
  }
  for (const action of ["start", "open"])
    expect(
      (
        await call(baseURL!, "POST", `/api/sessions/${game.sessionId}/actions`, {
          token: game.host.token,
          body: { action },
        })
      ).status,
    ).toBe(200);
});

test.afterAll(() => recordFigures("auth", { attempts, serverErrors, statuses: outcomes }));

/** Every API endpoint with a body a legitimate caller could send. */
function endpoints(sessionId: string, pin: string) {
  return [
    { method: "POST", path: "/api/sessions/join", body: { pin, nickname: "Mallory" } },
    { method: "GET", path: `/api/sessions/lookup?pin=${pin}` },
    { method: "POST", path: "/api/screens", body: { pin } },
    {
      method: "POST",
      path: `/api/sessions/${sessionId}/answers`,
      body: { answerId: randomUUID(), questionId: game.questionIds[0], response: { choices: ["b"] } },
    },
    { method: "POST", path: `/api/sessions/${sessionId}/actions`, body: { action: "finish" } },
    { method: "GET", path: `/api/sessions/${sessionId}/snapshot?view=host` },
  ] as const;
}

async function expectRefused(baseURL: string, label: string, token: string | undefined, expected: number[]) {
  for (const endpoint of endpoints(game.sessionId, game.pin)) {
    const before = await rowCounts();
    const reply = await call(baseURL, endpoint.method, endpoint.path, {
      token,
      body: "body" in endpoint ? endpoint.body : undefined,
    });
    attempts += 1;
    outcomes[`${label} → ${reply.status}`] = (outcomes[`${label} → ${reply.status}`] ?? 0) + 1;
    if (reply.status >= 500) serverErrors += 1;
    expect(expected, `${label} on ${endpoint.method} ${endpoint.path}: ${JSON.stringify(reply.body)}`).toContain(
      reply.status,
    );
    expect(isErrorBody(reply.body)).toBe(true);
    expect(await rowCounts(), `${label} wrote on ${endpoint.path}`).toEqual(before);
  }
}

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");

test("no token, garbage and forged tokens are 401 on every endpoint", async ({ baseURL }) => {
  const claims = decodeJwt(alice.token);
  const now = Math.floor(Date.now() / 1000);
  const { privateKey: strangerKey } = await generateKeyPair("ES256");
  const devKey = await importJWK({ ...DEV_SIGNING_JWK }, "ES256");
  const forged: Record<string, string | undefined> = {
    "no token": undefined,
    garbage: "not-a-jwt",
    "empty bearer": " ",
    "wrong ES256 key, right kid": await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "ES256", kid: DEV_SIGNING_JWK.kid, typ: "JWT" })
      .sign(strangerKey),
    "alg none": `${b64url({ alg: "none", typ: "JWT" })}.${b64url({ ...claims, exp: now + 3600 })}.`,
    "HS256 keyed with the anon key": await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(new TextEncoder().encode(ANON_KEY)),
    "tampered payload (sub → bob)": (() => {
      const [header, , signature] = alice.token.split(".");
      return `${header}.${b64url({ ...claims, sub: bob.id })}.${signature}`;
    })(),
    "tampered payload (role → service_role)": (() => {
      const [header, , signature] = alice.token.split(".");
      return `${header}.${b64url({ ...claims, role: "service_role" })}.${signature}`;
    })(),
    "expired (right key)": await new SignJWT({ ...claims, iat: now - 7200, exp: now - 3600 })
      .setProtectedHeader({ alg: "ES256", kid: DEV_SIGNING_JWK.kid, typ: "JWT" })
      .sign(devKey),
    "the anon API key as a user token": ANON_KEY,
  };
  for (const [label, token] of Object.entries(forged)) {
    // A bare "Authorization: Bearer " is not a token: refused the same way.
    const header = token === " " ? "" : token;
    await expectRefused(baseURL!, label, header === "" ? "" : header, [401]);
  }
  // Sending `Authorization:` with an empty or non-Bearer value is refused too, not treated as "no header".
  for (const value of ["", "Basic dXNlcjpwYXNz", "Bearer", "bearer  "]) {
    const reply = await call(baseURL!, "GET", `/api/sessions/${game.sessionId}/snapshot`, {
      headers: { authorization: value },
    });
    attempts += 1;
    expect(reply.status, `authorization: "${value}"`).toBe(401);
  }
});

test("another player's answer id cannot be used to read or overwrite their answer", async ({ baseURL }) => {
  const path = `/api/sessions/${game.sessionId}/answers`;
  const answerId = randomUUID();
  const bobs = await call(baseURL!, "POST", path, {
    token: bob.token,
    body: { answerId, questionId: game.questionIds[0], response: { choices: ["b"] } },
  });
  expect(bobs.status).toBe(200);
  const before = await rowCounts();
  const stolen = await call(baseURL!, "POST", path, {
    token: alice.token,
    body: { answerId, questionId: game.questionIds[0], response: { choices: ["a"] } },
  });
  attempts += 1;
  expect(stolen.status, JSON.stringify(stolen.body)).toBeGreaterThanOrEqual(400);
  expect(stolen.status).toBeLessThan(500);
  expect(JSON.stringify(stolen.body)).not.toContain("elapsed_ms");
  expect(await rowCounts()).toEqual(before);
  const [row] = await db<{ response: unknown }[]>`select response from public.answers where id = ${answerId}`;
  expect(row?.response).toEqual({ choices: ["b"] });
});

test("the answer path's session comes from the path: a sessionId in the query names nothing", async ({ baseURL }) => {
  // The answer route is a Pages Router API route, where path params and the query share req.query.
  const own = await createGame();
  const carol = await anonymousUser();
  const joined = await call(baseURL!, "POST", "/api/sessions/join", {
    token: carol.token,
    body: { pin: own.pin, nickname: "Carol" },
  });
  expect(joined.status).toBe(200);
  for (const action of ["start", "open"]) {
    const reply = await call(baseURL!, "POST", `/api/sessions/${own.sessionId}/actions`, {
      token: own.host.token,
      body: { action },
    });
    expect(reply.status).toBe(200);
  }
  const body = () => ({ answerId: randomUUID(), questionId: own.questionIds[0], response: { choices: ["b"] } });
  const before = await rowCounts();
  const smuggled = await call(baseURL!, "POST", `/api/sessions/${other.sessionId}/answers?sessionId=${own.sessionId}`, {
    token: carol.token,
    body: body(),
  });
  attempts += 1;
  expect(smuggled.status, JSON.stringify(smuggled.body)).toBeGreaterThanOrEqual(400);
  expect(smuggled.status).toBeLessThan(500);
  expect(await rowCounts()).toEqual(before);
  const answer = body();
  const stored = await call(baseURL!, "POST", `/api/sessions/${own.sessionId}/answers?sessionId=${other.sessionId}`, {
    token: carol.token,
    body: answer,
  });
  expect(stored.status, JSON.stringify(stored.body)).toBe(200);
  const [row] = await db<{ session_id: string }[]>`select session_id from public.answers where id = ${answer.answerId}`;
  expect(row?.session_id).toBe(own.sessionId);
});

test("a player of one session is refused on another session; a player is not a host", async ({ baseURL }) => {
  const before = await rowCounts();
  const replies = [
    await call(baseURL!, "POST", `/api/sessions/${other.sessionId}/answers`, {
      token: alice.token,
      body: { answerId: randomUUID(), questionId: other.questionIds[0], response: { choices: ["b"] } },
    }),
    await call(baseURL!, "GET", `/api/sessions/${other.sessionId}/snapshot?view=player`, { token: alice.token }),
  ];
  for (const action of ["finish", "next", "reveal", "leaderboard", "pause", "start"]) {
    replies.push(
      await call(baseURL!, "POST", `/api/sessions/${game.sessionId}/actions`, { token: alice.token, body: { action } }),
    );
  }
  replies.push(
    await call(baseURL!, "POST", `/api/sessions/${game.sessionId}/actions`, {
      token: alice.token,
      body: { action: "kick", participantId: randomUUID() },
    }),
  );
  replies.push(
    await call(baseURL!, "POST", `/api/sessions/${game.sessionId}/actions`, {
      token: alice.token,
      body: { action: "settings", isLocked: true },
    }),
  );
  replies.push(
    await call(baseURL!, "GET", `/api/sessions/${game.sessionId}/snapshot?view=host`, { token: alice.token }),
  );
  for (const reply of replies) {
    attempts += 1;
    expect([403, 404, 409], JSON.stringify(reply.body)).toContain(reply.status);
    expect(isErrorBody(reply.body)).toBe(true);
  }
  expect(await rowCounts()).toEqual(before);
  const [session] = await db<
    { state: string; is_locked: boolean }[]
  >`select state, is_locked from public.sessions where id = ${game.sessionId}`;
  expect(session).toEqual({ state: "answering", is_locked: false });
});

test("host B is refused host A's session: actions, host snapshot, report CSV", async ({ baseURL }) => {
  const hostB = await signUpHost();
  const cookieB = await hostCookie(hostB.email, hostB.password);
  const before = await rowCounts();
  for (const body of [
    { action: "finish" },
    { action: "settings", isLocked: true },
    { action: "create_team", name: "Intruders" },
    { action: "close" },
  ]) {
    const reply = await call(baseURL!, "POST", `/api/sessions/${game.sessionId}/actions`, { token: hostB.token, body });
    attempts += 1;
    expect([403, 404, 409], `${body.action}: ${JSON.stringify(reply.body)}`).toContain(reply.status);
  }
  const snapshot = await call(baseURL!, "GET", `/api/sessions/${game.sessionId}/snapshot?view=host`, {
    token: hostB.token,
  });
  expect([403, 404]).toContain(snapshot.status);
  const csv = await call(baseURL!, "GET", `/host/sessions/${game.sessionId}/report.csv`, {
    headers: { cookie: cookieB },
  });
  expect(csv.status).toBe(404);
  expect(isErrorBody(csv.body)).toBe(true);
  const page = await call(baseURL!, "GET", `/host/sessions/${game.sessionId}`, { headers: { cookie: cookieB } });
  expect(page.status).toBe(404);
  attempts += 3;
  expect(await rowCounts()).toEqual(before);
});

test("a player's (anonymous) session in the host cookie does not open host pages or the CSV", async ({ baseURL }) => {
  const jar = new Map<string, string>();
  const ssr = createServerClient(E2E_API_URL, ANON_KEY, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (c) => c.forEach(({ name, value }) => jar.set(name, value)),
    },
    realtime: transport,
  });
  expect((await ssr.auth.signInAnonymously()).error).toBeNull();
  const cookie = [...jar].map(([n, v]) => `${n}=${v}`).join("; ");
  for (const path of [
    "/host",
    "/host/quizzes/new",
    `/host/sessions/${game.sessionId}`,
    `/host/sessions/${game.sessionId}/report`,
  ]) {
    const reply = await call(baseURL!, "GET", path, { headers: { cookie } });
    attempts += 1;
    expect(reply.status, path).toBe(307);
    expect(reply.headers.get("location"), path).toMatch(/\/login$/);
  }
  const csv = await call(baseURL!, "GET", `/host/sessions/${game.sessionId}/report.csv`, { headers: { cookie } });
  attempts += 1;
  expect(csv.status).toBe(401);
  expect(isErrorBody(csv.body)).toBe(true);
});
