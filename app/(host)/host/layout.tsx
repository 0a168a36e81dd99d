import type { ReactNode } from "react";
import { HostHeader } from "@/components/host/host-header";
import { requestLocale } from "@/lib/i18n/server";
import { requireHost } from "@/lib/server/require-host";

export default async function HostLayout({ children }: { children: ReactNode }) {
  const host = await requireHost();
  const { locale, t } = await requestLocale();
  return (
    <div className="min-h-dvh">
      <HostHeader email={host.email} locale={locale} t={t} />
      {children}
    </div>
  );
}
