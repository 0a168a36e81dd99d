// Entry of a worker thread that runs a TypeScript module (workerData.entry, a file: URL): tsx's loader is
// registered per thread, and neither `tsx` nor Vitest carries it into new threads.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
