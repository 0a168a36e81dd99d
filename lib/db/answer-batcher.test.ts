import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { z } from "zod";
import { AnswerBatcher } from "./answer-batcher";
import { callGame } from "./call";
import type { Db } from "./client";

// A stand-in for the database in another process, so that it can answer while this process's event loop is
// blocked: it replies to each line with one outcome per answer ("too_late", a rule refusal) after 20 ms.
const SERVER = `
const net = require("node:net");
const server = net.createServer((socket) => {
  let buffered = "";
  socket.on("data", (chunk) => {
    buffered += chunk;
    let end;
    while ((end = buffered.indexOf("\\n")) >= 0) {
      const count = JSON.parse(buffered.slice(0, end)).length;
      buffered = buffered.slice(end + 1);
      const outcomes = Array.from({ length: count }, () => ({ error: "too_late", message: "Too late." }));
      setTimeout(() => socket.write(JSON.stringify([{ result: outcomes }]) + "\\n"), 20);
    }
  });
});
server.listen(0, "127.0.0.1", () => console.log(server.address().port));
`;

let child: ChildProcess;
let socket: Socket;

beforeAll(async () => {
  child = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(child.stdout!, "data")) as [Buffer];
  socket = connect(Number(line.toString().trim()), "127.0.0.1");
  await once(socket, "connect");
});

afterAll(() => {
  socket?.destroy();
  child?.kill();
});

/** A Db whose tagged query sends the batch's items to the stand-in and resolves with its reply. */
function remoteDb(): Db {
  let pending: ((rows: unknown) => void)[] = [];
  let buffered = "";
  socket.on("data", (chunk) => {
    buffered += chunk.toString();
    let end;
    while ((end = buffered.indexOf("\n")) >= 0) {
      const rows = JSON.parse(buffered.slice(0, end)) as unknown;
      buffered = buffered.slice(end + 1);
      const [resolve, ...rest] = pending;
      pending = rest;
      resolve?.(rows);
    }
  });
  const query = (_strings: TemplateStringsArray, items: string) =>
    new Promise((resolve) => {
      pending.push(resolve);
      socket.write(`${items}\n`);
    });
  return query as unknown as Db;
}

function blockEventLoop(ms: number) {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // a busy instance: the timer and the database's answer both become due meanwhile
  }
}

const claims = { role: "authenticated" as const, sub: "00000000-0000-4000-8000-000000000001", is_anonymous: true };
const input = {
  sessionId: "00000000-0000-4000-8000-000000000002",
  questionId: "00000000-0000-4000-8000-000000000003",
  answerId: "00000000-0000-4000-8000-000000000004",
  response: { choices: ["a"] },
};

describe("AnswerBatcher's timeout", () => {
  test("a batch whose answer arrived while the event loop was blocked past the timeout gets that answer, not DB_TIMEOUT", async () => {
    const batcher = new AnswerBatcher(remoteDb(), { timeoutMs: 100 });
    const outcome = batcher.submit(claims, input).then(
      () => "accepted",
      (error: { code?: string }) => error.code,
    );
    await new Promise((resolve) => setImmediate(resolve)); // the batch is sent
    blockEventLoop(400);
    expect(await outcome).toBe("too_late"); // the database's own refusal, read after the stall
  });

  test("a database that stays silent still times out", async () => {
    const silent = (() => new Promise(() => {})) as unknown as Db;
    const batcher = new AnswerBatcher(silent, { timeoutMs: 50 });
    const error = await batcher.submit(claims, input).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ code: "DB_TIMEOUT" });
  });

  test("a database that is slow for every statement is busy, not gone: a slow batch waits for its answer", async () => {
    let reply: ((rows: unknown) => void) | undefined;
    const slow = (() => new Promise((resolve) => (reply = resolve))) as unknown as Db;
    const batcher = new AnswerBatcher(slow, { timeoutMs: 50, maxWaitMs: 5000 });
    const stopOthers = await otherStatementsAnswering(40);
    const outcome = batcher.submit(claims, input).then(
      () => "accepted",
      (error: { code?: string }) => error.code,
    );
    await new Promise((resolve) => setTimeout(resolve, 400)); // eight timeouts' worth
    reply!([{ result: [{ error: "too_late", message: "Too late." }] }]);
    stopOthers();
    expect(await outcome).toBe("too_late");
  });

  test("… but only up to maxWaitMs", async () => {
    const silent = (() => new Promise(() => {})) as unknown as Db;
    const batcher = new AnswerBatcher(silent, { timeoutMs: 50, maxWaitMs: 300 });
    const stopOthers = await otherStatementsAnswering(40);
    const started = performance.now();
    const error = await batcher.submit(claims, input).catch((failure: unknown) => failure);
    stopOthers();
    expect(error).toMatchObject({ code: "DB_TIMEOUT" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
  });

  test("a wedged connection while other statements come back fast is given up at the timeout", async () => {
    const silent = (() => new Promise(() => {})) as unknown as Db;
    const batcher = new AnswerBatcher(silent, { timeoutMs: 50, maxWaitMs: 5000 });
    const stopOthers = await otherStatementsAnswering(1); // by then the slow replies of the tests above are old
    const started = performance.now();
    const error = await batcher.submit(claims, input).catch((failure: unknown) => failure);
    stopOthers();
    expect(error).toMatchObject({ code: "DB_TIMEOUT" });
    expect(performance.now() - started).toBeLessThan(200);
  });
});

/** Other game.* calls of this process, one every 20 ms, each answered after `latencyMs`; resolves once they
 * have been running for 100 ms, as a database is busy (or not) before a batch meets it. */
async function otherStatementsAnswering(latencyMs: number): Promise<() => void> {
  const timer = setInterval(() => {
    const reply = new Promise<{ result: null }[]>((resolve) =>
      setTimeout(() => resolve([{ result: null }]), latencyMs),
    );
    void callGame(z.unknown(), reply);
  }, 20);
  await new Promise((resolve) => setTimeout(resolve, 100));
  return () => clearInterval(timer);
}
