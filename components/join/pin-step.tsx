"use client";

import type { FormEvent } from "react";
import type { Messages } from "@/lib/i18n";
import { primaryButton, textInput } from "@/components/ui/styles";

export function PinStep(props: {
  t: Messages;
  pin: string;
  isBusy: boolean;
  onPinChange: (pin: string) => void;
  onSubmit: () => void;
}) {
  const { t } = props;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    props.onSubmit();
  };
  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-3">
      <label htmlFor="join-pin" className="text-sm font-semibold uppercase tracking-wide">
        {t.join.pinLabel}
      </label>
      <input
        id="join-pin"
        name="pin"
        inputMode="numeric"
        autoComplete="off"
        pattern="[0-9]{6}"
        maxLength={6}
        required
        autoFocus
        aria-describedby="join-pin-hint"
        value={props.pin}
        onChange={(event) => props.onPinChange(event.target.value.replace(/\D/g, "").slice(0, 6))}
        placeholder="123456"
        className={`${textInput} text-center text-4xl tracking-[0.4em]`}
      />
      <p id="join-pin-hint" className="text-sm text-stone-600 dark:text-stone-300">
        {t.join.pinHint}
      </p>
      <button type="submit" className={primaryButton} disabled={props.isBusy || props.pin.length !== 6}>
        {props.isBusy ? t.join.checking : t.join.next}
      </button>
    </form>
  );
}
