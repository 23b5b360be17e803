import { z } from "zod";

/** Request shapes, with messages that say what a valid value looks like. */

const required = (what: string) => ({
  required_error: `is required: ${what}`,
  invalid_type_error: `must be a string: ${what}`,
});

const apartmentIdExample = 'the id of an apartment from GET /api/apartments, e.g. "apt-harbour-view"';

export const apartmentId = z
  .string(required(apartmentIdExample))
  .regex(/^[A-Za-z0-9-]{1,64}$/, `must be 1-64 letters, digits or "-": ${apartmentIdExample}`);

export const reservationId = z
  .string(required("the id returned by POST /api/reservations"))
  .uuid('must be the id returned by POST /api/reservations, a UUID such as "0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b"');

export const reservationRequest = z
  .object(
    {
      apartmentId,
      guestName: z
        .string(required('the guest\'s full name, e.g. "Ada Lovelace"'))
        .trim()
        .min(1, 'must not be empty: the guest\'s full name, e.g. "Ada Lovelace"')
        .max(100, "must be at most 100 characters"),
      email: z
        .string(required('the guest\'s email address, e.g. "ada@example.com"'))
        .trim()
        .max(254, "must be at most 254 characters")
        .email('must be an email address, e.g. "ada@example.com"'),
    },
    { invalid_type_error: 'must be a JSON object: {"apartmentId": "...", "guestName": "...", "email": "..."}' },
  )
  .strict("is not a field of a reservation request; send only apartmentId, guestName and email");

export type ReservationRequest = z.infer<typeof reservationRequest>;
