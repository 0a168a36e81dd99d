import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PlayerGame } from "@/components/player/player-game";
import { browserConfig } from "@/lib/server/request-origin";
import { requestLocale } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Play" };

export default async function PlayPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(sessionId)) notFound();
  const { t } = await requestLocale();
  return <PlayerGame config={await browserConfig()} sessionId={sessionId} t={t} />;
}
