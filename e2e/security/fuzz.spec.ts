import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { BAD_IDS, RAW_BODIES, mutate, randomString, seededRng, type Rng } from "./hostile-values";
import {
  anonymousUser,
  call,
  createGame,
  hostCookie,
  isErrorBody,
  addFigures,
  rowCounts,
  type Game,
  type Reply,
  type User,
} from "./support";

/**
 * The API fuzz suite: every route handler, fed generated and hand-written hostile input. Expectation for
 * each input: no 5xx; an error is a 4xx with `{ error: { code, message } }`; a refused request changes no
 * row in the database (row counts of every app table before and after). Valid-looking mutations may
 * succeed (2xx); that is allowed. SEED reproduces a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const PER_ROUTE = Number(process.env.FUZZ_PER_ROUTE ?? 300);

type Failure = { route: string; input: string; status: number; body: string; why: string };
const failures: Failure[] = [];
// Per test, added to the file's figures after each one (a failed test restarts the worker).
let tried = 0;
let serverErrors = 0;
let statusCounts = new Map<number, number>();
// A path with a malformed %-escape (/api/sessions/%ZZ/answers) is refused by proxy.ts with a 400: Next.js
// 16.4 itself would answer it with a bare 500 before any app code. Counted, so the figures show it was tried.
let malformedPaths = 0;
const isMalformedEscape = (path: string) => {
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
};

let game: Game; // a question open, players joined: answers land
let hostGame: Game; // a lobby for host actions
let players: User[] = [];
let cookie = "";
let addressCounter = 0;
const nextAddress = () => `10.9.${(addressCounter >> 8) & 255}.${addressCounter++ & 255}`;

test.beforeAll(async ({ baseURL }) => {
  game = await createGame({ questions: 3 });
  hostGame = await createGame({ host: game.host });
  players = await Promise.all(Array.from({ length: 40 }, () => anonymousUser()));
  for (const [i, player] of players.entries()) {
    const joined = await call(baseURL!, "POST", "/api/sessions/join", {
      token: player.token,
      body: { pin: game.pin, nickname: `Player ${i}` },
      address: nextAddress(),
    });
    expect(joined.status, JSON.stringify(joined.body)).toBe(200);
  }
  for (const action of ["start", "open"]) {
    const reply = await call(baseURL!, "POST", `/api/sessions/${game.sessionId}/actions`, {
      token: game.host.token,
      body: { action },
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  }
  cookie = await hostCookie(game.host.email, game.host.password);
});

test.afterEach(() => {
  addFigures("fuzz", {
    inputsTried: tried,
    serverErrors,
    malformedPaths,
    statuses: Object.fromEntries(statusCounts),
  });
  tried = 0;
  malformedPaths = 0;
  serverErrors = 0;
  statusCounts = new Map();
});

const excerpt = (value: unknown) => {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text === undefined ? "undefined" : text.length > 160 ? `${text.slice(0, 160)}… (${text.length} chars)` : text;
};

/** Sends one hostile request and checks the three promises; records a failure instead of stopping. */
async function attempt(route: string, input: unknown, send: () => Promise<Reply>): Promise<Reply> {
  const before = await rowCounts();
  const reply = await send();
  tried += 1;
  statusCounts.set(reply.status, (statusCounts.get(reply.status) ?? 0) + 1);
  const fail = (why: string) =>
    failures.push({ route, input: excerpt(input), status: reply.status, body: excerpt(reply.body), why });
  if (typeof input === "string" && isMalformedEscape(input)) malformedPaths += 1;
  if (reply.status >= 500) {
    serverErrors += 1;
    fail("5xx");
  } else if (reply.status >= 400) {
    // 405 (method not exported) and 431 (headers too large, from Node's parser) are answered by the
    // framework and the HTTP server before any app code, without a body of ours.
    if (!isErrorBody(reply.body) && reply.status !== 405 && reply.status !== 431)
      fail("error without {error:{code,message}}");
    const after = await rowCounts();
    if (JSON.stringify(after) !== JSON.stringify(before))
      fail(`refused but wrote: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  }
  return reply;
}

function expectNoFailures(route: string) {
  const mine = failures.filter((f) => f.route.startsWith(route));
  expect(
    mine,
    mine.map((f) => `${f.route} ${f.status} ${f.why}\n  in:  ${f.input}\n  out: ${f.body}`).join("\n"),
  ).toEqual([]);
}

type RouteCase = {
  name: string;
  method: "GET" | "POST";
  path: (rng: Rng) => string;
  token: (rng: Rng) => string | undefined;
  /** A valid body to mutate (POST routes). */
  valid?: (rng: Rng) => Record<string, unknown>;
  /** For GET routes: a valid query to mutate. */
  query?: (rng: Rng) => Record<string, unknown>;
};

const player = (rng: Rng) => players[Math.floor(rng() * players.length)]!;

const routes = (): RouteCase[] => [
  {
    name: "POST /api/sessions/join",
    method: "POST",
    path: () => "/api/sessions/join",
    token: (rng) => player(rng).token,
    valid: (rng) => ({ pin: game.pin, nickname: `N${Math.floor(rng() * 1e6)}` }),
  },
  {
    name: "GET /api/sessions/lookup",
    method: "GET",
    path: () => "/api/sessions/lookup",
    token: (rng) => player(rng).token,
    query: () => ({ pin: game.pin }),
  },
  {
    name: "POST /api/screens",
    method: "POST",
    path: () => "/api/screens",
    token: (rng) => player(rng).token,
    valid: () => ({ pin: game.pin }),
  },
  {
    name: "POST /api/sessions/:id/answers",
    method: "POST",
    path: () => `/api/sessions/${game.sessionId}/answers`,
    token: (rng) => player(rng).token,
    valid: () => ({ answerId: randomUUID(), questionId: game.questionIds[0], response: { choices: ["b"] } }),
  },
  {
    name: "POST /api/sessions/:id/actions",
    method: "POST",
    path: () => `/api/sessions/${hostGame.sessionId}/actions`,
    token: () => hostGame.host.token,
    valid: (rng) =>
      rng() < 0.5
        ? { action: "settings", isLocked: false }
        : rng() < 0.5
          ? { action: "kick", participantId: randomUUID() }
          : { action: "create_team", name: `T${Math.floor(rng() * 1e6)}` },
  },
  {
    name: "GET /api/sessions/:id/snapshot",
    method: "GET",
    path: () => `/api/sessions/${game.sessionId}/snapshot`,
    token: (rng) => (rng() < 0.2 ? game.host.token : player(rng).token),
    query: () => ({ view: "player" }),
  },
  {
    name: "POST /api/echo",
    method: "POST",
    path: () => "/api/echo",
    token: () => undefined,
    valid: () => ({ hello: "world" }),
  },
];

// URLSearchParams writes lone surrogates as U+FFFD; raw invalid escapes are sent by RAW_QUERIES below.
const toQuery = (value: unknown) => {
  const params = new URLSearchParams();
  if (typeof value !== "object" || value === null || Array.isArray(value)) params.append("pin", String(value));
  else
    for (const [k, v] of Object.entries(value)) params.append(k, typeof v === "string" ? v : (JSON.stringify(v) ?? ""));
  return `?${params.toString()}`;
};
const RAW_QUERIES = [
  "?pin=%ZZ",
  "?pin=%ED%A0%80",
  "?pin=%00%00%00",
  "?pin=1&pin=2",
  "?view=host&view=player",
  "?view=%ZZ",
  "?" + "a=1&".repeat(5000),
];

for (const [index, route] of routes().entries()) {
  test(`fuzz ${route.name}`, async ({ baseURL }) => {
    const rng = seededRng(SEED + index);
    for (let i = 0; i < PER_ROUTE; i += 1) {
      const token = route.token(rng);
      const address = nextAddress();
      if (route.valid) {
        const body = mutate(rng, route.valid(rng));
        await attempt(route.name, body, () => call(baseURL!, "POST", route.path(rng), { token, body, address }));
      } else {
        const query = mutate(rng, route.query!(rng));
        const path = route.path(rng) + toQuery(query);
        await attempt(route.name, path, () => call(baseURL!, "GET", path, { token, address }));
      }
    }
    if (route.method === "GET") {
      for (const raw of RAW_QUERIES) {
        const path = route.path(rng) + raw;
        await attempt(`${route.name} raw query`, raw, () =>
          call(baseURL!, "GET", path, { token: route.token(rng), address: nextAddress() }),
        );
      }
    }
    if (route.method === "POST") {
      for (const raw of RAW_BODIES) {
        await attempt(`${route.name} raw`, raw, () =>
          call(baseURL!, "POST", route.path(rng), {
            token: route.token(rng),
            body: raw,
            headers: { "content-type": "application/json" },
            address: nextAddress(),
          }),
        );
      }
      const valid = JSON.stringify(route.valid!(rng));
      for (const type of [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "application/xml",
        "",
      ]) {
        await attempt(`${route.name} content-type`, type, () =>
          call(baseURL!, "POST", route.path(rng), {
            token: route.token(rng),
            body: valid,
            headers: type ? { "content-type": type } : {},
            address: nextAddress(),
          }),
        );
      }
      // Far over every limit: an 8 MB body, declared and (chunked) undeclared.
      const huge = JSON.stringify({ pin: game.pin, nickname: "x".repeat(8 * 1024 * 1024) });
      await attempt(`${route.name} huge`, "8 MB body", () =>
        call(baseURL!, "POST", route.path(rng), { token: route.token(rng), body: huge, address: nextAddress() }),
      );
    }
    for (const method of ["PUT", "PATCH", "DELETE", route.method === "GET" ? "POST" : "GET"]) {
      await attempt(`${route.name} method`, method, () =>
        call(baseURL!, method, route.path(rng), { token: route.token(rng), address: nextAddress() }),
      );
    }
    expectNoFailures(route.name);
  });
}

test("fuzz route params: ids that are not uuids, on every :sessionId route", async ({ baseURL }) => {
  const rng = seededRng(SEED + 100);
  for (const id of [...BAD_IDS, encodeURIComponent(randomString(rng)), randomUUID()]) {
    const token = player(rng).token;
    await attempt("params", id, () =>
      call(baseURL!, "POST", `/api/sessions/${id}/answers`, {
        token,
        body: { answerId: randomUUID(), questionId: game.questionIds[0], response: { choices: ["b"] } },
      }),
    );
    await attempt("params", id, () =>
      call(baseURL!, "POST", `/api/sessions/${id}/actions`, { token: game.host.token, body: { action: "start" } }),
    );
    await attempt("params", id, () => call(baseURL!, "GET", `/api/sessions/${id}/snapshot`, { token }));
    await attempt("params", id, () =>
      call(baseURL!, "GET", `/host/sessions/${id}/report.csv`, { headers: { cookie } }),
    );
  }
  expectNoFailures("params");
});

test("fuzz the report CSV route: cookies, ids, methods", async ({ baseURL }) => {
  const route = "GET report.csv";
  const path = `/host/sessions/${game.sessionId}/report.csv`;
  const ok = await call(baseURL!, "GET", path, { headers: { cookie } });
  expect(ok.status).toBe(200);
  for (const badCookie of [
    "",
    "sb-127-auth-token=garbage",
    `sb-127-auth-token=base64-${"A".repeat(5000)}`,
    "sb-127-auth-token=%00%ff",
  ]) {
    await attempt(route, badCookie, () =>
      call(baseURL!, "GET", path, { headers: badCookie ? { cookie: badCookie } : {} }),
    );
  }
  for (const method of ["POST", "PUT", "DELETE", "PATCH"]) {
    await attempt(route, method, () => call(baseURL!, method, path, { headers: { cookie } }));
  }
  expectNoFailures(route);
});
