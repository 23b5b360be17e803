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

/** Header that carries the reservation id: it is the bearer credential, so it never goes in a URL path. */
export const RESERVATION_ID_HEADER = "X-Reservation-Id";

export const reservationId = z
  .string(required(`the id returned by POST /api/reservations, sent in the ${RESERVATION_ID_HEADER} header`))
  .uuid(`must be the id returned by POST /api/reservations, a UUID such as "0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", sent in the ${RESERVATION_ID_HEADER} header`);

export const MAX_GUEST_NAME_CHARACTERS = 100;

// Control characters (NUL, CR, LF, ESC, DEL, C1), and the bidirectional overrides/isolates that can
// make a name display as something else (Trojan Source, CVE-2021-42574).
const CONTROL = /\p{Cc}/u;
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
// Characters that show nothing: format characters (zero-width space/joiners, BOM, soft hyphen...),
// separators and other whitespace, and the Hangul fillers.
const INVISIBLE = /[\p{Cf}\p{Z}\s\u115F\u1160\u3164\uFFA0]/gu;
const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** Characters as a reader counts them (grapheme clusters: "é" typed as e + accent is one). */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

const guestName = z
  .string(required('the guest\'s full name, e.g. "Ada Lovelace"'))
  .transform((name) => name.normalize("NFC").trim())
  .superRefine((name, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    if (name.length === 0) return problem('must not be empty: the guest\'s full name, e.g. "Ada Lovelace"');
    if (CONTROL.test(name)) return problem("must be on one line, without tabs or other control characters: type just the name, e.g. \"Ada Lovelace\"");
    if (BIDI.test(name)) return problem("must not contain text-direction control characters (they can make a name display differently than it is); type the name again without copying it");
    if (name.replace(INVISIBLE, "").length === 0) return problem('must contain visible letters: the guest\'s full name, e.g. "Ada Lovelace"');
    const count = characterCount(name);
    if (count > MAX_GUEST_NAME_CHARACTERS) problem(`must be at most ${MAX_GUEST_NAME_CHARACTERS} characters (this one has ${count})`);
  });

const email = z
  .string(required('the guest\'s email address, e.g. "ada@example.com"'))
  .trim()
  .superRefine((address, ctx) => {
    const problem = (message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, message });
    if (CONTROL.test(address) || BIDI.test(address) || /[\p{Cf}\s]/u.test(address)) return problem('must be an email address without spaces or invisible characters, e.g. "ada@example.com"');
    if (address.length > 254) return problem("must be at most 254 characters");
    const at = address.lastIndexOf("@");
    // RFC 5321 section 4.5.3.1.1: a local part has at most 64 octets.
    if (at > 0 && Buffer.byteLength(address.slice(0, at)) > 64) return problem('must have at most 64 characters before the "@", e.g. "ada@example.com"');
    if (!z.string().email().safeParse(address).success) problem('must be an email address, e.g. "ada@example.com"');
  });

export const reservationRequest = z
  .object(
    { apartmentId, guestName, email },
    { invalid_type_error: 'must be a JSON object: {"apartmentId": "...", "guestName": "...", "email": "..."}' },
  )
  .strict("is not a field of a reservation request; send only apartmentId, guestName and email");

export type ReservationRequest = z.infer<typeof reservationRequest>;

/** Header that makes a payment safe to retry: the same key answers the same payment. */
export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

export const idempotencyKey = z
  .string(required(`a key you choose for this payment, sent in the ${IDEMPOTENCY_KEY_HEADER} header, e.g. a UUID`))
  .regex(/^[A-Za-z0-9_-]{8,64}$/, `must be 8-64 letters, digits, "-" or "_", sent in the ${IDEMPOTENCY_KEY_HEADER} header, e.g. a UUID`);

export const paymentRequest = z
  .object(
    {
      amount: z
        .number({ required_error: "is required: the amount shown on the reservation", invalid_type_error: "must be a number: the amount shown on the reservation" })
        .nonnegative("must not be negative: the amount shown on the reservation"),
    },
    { invalid_type_error: 'must be a JSON object: {"amount": 120}' },
  )
  .strict('is not a field of a payment; send only {"amount": ...}');
