import { networkInterfaces } from "node:os";
import type { NextConfig } from "next";

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
};

export default nextConfig;
