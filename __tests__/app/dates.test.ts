import { addDays, daysBetween, isCalendarDate, isTimeZone, localDate, nightsOf } from "../../app/dates";

describe("calendar dates (app/dates.ts)", () => {
  test("a calendar date is YYYY-MM-DD of a day that exists", () => {
    expect(["2030-06-10", "2028-02-29", "2030-12-31"].map(isCalendarDate)).toEqual([true, true, true]);
    expect(["2030-02-29", "2030-13-01", "2030-6-10", "2030-06-10T00:00", "10/06/2030", ""].map(isCalendarDate)).toEqual([false, false, false, false, false, false]);
  });

  test("adds days across months, years and leap days, and counts the nights between", () => {
    expect(addDays("2030-12-31", 1)).toBe("2031-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2030-03-01", -1)).toBe("2030-02-28");
    // DST changes nothing: dates are counted on UTC midnights.
    expect(daysBetween("2030-03-30", "2030-04-01")).toBe(2);
    expect(daysBetween("2030-06-13", "2030-06-10")).toBe(-3);
  });

  test("a stay's nights are checkIn up to the day before checkOut", () => {
    expect(nightsOf("2030-12-30", "2031-01-02")).toEqual(["2030-12-30", "2030-12-31", "2031-01-01"]);
    expect(nightsOf("2030-06-10", "2030-06-10")).toEqual([]);
  });

  test("the local date of an instant depends on the time zone", () => {
    const instant = new Date("2030-06-01T22:30:00Z");
    expect([localDate(instant, "Europe/Lisbon"), localDate(instant, "Europe/Madrid"), localDate(instant, "Atlantic/Azores"), localDate(instant, "Pacific/Kiritimati")]).toEqual([
      "2030-06-01", "2030-06-02", "2030-06-01", "2030-06-02",
    ]);
    expect([isTimeZone("Europe/Lisbon"), isTimeZone("Mars/Olympus")]).toEqual([true, false]);
  });
});

describe("isCalendarDate, years before 100", () => {
  test("reads years 0001-0099 as themselves, not as 1901-1999 (Date.UTC's two-digit-year rule)", () => {
    expect(isCalendarDate("0001-01-01")).toBe(true);
    expect(isCalendarDate("0099-02-29")).toBe(false); // 99 is not a leap year
    expect(isCalendarDate("0096-02-29")).toBe(true);
  });
});
