import type { ChannelStatus } from "@/components/realtime/use-session-channel";
import type { Messages } from "@/lib/i18n";

/** The live channel's state in words and a dot, announced when it changes. */
export function ConnectionBadge(props: { status: ChannelStatus; t: Messages["common"]; connecting: string }) {
  const label =
    props.status === "live" ? props.t.live : props.status === "reconnecting" ? props.t.reconnecting : props.connecting;
  const dot = props.status === "live" ? "bg-green-600" : "bg-amber-500";
  return (
    <span
      role="status"
      className="inline-flex items-center gap-[0.5em] rounded-full bg-white px-[0.75em] py-[0.25em] font-semibold dark:bg-stone-900"
    >
      <span aria-hidden="true" className={`size-[0.6em] rounded-full ${dot}`} />
      {label}
    </span>
  );
}
