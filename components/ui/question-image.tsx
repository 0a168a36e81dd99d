/** A question's picture. Hosts paste any URL, so next/image (which needs an allow-list of hosts) cannot serve it. */
export function QuestionImage({ url, className }: { url: string | null; className?: string }) {
  if (!url) return null;
  return (
    // eslint-disable-next-line @next/next/no-img-element -- arbitrary host URLs; see the comment above
    <img
      src={url}
      alt=""
      referrerPolicy="no-referrer"
      className={`mx-auto rounded-2xl object-contain ${className ?? ""}`}
    />
  );
}
