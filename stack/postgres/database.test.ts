import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../log";
import { startDatabase, type Database } from "./database";
import { startPgliteCheckpointer } from "./pglite-checkpointer";

const log = createLogger("error");
const noMigrations = join(tmpdir(), "pubquiz-no-migrations");

describe("PGlite behind the socket", () => {
  let db: Database;
  beforeAll(async () => {
    db = await startDatabase({ host: "127.0.0.1", port: 0, dataDir: "memory://", migrationsDir: noMigrations, log });
  });
  afterAll(() => db.stop());

  // Unnamed statements (the app's default, as behind Supabase's transaction pooler) and named prepared ones
  // (the app's pool on the local stack, DATABASE_PREPARE): later rounds reuse the prepared statements.
  it.each([false, true])(
    "keeps concurrent parameterised queries from many connections apart (prepare: %s)",
    async (prepare) => {
      const client = postgres(db.url, { max: 8, prepare, onnotice: () => {} });
      try {
        for (let round = 0; round < 3; round++) {
          const results = await Promise.all(
            Array.from({ length: 400 }, (_, i) =>
              i % 2 === 0
                ? client`select ${i}::int as a, ${"x" + i}::text as b, ${i * 2}::int as c, ${true}::bool as d, ${i}::text as e`
                : client`select ${i}::int as a, ${"y" + i}::text as b`,
            ),
          );
          results.forEach((rows, i) => {
            expect(rows[0]?.a).toBe(i);
            expect(rows[0]?.b).toBe((i % 2 === 0 ? "x" : "y") + i);
          });
        }
      } finally {
        await client.end();
      }
    },
  );

  it("lets no API role call the realtime authorizer's functions", async () => {
    const client = postgres(db.url, { max: 1, prepare: false, onnotice: () => {} });
    try {
      for (const role of ["anon", "authenticated", "service_role"]) {
        const attempt = client.begin(async (sql) => {
          await sql.unsafe(`set local role ${role}`);
          await sql`select * from stack_realtime.read_policies('[]'::jsonb)`;
        });
        await expect(attempt).rejects.toMatchObject({ code: "42501" });
        // Claims are what RLS trusts: an API role that could set them could be anyone.
        const forge = client.begin(async (sql) => {
          await sql.unsafe(`set local role ${role}`);
          await sql`select stack_realtime.set_claims('t', '{"role":"service_role"}'::jsonb)`;
        });
        await expect(forge).rejects.toMatchObject({ code: "42501" });
      }
    } finally {
      await client.end();
    }
  });

  it("keeps a transaction on its connection while others query", async () => {
    const client = postgres(db.url, { max: 4, prepare: false, onnotice: () => {} });
    try {
      const tx = client.begin(async (sql) => {
        await sql`select set_config('request.jwt.claims', ${JSON.stringify({ sub: "00000000-0000-0000-0000-000000000001", role: "authenticated" })}, true)`;
        await new Promise((resolve) => setTimeout(resolve, 50));
        const [row] = await sql`select auth.uid()::text as uid, auth.role() as role`;
        return row;
      });
      const others = await Promise.all(Array.from({ length: 20 }, () => client`select auth.uid() as uid`));
      expect(await tx).toEqual({ uid: "00000000-0000-0000-0000-000000000001", role: "authenticated" });
      for (const [row] of others) expect(row?.uid).toBeNull();
    } finally {
      await client.end();
    }
  });

  it("dropConnections cuts every client, even mid-transaction, and PGlite is not left in it", async () => {
    const client = postgres(db.url, { max: 2, prepare: false, onnotice: () => {} });
    try {
      await client`select 1`;
      const inFlight = client.begin(async (sql) => {
        await sql`select 1`;
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql`select 2`;
      });
      // Watched from now on: the client may see its socket close before dropConnections() has returned.
      const cut = expect(inFlight).rejects.toMatchObject({ code: "CONNECTION_CLOSED" });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await db.dropConnections()).toBeGreaterThanOrEqual(1);
      await cut;
    } finally {
      await client.end({ timeout: 1 });
    }
    // A fresh connection (and the stack's own pool) is served: the aborted transaction was rolled back.
    // (Reusing a postgres.js connection that died idle can hit porsager/postgres#1154 / #1208; see README Faults.)
    const fresh = postgres(db.url, { max: 1, prepare: false, onnotice: () => {} });
    try {
      expect((await fresh`select 42 as n`)[0]?.n).toBe(42);
      expect((await fresh`select pg_catalog.txid_current_if_assigned() is null as idle`)[0]?.idle).toBe(true);
    } finally {
      await fresh.end();
    }
  });

  it("checkpoints as Postgres's checkpointer would: a busy game's WAL is recycled, not piled up in memory", async () => {
    const segment = 16 * 1024 * 1024;
    const walFiles = async () => (await db.sql<{ n: number }[]>`select count(*)::int as n from pg_ls_waldir()`)[0]!.n;
    const lsn = async () =>
      BigInt((await db.sql<{ b: string }[]>`select (pg_current_wal_insert_lsn() - '0/0')::text as b`)[0]!.b);
    expect((await db.sql`show wal_init_zero`)[0]?.wal_init_zero).toBe("off");
    const checkpointer = startPgliteCheckpointer(db.sql, log, { everyMs: 25, walBytes: segment });
    try {
      await db.sql`create table public.wal_probe (id int, pad text)`;
      const from = await lsn();
      const before = await walFiles();
      for (let round = 0; round < 16; round++) {
        await db.sql`insert into public.wal_probe select g, repeat('x', 1000) from generate_series(1, 10000) g`;
        await db.sql`truncate public.wal_probe`;
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      const written = Number((await lsn()) - from) / segment;
      expect(written).toBeGreaterThan(10);
      expect(checkpointer.checkpoints()).toBeGreaterThanOrEqual(5);
      // min_wal_size (80 MB, five segments) is kept for recycling, plus the one in use and the one before.
      expect(await walFiles()).toBeLessThanOrEqual(Math.max(before, 7) + 1);
    } finally {
      checkpointer.stop();
      await db.sql`drop table if exists public.wal_probe`;
    }
  });

  it("runs PGlite off the stack's thread: a long statement does not stall the stack's event loop", async () => {
    // Realtime, Auth and the Upstash endpoint share the stack's event loop; a batch of answers or a reveal
    // executing in the WASM Postgres used to hold all of them up for its duration.
    let worst = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      worst = Math.max(worst, now - last - 5);
      last = now;
    }, 5);
    try {
      const started = performance.now();
      const [row] = await db.sql<{ n: number }[]>`select count(*)::int as n from generate_series(1, 3000000)`;
      const statementMs = performance.now() - started;
      expect(row?.n).toBe(3_000_000);
      expect(statementMs).toBeGreaterThan(150); // long enough that a stall would show
      expect(worst).toBeLessThan(statementMs / 3);
    } finally {
      clearInterval(ticker);
    }
  });

  it("provides Supabase's roles: service_role bypasses RLS, authenticated does not", async () => {
    await db.sql.unsafe(`
      create table if not exists public.rls_probe (owner uuid, note text);
      alter table public.rls_probe enable row level security;
      drop policy if exists "Owners read their rows" on public.rls_probe;
      create policy "Owners read their rows" on public.rls_probe for select to authenticated using (owner = (select auth.uid()));
      insert into public.rls_probe values ('00000000-0000-0000-0000-00000000000a', 'a'), ('00000000-0000-0000-0000-00000000000b', 'b');
    `);
    const countAs = (role: string, sub: string) =>
      db.sql.begin(async (sql) => {
        await sql`select set_config('role', ${role}, true), set_config('request.jwt.claims', ${JSON.stringify({ role, sub })}, true)`;
        const [row] = await sql`select count(*)::int as n from public.rls_probe`;
        return row?.n as number;
      });
    expect(await countAs("service_role", "00000000-0000-0000-0000-00000000000a")).toBe(2);
    expect(await countAs("authenticated", "00000000-0000-0000-0000-00000000000a")).toBe(1);
    expect(await countAs("anon", "00000000-0000-0000-0000-00000000000a")).toBe(0);
  });
});

describe("PGlite data folder", () => {
  it("keeps data across a restart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "pubquiz-pglite-"));
    try {
      const options = { host: "127.0.0.1", port: 0, dataDir: dir, migrationsDir: noMigrations, log };
      let db = await startDatabase(options);
      await db.sql`insert into auth.users (email) values ('kept@example.com')`;
      await db.stop();
      db = await startDatabase(options);
      const rows = await db.sql`select email from auth.users`;
      await db.stop();
      expect(rows.map((r) => r.email)).toEqual(["kept@example.com"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
