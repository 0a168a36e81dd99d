"use client";

import dynamic from "next/dynamic";

// The editor restores an unsaved draft from localStorage on its first render, which the server cannot
// see; rendering it on the client only avoids a hydration mismatch and a flash of the stale version.
export const QuizEditorLoader = dynamic(() => import("./quiz-editor").then((m) => m.QuizEditor), { ssr: false });
