/** Every Redis key the app uses, built in one place so the keyspace stays legible. */
export const redisKeys = {
  rateLimitPrefix: "pq:rl",
} as const;
