import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { requestLocale } from "@/lib/i18n/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "PubQuiz", template: "%s · PubQuiz" },
  description: "A live quiz for pub nights, classrooms and events.",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fff7ed" },
    { media: "(prefers-color-scheme: dark)", color: "#0c0a09" },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Screen readers pick their voice from lang: it must match the catalog the page was rendered with.
  const { locale } = await requestLocale();
  return (
    <html lang={locale}>
      <body className="min-h-dvh bg-brand-50 font-sans text-stone-900 antialiased dark:bg-stone-950 dark:text-stone-100">
        {children}
      </body>
    </html>
  );
}
