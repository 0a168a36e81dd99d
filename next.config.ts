import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm run dev` prints and the README links http://127.0.0.1:3000; Next's dev server trusts only localhost.
  allowedDevOrigins: ["127.0.0.1"],
  // postgres.js and ws are Node libraries: load them from node_modules at runtime instead of bundling.
  serverExternalPackages: ["postgres", "ws"],
};

export default nextConfig;
