/**
 * What guests read when something goes wrong: never the API's wording ("invalid reservation id:
 * fix id (see details)") or a status code ("answered 502"), always what happened to their booking
 * and what to do next.
 */
import { ApiError } from "./api";

/** What to tell a guest when reserving failed other than by a field or a 409. */
export function reserveFailure(error: unknown): string {
  if (!(error instanceof ApiError)) return "We can't reach the booking service, so nothing was reserved. Check your connection and try again.";
  if (error.status === 429) return "You already have reservations waiting for payment. Pay for one of them, or wait for it to expire, before holding more dates.";
  if (error.status === 404) return "This apartment is no longer offered. Please choose another one.";
  if (error.status >= 500) return "The booking service is having trouble, so nothing was reserved. Please try again in a minute.";
  return "Something went wrong and nothing was reserved. Please check the form and try again.";
}

/**
 * A field error in guests' words: the page knows what a date problem is from the values; for the
 * other fields the API's own message (which says what is wrong and how to fix it) is the fallback.
 */
export function guestMessage(name: string, apiMessage: string, value: string, checkIn: string, today: string): string {
  const trimmed = value.trim();
  switch (name) {
    case "checkIn":
      if (!trimmed) return "Choose the date of your first night.";
      if (trimmed < today) return "Check-in can't be in the past. Choose today or a later date.";
      return "Choose a valid check-in date.";
    case "checkOut":
      if (!trimmed) return "Choose the day you leave.";
      if (checkIn && trimmed <= checkIn) return "Check-out must be at least one day after check-in.";
      if (/more than/.test(apiMessage)) {
        const limit = /the (\d+) one reservation/.exec(apiMessage)?.[1];
        return limit ? `That stay is too long: one reservation holds up to ${limit} nights. Choose an earlier check-out.` : "That stay is too long. Choose an earlier check-out.";
      }
      return "Choose a valid check-out date.";
    case "guestName":
      return trimmed ? capitalised(apiMessage) : "Enter your full name.";
    case "email":
      return trimmed ? "Enter an email address like ana@example.com." : "Enter your email address, e.g. ana@example.com.";
    default:
      return apiMessage;
  }
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** What to tell a guest when a payment did not go through. */
export function payFailure(error: unknown): string {
  if (!(error instanceof ApiError)) return "We can't reach the booking service, so you have not been charged. Please try again.";
  if (error.status === 422) return "The amount didn't match your total, so you have not been charged. Reload the page and try again.";
  if (error.status === 409) return "The payment window has closed, so you have not been charged.";
  return "The payment didn't go through and you have not been charged. Please try again in a moment.";
}
