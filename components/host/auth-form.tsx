"use client";

import Link from "next/link";
import { useActionState } from "react";
import { signInAction, signUpAction, type AuthFormState } from "@/app/(host)/auth-actions";
import type { Messages } from "@/lib/i18n";
import { primaryButton } from "@/components/ui/styles";

const inputClass =
  "rounded-xl border-2 border-stone-300 bg-white px-3 py-2 text-lg focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-600 dark:border-stone-700 dark:bg-stone-950";

/** Email + password form for sign-in and sign-up; errors appear at the field they concern. */
export function AuthForm({ mode, t }: { mode: "signIn" | "signUp"; t: Messages["auth"] }) {
  const [state, formAction, isPending] = useActionState<AuthFormState, FormData>(
    mode === "signIn" ? signInAction : signUpAction,
    {},
  );
  const errors = state.errors ?? {};
  return (
    <form
      action={formAction}
      className="flex flex-col gap-4 rounded-2xl bg-white p-6 shadow-sm dark:bg-stone-900"
      noValidate
    >
      <h1 className="text-2xl font-bold">{mode === "signIn" ? t.signInTitle : t.signUpTitle}</h1>
      <div className="flex flex-col gap-1">
        <label htmlFor="email" className="font-semibold">
          {t.email}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          defaultValue={state.email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? "email-error" : undefined}
          className={inputClass}
        />
        {errors.email && (
          <p id="email-error" className="text-sm text-red-700 dark:text-red-400">
            {t[errors.email]}
          </p>
        )}
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="password" className="font-semibold">
          {t.password}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete={mode === "signIn" ? "current-password" : "new-password"}
          required
          minLength={mode === "signUp" ? 8 : undefined}
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={errors.password ? "password-error" : mode === "signUp" ? "password-hint" : undefined}
          className={inputClass}
        />
        {errors.password ? (
          <p id="password-error" className="text-sm text-red-700 dark:text-red-400">
            {t[errors.password]}
          </p>
        ) : (
          mode === "signUp" && (
            <p id="password-hint" className="text-sm text-stone-600 dark:text-stone-400">
              {t.passwordHint}
            </p>
          )
        )}
      </div>
      {errors.form && (
        <p role="alert" className="rounded-lg bg-amber-100 p-2 text-amber-900 dark:bg-amber-950 dark:text-amber-100">
          {t[errors.form]}
        </p>
      )}
      <button type="submit" disabled={isPending} className={primaryButton}>
        {mode === "signIn" ? t.signIn : t.signUp}
      </button>
      <p className="text-center text-sm">
        {mode === "signIn" ? t.noAccount : t.haveAccount}{" "}
        <Link
          href={mode === "signIn" ? "/signup" : "/login"}
          className="font-semibold text-brand-700 underline dark:text-brand-500"
        >
          {mode === "signIn" ? t.signUp : t.signIn}
        </Link>
      </p>
    </form>
  );
}
