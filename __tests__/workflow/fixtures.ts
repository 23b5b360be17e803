import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { BookingStore } from "../../app/api/store";
import { nightsOf } from "../../app/dates";
import type { ApartmentRecord, NightItem, Reservation } from "../../app/model";
import { demoApartments } from "../../app/seed-data";
import { LOCAL_TABLE_NAMES, nightKey, type TableNames } from "../../app/tables";
import type { DynamoDBSender, Sleep } from "../../app/workflow/local-runner";

/** Locally the physical table names are the logical ones (app/local/dynamodb.ts); no guests table, so no hold limit. */
export const TABLE_NAMES = { apartments: LOCAL_TABLE_NAMES.apartments, reservations: LOCAL_TABLE_NAMES.reservations, nights: LOCAL_TABLE_NAMES.nights } as const satisfies TableNames;

/** The stay every fixture reservation books (3 nights, its own apartment). */
export const STAY = { checkIn: "2030-01-10", checkOut: "2030-01-13" } as const;
export const STAY_NIGHTS = ["2030-01-10", "2030-01-11", "2030-01-12"] as const;

export const T0 = Date.parse("2030-01-01T12:00:00.000Z");

/** Virtual time: `sleep` advances the clock instead of waiting. */
export function virtualTime(start = T0) {
  let time = start;
  const sleeps: number[] = [];
  const sleep: Sleep = async (ms) => {
    sleeps.push(ms);
    time += ms;
  };
  return { now: () => new Date(time), sleep, sleeps, at: () => time };
}

/** A client that runs `before` ahead of every command it passes on (fault injection, races). */
export function intercepting(client: DynamoDBClient, before: (command: { constructor: { name: string }; input: any }) => Promise<void> | void): DynamoDBSender {
  return {
    async send(command) {
      await before(command);
      return client.send(command as never);
    },
  };
}

let counter = 0;

/** The API's own reads and writes (app/api/store.ts), so these tests exercise exactly its contract. */
const storeOf = (client: DynamoDBClient) => new BookingStore(client, TABLE_NAMES);

/**
 * What POST /api/reservations does before it starts the workflow: the pending reservation and its
 * nights (of a new apartment) are put in one transaction. Returns the workflow input.
 */
export async function reserve(client: DynamoDBClient, deadline: number, now = T0, stay: { checkIn: string; checkOut: string } = STAY) {
  const store = storeOf(client);
  counter += 1;
  const at = new Date(now).toISOString();
  const apartment: ApartmentRecord = { ...demoApartments(at)[counter % 6], id: `apt-${counter}` };
  const nights = nightsOf(stay.checkIn, stay.checkOut).length;
  const reservation: Reservation = {
    id: `res-${counter}`, apartmentId: apartment.id, apartmentName: apartment.name, guestName: "Ada", email: "ada@example.com", status: "pending",
    ...stay, nights, pricePerNight: apartment.pricePerNight, totalPrice: nights * apartment.pricePerNight, currency: "EUR", amount: nights * apartment.pricePerNight,
    paymentDeadline: new Date(deadline).toISOString(), createdAt: at, updatedAt: at,
  };
  await store.addApartments([apartment]);
  const outcome = await store.reserve(reservation);
  if (!outcome.reserved) throw new Error(`fixture: apartment ${apartment.id} could not be reserved`);
  return { reservationId: reservation.id, apartmentId: apartment.id, paymentDeadline: reservation.paymentDeadline, ...stay };
}

/**
 * What POST /api/reservation/payment does: pending -> paid while the deadline is in the
 * future. Returns whether this call made the payment.
 */
export async function pay(client: DynamoDBClient, reservationId: string, now: number): Promise<boolean> {
  const { amount } = (await storeOf(client).getReservation(reservationId))!;
  return (await storeOf(client).pay(reservationId, { amount, key: `pay-${reservationId}` }, new Date(now))).result === "paid";
}

/** The reservation as it is now, and which reservation holds each night of the stay (undefined: free). */
export async function itemsOf(client: DynamoDBClient, input: { reservationId: string; apartmentId: string; checkIn?: string; checkOut?: string }) {
  const doc = DynamoDBDocumentClient.from(client);
  const reservation = (await doc.send(new GetCommand({ TableName: TABLE_NAMES.reservations, Key: { id: input.reservationId }, ConsistentRead: true }))).Item as Reservation | undefined;
  const dates = nightsOf(input.checkIn ?? STAY.checkIn, input.checkOut ?? STAY.checkOut);
  const nights = await Promise.all(dates.map(async (date) =>
    ((await doc.send(new GetCommand({ TableName: TABLE_NAMES.nights, Key: { id: nightKey(input.apartmentId, date) }, ConsistentRead: true }))).Item as NightItem | undefined)?.reservationId));
  return { reservation, nights };
}
