/**
 * `npx tsx app/dev/bench-stays.ts`: how long the stay routes take against the local DynamoDB
 * (dynalite behind app/local/transactions.ts, in this process), by stay length. It prints numbers
 * only; they say how the cost grows with the nights of a stay, not what DynamoDB in AWS answers
 * (there a transaction's latency barely grows with its items, locally each item is a request).
 */
import { createApi } from "../api/app";
import { BookingStore } from "../api/store";
import { addDays, localDate } from "../dates";
import { startLocalDynamo } from "../local/dynamodb";
import { demoApartments } from "../seed-data";
import { LOCAL_TABLE_NAMES, MAX_STAY_NIGHTS } from "../tables";

const ROUNDS = 15;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const local = await startLocalDynamo();
  try {
    const store = new BookingStore(local.client, LOCAL_TABLE_NAMES);
    const base = demoApartments()[0];
    const today = localDate(new Date(), base.timeZone);
    const api = createApi({ store, workflow: { start: async () => undefined }, paymentWindowSeconds: 900, maxHoldsPerEmail: 1_000_000, maxNights: MAX_STAY_NIGHTS, log: () => undefined });
    const post = async (apartmentId: string, nights: number, guest: string): Promise<Response> =>
      api.request("/api/reservations", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ apartmentId, guestName: "Bench Guest", email: `${guest}@example.com`, checkIn: addDays(today, 1), checkOut: addDays(today, 1 + nights) }),
      });
    const timed = async (run: () => Response | Promise<Response>, expected: number) => {
      const started = performance.now();
      const response = await run();
      const ms = performance.now() - started;
      if (response.status !== expected) throw new Error(`expected ${expected}, got ${response.status}: ${await response.text()}`);
      return ms;
    };
    await store.addApartments(demoApartments());
    let n = 0;
    const apartment = async () => {
      n += 1;
      const id = `apt-bench-${n}`;
      await store.addApartments([{ ...base, id, name: `Bench ${n}` }]);
      return id;
    };
    console.log(`stay routes against the local DynamoDB, median of ${ROUNDS} (${new Date().toISOString().slice(0, 10)}, node ${process.version})`);
    for (const nights of [1, 7, 30, MAX_STAY_NIGHTS]) {
      const book: number[] = [];
      const conflict: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const id = await apartment();
        book.push(await timed(() => post(id, nights, `g${n}`), 201));
        conflict.push(await timed(() => post(id, nights, `h${n}`), 409));
      }
      console.log(`  POST /api/reservations, ${String(nights).padStart(2)} night${nights === 1 ? " " : "s"}: 201 in ${median(book).toFixed(1)} ms, 409 in ${median(conflict).toFixed(1)} ms`);
    }
    const availability: number[] = [];
    const list: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      availability.push(await timed(() => api.request(`/api/apartments/apt-bench-1/availability?from=${today}&to=${addDays(today, 92)}`), 200));
      list.push(await timed(() => api.request(`/api/apartments?checkIn=${addDays(today, 1)}&checkOut=${addDays(today, 31)}`), 200));
    }
    console.log(`  GET availability, 92 nights: ${median(availability).toFixed(1)} ms; GET /api/apartments for 30 nights (${6 + n} apartments): ${median(list).toFixed(1)} ms`);
    const racer = await apartment();
    const started = performance.now();
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => post(racer, 3 + (i % 3), `racer${i}`).then((r) => r.status)));
    const counts = statuses.reduce<Record<number, number>>((c: Record<number, number>, s: number) => ({ ...c, [s]: (c[s] ?? 0) + 1 }), {});
    console.log(`  30 concurrent overlapping stays: ${JSON.stringify(counts)} in ${(performance.now() - started).toFixed(0)} ms`);
  } finally {
    await local.stop();
  }
}

main().catch((error: Error) => {
  console.error(`bench-stays failed: ${error.message}`);
  process.exit(1);
});
