"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALES } from "@/lib/i18n";

const localeFormSchema = z.object({ locale: z.enum(LOCALES) });

/**
 * The language switcher: remembers the choice in a cookie for a year. Setting a cookie in a server action
 * makes Next re-render the current page, so it comes back in the new language with its state kept.
 */
export async function setLocaleAction(form: FormData): Promise<void> {
  const parsed = localeFormSchema.safeParse({ locale: form.get("locale") });
  // An unknown value changes nothing: the page simply stays in its current language.
  if (!parsed.success) return;
  (await cookies()).set(LOCALE_COOKIE, parsed.data.locale, {
    path: "/",
    maxAge: 60 * 60 * 24 * 365,
    sameSite: "lax",
    httpOnly: true,
  });
}
