/** Every Redis key the app uses, built in one place so the keyspace stays legible. */
export const redisKeys = {
  rateLimitPrefix: "pq:rl",
  leaderboard: (sessionId: string) => `pq:lb:${sessionId}`,
  leaderboardVersion: (sessionId: string) => `pq:lb:${sessionId}:v`,
} as const;
