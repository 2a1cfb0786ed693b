// Retries an assertion against the live DOM until it passes: the workbench renders
// asynchronously, so a single read would race it. On timeout the last assertion error is thrown,
// so the failure shows what the user saw last, not just "timed out".

export async function eventually<T>(probe: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
