"use client";

import { useId } from "react";
import { setLocaleAction } from "@/app/locale-action";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/lib/i18n";

/**
 * A labelled select of the shipped languages. With JavaScript it switches on change; without, the form's
 * button submits it. Each option carries its own `lang`, so a screen reader says "Deutsch" in German.
 */
export function LanguageSwitcher({
  locale,
  label,
  className = "",
}: {
  locale: Locale;
  label: string;
  className?: string;
}) {
  const id = useId();
  return (
    <form action={setLocaleAction} className={`flex items-center gap-2 text-sm ${className}`}>
      <label htmlFor={id} className="font-semibold">
        {label}
      </label>
      <select
        key={locale}
        id={id}
        name="locale"
        defaultValue={locale}
        onChange={(event) => event.currentTarget.form?.requestSubmit()}
        className="rounded-lg border-2 border-stone-300 bg-white px-2 py-1 focus-visible:outline-4 focus-visible:outline-brand-500 dark:border-stone-600 dark:bg-stone-950"
      >
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
      <noscript>
        <button type="submit" className="rounded-lg border border-stone-300 px-2 py-1 font-semibold">
          {label}
        </button>
      </noscript>
    </form>
  );
}
