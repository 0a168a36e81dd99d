import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { HostConsole } from "@/components/host-console/host-console";
import { JoinPanel } from "@/components/host-console/join-panel";
import { GameError } from "@/lib/game/errors";
import { browserConfig, requestOrigin } from "@/lib/server/request-origin";
import { requestLocale } from "@/lib/i18n/server";
import { getSnapshot } from "@/lib/server/get-snapshot";
import { requireHost } from "@/lib/server/require-host";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await requestLocale();
  return { title: t.console.title };
}

export default async function ConsolePage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  if (!z.guid().safeParse(sessionId).success) notFound();
  const host = await requireHost();
  const snapshot = await getSnapshot(host.claims, sessionId, "host").catch((error: unknown) => {
    // Another host's session (or none): the engine refuses, and this page says "not found", never why.
    if (error instanceof GameError) return null;
    throw error;
  });
  if (snapshot?.role !== "host") notFound();
  const { t } = await requestLocale();
  const origin = await requestOrigin();
  return (
    <main className="mx-auto max-w-6xl p-4 sm:p-6">
      <HostConsole
        config={await browserConfig()}
        sessionId={sessionId}
        initial={snapshot}
        joinPanel={<JoinPanel origin={origin} pin={snapshot.session.pin} t={t.console} />}
        joinPanelCompact={<JoinPanel origin={origin} pin={snapshot.session.pin} compact t={t.console} />}
        t={t.console}
        states={t.states}
      />
    </main>
  );
}
