import Link from "next/link";
import { LanguageSwitcher } from "@/components/ui/language-switcher";
import { primaryButton } from "@/components/ui/styles";
import { requestLocale } from "@/lib/i18n/server";

export default async function HomePage() {
  const { locale, t } = await requestLocale();
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-10 p-6">
      <header className="text-center">
        <h1 className="text-5xl font-black tracking-tight text-brand-600">{t.common.appName}</h1>
        <p className="mt-2 text-lg text-stone-600 dark:text-stone-300">{t.common.tagline}</p>
      </header>
      <form
        action="/join"
        method="get"
        className="flex flex-col gap-3 rounded-2xl bg-white p-6 shadow-sm dark:bg-stone-900"
      >
        <label htmlFor="pin" className="text-sm font-semibold uppercase tracking-wide">
          {t.home.pinLabel}
        </label>
        <input
          id="pin"
          name="pin"
          inputMode="numeric"
          pattern="[0-9]{6}"
          maxLength={6}
          required
          autoComplete="off"
          placeholder="123456"
          className="rounded-xl border-2 border-stone-300 px-4 py-3 text-center text-3xl tracking-[0.4em] focus:border-brand-500 focus:outline-none dark:border-stone-700 dark:bg-stone-950"
        />
        <button type="submit" className={primaryButton}>
          {t.home.join}
        </button>
      </form>
      <p className="text-center">
        {t.home.hostPrompt}{" "}
        <Link href="/login" className="font-semibold text-brand-700 underline dark:text-brand-500">
          {t.home.hostSignIn}
        </Link>
      </p>
      <LanguageSwitcher locale={locale} label={t.common.language} className="justify-center" />
    </main>
  );
}
