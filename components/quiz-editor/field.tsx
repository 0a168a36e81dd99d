import type { ReactNode } from "react";

export const inputClass =
  "w-full rounded-lg border-2 border-stone-300 bg-white px-2 py-1.5 focus:border-brand-500 focus:outline-none aria-[invalid=true]:border-red-600 dark:border-stone-700 dark:bg-stone-950";

/** A labelled control with its validation message; `children` receives the ids to wire up. */
export function Field({
  id,
  label,
  error,
  className,
  children,
}: {
  id: string;
  label: string;
  error?: string;
  className?: string;
  children: (props: { id: string; "aria-invalid"?: true; "aria-describedby"?: string }) => ReactNode;
}) {
  return (
    <div className={`flex flex-col gap-1 ${className ?? ""}`}>
      <label htmlFor={id} className="text-sm font-semibold">
        {label}
      </label>
      {children({ id, ...(error ? { "aria-invalid": true, "aria-describedby": `${id}-error` } : {}) })}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
