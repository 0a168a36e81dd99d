import type { Messages } from "@/lib/i18n";
import type { PublicQuestion } from "@/lib/game/shapes";

type Option = PublicQuestion["options"][number];

/** True/false options are shown in the player's language, not as stored. */
export function optionLabel(question: PublicQuestion, option: Option, t: Messages["player"]): string {
  if (question.kind !== "true_false") return option.text;
  if (option.id === "true") return t.trueLabel;
  if (option.id === "false") return t.falseLabel;
  return option.text;
}

/** A response as the player would say it: option texts, the typed text or the number. */
export function describeResponse(question: PublicQuestion, response: Record<string, unknown>, t: Messages["player"]) {
  if (Array.isArray(response.choices)) {
    return question.options
      .filter((option) => (response.choices as unknown[]).includes(option.id))
      .map((option) => optionLabel(question, option, t))
      .join(", ");
  }
  if (typeof response.text === "string") return response.text;
  if (typeof response.value === "number") return String(response.value);
  return "";
}
