import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { ScreenGame } from "@/components/screen/screen-game";
import { publicConfig } from "@/lib/env";
import { requestLocale } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Screen" };

export default async function ScreenPage({ params }: { params: Promise<{ pin: string }> }) {
  const { pin } = await params;
  if (!/^\d{6}$/.test(pin)) notFound();
  const { t } = await requestLocale();
  const requestHeaders = await headers();
  // Behind Vercel or a proxy the public host and scheme come in forwarded headers.
  const host = requestHeaders.get("x-forwarded-host") ?? requestHeaders.get("host") ?? "localhost:3000";
  const proto = requestHeaders.get("x-forwarded-proto") ?? (host.startsWith("localhost") ? "http" : "https");
  const joinUrl = `${proto}://${host}/join?pin=${pin}`;
  const qrSvg = await QRCode.toString(joinUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return <ScreenGame config={publicConfig()} pin={pin} t={t} joinUrl={joinUrl} qrSvg={qrSvg} />;
}
