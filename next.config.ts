import { networkInterfaces } from "node:os";
import type { NextConfig } from "next";
import { HSTS, NON_DOCUMENT_CSP, STATIC_SECURITY_HEADERS } from "./lib/security/static-headers";

// `npm run dev:lan`: phones reach the dev server at this machine's LAN addresses.
const lanAddresses = Object.values(networkInterfaces())
  .flat()
  .flatMap((a) => (a && a.family === "IPv4" && !a.internal ? [a.address] : []));

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run dev` prints and the README links http://127.0.0.1:3000; Next's dev server trusts only localhost.
  allowedDevOrigins: ["127.0.0.1", ...lanAddresses],
  // postgres.js and ws are Node libraries: load them from node_modules at runtime instead of bundling.
  serverExternalPackages: ["postgres", "ws"],
  // The answer path is a Pages Router API route (lib/api/node-route.ts). Bundled like the App Router's code,
  // its dependencies resolve as on the server: `server-only` is the empty marker, not an external that throws
  // outside React's server condition. (It is a bundle of its own: per-instance state lives on globalThis.)
  bundlePagesRouterDependencies: true,
  headers: () =>
    Promise.resolve([
      { source: "/:path*", headers: STATIC_SECURITY_HEADERS },
      // Pages get a per-request CSP with a nonce from proxy.ts; these never render a document.
      { source: "/api/:path*", headers: [NON_DOCUMENT_CSP] },
      { source: "/_next/static/:path*", headers: [NON_DOCUMENT_CSP] },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS] },
    ]),
};

export default nextConfig;
