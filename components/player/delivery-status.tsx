import type { DeliveryState } from "@/lib/client/deliver-answer";
import type { Messages } from "@/lib/i18n";
import { format } from "@/lib/i18n";

/** What became of the player's answer, in words (announced politely to screen readers). */
export function DeliveryStatus({ state, t }: { state: DeliveryState | null; t: Messages["player"] }) {
  const [text, tone] = describe(state, t);
  return (
    <p aria-live="polite" role="status" className={`min-h-8 text-center text-xl font-bold ${tone}`}>
      {text}
    </p>
  );
}

function describe(state: DeliveryState | null, t: Messages["player"]): [string, string] {
  switch (state?.status) {
    case undefined:
      return ["", ""];
    case "sending":
      return [t.sending, ""];
    case "retrying":
      return [format(t.retrying, { attempt: state.attempt }), "text-amber-800 dark:text-amber-300"];
    case "acknowledged":
      return [t.received, "text-green-800 dark:text-green-300"];
    case "expired":
      return [t.tooLate, "text-red-800 dark:text-red-300"];
    case "rejected":
      return [format(t.rejected, { message: state.message }), "text-red-800 dark:text-red-300"];
  }
}
