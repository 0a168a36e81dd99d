import { expect, test } from "@playwright/test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { DEV_JWT_SECRET, DEV_SIGNING_JWK, DEV_UPSTASH_TOKEN, parseStackEnv } from "../../stack/config";
import { createKeys } from "../../stack/keys";
import { E2E_API_URL, E2E_DB_URL } from "../support/live-game";
import { mutate, randomString, seededRng } from "./hostile-values";
import { createGame, hostCookie, recordFigures, rowCounts, signUpHost } from "./support";

/**
 * Web hardening of the production build: security headers on every kind of response, a CSP the pages
 * actually run under, auth cookies' attributes, server actions refused cross-site and robust to hostile
 * arguments, and no secret in the client bundle.
 */
const figures: Record<string, unknown> = {};
test.afterAll(() => recordFigures("hardening", figures));

const PAGES = [
  "/",
  "/join",
  "/login",
  "/signup",
  "/host",
  "/screen/123456",
  "/play/00000000-0000-0000-0000-000000000000",
];

test("security headers on pages, API responses, errors and static assets", async ({ baseURL }) => {
  const html = await (await fetch(`${baseURL}/join`)).text();
  const asset = /\/_next\/static\/[^"]+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  const targets = [...PAGES, "/api/sessions/lookup?pin=123456", "/api/echo", "/nothing-here", asset!];
  for (const path of targets) {
    const response = await fetch(`${baseURL}${path}`, { redirect: "manual" });
    const h = response.headers;
    expect(h.get("x-content-type-options"), path).toBe("nosniff");
    expect(h.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
    expect(h.get("x-frame-options"), path).toBe("DENY");
    expect(h.get("permissions-policy"), path).toContain("camera=()");
    const csp = h.get("content-security-policy") ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).not.toContain("unsafe-eval");
    expect(h.get("x-powered-by"), path).toBeNull();
    // Plain http here: no HSTS (it would pin 127.0.0.1 to https).
    expect(h.get("strict-transport-security"), path).toBeNull();
  }
  const page = await fetch(`${baseURL}/join`);
  const csp = page.headers.get("content-security-policy")!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(csp).toContain(`connect-src 'self' ${E2E_API_URL} ${E2E_API_URL.replace("http", "ws")}`);
  const nonce = /'nonce-([^']+)'/.exec(csp)![1];
  const second = (await fetch(`${baseURL}/join`)).headers.get("content-security-policy")!;
  expect(second).not.toContain(nonce!);
  // Behind a TLS-terminating proxy (or Vercel): HSTS and upgrade-insecure-requests.
  const https = await fetch(`${baseURL}/join`, { headers: { "x-forwarded-proto": "https" } });
  expect(https.headers.get("strict-transport-security")).toContain("max-age=63072000");
  expect(https.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  figures.headers = { responsesChecked: targets.length + 3, pageCsp: csp.replace(nonce!, "<nonce>") };
});

test("the pages run under the CSP: no violation for a player, the big screen and the host console", async ({
  browser,
  baseURL,
}) => {
  const game = await createGame();
  const violations: string[] = [];
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(`/join?pin=${game.pin}`);
  await page.getByLabel(/nickname/i).fill("Csp Tester");
  await page.getByRole("button", { name: /play/i }).click();
  await expect(page.getByText(/You're in/)).toBeVisible();
  const screen = await context.newPage();
  screen.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await screen.goto(`/screen/${game.pin}`);
  await expect(screen.locator("svg").first()).toBeVisible();
  // The host console: cookie session, QR code, Realtime over ws: to the stack.
  const cookie = await hostCookie(game.host.email, game.host.password);
  await context.addCookies(
    cookie.split("; ").map((pair) => {
      const at = pair.indexOf("=");
      return { name: pair.slice(0, at), value: pair.slice(at + 1), url: baseURL! };
    }),
  );
  const console = await context.newPage();
  console.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await console.goto(`/host/sessions/${game.sessionId}`);
  await expect(console.getByText(game.pin).first()).toBeVisible();
  await expect(screen.getByText("Csp Tester").first()).toBeVisible();
  expect(violations).toEqual([]);
  await context.close();
});

test("auth cookies: SameSite=Lax, Path=/, HttpOnly off (the browser client reads them), Secure over https", async ({
  baseURL,
}) => {
  const host = await signUpHost();
  const signIn = async (headers: Record<string, string>) => {
    const id = actionId("signInAction");
    const form = new FormData();
    form.append("email", host.email);
    form.append("password", host.password);
    const body = await encodeReply([{}, form]);
    return fetch(`${baseURL}/login`, {
      method: "POST",
      headers: { ...headers, "next-action": id, origin: baseURL!, accept: "text/x-component" },
      body: body as FormData,
      redirect: "manual",
    });
  };
  const plain = await signIn({});
  const cookies = plain.headers.getSetCookie().filter((c) => c.startsWith("sb-"));
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) {
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/HttpOnly/i);
  }
  const overHttps = (await signIn({ "x-forwarded-proto": "https" })).headers
    .getSetCookie()
    .filter((c) => c.startsWith("sb-"));
  expect(overHttps.length).toBeGreaterThan(0);
  for (const cookie of overHttps) expect(cookie).toMatch(/;\s*Secure/i);
  figures.cookies = {
    http: cookies.map((c) => c.replace(/=[^;]+/, "=<value>")),
    https: overHttps.map((c) => c.replace(/=[^;]+/, "=<value>")),
  };
});

// --- server actions ---------------------------------------------------------------------------------
const require = createRequire(import.meta.url);
const { encodeReply } = require("next/dist/compiled/react-server-dom-webpack/client.node.js") as {
  encodeReply: (value: unknown[]) => Promise<string | FormData>;
};
function actionId(name: string): string {
  const manifest = JSON.parse(readFileSync(".next/server/server-reference-manifest.json", "utf8")) as {
    node: Record<string, { exportedName: string }>;
  };
  const id = Object.entries(manifest.node).find(([, entry]) => entry.exportedName === name)?.[0];
  if (!id) throw new Error(`no server action ${name} in the build`);
  return id;
}
async function postAction(
  baseURL: string,
  page: string,
  name: string,
  args: unknown[] | string,
  headers: Record<string, string>,
) {
  const body = typeof args === "string" ? args : await encodeReply(args);
  const response = await fetch(`${baseURL}${page}`, {
    method: "POST",
    headers: {
      "next-action": actionId(name),
      accept: "text/x-component",
      ...(typeof body === "string" ? { "content-type": "text/plain;charset=UTF-8" } : {}),
      ...headers,
    },
    body,
    redirect: "manual",
  });
  return { status: response.status, text: await response.text(), headers: response.headers };
}
const form = (entries: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) f.append(k, v);
  return f;
};

test("server actions: a cross-site POST is refused and does nothing", async ({ baseURL }) => {
  const game = await createGame();
  const cookie = await hostCookie(game.host.email, game.host.password);
  const before = await rowCounts();
  const outcomes: Record<string, number> = {};
  for (const origin of ["https://evil.example", "http://127.0.0.1.evil.example", "null"]) {
    for (const [name, args] of [
      ["startSessionAction", [form({ quizId: game.quizId })]],
      ["deleteQuizAction", [form({ quizId: game.quizId })]],
      ["saveQuizAction", [null, { title: "Pwned", rounds: [], questions: [] }]],
    ] as const) {
      const reply = await postAction(baseURL!, "/host", name, [...args], {
        cookie,
        origin,
        "sec-fetch-site": "cross-site",
      });
      outcomes[`${name} ${reply.status}`] = (outcomes[`${name} ${reply.status}`] ?? 0) + 1;
      expect(reply.status, `${name} from ${origin}`).toBe(403);
    }
  }
  expect(await rowCounts()).toEqual(before);
  // The same action from the app's own origin works (so the refusals above were about the origin).
  const same = await postAction(baseURL!, "/host", "startSessionAction", [form({ quizId: game.quizId })], {
    cookie,
    origin: baseURL!,
  });
  expect(same.status).toBeLessThan(400);
  expect((await rowCounts()).sessions).toBe(before.sessions! + 1);
  figures.crossSiteActions = outcomes;
});

test("server actions: hostile arguments never get a 5xx and write nothing", async ({ baseURL }) => {
  const game = await createGame();
  const cookie = await hostCookie(game.host.email, game.host.password);
  const headers = { cookie, origin: baseURL! };
  const rng = seededRng(7);
  const validQuiz = {
    title: "Fuzzed quiz",
    rounds: [],
    questions: [{ kind: "true_false", prompt: "Is it?", time_limit_s: 20, key: { correct_option_ids: ["true"] } }],
  };
  const cases: Array<[string, unknown[] | string]> = [];
  for (let i = 0; i < 60; i += 1)
    cases.push(["saveQuizAction", [rng() < 0.3 ? randomString(rng) : null, mutate(rng, validQuiz)]]);
  for (let i = 0; i < 20; i += 1) {
    cases.push(["startSessionAction", [form({ quizId: randomString(rng) })]]);
    cases.push(["deleteQuizAction", [form({ quizId: randomString(rng) })]]);
    cases.push(["signInAction", [{}, form({ email: randomString(rng), password: randomString(rng) })]]);
    cases.push(["signUpAction", [{}, form({ email: `${randomString(rng)}@x.y`, password: randomString(rng) })]]);
  }
  // Wrong argument types where a FormData is expected, missing fields, and raw bodies that are not a reply.
  for (const name of ["startSessionAction", "deleteQuizAction"]) {
    cases.push(
      [name, ["not a form"]],
      [name, [null]],
      [name, []],
      [name, [form({})]],
      [name, [{ quizId: game.quizId }]],
    );
  }
  cases.push(
    ["signInAction", [{}, "not a form"]],
    ["signInAction", []],
    ["saveQuizAction", []],
    ["saveQuizAction", [game.quizId, null]],
  );
  const before = await rowCounts();
  const statuses: Record<string, number> = {};
  const failures: string[] = [];
  for (const [name, args] of cases) {
    const page = name.startsWith("sign") ? "/login" : "/host";
    const reply = await postAction(baseURL!, page, name, args, headers);
    statuses[reply.status] = (statuses[reply.status] ?? 0) + 1;
    if (reply.status >= 500)
      failures.push(`${name}(${JSON.stringify(args).slice(0, 120)}) → ${reply.status} ${reply.text.slice(0, 200)}`);
  }
  // Malformed React reply payloads: decoded by the framework before any app code runs.
  const malformed: Record<string, number> = {};
  for (const raw of [
    "",
    "[",
    '["$K99"]',
    '["$@0"]',
    '["$Q1"]',
    '{"then":"$1:__proto__:then"}',
    '["$B1"]',
    "x".repeat(1000),
  ]) {
    const reply = await postAction(baseURL!, "/host", "saveQuizAction", raw, headers);
    malformed[reply.status] = (malformed[reply.status] ?? 0) + 1;
  }
  const after = await rowCounts();
  figures.actionFuzz = { inputsTried: cases.length, statuses, malformedReplyPayloads: malformed };
  expect(failures).toEqual([]);
  // Sign-ups and valid quizzes may legitimately be created by the generator; nothing else may change.
  expect({ ...after, quizzes: 0, questions: 0, rounds: 0, question_keys: 0 }).toEqual({
    ...before,
    quizzes: 0,
    questions: 0,
    rounds: 0,
    question_keys: 0,
  });
});

// --- the client bundle --------------------------------------------------------------------------------
function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

test("no secret in the client bundle (.next/static): service key, JWT secret, signing key, DB URL", async () => {
  const keys = await createKeys(parseStackEnv({}));
  const secrets: Record<string, string> = {
    "JWT secret": process.env.SUPABASE_JWT_SECRET ?? DEV_JWT_SECRET,
    "ES256 signing key (d)": DEV_SIGNING_JWK.d,
    "database URL": E2E_DB_URL,
    "database password in a URL": "postgres:postgres@",
    "service-role key": process.env.SUPABASE_SERVICE_ROLE_KEY ?? keys.serviceRoleKey,
    "Upstash token": process.env.UPSTASH_REDIS_REST_TOKEN ?? DEV_UPSTASH_TOKEN,
  };
  let scanned = 0;
  const found: string[] = [];
  for (const path of files(".next/static")) {
    const text = readFileSync(path, "latin1");
    scanned += 1;
    for (const [what, value] of Object.entries(secrets))
      if (value && text.includes(value)) found.push(`${what} in ${path}`);
  }
  figures.bundleScan = { filesScanned: scanned, secretsLookedFor: Object.keys(secrets).length, found: found.length };
  expect(scanned).toBeGreaterThan(10);
  expect(found).toEqual([]);
});
