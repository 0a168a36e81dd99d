/**
 * How long a phone waits, at random, before fetching its own result after a reveal (or the end). Every phone
 * fetches at once otherwise, and a reveal in a big room would queue thousands of requests behind each other
 * while the next question opens. The window grows with the room, about 1 ms per player (arrivals near
 * 1,000/s, what one small server absorbs): a pub of 30 sees its result within 0.3 s, a hall of 2,000 within 2 s.
 */
const MIN_WINDOW_MS = 300;
const MAX_WINDOW_MS = 3000;

export function resultFetchDelayMs(playerCount: number, random: () => number = Math.random): number {
  const windowMs = Math.min(MAX_WINDOW_MS, Math.max(MIN_WINDOW_MS, playerCount));
  return Math.floor(random() * windowMs);
}
