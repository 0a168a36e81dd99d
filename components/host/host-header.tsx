import Link from "next/link";
import { signOutAction } from "@/app/(host)/auth-actions";
import { LanguageSwitcher } from "@/components/ui/language-switcher";
import { format, type Locale, type Messages } from "@/lib/i18n";

export function HostHeader({ email, locale, t }: { email: string; locale: Locale; t: Messages }) {
  return (
    <header className="flex flex-wrap items-center justify-between gap-3 border-b border-stone-200 bg-white px-4 py-3 dark:border-stone-800 dark:bg-stone-900">
      <Link href="/host" className="text-xl font-black text-brand-700 dark:text-brand-500">
        {t.common.appName}
      </Link>
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <LanguageSwitcher locale={locale} label={t.common.language} />
        <span className="text-stone-600 dark:text-stone-400">{format(t.host.signedInAs, { email })}</span>
        <form action={signOutAction}>
          <button
            type="submit"
            className="rounded-lg border border-stone-300 px-3 py-1 font-semibold hover:bg-stone-100 dark:border-stone-700 dark:hover:bg-stone-800"
          >
            {t.auth.signOut}
          </button>
        </form>
      </div>
    </header>
  );
}
