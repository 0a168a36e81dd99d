import type { Metadata } from "next";
import { JoinFlow } from "@/components/join/join-flow";
import { LanguageSwitcher } from "@/components/ui/language-switcher";
import { browserConfig } from "@/lib/server/request-origin";
import { requestLocale } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Join" };

export default async function JoinPage({ searchParams }: { searchParams: Promise<{ pin?: string | string[] }> }) {
  const { locale, t } = await requestLocale();
  const { pin } = await searchParams;
  const initialPin = typeof pin === "string" && /^\d{6}$/.test(pin) ? pin : "";
  return (
    <main className="mx-auto flex min-h-dvh max-w-md flex-col justify-center gap-6 p-4">
      <h1 className="text-center text-4xl font-black tracking-tight text-brand-700 dark:text-brand-500">
        {t.join.title}
      </h1>
      <JoinFlow config={await browserConfig()} t={t} initialPin={initialPin} />
      <LanguageSwitcher locale={locale} label={t.common.language} className="justify-center" />
    </main>
  );
}
