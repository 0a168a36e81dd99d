import { parseStackEnv } from "./config";
import { startStack } from "./stack";

/**
 * `npm run stack`: the local stack alone. Prints what a client needs as KEY=value lines, then `ready`.
 * Logs go to stderr, so `npm run stack | grep =` yields a usable .env.
 */
const env = parseStackEnv();
const stack = await startStack(env);
for (const [key, value] of Object.entries(stack.clientEnv)) process.stdout.write(`${key}=${value}\n`);
process.stdout.write(`# local stack ready at ${stack.apiUrl} (health: ${stack.apiUrl}/health)\n`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await stack.stop();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
