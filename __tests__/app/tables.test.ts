import { readAppEnv } from "../../app/env";
import { LOCAL_TABLE_NAMES, MAX_STAY_NIGHTS, nightKey, RESERVATION_TRANSACTION_OTHER_ITEMS, TABLES, TRANSACT_WRITE_ITEMS_LIMIT } from "../../app/tables";

describe("TableNames", () => {
  it("LOCAL_TABLE_NAMES has every table under its logical name, keyed like TABLES", () => {
    expect(Object.keys(LOCAL_TABLE_NAMES).sort()).toEqual(Object.keys(TABLES).sort());
    for (const [key, table] of Object.entries(TABLES)) expect(LOCAL_TABLE_NAMES[key as keyof typeof TABLES]).toBe(table.name);
  });

  it("readAppEnv gives the names in the same shape, from the unchanged variables", () => {
    const env = readAppEnv({ APARTMENTS_TABLE: "booking-dev-apartments", RESERVATIONS_TABLE: "booking-dev-reservations", NIGHTS_TABLE: "booking-dev-nights", GUESTS_TABLE: "booking-dev-guests" });
    expect(env.tables).toEqual({ apartments: "booking-dev-apartments", reservations: "booking-dev-reservations", nights: "booking-dev-nights", guests: "booking-dev-guests" });
    expect(readAppEnv({ APARTMENTS_TABLE: "a", RESERVATIONS_TABLE: "r", NIGHTS_TABLE: "n" }).tables).toEqual({ apartments: "a", reservations: "r", nights: "n", guests: undefined });
  });

  it("the longest stay follows from DynamoDB's 100-action transaction: the nights, the reservation and the guest's hold", () => {
    expect(TRANSACT_WRITE_ITEMS_LIMIT).toBe(100);
    expect(RESERVATION_TRANSACTION_OTHER_ITEMS).toBe(2);
    expect(MAX_STAY_NIGHTS).toBe(98);
  });

  it("a night's key is the apartment and the date", () => {
    expect(nightKey("apt-old-town", "2030-06-10")).toBe("apt-old-town#2030-06-10");
  });
});
