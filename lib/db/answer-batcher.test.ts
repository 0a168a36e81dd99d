import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { AnswerBatcher } from "./answer-batcher";
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
});
