import "server-only";
import { headers } from "next/headers";
import { publicConfig, type PublicConfig } from "@/lib/env";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1", "0.0.0.0"]);

/**
 * The origin the browser reached this app at, for join links and QR codes. Behind Vercel or another proxy
 * it comes in x-forwarded-*; a request straight to `next start` / `next dev` is plain http.
 */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? "http";
  return `${proto}://${host}`;
}

/**
 * The public configuration as this browser must use it. On one box in LAN mode (`npm run dev:lan`) the local
 * stack listens on every interface but the app knows it as 127.0.0.1; a phone on the pub's Wi-Fi reaches it
 * at the address it reached this page at. A hosted Supabase URL is never rewritten.
 */
export async function browserConfig(): Promise<PublicConfig> {
  const config = publicConfig();
  const supabase = new URL(config.supabaseUrl);
  if (!LOOPBACK.has(supabase.hostname)) return config;
  const page = new URL(await requestOrigin());
  if (LOOPBACK.has(page.hostname)) return config;
  supabase.hostname = page.hostname;
  return { ...config, supabaseUrl: supabase.origin };
}
