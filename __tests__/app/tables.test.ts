import { readAppEnv } from "../../app/env";
import { LOCAL_TABLE_NAMES, TABLES } from "../../app/tables";

describe("TableNames", () => {
  it("LOCAL_TABLE_NAMES has every table under its logical name, keyed like TABLES", () => {
    expect(Object.keys(LOCAL_TABLE_NAMES).sort()).toEqual(Object.keys(TABLES).sort());
    for (const [key, table] of Object.entries(TABLES)) expect(LOCAL_TABLE_NAMES[key as keyof typeof TABLES]).toBe(table.name);
  });

  it("readAppEnv gives the names in the same shape, from the unchanged variables", () => {
    const env = readAppEnv({ APARTMENTS_TABLE: "booking-dev-apartments", RESERVATIONS_TABLE: "booking-dev-reservations", GUESTS_TABLE: "booking-dev-guests" });
    expect(env.tables).toEqual({ apartments: "booking-dev-apartments", reservations: "booking-dev-reservations", guests: "booking-dev-guests" });
    expect(readAppEnv({ APARTMENTS_TABLE: "a", RESERVATIONS_TABLE: "r" }).tables).toEqual({ apartments: "a", reservations: "r", guests: undefined });
  });
});
