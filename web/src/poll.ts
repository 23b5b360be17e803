/**
 * Calls `tick` every `intervalMs`, never two at once (a slow answer delays the next call rather
 * than stacking requests). A tick that throws is retried with exponential backoff (interval × 2,
 * × 4, … up to `maxBackoffMs`), and the first success returns to the interval. While the tab is
 * hidden nothing is called; when it shows again `tick` runs at once (the page was out of date).
 * `tick` returns false to stop. Returns a function that stops polling.
 */
export interface PollOptions {
  readonly intervalMs: number;
  /** @default 30 000 */
  readonly maxBackoffMs?: number;
  /** Told after each failed tick (how many in a row) and after the first success that follows. */
  readonly onError?: (failures: number, error: unknown) => void;
  readonly onRecover?: () => void;
  /** @default - the page's document (tests pass their own) */
  readonly document?: Pick<Document, "hidden" | "addEventListener" | "removeEventListener">;
}

export function backoffDelay(intervalMs: number, failures: number, maxBackoffMs: number): number {
  return failures === 0 ? intervalMs : Math.min(maxBackoffMs, intervalMs * 2 ** failures);
}

export function poll(options: PollOptions, tick: () => Promise<boolean | void>): () => void {
  const { intervalMs, maxBackoffMs = 30_000, onError, onRecover } = options;
  const doc = options.document ?? document;
  let stopped = false;
  let running = false;
  let failures = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const schedule = (delay: number) => {
    clearTimeout(timer);
    timer = undefined;
    if (!stopped && !doc.hidden) timer = setTimeout(run, delay);
  };
  async function run(): Promise<void> {
    timer = undefined;
    if (stopped || running) return;
    running = true;
    let again: boolean | void = true;
    try {
      again = await tick();
      if (failures > 0) {
        failures = 0;
        onRecover?.();
      }
    } catch (error) {
      failures++;
      onError?.(failures, error);
    }
    running = false;
    if (again === false) stop();
    else schedule(backoffDelay(intervalMs, failures, maxBackoffMs));
  }
  const visibility = () => {
    if (doc.hidden) {
      clearTimeout(timer);
      timer = undefined;
    } else if (!running && timer === undefined) {
      void run();
    }
  };
  function stop(): void {
    stopped = true;
    clearTimeout(timer);
    doc.removeEventListener("visibilitychange", visibility);
  }
  doc.addEventListener("visibilitychange", visibility);
  schedule(intervalMs);
  return stop;
}
