const FIRST_DELAY_MS = 20;
const MAX_DELAY_MS = 500;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Calls `attempt` until it returns a value other than null or `waitMs` runs out (one attempt at
 * least). Delays double from 20 ms up to 500 ms, each randomised between half and all of its size so
 * waiters that started together do not hit Redis in lockstep, and never sleep past the deadline.
 */
export async function pollUntil<T>(attempt: () => Promise<T | null>, waitMs: number): Promise<T | null> {
  const deadline = Date.now() + Math.max(0, waitMs);
  for (let round = 0; ; round++) {
    const value = await attempt();
    if (value !== null) return value;
    const left = deadline - Date.now();
    if (left <= 0) return null;
    const ceiling = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** round);
    await sleep(Math.min(left, ceiling / 2 + Math.random() * (ceiling / 2)));
  }
}
