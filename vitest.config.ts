import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Vitest 5's reporter calls Map.groupBy (Node 21+) when it reports a failure; on Node 20 that crash would
// hide the failure itself. The config runs in the reporter's process, so polyfill it here.
if (typeof Map.groupBy !== "function") {
  Object.defineProperty(Map, "groupBy", {
    value<K, T>(items: Iterable<T>, key: (item: T, index: number) => K): Map<K, T[]> {
      const groups = new Map<K, T[]>();
      let index = 0;
      for (const item of items) {
        const k = key(item, index++);
        const group = groups.get(k);
        if (group) group.push(item);
        else groups.set(k, [item]);
      }
      return groups;
    },
  });
}

const alias = { "@": fileURLToPath(new URL(".", import.meta.url)) };
const serverOnlyEmpty = new URL("node_modules/server-only/empty.js", import.meta.url);

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["lib/**/*.test.ts", "components/**/*.test.ts?(x)", "load/**/*.test.ts"],
          exclude: ["lib/observability/**", "**/node_modules/**"],
          environment: "node",
        },
      },
      {
        // Route handlers called as plain functions of Request, against a test stack. `server-only` resolves
        // to its empty module here, as it does in Next's server bundles.
        resolve: { alias: { ...alias, "server-only": fileURLToPath(serverOnlyEmpty) } },
        test: {
          name: "api",
          include: ["app/**/*.test.ts", "lib/observability/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: "stack",
          include: ["stack/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        // The host API's use-cases (lib/server) run here against the test database; "server-only" is the
        // marker Next resolves under its react-server condition, so resolve it the same way.
        resolve: {
          alias: {
            ...alias,
            "server-only": fileURLToPath(new URL("node_modules/server-only/empty.js", import.meta.url)),
          },
        },
        test: {
          name: "db",
          include: ["supabase/tests/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
