import "server-only";
import { cookies, headers } from "next/headers";
import { messagesFor, pickLocale, type Locale, type Messages } from "./index";

/** The request's locale: the `lang` cookie when set, else the browser's Accept-Language. */
export async function requestLocale(): Promise<{ locale: Locale; t: Messages }> {
  const stored = (await cookies()).get("lang")?.value;
  const locale = pickLocale(stored ?? (await headers()).get("accept-language"));
  return { locale, t: messagesFor(locale) };
}
