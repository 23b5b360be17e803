import { backoffDelay, poll } from "../web/src/poll";
import { retryDelay } from "../web/src/views/messages";

/** A document whose visibility the test flips. */
function fakeDocument() {
  const listeners = new Set<() => void>();
  return {
    hidden: false,
    addEventListener: (_: string, listener: () => void) => listeners.add(listener),
    removeEventListener: (_: string, listener: () => void) => listeners.delete(listener),
    flip(hidden: boolean) {
      this.hidden = hidden;
      listeners.forEach((l) => l());
    },
    listeners,
  };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

/** Lets the awaited tick settle. */
const settle = () => Promise.resolve().then(() => Promise.resolve());

describe("poll", () => {
  test("backs off on errors (interval × 2, × 4 … up to the maximum) and returns to the interval after a success", async () => {
    const doc = fakeDocument();
    const at: number[] = [];
    let fail = 3;
    const recovered = jest.fn();
    const stop = poll({ intervalMs: 1000, maxBackoffMs: 5000, document: doc as never, onRecover: recovered }, async () => {
      at.push(Date.now());
      if (fail-- > 0) throw new Error("down");
    });
    const start = Date.now();
    for (let i = 0; i < 5; i++) {
      await jest.advanceTimersToNextTimerAsync();
      await settle();
    }
    stop();
    expect(at.map((t) => t - start)).toEqual([1000, 3000, 7000, 12000, 13000]);
    expect(recovered).toHaveBeenCalledTimes(1);
    expect(backoffDelay(1000, 10, 30_000)).toBe(30_000);
  });

  test("pauses while the tab is hidden and asks at once when it shows again", async () => {
    const doc = fakeDocument();
    const tick = jest.fn(async () => undefined);
    const stop = poll({ intervalMs: 1000, document: doc as never }, tick);
    doc.flip(true);
    jest.advanceTimersByTime(10_000);
    expect(tick).not.toHaveBeenCalled();
    doc.flip(false);
    await settle();
    expect(tick).toHaveBeenCalledTimes(1);
    stop();
    expect(doc.listeners.size).toBe(0);
  });

  test("stops when the tick says so", async () => {
    const doc = fakeDocument();
    const tick = jest.fn(async () => false);
    poll({ intervalMs: 1000, document: doc as never }, tick);
    await jest.advanceTimersByTimeAsync(5000);
    expect(tick).toHaveBeenCalledTimes(1);
    expect(doc.listeners.size).toBe(0);
  });
});

test("a failed page retries after 2 s, 4 s, 8 s, 16 s, then every 30 s", () => {
  expect([1, 2, 3, 4, 5, 6].map(retryDelay)).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
});
