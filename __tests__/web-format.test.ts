import { addDays, formatStay, listDates, nightsLabel, stayFrom, todayAt, weekdayIndex } from "../web/src/dates";
import { clock, countdownWarning, deadlineTime, duration, money, pricePerNight } from "../web/src/format";
import { guestMessage, payFailure, reserveFailure } from "../web/src/copy";
import { ApiError } from "../web/src/api";
import { markTaken, takenNights } from "../web/src/views/calendar";

describe("money", () => {
  test("formats whole amounts in the API's currency without decimals", () => {
    expect(money(360, "EUR")).toBe("€360");
    expect(money(1250, "GBP")).toBe("£1,250");
    expect(money(99.5, "USD")).toBe("US$99.50");
    expect(pricePerNight(120, "EUR")).toBe("€120 / night");
  });

  test("shows the bare number for a currency code Intl does not know", () => {
    expect(money(12, "not-a-code")).toBe("12");
  });
});

describe("dates for guests", () => {
  test("a stay reads as its dates, the year once", () => {
    expect(formatStay("2026-12-10", "2026-12-13")).toBe("Thu 10 Dec – Sun 13 Dec 2026");
    expect(formatStay("2026-12-30", "2027-01-02")).toBe("Wed 30 Dec 2026 – Sat 2 Jan 2027");
    expect(nightsLabel(1)).toBe("1 night");
    expect(nightsLabel(3)).toBe("3 nights");
    expect(listDates(["2026-12-11", "2026-12-12", "2026-12-13"])).toBe("11 Dec, 12 Dec and 13 Dec");
  });

  test("a stay from the address needs two dates in order", () => {
    expect(stayFrom("2026-12-10", "2026-12-13")).toEqual({ checkIn: "2026-12-10", checkOut: "2026-12-13" });
    expect(stayFrom("2026-12-10", "2026-12-10")).toBeUndefined();
    expect(stayFrom("2026-02-30", "2026-03-02")).toBeUndefined();
    expect(stayFrom(null, "2026-12-13")).toBeUndefined();
  });

  test("today is the apartment's: past midnight in Lisbon is still yesterday in New York", () => {
    const now = new Date("2026-12-10T02:00:00Z");
    expect(todayAt("Europe/Lisbon", now)).toBe("2026-12-10");
    expect(todayAt("America/New_York", now)).toBe("2026-12-09");
    expect(todayAt("Not/AZone", now)).toBe("2026-12-10"); // UTC
  });

  test("weeks start on Monday; days add across months", () => {
    expect(weekdayIndex("2026-12-07")).toBe(0);
    expect(weekdayIndex("2026-12-13")).toBe(6);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("countdown", () => {
  test("warns once when crossing 1 minute and 15 seconds, never while ticking elsewhere", () => {
    expect(countdownWarning(61, 60)).toBe("1 minute left to pay.");
    expect(countdownWarning(60, 59)).toBeUndefined();
    expect(countdownWarning(15.2, 14.9)).toBe("15 seconds left to pay.");
    expect(countdownWarning(100, 99)).toBeUndefined();
    // A tab that slept through both says the nearer one.
    expect(countdownWarning(90, 10)).toBe("15 seconds left to pay.");
    expect(clock(245)).toBe("4:05");
    expect(clock(3723)).toBe("1:02:03");
  });

  test("the hold length and the deadline read without seconds", () => {
    expect(duration(45)).toBe("45 seconds");
    expect(duration(60)).toBe("1 minute");
    expect(duration(900)).toBe("15 minutes");
    expect(duration(7200)).toBe("2 hours");
    const now = new Date(2026, 11, 10, 14, 0, 0);
    expect(deadlineTime(new Date(2026, 11, 10, 14, 5, 42).toISOString(), now)).toBe("14:05");
    expect(deadlineTime(new Date(2026, 11, 11, 9, 30, 0).toISOString(), now)).toBe("Fri 11 Dec, 09:30");
  });
});

describe("guest copy", () => {
  test("date problems are worded from the values, not the API's field names", () => {
    expect(guestMessage("checkIn", "is in the past: today is 2026-12-10 …", "2026-12-01", "2026-12-01", "2026-12-10")).toBe("Check-in can't be in the past. Choose today or a later date.");
    expect(guestMessage("checkOut", "must be after checkIn (2026-12-10) …", "2026-12-10", "2026-12-10", "2026-12-01")).toBe("Check-out must be at least one day after check-in.");
    expect(guestMessage("checkOut", "makes a stay of 40 nights, more than the 30 one reservation can hold; …", "2027-01-19", "2026-12-10", "2026-12-01")).toBe(
      "That stay is too long: one reservation holds up to 30 nights. Choose an earlier check-out.",
    );
    expect(guestMessage("guestName", "must not be empty", " ", "", "2026-12-01")).toBe("Enter your full name.");
    expect(guestMessage("email", 'must be an email address, e.g. "ada@example.com"', "not-an-email", "", "2026-12-01")).toBe("Enter an email address like ana@example.com.");
  });

  test("failures say what happened to the booking, never a status code or the API's message", () => {
    const texts = [
      reserveFailure(new ApiError(502, "answered 502")),
      reserveFailure(new ApiError(429, "hold limit")),
      reserveFailure(new TypeError("Failed to fetch")),
      payFailure(new ApiError(422, "amount must equal totalPrice")),
      payFailure(new ApiError(500, "internal")),
    ];
    for (const text of texts) expect(text).not.toMatch(/\d{3}|answered|internal|totalPrice/);
    expect(texts[0]).toBe("The booking service is having trouble, so nothing was reserved. Please try again in a minute.");
  });
});

describe("calendar data", () => {
  const availability = {
    apartmentId: "a", from: "2026-12-10", to: "2026-12-14",
    nights: [
      { date: "2026-12-10", available: true }, { date: "2026-12-11", available: false },
      { date: "2026-12-12", available: true }, { date: "2026-12-13", available: true },
    ],
  };

  test("the taken nights of a stay, checkOut exclusive", () => {
    expect(takenNights(availability, { checkIn: "2026-12-10", checkOut: "2026-12-13" })).toEqual(["2026-12-11"]);
    expect(takenNights(availability, { checkIn: "2026-12-12", checkOut: "2026-12-14" })).toEqual([]);
  });

  test("a 409's nights become taken", () => {
    const after = markTaken(availability, ["2026-12-12", "2026-12-13"]);
    expect(takenNights(after, { checkIn: "2026-12-12", checkOut: "2026-12-14" })).toEqual(["2026-12-12", "2026-12-13"]);
  });
});
