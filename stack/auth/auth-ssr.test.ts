import { createServerClient } from "@supabase/ssr";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  authFetch,
  createAuthTestClient,
  dropAuthTestDatabase,
  startAuthTestStack,
  uniqueEmail,
  type AuthTestStack,
} from "./test-stack";

/**
 * @supabase/ssr's server client (cookies, PKCE) and the magic-link / OTP flows, as a Next.js app drives them:
 * one cookie jar per browser, a fresh server client per request.
 */

let stack: AuthTestStack;

beforeAll(async () => {
  stack = await startAuthTestStack();
});

afterAll(async () => {
  await stack.stop();
  await dropAuthTestDatabase(stack);
});

type Jar = Map<string, string>;

/** A server client bound to a cookie jar, as a route handler creates one per request. */
function serverClient(jar: Jar) {
  return createServerClient(stack.apiUrl, stack.keys.anonKey, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (cookies) => {
        for (const { name, value, options } of cookies) {
          if (options.maxAge === 0 || value === "") jar.delete(name);
          else jar.set(name, value);
        }
      },
    },
    realtime: { transport: WebSocket as unknown as typeof globalThis.WebSocket },
  });
}

function magicLinkFromLogs(email: string): { link: string; code: string } {
  const entry = [...stack.logs].reverse().find((e) => e.fields?.email === email && typeof e.fields?.link === "string");
  if (!entry?.fields) throw new Error(`no magic link logged for ${email}`);
  return { link: entry.fields.link as string, code: entry.fields.code as string };
}

describe("@supabase/ssr server client", () => {
  test("signs in into a cookie jar that a second server client reads", async () => {
    const email = uniqueEmail("ssr");
    await createAuthTestClient(stack).auth.signUp({ email, password: "secret-123" });

    const jar: Jar = new Map();
    const { error } = await serverClient(jar).auth.signInWithPassword({ email, password: "secret-123" });
    expect(error).toBeNull();
    expect([...jar.keys()]).toEqual(["sb-127-auth-token"]);
    const cookie = jar.get("sb-127-auth-token")!;
    expect(cookie.startsWith("base64-")).toBe(true);
    const session = JSON.parse(Buffer.from(cookie.slice(7), "base64url").toString("utf8")) as {
      user: { email: string };
    };
    expect(session.user.email).toBe(email);

    const next = serverClient(jar);
    const { data, error: userError } = await next.auth.getUser();
    expect(userError).toBeNull();
    expect(data.user?.email).toBe(email);
    const { data: claims } = await next.auth.getClaims();
    expect(claims?.claims.email).toBe(email);

    expect((await serverClient(jar).auth.signOut()).error).toBeNull();
    expect(jar.size).toBe(0);
    expect((await serverClient(jar).auth.getUser()).data.user).toBeNull();
  });

  test("refreshes an expiring session and writes it back to the jar", async () => {
    const jar: Jar = new Map();
    const client = serverClient(jar);
    const email = uniqueEmail("ssr-refresh");
    await client.auth.signUp({ email, password: "secret-123" });
    const before = jar.get("sb-127-auth-token")!;
    const { data, error } = await serverClient(jar).auth.refreshSession();
    expect(error).toBeNull();
    expect(data.session?.user.email).toBe(email);
    expect(jar.get("sb-127-auth-token")).not.toBe(before);
    expect((await serverClient(jar).auth.getUser()).data.user?.email).toBe(email);
  });
});

describe("magic link and email OTP", () => {
  test("PKCE (what @supabase/ssr uses): link → 303 ?code= → exchangeCodeForSession", async () => {
    const email = uniqueEmail("pkce");
    const jar: Jar = new Map();
    const { error } = await serverClient(jar).auth.signInWithOtp({
      email,
      options: { emailRedirectTo: "http://127.0.0.1:3000/auth/callback" },
    });
    expect(error).toBeNull();
    expect(jar.has("sb-127-auth-token-code-verifier")).toBe(true);

    const { link } = magicLinkFromLogs(email);
    expect(link).toMatch(/\/auth\/v1\/verify\?token=pkce_/);
    const click = await fetch(link, { redirect: "manual" });
    expect(click.status).toBe(303);
    const location = new URL(click.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("http://127.0.0.1:3000/auth/callback");
    const code = location.searchParams.get("code")!;
    expect(code).toBeTruthy();

    const { data, error: exchangeError } = await serverClient(jar).auth.exchangeCodeForSession(code);
    expect(exchangeError).toBeNull();
    expect(data.user?.email).toBe(email);
    expect(data.user?.email_confirmed_at).toBeTruthy();
    expect((await serverClient(jar).auth.getUser()).data.user?.email).toBe(email);

    // The code and the link work once.
    expect((await serverClient(new Map(jar)).auth.exchangeCodeForSession(code)).error).not.toBeNull();
    const again = await fetch(link, { redirect: "manual" });
    expect(again.headers.get("location")).toMatch(/error_code=otp_expired/);
  });

  test("implicit flow: the link redirects with the session in the fragment", async () => {
    const email = uniqueEmail("implicit");
    const client = createAuthTestClient(stack, { auth: { flowType: "implicit" } });
    expect(
      (await client.auth.signInWithOtp({ email, options: { emailRedirectTo: "http://localhost:3000/welcome" } })).error,
    ).toBeNull();
    const click = await fetch(magicLinkFromLogs(email).link, { redirect: "manual" });
    expect(click.status).toBe(303);
    const location = new URL(click.headers.get("location")!);
    expect(location.origin + location.pathname).toBe("http://localhost:3000/welcome");
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get("token_type")).toBe("bearer");
    expect(fragment.get("type")).toBe("signup");
    const { data, error } = await client.auth.setSession({
      access_token: fragment.get("access_token")!,
      refresh_token: fragment.get("refresh_token")!,
    });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
  });

  test("the 6-digit code signs in with verifyOtp; a wrong one is otp_expired", async () => {
    const email = uniqueEmail("otp");
    const client = createAuthTestClient(stack);
    await client.auth.signInWithOtp({ email });
    const { code } = magicLinkFromLogs(email);
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await client.auth.verifyOtp({ email, token: code === "000000" ? "111111" : "000000", type: "email" });
    expect(wrong.error?.status).toBe(403);
    expect(wrong.error?.code).toBe("otp_expired");
    const { data, error } = await client.auth.verifyOtp({ email, token: code, type: "email" });
    expect(error).toBeNull();
    expect(data.session?.access_token).toBeTruthy();
    expect(data.user?.email).toBe(email);
  });

  test("a link to a foreign host falls back to the site URL", async () => {
    const email = uniqueEmail("redirect");
    await createAuthTestClient(stack, { auth: { flowType: "implicit" } }).auth.signInWithOtp({
      email,
      options: { emailRedirectTo: "https://evil.example.com/steal" },
    });
    const { link } = magicLinkFromLogs(email);
    expect(new URL(link).searchParams.get("redirect_to")).toBe("http://127.0.0.1:3000/");
  });

  test("create_user: false refuses unknown addresses with otp_disabled", async () => {
    const { error } = await createAuthTestClient(stack).auth.signInWithOtp({
      email: uniqueEmail("nobody"),
      options: { shouldCreateUser: false },
    });
    expect(error?.status).toBe(422);
    expect(error?.code).toBe("otp_disabled");
  });
});

describe("admin API (service-role key)", () => {
  const admin = () => createAuthTestClient(stack, { key: stack.keys.serviceRoleKey }).auth.admin;

  test("createUser, getUserById, updateUserById, listUsers, deleteUser", async () => {
    const email = uniqueEmail("admin");
    const created = await admin().createUser({
      email,
      password: "secret-123",
      email_confirm: true,
      user_metadata: { team: "red" },
    });
    expect(created.error).toBeNull();
    const id = created.data.user!.id;
    expect(created.data.user?.email_confirmed_at).toBeTruthy();
    expect(
      (await createAuthTestClient(stack).auth.signInWithPassword({ email, password: "secret-123" })).error,
    ).toBeNull();

    const fetched = await admin().getUserById(id);
    expect(fetched.data.user?.user_metadata).toMatchObject({ team: "red" });
    const updated = await admin().updateUserById(id, {
      app_metadata: { role: "host" },
      user_metadata: { team: "blue" },
    });
    expect(updated.data.user?.app_metadata).toMatchObject({ provider: "email", role: "host" });
    expect(updated.data.user?.user_metadata).toMatchObject({ team: "blue" });

    const list = await admin().listUsers({ page: 1, perPage: 1000 });
    expect(list.data.users.some((u) => u.id === id)).toBe(true);

    expect((await admin().createUser({ email, password: "secret-123" })).error?.code).toBe("email_exists");
    expect((await admin().deleteUser(id)).error).toBeNull();
    const gone = await admin().getUserById(id);
    expect(gone.error?.status).toBe(404);
    expect(gone.error?.code).toBe("user_not_found");
  });

  test("createUser without email_confirm makes an unconfirmed user who cannot sign in yet", async () => {
    const email = uniqueEmail("unconfirmed");
    await admin().createUser({ email, password: "secret-123" });
    const { error } = await createAuthTestClient(stack).auth.signInWithPassword({ email, password: "secret-123" });
    expect(error?.code).toBe("email_not_confirmed");
  });

  test("generateLink gives a working magic link", async () => {
    const email = uniqueEmail("generated");
    const { data, error } = await admin().generateLink({ type: "magiclink", email });
    expect(error).toBeNull();
    expect(data.properties?.email_otp).toMatch(/^\d{6}$/);
    const { data: verified } = await createAuthTestClient(stack).auth.verifyOtp({
      token_hash: data.properties!.hashed_token,
      type: "magiclink",
    });
    expect(verified.user?.email).toBe(email);
  });

  test("the anon key or a user token is refused with 403 not_admin", async () => {
    const asAnon = await authFetch(stack, "/admin/users", {
      headers: { authorization: `Bearer ${stack.keys.anonKey}` },
    });
    expect(asAnon.status).toBe(403);
    expect(asAnon.body.code).toBe("not_admin");
    const { data } = await createAuthTestClient(stack).auth.signInAnonymously();
    const asUser = await authFetch(stack, `/admin/users/${data.user!.id}`, {
      headers: { authorization: `Bearer ${data.session!.access_token}` },
    });
    expect(asUser.status).toBe(403);
    const noToken = await authFetch(stack, "/admin/users");
    expect(noToken.status).toBe(401);
  });
});
