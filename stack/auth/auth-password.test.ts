import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  authFetch,
  createAuthTestClient,
  dropAuthTestDatabase,
  startAuthTestStack,
  uniqueEmail,
  type AuthTestStack,
} from "./test-stack";

/** Email + password accounts through supabase-js, and the HTTP edge (errors, apikey, CORS), against the local Auth. */

let stack: AuthTestStack;

beforeAll(async () => {
  stack = await startAuthTestStack();
});

afterAll(async () => {
  await stack.stop();
  await dropAuthTestDatabase(stack);
});

describe("sign-up", () => {
  test("signs up with autoconfirm and returns a session with GoTrue's user shape", async () => {
    const client = createAuthTestClient(stack);
    const email = uniqueEmail("Host");
    const { data, error } = await client.auth.signUp({
      email,
      password: "correct horse",
      options: { data: { name: "Ada" } },
    });
    expect(error).toBeNull();
    expect(data.session?.access_token).toBeTruthy();
    expect(data.session?.refresh_token).toBeTruthy();
    expect(data.session?.expires_in).toBe(3600);
    const user = data.user!;
    expect(user.email).toBe(email.toLowerCase());
    expect(user.aud).toBe("authenticated");
    expect(user.role).toBe("authenticated");
    expect(user.email_confirmed_at).toBeTruthy();
    expect(user.confirmed_at).toBe(user.email_confirmed_at);
    expect(user.app_metadata).toEqual({ provider: "email", providers: ["email"] });
    expect(user.user_metadata).toMatchObject({ name: "Ada", email_verified: true });
    expect(user.is_anonymous).toBe(false);
    expect(user.identities).toHaveLength(1);
    expect(user.identities?.[0]).toMatchObject({ provider: "email", id: user.id, user_id: user.id });
    expect(user.identities?.[0]?.identity_data).toMatchObject({ sub: user.id, email: email.toLowerCase() });
  });

  test("stores a GoTrue-compatible bcrypt hash (cost 10)", async () => {
    const email = uniqueEmail();
    await createAuthTestClient(stack).auth.signUp({ email, password: "hash me please" });
    const [row] = await stack.db.sql<{ encrypted_password: string }[]>`
      select encrypted_password from auth.users where email = ${email}`;
    expect(row?.encrypted_password).toMatch(/^\$2[ab]\$10\$.{53}$/);
  });

  test("refuses a duplicate email, case-insensitively, with user_already_exists", async () => {
    const email = uniqueEmail("dup");
    const client = createAuthTestClient(stack);
    expect((await client.auth.signUp({ email, password: "secret-1" })).error).toBeNull();
    const { data, error } = await client.auth.signUp({ email: email.toUpperCase(), password: "secret-2" });
    expect(error?.status).toBe(422);
    expect(error?.code).toBe("user_already_exists");
    expect(error?.message).toBe("User already registered");
    expect(data.session).toBeNull();
  });

  test("refuses a short password with weak_password and its reasons", async () => {
    const { error } = await createAuthTestClient(stack).auth.signUp({ email: uniqueEmail(), password: "12345" });
    expect(error?.status).toBe(422);
    expect(error?.code).toBe("weak_password");
    expect(error?.name).toBe("AuthWeakPasswordError");
    expect((error as unknown as { reasons: string[] }).reasons).toEqual(["length"]);
  });

  test("refuses a malformed email with validation_failed", async () => {
    const { error } = await createAuthTestClient(stack).auth.signUp({ email: "not-an-email", password: "secret-1" });
    expect(error?.status).toBe(400);
    expect(error?.code).toBe("validation_failed");
  });
});

describe("password sign-in", () => {
  const email = uniqueEmail("signin");
  beforeAll(async () => {
    await createAuthTestClient(stack).auth.signUp({ email, password: "right password" });
  });

  test("signs in; the email is matched case-insensitively", async () => {
    const { data, error } = await createAuthTestClient(stack).auth.signInWithPassword({
      email: email.toUpperCase(),
      password: "right password",
    });
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
    expect(data.session?.token_type).toBe("bearer");
  });

  test("wrong password and unknown user get the same invalid_credentials answer", async () => {
    const client = createAuthTestClient(stack);
    const wrong = await client.auth.signInWithPassword({ email, password: "wrong password" });
    const unknown = await client.auth.signInWithPassword({ email: uniqueEmail("nobody"), password: "right password" });
    for (const { error, data } of [wrong, unknown]) {
      expect(error?.status).toBe(400);
      expect(error?.code).toBe("invalid_credentials");
      expect(error?.message).toBe("Invalid login credentials");
      expect(data.session).toBeNull();
    }
  });

  test("getUser returns the signed-in user", async () => {
    const client = createAuthTestClient(stack);
    await client.auth.signInWithPassword({ email, password: "right password" });
    const { data, error } = await client.auth.getUser();
    expect(error).toBeNull();
    expect(data.user?.email).toBe(email);
  });
});

describe("updateUser", () => {
  test("merges user_metadata (null removes a key)", async () => {
    const client = createAuthTestClient(stack);
    await client.auth.signUp({ email: uniqueEmail(), password: "secret-123", options: { data: { a: 1, b: 2 } } });
    const { data, error } = await client.auth.updateUser({ data: { b: null, c: "three" } });
    expect(error).toBeNull();
    expect(data.user?.user_metadata).toEqual({ a: 1, c: "three", email_verified: true });
    const { data: fresh } = await client.auth.getUser();
    expect(fresh.user?.user_metadata).toEqual({ a: 1, c: "three", email_verified: true });
  });

  test("changes the password: the old one stops working, other sessions are signed out", async () => {
    const email = uniqueEmail("pw");
    const main = createAuthTestClient(stack);
    const other = createAuthTestClient(stack);
    await main.auth.signUp({ email, password: "old password" });
    const { data: otherSignIn } = await other.auth.signInWithPassword({ email, password: "old password" });

    expect((await main.auth.updateUser({ password: "old password" })).error?.code).toBe("same_password");
    expect((await main.auth.updateUser({ password: "tiny" })).error?.code).toBe("weak_password");
    const { error } = await main.auth.updateUser({ password: "new password" });
    expect(error).toBeNull();

    const fresh = createAuthTestClient(stack);
    expect((await fresh.auth.signInWithPassword({ email, password: "old password" })).error?.code).toBe(
      "invalid_credentials",
    );
    expect((await fresh.auth.signInWithPassword({ email, password: "new password" })).error).toBeNull();
    expect((await main.auth.getUser()).error).toBeNull();
    const stale = await authFetch(stack, "/user", {
      headers: { authorization: `Bearer ${otherSignIn.session!.access_token}` },
    });
    expect(stale.status).toBe(403);
    expect(stale.body.code).toBe("session_not_found");
    // auth-js turns that code into AuthSessionMissingError and drops its session.
    expect((await other.auth.getUser()).error?.name).toBe("AuthSessionMissingError");
  });

  test("an anonymous player becomes a permanent user by adding an email and a password", async () => {
    const client = createAuthTestClient(stack);
    const { data: anon } = await client.auth.signInAnonymously();
    expect((await client.auth.updateUser({ password: "only a password" })).error?.code).toBe("validation_failed");
    const email = uniqueEmail("converted");
    const { data, error } = await client.auth.updateUser({ email, password: "now permanent" });
    expect(error).toBeNull();
    expect(data.user).toMatchObject({ id: anon.user!.id, email, is_anonymous: false });
    expect(data.user?.app_metadata).toEqual({ provider: "email", providers: ["email"] });
    expect(data.user?.identities?.map((i) => i.provider)).toEqual(["email"]);
    const signIn = await createAuthTestClient(stack).auth.signInWithPassword({ email, password: "now permanent" });
    expect(signIn.data.user?.id).toBe(anon.user!.id);
    expect(signIn.data.user?.is_anonymous).toBe(false);
  });

  test("refuses app_metadata from the user itself", async () => {
    const client = createAuthTestClient(stack);
    const { data } = await client.auth.signUp({ email: uniqueEmail(), password: "secret-123" });
    const response = await authFetch(stack, "/user", {
      method: "PUT",
      headers: { authorization: `Bearer ${data.session!.access_token}` },
      json: { app_metadata: { role: "admin" } },
    });
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ code: "not_admin", message: "Updating app_metadata requires admin privileges" });
  });
});

describe("the HTTP edge", () => {
  test("malformed JSON is a 400 bad_json in the 2024-01-01 error shape", async () => {
    const response = await authFetch(stack, "/token?grant_type=password", {
      method: "POST",
      headers: { "content-type": "application/json", "x-supabase-api-version": "2024-01-01" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-supabase-api-version")).toBe("2024-01-01");
    expect(response.headers.get("x-sb-error-code")).toBe("bad_json");
    expect(response.body.code).toBe("bad_json");
    expect(response.body.message).toMatch(/Could not parse request body as JSON/);
  });

  test("a wrongly typed field is bad_json too, not a 500", async () => {
    const response = await authFetch(stack, "/signup", { method: "POST", json: { email: 42, password: ["x"] } });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("bad_json");
  });

  test("an oversize body is refused with 413 request_entity_too_large", async () => {
    const response = await authFetch(stack, "/signup", {
      method: "POST",
      json: { email: uniqueEmail(), password: "secret-123", data: { blob: "x".repeat(70 * 1024) } },
    });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe("request_entity_too_large");
  });

  test("a missing apikey is 401 no_api_key; a foreign one 401 invalid_api_key", async () => {
    const missing = await authFetch(stack, "/settings", { apikey: null });
    expect(missing.status).toBe(401);
    expect(missing.body.code).toBe("no_api_key");
    const forged = await authFetch(stack, "/settings", {
      apikey: "eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoiYW5vbiJ9.c2lnbmF0dXJl",
    });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe("invalid_api_key");
    const viaQuery = await authFetch(stack, `/settings?apikey=${stack.keys.anonKey}`, { apikey: null });
    expect(viaQuery.status).toBe(200);
  });

  test("an unknown route is 404 not_found, a wrong method 405", async () => {
    const unknown = await authFetch(stack, "/no-such-endpoint");
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("not_found");
    const wrongMethod = await authFetch(stack, "/signup");
    expect(wrongMethod.status).toBe(405);
  });

  test("unsupported grant types are refused like GoTrue", async () => {
    const response = await authFetch(stack, "/token?grant_type=magic", { method: "POST", json: {} });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ code: "invalid_credentials", message: "unsupported_grant_type" });
  });

  test("answers CORS preflights and marks responses for the browser", async () => {
    const preflight = await fetch(`${stack.apiUrl}/auth/v1/token?grant_type=password`, {
      method: "OPTIONS",
      headers: {
        origin: "http://127.0.0.1:3000",
        "access-control-request-method": "POST",
        "access-control-request-headers": "apikey, authorization, content-type, x-client-info, x-supabase-api-version",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:3000");
    expect(preflight.headers.get("access-control-allow-methods")).toMatch(/POST/);
    expect(preflight.headers.get("access-control-allow-headers")).toMatch(/x-supabase-api-version/);
    const error = await authFetch(stack, "/user", { headers: { origin: "http://127.0.0.1:3000" } });
    expect(error.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:3000");
    expect(error.headers.get("access-control-expose-headers")).toMatch(/x-sb-error-code/);
  });

  test("GET /settings, /health and the JWKS", async () => {
    const settings = await authFetch(stack, "/settings");
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({ disable_signup: false, mailer_autoconfirm: true });
    expect(settings.body.external).toMatchObject({ email: true, anonymous_users: true, phone: false, github: false });
    const health = await authFetch(stack, "/health");
    expect(health.body).toMatchObject({ name: "GoTrue" });
    const jwks = await authFetch(stack, "/.well-known/jwks.json", { apikey: null });
    expect(jwks.status).toBe(200);
    expect(jwks.headers.get("cache-control")).toBe("public, max-age=600");
    expect(jwks.body).toEqual(stack.keys.publicJwks);
    expect(JSON.stringify(jwks.body)).not.toMatch(/"d"/);
  });

  test("health() and stats() of the service", async () => {
    expect((await stack.auth.health()).status).toBe("ok");
    const stats = stack.auth.stats?.() as Record<string, number>;
    expect(stats.sign_ups).toBeGreaterThan(0);
    expect(stats.password_sign_ins).toBeGreaterThan(0);
    expect(stats.failures).toBeGreaterThan(0);
    expect(stats.errors).toBe(0);
  });
});
