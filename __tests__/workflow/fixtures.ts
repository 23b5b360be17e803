import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { BookingStore } from "../../app/api/store";
import type { Apartment, Reservation } from "../../app/model";
import { demoApartments } from "../../app/seed-data";
import { LOCAL_TABLE_NAMES, type TableNames } from "../../app/tables";
import type { DynamoDBSender, Sleep } from "../../app/workflow/local-runner";

/** Locally the physical table names are the logical ones (app/local/dynamodb.ts); no guests table, so no hold limit. */
export const TABLE_NAMES = { apartments: LOCAL_TABLE_NAMES.apartments, reservations: LOCAL_TABLE_NAMES.reservations } as const satisfies TableNames;

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
 * What POST /api/reservations does before it starts the workflow: a new vacant apartment goes
 * vacant -> reserved and the reservation is put as pending, in one transaction. Returns the
 * workflow input.
 */
export async function reserve(client: DynamoDBClient, deadline: number, now = T0) {
  const store = storeOf(client);
  counter += 1;
  const at = new Date(now).toISOString();
  const apartment: Apartment = { ...demoApartments(at)[counter % 6], id: `apt-${counter}` };
  const reservation: Reservation = {
    id: `res-${counter}`, apartmentId: apartment.id, guestName: "Ada", email: "ada@example.com", status: "pending", amount: apartment.pricePerNight,
    paymentDeadline: new Date(deadline).toISOString(), createdAt: at, updatedAt: at,
  };
  await store.addApartments([apartment]);
  const outcome = await store.reserve(reservation);
  if (!outcome.reserved) throw new Error(`fixture: apartment ${apartment.id} could not be reserved`);
  return { reservationId: reservation.id, apartmentId: apartment.id, paymentDeadline: reservation.paymentDeadline };
}

/**
 * What POST /api/reservation/payment does: pending -> paid while the deadline is in the
 * future. Returns whether this call made the payment.
 */
export async function pay(client: DynamoDBClient, reservationId: string, now: number): Promise<boolean> {
  const { amount } = (await storeOf(client).getReservation(reservationId))!;
  return (await storeOf(client).pay(reservationId, { amount, key: `pay-${reservationId}` }, new Date(now))).result === "paid";
}

/** The apartment and the reservation as they are now. */
export async function itemsOf(client: DynamoDBClient, input: { reservationId: string; apartmentId: string }) {
  const doc = DynamoDBDocumentClient.from(client);
  const apartment = (await doc.send(new GetCommand({ TableName: TABLE_NAMES.apartments, Key: { id: input.apartmentId }, ConsistentRead: true }))).Item as Apartment;
  const reservation = (await doc.send(new GetCommand({ TableName: TABLE_NAMES.reservations, Key: { id: input.reservationId }, ConsistentRead: true }))).Item as Reservation | undefined;
  return { apartment, reservation };
}
