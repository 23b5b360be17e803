import { z } from "zod";
import { addDays, daysBetween, isCalendarDate } from "../dates";
import type { FieldError } from "./errors";

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
// Line and paragraph separators break a name over lines as a newline does; noncharacters are never text.
const SEPARATOR_OR_NONCHARACTER = /[\u2028\u2029\uFDD0-\uFDEF\uFFFE\uFFFF]/u;
// Half of a surrogate pair alone: not a character at all (String.isWellFormed, which ES2022 lacks).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/**
 * UTF-16 units a name may take: the longest emoji sequences (ZWJ families such as 👨‍👩‍👧‍👦) take 11
 * per character, so 12 per character; beyond, one "character" is a pile of combining marks.
 */
const MAX_GUEST_NAME_UNITS = MAX_GUEST_NAME_CHARACTERS * 12;
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
    if (LONE_SURROGATE.test(name)) return problem('must be text: it holds a broken character (an unpaired surrogate); type the name again, e.g. "Ada Lovelace"');
    if (CONTROL.test(name) || SEPARATOR_OR_NONCHARACTER.test(name)) return problem("must be on one line, without tabs or other control characters: type just the name, e.g. \"Ada Lovelace\"");
    if (name.length > MAX_GUEST_NAME_UNITS) return problem(`must be at most ${MAX_GUEST_NAME_CHARACTERS} characters, without piles of accents on one letter (this one takes ${name.length} UTF-16 units; at most ${MAX_GUEST_NAME_UNITS})`);
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

/** A calendar date as the stay contract writes it; `what` says which day it is. */
const calendarDate = (what: string, example: string) =>
  z
    .string(required(`${what} as YYYY-MM-DD, e.g. "${example}"`))
    .refine(isCalendarDate, { message: `must be a real calendar date written as YYYY-MM-DD (${what}), e.g. "${example}"` });

const checkIn = calendarDate("the first night of the stay", "2026-12-10");
const checkOut = calendarDate("the day of departure, after the last night", "2026-12-13");

export const reservationRequest = z
  .object(
    { apartmentId, guestName, email, checkIn, checkOut },
    { invalid_type_error: 'must be a JSON object: {"apartmentId": "...", "guestName": "...", "email": "...", "checkIn": "YYYY-MM-DD", "checkOut": "YYYY-MM-DD"}' },
  )
  .strict("is not a field of a reservation request; send only apartmentId, guestName, email, checkIn and checkOut");

/** The optional stay of GET /api/apartments and GET /api/apartments/:id (without one: tonight). */
export const stayQuery = z
  .object({ checkIn: checkIn.optional(), checkOut: checkOut.optional() })
  .superRefine((q, ctx) => {
    if (q.checkOut !== undefined && q.checkIn === undefined) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["checkIn"], message: `is required with checkOut: the first night of the stay as YYYY-MM-DD, e.g. "${addDays(q.checkOut, -1)}" (or send neither, for tonight)` });
    }
  });

/** Longest range GET /api/apartments/:id/availability answers, in nights (about three months). */
export const AVAILABILITY_MAX_NIGHTS = 92;

/** Nights GET /api/apartments/:id/availability answers without a `to`. */
export const AVAILABILITY_DEFAULT_NIGHTS = 28;

export const availabilityQuery = z.object({
  from: calendarDate("the first night to show", "2026-12-01").optional(),
  to: calendarDate("the day after the last night to show", "2026-12-29").optional(),
});

/**
 * What is wrong with a stay, field by field, each with how to fix it: checkOut not after checkIn,
 * longer than `maxNights`, or (given the apartment's `today`) starting in the past.
 */
export function stayProblems(
  stay: { readonly checkIn: string; readonly checkOut: string },
  limits: { readonly maxNights: number; readonly today?: string; readonly timeZone?: string },
): FieldError[] {
  const problems: FieldError[] = [];
  const nights = daysBetween(stay.checkIn, stay.checkOut);
  if (nights < 1) {
    problems.push({
      field: "checkOut",
      message: `must be after checkIn (${stay.checkIn}): checkOut is the day of departure, so a one-night stay checks out the next day, e.g. "${addDays(stay.checkIn, 1)}"`,
      received: stay.checkOut,
    });
  } else if (nights > limits.maxNights) {
    problems.push({
      field: "checkOut",
      message: `makes a stay of ${nights} nights, more than the ${limits.maxNights} one reservation can hold; choose a checkOut no later than "${addDays(stay.checkIn, limits.maxNights)}" (and book the rest as a second stay)`,
      received: stay.checkOut,
    });
  }
  if (limits.today !== undefined && stay.checkIn < limits.today) {
    problems.push({
      field: "checkIn",
      message: `is in the past: today is ${limits.today} at the apartment${limits.timeZone ? ` (${limits.timeZone})` : ""}; choose ${limits.today} or a later date`,
      received: stay.checkIn,
    });
  }
  return problems;
}

export type ReservationRequest = z.infer<typeof reservationRequest>;

/** Header that makes a payment safe to retry: the same key answers the same payment. */
export const IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

export const idempotencyKey = z
  .string(required(`a key you choose for this payment, sent in the ${IDEMPOTENCY_KEY_HEADER} header, e.g. a UUID`))
  .regex(/^[A-Za-z0-9_-]{8,64}$/, `must be 8-64 letters, digits, "-" or "_", sent in the ${IDEMPOTENCY_KEY_HEADER} header, e.g. a UUID`);

/** The largest amount a payment may carry (far above any stay: 98 nights at any price the config allows). */
export const MAX_AMOUNT = 1_000_000_000;

export const paymentRequest = z
  .object(
    {
      amount: z
        .number({ required_error: "is required: the amount shown on the reservation", invalid_type_error: "must be a number: the amount shown on the reservation" })
        .nonnegative("must not be negative: the amount shown on the reservation")
        // DynamoDB stores numbers of up to 38 digits, and JSON's largest exact integer is 2^53 - 1:
        // an amount of cents in that range, as the reservation's totalPrice always is.
        .refine((amount) => Number.isFinite(amount) && amount <= MAX_AMOUNT && Math.round(amount * 100) / 100 === amount, {
          message: `must be the amount shown on the reservation, at most ${MAX_AMOUNT} with at most two decimals`,
        }),
    },
    { invalid_type_error: 'must be a JSON object: {"amount": 120}' },
  )
  .strict('is not a field of a payment; send only {"amount": ...}');
