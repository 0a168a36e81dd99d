import "server-only";
import { redirect } from "next/navigation";
import { callerClaimsSchema, type CallerClaims } from "@/lib/db";
import { createSupabaseServerClient } from "@/lib/supabase/server";

export type Host = { claims: CallerClaims; id: string; email: string };

/**
 * The signed-in host of this request, or a redirect to /login. Identity comes from getClaims() (a verified
 * JWT), never from getSession(). Anonymous sign-ins are players and screens, not hosts.
 */
export async function requireHost(): Promise<Host> {
  const host = await currentHost();
  if (!host) redirect("/login");
  return host;
}

export async function currentHost(): Promise<Host | null> {
  const supabase = await createSupabaseServerClient();
  const { data } = await supabase.auth.getClaims();
  const parsed = callerClaimsSchema.safeParse(data?.claims);
  if (!parsed.success || !parsed.data.sub || parsed.data.is_anonymous || parsed.data.role !== "authenticated") {
    return null;
  }
  const email = (data?.claims as { email?: unknown } | undefined)?.email;
  return { claims: parsed.data, id: parsed.data.sub, email: typeof email === "string" ? email : "" };
}
