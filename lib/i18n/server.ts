import "server-only";
import { cookies, headers } from "next/headers";
import { isLocale, LOCALE_COOKIE, messagesFor, pickLocale, type Locale, type Messages } from "./index";

/** The request's locale: the `locale` cookie (the language switcher) when valid, else Accept-Language. */
export async function requestLocale(): Promise<{ locale: Locale; t: Messages }> {
  const stored = (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(stored) ? stored : pickLocale((await headers()).get("accept-language"));
  return { locale, t: messagesFor(locale) };
}
