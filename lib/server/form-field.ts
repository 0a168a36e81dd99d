import "server-only";

/**
 * A text field of a server action's form, or undefined. Anyone can call an action with any arguments
 * (the POST carries them encoded), so the "form" may not be a FormData at all, and a field may be a file.
 */
export function formField(form: unknown, name: string): string | undefined {
  if (!(form instanceof FormData)) return undefined;
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}
