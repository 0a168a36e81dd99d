export { createDb, type Db, type Tx } from "./client";
export { asCaller, callerClaimsSchema, type CallerClaims } from "./as-caller";
export { AnswerBatcher, type AnswerInput } from "./answer-batcher";
export { callGame, observeGameCalls, toGameError, type GameCallObserver } from "./call";
export * from "./game-host";
export * from "./game-player";
export * from "./game-reads";
export * from "./results";
