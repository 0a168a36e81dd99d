/** Shapes as well as colours tell answer options apart (colour is never the only signal). */
export const OPTION_MARKS = ["▲", "◆", "●", "■", "★", "✚"] as const;
export const OPTION_COLOURS = [
  "bg-red-700",
  "bg-blue-700",
  "bg-amber-700",
  "bg-green-700",
  "bg-purple-700",
  "bg-teal-700",
] as const;

export function optionMark(index: number): string {
  return OPTION_MARKS[index % OPTION_MARKS.length] ?? "";
}

export function optionColour(index: number): string {
  return OPTION_COLOURS[index % OPTION_COLOURS.length] ?? "bg-stone-700";
}
