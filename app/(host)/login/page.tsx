import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AuthForm } from "@/components/host/auth-form";
import { requestLocale } from "@/lib/i18n/server";
import { currentHost } from "@/lib/server/require-host";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
  return { title: t.auth.signInTitle };
}

export default async function Page() {
  if (await currentHost()) redirect("/host");
  const { t } = await requestLocale();
  return (
    <main className="mx-auto flex min-h-dvh max-w-sm flex-col justify-center p-6">
      <AuthForm mode="signIn" t={t.auth} />
    </main>
  );
}
