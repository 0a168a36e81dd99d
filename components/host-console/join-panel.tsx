import QRCode from "qrcode";
import { format, type Messages } from "@/lib/i18n";

/** PIN, QR code (it opens the join page with the PIN filled in) and the big-screen link. Rendered on the server. */
export async function JoinPanel({
  origin,
  pin,
  compact,
  t,
}: {
  origin: string;
  pin: string;
  compact?: boolean;
  t: Messages["console"];
}) {
  const joinUrl = `${origin}/join?pin=${pin}`;
  const svg = await QRCode.toString(joinUrl, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return (
    <section
      className={`flex gap-4 rounded-2xl bg-white p-4 shadow-sm dark:bg-stone-900 ${compact ? "flex-row items-center" : "flex-col items-center sm:flex-row"}`}
    >
      <div
        role="img"
        aria-label={format(t.qrAlt, { pin })}
        className={`shrink-0 rounded-lg bg-white p-1 ${compact ? "w-24" : "w-56"}`}
        // The SVG comes from the qrcode library for a URL we built; it contains no user-controlled markup.
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <div className="flex min-w-0 flex-col gap-2">
        <p className={`font-mono font-black tracking-[0.2em] ${compact ? "text-3xl" : "text-6xl"}`}>{pin}</p>
        <p className="break-all text-sm text-stone-600 dark:text-stone-400">
          {format(t.joinAt, { url: `${origin}/join` })}
        </p>
        <a
          href={`/screen/${pin}`}
          target="_blank"
          rel="noopener"
          className="self-start font-semibold text-brand-700 underline dark:text-brand-500"
        >
          {t.openScreen} ↗
        </a>
      </div>
    </section>
  );
}
