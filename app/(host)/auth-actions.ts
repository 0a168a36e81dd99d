"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientIp, enforceRateLimit } from "@/lib/api/rate-limit";
import { formField } from "@/lib/server/form-field";
import { createSupabaseServerClient } from "@/lib/supabase/server";

/** Field-level outcome of a sign-in or sign-up form; messages are i18n keys under `auth`. */
export type AuthFormState = {
  email?: string;
  errors?: { email?: AuthErrorKey; password?: AuthErrorKey; form?: AuthErrorKey };
};
export type AuthErrorKey =
  "invalidCredentials" | "userExists" | "weakPassword" | "invalidEmail" | "rateLimited" | "checkEmail";

const credentialsSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(200),
});

export async function signInAction(_state: AuthFormState, form: FormData): Promise<AuthFormState> {
  return authenticate("signIn", form);
}

export async function signUpAction(_state: AuthFormState, form: FormData): Promise<AuthFormState> {
  return authenticate("signUp", form);
}

export async function signOutAction(): Promise<void> {
  const supabase = await createSupabaseServerClient();
  await supabase.auth.signOut();
  redirect("/login");
}

async function authenticate(mode: "signIn" | "signUp", form: FormData): Promise<AuthFormState> {
  const email = formField(form, "email")?.trim() ?? "";
  const parsed = credentialsSchema.safeParse({ email, password: formField(form, "password") });
  if (!parsed.success) {
    const field = parsed.error.issues[0]?.path[0];
    return field === "email"
      ? { email, errors: { email: "invalidEmail" } }
      : { email, errors: { password: mode === "signUp" ? "weakPassword" : "invalidCredentials" } };
  }
  if (mode === "signUp" && parsed.data.password.length < 8) return { email, errors: { password: "weakPassword" } };
  // Per IP, like every sign-in path: guessing passwords must cost the guesser, not the host.
  const ip = clientIp(await headers());
  try {
    enforceRateLimit("signIn", ip);
  } catch {
    return { email, errors: { form: "rateLimited" } };
  }

  const supabase = await createSupabaseServerClient();
  const result =
    mode === "signIn" ? await supabase.auth.signInWithPassword(parsed.data) : await supabase.auth.signUp(parsed.data);
  if (result.error) return { email, errors: mapAuthError(result.error.code, result.error.status) };
  // Projects with email confirmation on return a user without a session until the link is clicked.
  if (!result.data.session) return { email, errors: { form: "checkEmail" } };
  redirect("/host");
}

function mapAuthError(code: string | undefined, status: number | undefined): NonNullable<AuthFormState["errors"]> {
  switch (code) {
    case "user_already_exists":
    case "email_exists":
      return { email: "userExists" };
    case "weak_password":
      return { password: "weakPassword" };
    case "email_address_invalid":
    case "validation_failed":
      return { email: "invalidEmail" };
    case "over_request_rate_limit":
      return { form: "rateLimited" };
    default:
      return status === 429 ? { form: "rateLimited" } : { password: "invalidCredentials" };
  }
}
