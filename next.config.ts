import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // postgres.js and ws are Node libraries: load them from node_modules at runtime instead of bundling.
  serverExternalPackages: ["postgres", "ws"],
};

export default nextConfig;
