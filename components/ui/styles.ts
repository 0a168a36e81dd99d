/** Shared Tailwind class lists, so every page's buttons, inputs and cards look and focus alike. */

export const focusRing =
  "focus-visible:outline-4 focus-visible:outline-offset-2 focus-visible:outline-brand-500 focus:outline-none";

export const primaryButton = `rounded-xl bg-brand-700 px-4 py-3 text-xl font-bold text-white hover:bg-brand-800 disabled:opacity-60 ${focusRing}`;

export const secondaryButton = `rounded-xl border-2 border-stone-300 px-4 py-2 font-semibold hover:bg-stone-100 dark:border-stone-600 dark:hover:bg-stone-800 ${focusRing}`;

export const textInput = `w-full rounded-xl border-2 border-stone-300 bg-white px-4 py-3 text-xl focus:border-brand-500 dark:border-stone-600 dark:bg-stone-950 ${focusRing}`;

export const card = "rounded-2xl bg-white p-6 shadow-sm dark:bg-stone-900";
