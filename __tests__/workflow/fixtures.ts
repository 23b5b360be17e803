import { ConditionalCheckFailedException, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { Apartment, Reservation } from "../../app/model";
import { demoApartments } from "../../app/seed-data";
import type { DynamoDBSender, Sleep } from "../../app/workflow/local-runner";

/** Locally the physical table names are the logical ones (app/local/dynamodb.ts). */
export const TABLE_NAMES = { apartments: "apartments", reservations: "reservations" } as const;

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

/**
 * The effect of POST /api/reservations (the API's contract): apartment vacant -> reserved and the
 * reservation put as pending. Two writes here: dynalite has no TransactWriteItems. Returns the
 * workflow input.
 */
export async function reserve(client: DynamoDBClient, deadline: number, now = T0) {
  const doc = DynamoDBDocumentClient.from(client);
  counter += 1;
  const apartment = { ...demoApartments(new Date(now).toISOString())[counter % 6], id: `apt-${counter}` };
  const reservationId = `res-${counter}`;
  const paymentDeadline = new Date(deadline).toISOString();
  await doc.send(new PutCommand({ TableName: TABLE_NAMES.apartments, Item: { ...apartment, status: "reserved", reservationId } satisfies Apartment }));
  await doc.send(
    new PutCommand({
      TableName: TABLE_NAMES.reservations,
      Item: {
        id: reservationId, apartmentId: apartment.id, guestName: "Ada", email: "ada@example.com", status: "pending",
        paymentDeadline, createdAt: new Date(now).toISOString(), updatedAt: new Date(now).toISOString(),
      } satisfies Reservation,
    }),
  );
  return { reservationId, apartmentId: apartment.id, paymentDeadline };
}

/**
 * What POST /api/reservations/:id/payment does (the API's contract): pending -> paid while the
 * deadline is in the future. Returns whether the payment was accepted.
 */
export async function pay(client: DynamoDBClient, reservationId: string, now: number): Promise<boolean> {
  try {
    await DynamoDBDocumentClient.from(client).send(
      new UpdateCommand({
        TableName: TABLE_NAMES.reservations,
        Key: { id: reservationId },
        UpdateExpression: "SET #status = :paid, paidAt = :now, updatedAt = :now",
        ConditionExpression: "#status = :pending AND paymentDeadline > :now",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":paid": "paid", ":pending": "pending", ":now": new Date(now).toISOString() },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** The apartment and the reservation as they are now. */
export async function itemsOf(client: DynamoDBClient, input: { reservationId: string; apartmentId: string }) {
  const doc = DynamoDBDocumentClient.from(client);
  const apartment = (await doc.send(new GetCommand({ TableName: TABLE_NAMES.apartments, Key: { id: input.apartmentId }, ConsistentRead: true }))).Item as Apartment;
  const reservation = (await doc.send(new GetCommand({ TableName: TABLE_NAMES.reservations, Key: { id: input.reservationId }, ConsistentRead: true }))).Item as Reservation | undefined;
  return { apartment, reservation };
}
