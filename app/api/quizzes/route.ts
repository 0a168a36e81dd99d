import { apiRoute } from "@/lib/api/route";
import { quizInputSchema } from "@/lib/game/quiz";
import { createQuiz } from "@/lib/server/create-quiz";

/** Creates a quiz from the editor's import/export JSON; hosts only. */
export const POST = apiRoute({ body: quizInputSchema, maxBodyBytes: 1024 * 1024 }, async ({ caller, body }) =>
  createQuiz(caller, body),
);
