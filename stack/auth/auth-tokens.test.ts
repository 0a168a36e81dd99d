import { generateKeyPair, SignJWT, decodeJwt, decodeProtectedHeader } from "jose";
import { createSecretKey } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  authFetch,
  createAuthTestClient,
  dropAuthTestDatabase,
  startAuthTestStack,
  uniqueEmail,
  type AuthTestStack,
} from "./test-stack";

/** Anonymous players and access tokens: claims, local verification with the JWKS, forged/expired/legacy tokens. */

let stack: AuthTestStack;

beforeAll(async () => {
  stack = await startAuthTestStack();
});

afterAll(async () => {
  await stack.stop();
  await dropAuthTestDatabase(stack);
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A fetch that records the paths supabase-js calls. */
function recordingFetch() {
  const paths: string[] = [];
  const wrapped: typeof fetch = (input, init) => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.toString() : input.url;
    paths.push(`${init?.method ?? "GET"} ${new URL(url).pathname}`);
    return fetch(input, init);
  };
  return { paths, fetch: wrapped };
}

describe("anonymous sign-in", () => {
  test("creates an anonymous user with a session, amr 'anonymous', no identities", async () => {
    const client = createAuthTestClient(stack);
    const { data, error } = await client.auth.signInAnonymously({ options: { data: { nickname: "Quizzy" } } });
    expect(error).toBeNull();
    expect(data.user?.is_anonymous).toBe(true);
    expect(data.user?.email).toBe("");
    expect(data.user?.app_metadata).toEqual({});
    expect(data.user?.user_metadata).toEqual({ nickname: "Quizzy" });
    expect(data.user?.identities).toEqual([]);
    const claims = decodeJwt(data.session!.access_token);
    expect(claims.is_anonymous).toBe(true);
    expect(claims.amr).toEqual([{ method: "anonymous", timestamp: expect.any(Number) as number }]);
    expect((await client.auth.getUser()).data.user?.id).toBe(data.user?.id);
  });

  test("a burst of anonymous sign-ins gives distinct users", async () => {
    const results = await Promise.all(
      Array.from({ length: 25 }, () => createAuthTestClient(stack).auth.signInAnonymously()),
    );
    expect(results.every((r) => r.error === null)).toBe(true);
    expect(new Set(results.map((r) => r.data.user?.id)).size).toBe(25);
  });
});

describe("access tokens", () => {
  test("carry exactly Supabase's claims, ES256 with the kid, iss from the Host header", async () => {
    const email = uniqueEmail("claims");
    const { data } = await createAuthTestClient(stack).auth.signUp({ email, password: "secret-123" });
    const token = data.session!.access_token;
    expect(decodeProtectedHeader(token)).toEqual({ alg: "ES256", kid: stack.keys.kid, typ: "JWT" });
    const claims = decodeJwt(token);
    expect(Object.keys(claims).sort()).toEqual(
      [
        "aal",
        "amr",
        "app_metadata",
        "aud",
        "email",
        "exp",
        "iat",
        "is_anonymous",
        "iss",
        "phone",
        "role",
        "session_id",
        "sub",
        "user_metadata",
      ].sort(),
    );
    expect(claims).toMatchObject({
      iss: `${stack.apiUrl}/auth/v1`,
      sub: data.user!.id,
      aud: "authenticated",
      role: "authenticated",
      email,
      phone: "",
      aal: "aal1",
      is_anonymous: false,
      app_metadata: { provider: "email", providers: ["email"] },
      amr: [{ method: "password", timestamp: expect.any(Number) as number }],
    });
    expect(claims.exp! - claims.iat!).toBe(3600);
    const [session] = await stack.db.sql`select id from auth.sessions where user_id = ${data.user!.id}::uuid`;
    expect(claims.session_id).toBe(session?.id);
  });

  test("getClaims() verifies locally with the JWKS: no GET /user", async () => {
    const recorder = recordingFetch();
    const client = createAuthTestClient(stack, { fetch: recorder.fetch });
    const { data: signIn } = await client.auth.signInAnonymously();
    const first = await client.auth.getClaims();
    const second = await client.auth.getClaims();
    expect(first.error).toBeNull();
    expect(first.data?.claims.sub).toBe(signIn.user?.id);
    expect(second.data?.claims.session_id).toBe(first.data?.claims.session_id);
    expect(recorder.paths.filter((p) => p.endsWith("/auth/v1/user"))).toEqual([]);
    expect(recorder.paths.filter((p) => p.endsWith("/.well-known/jwks.json")).length).toBeLessThanOrEqual(1);

    // A tampered token fails the local check.
    const token = signIn.session!.access_token;
    const [header, payload, signature] = token.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ ...decodeJwt(token), role: "service_role" })).toString(
      "base64url",
    );
    const tampered = await client.auth.getClaims(`${header}.${forgedPayload}.${signature}`);
    expect(tampered.error?.message).toMatch(/Invalid JWT signature/);
    expect(payload).toBeTruthy();
  });

  test("a token signed with another key is 403 bad_jwt", async () => {
    const { data } = await createAuthTestClient(stack).auth.signInAnonymously();
    const claims = decodeJwt(data.session!.access_token);
    const { privateKey } = await generateKeyPair("ES256");
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: "ES256", kid: stack.keys.kid, typ: "JWT" })
      .sign(privateKey);
    const response = await authFetch(stack, "/user", { headers: bearer(forged) });
    expect(response.status).toBe(403);
    expect(response.body.code).toBe("bad_jwt");
    expect((await createAuthTestClient(stack).auth.getUser(forged)).error?.code).toBe("bad_jwt");
  });

  test("an expired token is 403 bad_jwt", async () => {
    const { data } = await createAuthTestClient(stack).auth.signInAnonymously();
    const now = Math.floor(Date.now() / 1000);
    const expired = await stack.keys.signAccessToken({
      ...decodeJwt(data.session!.access_token),
      iat: now - 7200,
      exp: now - 3600,
    });
    const response = await authFetch(stack, "/user", { headers: bearer(expired) });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ code: "bad_jwt" });
    expect(response.body.message).toMatch(/expired/);
  });

  test("a legacy HS256 token signed with the JWT secret is accepted", async () => {
    const { data } = await createAuthTestClient(stack).auth.signInAnonymously();
    const secret = createSecretKey(Buffer.from(stack.keys.jwtSecret, "utf8"));
    const legacy = await new SignJWT(decodeJwt(data.session!.access_token))
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .sign(secret);
    const response = await authFetch(stack, "/user", { headers: bearer(legacy) });
    expect(response.status).toBe(200);
    expect(response.body.id).toBe(data.user?.id);
  });

  test("no token is 401 no_authorization; an API key (no sub) is 403 bad_jwt; a deleted user 403 user_not_found", async () => {
    const none = await authFetch(stack, "/user");
    expect(none.status).toBe(401);
    expect(none.body.code).toBe("no_authorization");
    const anonKey = await authFetch(stack, "/user", { headers: bearer(stack.keys.anonKey) });
    expect(anonKey.status).toBe(403);
    expect(anonKey.body.code).toBe("bad_jwt");

    const { data } = await createAuthTestClient(stack).auth.signInAnonymously();
    await stack.db.sql`delete from auth.users where id = ${data.user!.id}::uuid`;
    const gone = await authFetch(stack, "/user", { headers: bearer(data.session!.access_token) });
    expect(gone.status).toBe(403);
    expect(gone.body.code).toBe("user_not_found");
  });
});
