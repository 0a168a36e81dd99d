"use client";

import { useEffect } from "react";
import type { Draft } from "@/lib/game/quiz-draft";

/**
 * The editor keeps its unsaved draft in localStorage until it is saved, so a crash, a closed tab or an
 * expired session never loses work. Read once when the editor mounts (client-only, see quiz-editor-loader).
 */
export function readStoredDraft(storageKey: string): Draft | null {
  try {
    const stored = window.localStorage.getItem(storageKey);
    const parsed = stored ? (JSON.parse(stored) as Draft) : null;
    return parsed && Array.isArray(parsed.questions) && Array.isArray(parsed.rounds) ? parsed : null;
  } catch {
    return null;
  }
}

/** Mirrors the draft into storage while it differs from what was saved, and warns before leaving then. */
export function useDraftStorage(storageKey: string, draft: Draft, isDirty: boolean) {
  useEffect(() => {
    if (isDirty) window.localStorage.setItem(storageKey, JSON.stringify(draft));
    else window.localStorage.removeItem(storageKey);
  }, [storageKey, draft, isDirty]);

  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [isDirty]);
}
