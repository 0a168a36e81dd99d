import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { privateChannel, securityFixture } from "./security-fixture";
import { sleep, subscribe, userToken, waitFor } from "./test-helpers";

/** Private channels authorized by RLS on realtime.messages (policies: see security-fixture.ts). */

const fx = securityFixture();
const client = fx.client;
const post = fx.post;
const alice = randomUUID();
const bob = randomUUID();

describe.each(["2.0.0", "1.0.0"] as const)("private channels, vsn %s", (vsn) => {
  it("lets a user join their own room and receive server broadcasts", async () => {
    const c = client({ vsn, token: await userToken(fx.stack.keys, alice) });
    const got: unknown[] = [];
    const ch = privateChannel(c, `room-${alice}`).on("broadcast", { event: "*" }, (m) => got.push(m));
    expect((await subscribe(ch)).status).toBe("SUBSCRIBED");
    const res = await post(
      "",
      { messages: [{ topic: `room-${alice}`, event: "q", payload: { n: 1 }, private: true }] },
      {
        authorization: `Bearer ${fx.stack.keys.serviceRoleKey}`,
      },
    );
    expect(res.status).toBe(202);
    await waitFor(() => got.length === 1, 2000, "private delivery");
    expect(got[0]).toMatchObject({ event: "q", payload: { n: 1 } });
  });

  it("denies a join without a SELECT policy, with Supabase's reason", async () => {
    const c = client({ vsn, token: await userToken(fx.stack.keys, alice) });
    const result = await subscribe(privateChannel(c, `room-${bob}`));
    expect(result.status).toBe("CHANNEL_ERROR");
    expect(result.error?.message).toBe(
      `Unauthorized: You do not have permissions to read from this Channel topic: room-${bob}`,
    );
  });

  it("denies the anon key on a private channel", async () => {
    const result = await subscribe(privateChannel(client({ vsn }), "lobby"));
    expect(result.status).toBe("CHANNEL_ERROR");
    expect(result.error?.message).toContain(
      "Unauthorized: You do not have permissions to read from this Channel topic: lobby",
    );
  });

  it("drops client sends without an INSERT policy (no reply → 'timed out'), delivers with one", async () => {
    const token = await userToken(fx.stack.keys, alice);
    const listener = client({ vsn, token: await userToken(fx.stack.keys, alice) });
    const got: unknown[] = [];
    const lobbyListener = privateChannel(listener, "lobby").on("broadcast", { event: "*" }, (m) => got.push(m));
    expect((await subscribe(lobbyListener)).status).toBe("SUBSCRIBED");

    const sender = client({ vsn, token, timeout: 700 });
    const lobby = privateChannel(sender, "lobby", { broadcast: { ack: true } });
    expect((await subscribe(lobby)).status).toBe("SUBSCRIBED");
    expect(await lobby.send({ type: "broadcast", event: "cheat", payload: {} })).toBe("timed out");
    await sleep(100);
    expect(got).toHaveLength(0);

    const ownGot: unknown[] = [];
    const ownListener = privateChannel(listener, `room-${alice}`).on("broadcast", { event: "*" }, (m) =>
      ownGot.push(m),
    );
    expect((await subscribe(ownListener)).status).toBe("SUBSCRIBED");
    const own = privateChannel(sender, `room-${alice}`, { broadcast: { ack: true } });
    expect((await subscribe(own)).status).toBe("SUBSCRIBED");
    expect(await own.send({ type: "broadcast", event: "fine", payload: { ok: true } })).toBe("ok");
    await waitFor(() => ownGot.length === 1, 2000, "allowed send");
  });

  it("authorizes presence on private channels through the same policies", async () => {
    const c = client({ vsn, token: await userToken(fx.stack.keys, alice), timeout: 1000 });
    const own = privateChannel(c, `room-${alice}`, { presence: { key: "me" } });
    own.on("presence", { event: "sync" }, () => {});
    expect((await subscribe(own)).status).toBe("SUBSCRIBED");
    expect(await own.track({ here: true })).toBe("ok");
    await waitFor(() => own.presenceState().me, 2000, "own presence");

    const lobby = privateChannel(c, "lobby", { presence: { key: "me" } });
    lobby.on("presence", { event: "sync" }, () => {});
    expect((await subscribe(lobby)).status).toBe("SUBSCRIBED");
    expect(await lobby.track({ here: true })).toBe("error"); // read-only topic
  });

  it("lets the service_role key read and write any private channel", async () => {
    const c = client({ vsn, key: fx.stack.keys.serviceRoleKey, timeout: 1000 });
    const ch = privateChannel(c, "anything-at-all", { broadcast: { ack: true, self: true } });
    const got: unknown[] = [];
    ch.on("broadcast", { event: "*" }, (m) => got.push(m));
    expect((await subscribe(ch)).status).toBe("SUBSCRIBED");
    expect(await ch.send({ type: "broadcast", event: "admin", payload: {} })).toBe("ok");
    await waitFor(() => got.length === 1, 2000, "self delivery");
  });

  it("keeps the private and the public namespace of a topic apart", async () => {
    const token = await userToken(fx.stack.keys, alice);
    const c = client({ vsn, token });
    const priv: unknown[] = [];
    const pub: unknown[] = [];
    expect(
      (await subscribe(privateChannel(c, `room-${alice}`).on("broadcast", { event: "*" }, (m) => priv.push(m)))).status,
    ).toBe("SUBSCRIBED");
    const c2 = client({ vsn });
    expect(
      (await subscribe(c2.channel(`room-${alice}`).on("broadcast", { event: "*" }, (m) => pub.push(m)))).status,
    ).toBe("SUBSCRIBED");
    const auth = { authorization: `Bearer ${fx.stack.keys.serviceRoleKey}` };
    await post("", { messages: [{ topic: `room-${alice}`, event: "public-one", payload: {} }] }, auth);
    await post("", { messages: [{ topic: `room-${alice}`, event: "private-one", payload: {}, private: true }] }, auth);
    await waitFor(() => priv.length === 1 && pub.length === 1, 2000, "one each");
    await sleep(100);
    expect(priv).toEqual([{ type: "broadcast", event: "private-one", payload: {} }]);
    expect(pub).toEqual([{ type: "broadcast", event: "public-one", payload: {} }]);
  });
});

describe("batched read checks", () => {
  async function wave(users: string[], extra: (user: string, i: number) => Array<{ topic: string; ok: boolean }>) {
    const cases = users.flatMap((user, i) => [
      { user, topic: `room-${user}`, ok: true },
      { user, topic: `room-${users[(i + 1) % users.length]}`, ok: false },
      { user, topic: "lobby", ok: true },
      ...extra(user, i).map((e) => ({ user, ...e })),
    ]);
    // One socket per user, all joins at once: they land in the same batches.
    const perUser = new Map(users.map((u) => [u, client({})]));
    await Promise.all(users.map(async (u) => perUser.get(u)!.realtime.setAuth(await userToken(fx.stack.keys, u))));
    const queriesBefore = fx.stack.realtime.stats?.().authorization_queries as number;
    const results = await Promise.all(cases.map((k) => subscribe(privateChannel(perUser.get(k.user)!, k.topic))));
    const queries = (fx.stack.realtime.stats?.().authorization_queries as number) - queriesBefore;
    expect(results.map((r) => r.status)).toEqual(cases.map((k) => (k.ok ? "SUBSCRIBED" : "CHANNEL_ERROR")));
    return { joins: cases.length, queries };
  }

  it("answers a wave of concurrent private joins correctly in few transactions", async () => {
    const { joins, queries } = await wave(
      Array.from({ length: 10 }, () => randomUUID()),
      () => [],
    );
    // PGlite runs one check transaction at a time, so nearly all joins share a few; real Postgres runs up
    // to four at once and batches less.
    expect(queries).toBeLessThan(fx.stack.db.backend === "pglite" ? joins / 2 : joins);
  });

  it("isolates a policy that raises: only that join is refused", async () => {
    await fx.stack.db.sql.unsafe(`
      create policy "rt boom" on realtime.messages for select to authenticated
        using (case when realtime.topic() = 'boom' then (1 / (length(realtime.topic()) - 4)) = 1 else false end);`);
    try {
      await wave(
        Array.from({ length: 6 }, () => randomUUID()),
        (_, i) => (i % 3 === 0 ? [{ topic: "boom", ok: false }] : []),
      );
    } finally {
      await fx.stack.db.sql.unsafe(`drop policy "rt boom" on realtime.messages`);
    }
  });
});
