export { createDb, type Db, type Tx } from "./client";
export { asCaller, callerClaimsSchema, type CallerClaims } from "./as-caller";
export { callGame, observeGameCalls, toGameError, type GameCallObserver } from "./call";
export * from "./game-host";
export * from "./game-player";
export * from "./game-reads";
export * from "./results";
