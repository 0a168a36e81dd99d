import type { Metadata } from "next";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { ScreenGame } from "@/components/screen/screen-game";
import { browserConfig, requestOrigin } from "@/lib/server/request-origin";
import { requestLocale } from "@/lib/i18n/server";

export const metadata: Metadata = { title: "Screen" };

export default async function ScreenPage({ params }: { params: Promise<{ pin: string }> }) {
  const { pin } = await params;
  if (!/^\d{6}$/.test(pin)) notFound();
  const { t } = await requestLocale();
  const joinUrl = `${await requestOrigin()}/join?pin=${pin}`;
  const qrSvg = await QRCode.toString(joinUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return <ScreenGame config={await browserConfig()} pin={pin} t={t} joinUrl={joinUrl} qrSvg={qrSvg} />;
}
