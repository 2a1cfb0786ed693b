/** Tokens kept free for the answer: a quarter of the window, between 256 and 4096. */
export function answerReserve(contextWindow: number): number {
  return Math.min(4_096, Math.max(256, Math.floor(contextWindow / 4)));
}
