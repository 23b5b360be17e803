/**
 * Calls `tick` every `intervalMs`, never two at once (a slow answer delays the next call rather
 * than stacking requests). `tick` returns false to stop. Returns a function that stops polling.
 */
export function poll(intervalMs: number, tick: () => Promise<boolean | void>): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    timer = setTimeout(async () => {
      const again = await tick().catch(() => true);
      if (!stopped && again !== false) schedule();
    }, intervalMs);
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
