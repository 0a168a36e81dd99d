import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deletePrefix, startUpstashTestStack, uniquePrefix, type UpstashTestStack } from "./test-stack";

/** The REST wire format itself, with plain fetch: status codes, encodings, path commands, limits. */

let stack: UpstashTestStack;
let p: string;
let base: string;
let auth: Record<string, string>;
beforeAll(async () => {
  stack = await startUpstashTestStack();
  p = uniquePrefix("http");
  base = stack.clientEnv.UPSTASH_REDIS_REST_URL;
  auth = { authorization: `Bearer ${stack.clientEnv.UPSTASH_REDIS_REST_TOKEN}` };
});
afterAll(async () => {
  await deletePrefix(stack.client(), p);
  await stack?.stop();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, text: await res.text() };
}
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const json = (text: string) => JSON.parse(text) as { result?: unknown; error?: string };

describe("Upstash REST wire format", () => {
  it("requires the token (bearer or ?_token=)", async () => {
    const none = await fetch(base, { method: "POST", body: JSON.stringify(["ping"]) });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: "Unauthorized" });
    const wrong = await post("", ["ping"], { authorization: "Bearer nope-nope-nope" });
    expect(wrong.status).toBe(401);
    const query = await fetch(`${base}/ping?_token=${encodeURIComponent(stack.clientEnv.UPSTASH_REDIS_REST_TOKEN)}`);
    expect(await query.json()).toEqual({ result: "PONG" });
  });

  it("answers single commands with an explicit result, 400 for errors", async () => {
    expect(await post("", ["get", `${p}missing`])).toEqual({ status: 200, text: '{"result":null}' });
    expect(await post("", ["set", `${p}a`, 12.5])).toEqual({ status: 200, text: '{"result":"OK"}' });
    expect(JSON.parse((await post("", ["get", `${p}a`])).text)).toEqual({ result: "12.5" });
    await post("", ["set", `${p}bool`, true]);
    expect(JSON.parse((await post("", ["get", `${p}bool`])).text)).toEqual({ result: "true" });
    expect(JSON.parse((await post("", ["incr", `${p}n`])).text)).toEqual({ result: 1 });
    const unknown = await post("", ["nosuch", "x"]);
    expect(unknown.status).toBe(400);
    expect(json(unknown.text).error).toMatch(/^ERR unknown command 'nosuch'/);
    if (stack.redis === "memory") expect(JSON.parse(unknown.text)).toEqual({ error: "ERR unknown command 'nosuch'" });
    const wrongType = await post("", ["lpush", `${p}a`, "x"]);
    expect(wrongType).toEqual({
      status: 400,
      text: JSON.stringify({ error: "WRONGTYPE Operation against a key holding the wrong kind of value" }),
    });
    const noScript = await post("", ["evalsha", "b2efc02798c8e9b471a10f9b1d5745db89923ff3", 1, `${p}rl`, 10, 1000, 1]);
    expect(noScript).toEqual({
      status: 400,
      text: JSON.stringify({ error: "NOSCRIPT No matching script. Please use EVAL." }),
    });
  });

  it("base64-encodes every string but a top-level OK, never errors or numbers", async () => {
    const enc = { "upstash-encoding": "base64" };
    expect(JSON.parse((await post("", ["ping"], enc)).text)).toEqual({ result: b64("PONG") });
    expect(JSON.parse((await post("", ["set", `${p}e`, "Grüße 🎉"], enc)).text)).toEqual({ result: "OK" });
    expect(JSON.parse((await post("", ["get", `${p}e`], enc)).text)).toEqual({ result: b64("Grüße 🎉") });
    await post("", ["set", `${p}ok`, "OK"]);
    expect(JSON.parse((await post("", ["mget", `${p}e`, `${p}none`, `${p}ok`], enc)).text)).toEqual({
      result: [b64("Grüße 🎉"), null, b64("OK")],
    });
    expect(JSON.parse((await post("", ["strlen", `${p}e`], enc)).text)).toEqual({ result: 12 });
    expect(JSON.parse((await post("", ["incr", `${p}e`], enc)).text)).toEqual({
      error: "ERR value is not an integer or out of range",
    });
    await post("", ["zadd", `${p}z`, 1.5, "a"]);
    expect(JSON.parse((await post("", ["zrange", `${p}z`, 0, -1, "withscores"], enc)).text)).toEqual({
      result: [b64("a"), b64("1.5")],
    });
    const pipe = await post(
      "/pipeline",
      [
        ["set", `${p}pp`, "x"],
        ["get", `${p}pp`],
        ["hget", `${p}pp`, "f"],
      ],
      enc,
    );
    expect(JSON.parse(pipe.text)).toEqual([
      { result: "OK" },
      { result: b64("x") },
      { error: "WRONGTYPE Operation against a key holding the wrong kind of value" },
    ]);
  });

  it("runs pipelines (200, per-item errors) and transactions (EXECABORT on bad commands)", async () => {
    const pipe = await post("/pipeline", [["incr", `${p}c`], ["nosuch"], ["incr", `${p}c`]]);
    expect(pipe.status).toBe(200);
    const items = JSON.parse(pipe.text) as { result?: unknown; error?: string }[];
    expect(items[0]).toEqual({ result: 1 });
    expect(items[1]?.error).toMatch(/^ERR unknown command 'nosuch'/);
    expect(items[2]).toEqual({ result: 2 });
    const tx = await post("/multi-exec", [
      ["incr", `${p}c`],
      ["get", `${p}c`],
    ]);
    expect(JSON.parse(tx.text)).toEqual([{ result: 3 }, { result: "3" }]);
    const aborted = await post("/multi-exec", [["incr", `${p}c`], ["nosuch"]]);
    expect(aborted.status).toBe(400);
    expect(json(aborted.text).error).toMatch(/^EXECABORT Transaction discarded because of previous errors/);
    expect(JSON.parse((await post("", ["get", `${p}c`])).text)).toEqual({ result: "3" });
  });

  it("accepts path commands: GET /cmd/args, POST body as last argument, query options", async () => {
    const key = encodeURIComponent(`${p}path/é`);
    const get = (path: string) =>
      fetch(`${base}${path}`, { headers: auth }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as unknown,
      }));
    expect(await get(`/set/${key}/hello%20world?EX=100`)).toEqual({ status: 200, body: { result: "OK" } });
    expect(await get(`/get/${key}`)).toEqual({ status: 200, body: { result: "hello world" } });
    expect(await get(`/ttl/${key}`)).toEqual({ status: 200, body: { result: 100 } });
    const posted = await fetch(`${base}/set/${key}`, { method: "POST", headers: auth, body: '{"raw":"json value"}' });
    expect(await posted.json()).toEqual({ result: "OK" });
    expect(await get(`/get/${key}`)).toEqual({ status: 200, body: { result: '{"raw":"json value"}' } });
    expect((await get("/nosuch/x")).status).toBe(400);
  });

  it("rejects wrong methods, malformed bodies and oversized requests", async () => {
    expect((await fetch(base, { headers: auth })).status).toBe(405);
    expect((await fetch(`${base}/pipeline`, { headers: auth })).status).toBe(405);
    const put = await fetch(`${base}/get/x`, { method: "PUT", headers: auth });
    expect(put.status).toBe(405);
    expect(await put.json()).toHaveProperty("error");
    for (const body of ["not json", "{}", "[]", '["set", "k", {"a": 1}]', "[[1]]"]) {
      const res = await post("", body);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.text)).toHaveProperty("error");
    }
    expect((await post("/pipeline", '[["ping"], "ping"]')).status).toBe(400);
    const big = await post("", ["set", `${p}big`, "x".repeat(10 * 1024 * 1024)]);
    expect(big.status).toBe(413);
    expect(json(big.text).error).toMatch(/max request size/);
    // Just under the limit is fine.
    const large = await post("", ["set", `${p}large`, "y".repeat(9 * 1024 * 1024)]);
    expect(large).toEqual({ status: 200, text: '{"result":"OK"}' });
    expect(JSON.parse((await post("", ["strlen", `${p}large`])).text)).toEqual({ result: 9 * 1024 * 1024 });
  });

  it("reports health and stats", async () => {
    const health = await stack.service.health();
    expect(health.status).toBe("ok");
    const stats = stack.service.stats?.() ?? {};
    expect(stats.backend).toBe(stack.redis);
    expect(stats.commands).toBeGreaterThan(10);
    expect(typeof stats.commands_per_sec).toBe("number");
    if (stack.redis === "memory") expect(stats.keys).toBeGreaterThan(0);
  });
});
