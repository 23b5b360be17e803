import { loadConfig } from "../../config";
import { MAX_STAY_NIGHTS } from "../../app/tables";
import { configFailure } from "../helpers";

describe("stay settings (api.maxNights, api.currency)", () => {
  test("default to 30 nights and EUR, overridable", () => {
    const [dev] = loadConfig({ env: { STAGE: "dev" } });
    expect([dev.api.maxNights, dev.api.currency]).toEqual([30, "EUR"]);
    const [overridden] = loadConfig({ env: { STAGE: "dev", CFG__dev__api__maxNights: String(MAX_STAY_NIGHTS), CFG__dev__api__currency: "CHF" } });
    expect([overridden.api.maxNights, overridden.api.currency]).toEqual([98, "CHF"]);
  });

  test("fails on a longest stay above what one DynamoDB transaction can book, naming the field, the value, why and the fix", () => {
    const message = configFailure({ STAGE: "dev", CFG__dev__api__maxNights: "99" });
    expect(message).toContain(
      "dev.api.maxNights: received 99; must be at most 98: a reservation writes its nights, the reservation and the guest's hold (2 items) in one DynamoDB TransactWriteItems, which takes at most 100 items",
    );
    expect(message).toContain("Fix: set api.maxNights in config/environments/dev.ts, or override it with CFG__dev__api__maxNights");
  });

  test("fails on a stay of no nights or of part of a night", () => {
    expect(configFailure({ STAGE: "dev", CFG__dev__api__maxNights: "0" })).toContain("dev.api.maxNights: received 0; must be at least 1 night");
    expect(configFailure({ STAGE: "dev", CFG__dev__api__maxNights: "1.5" })).toContain("dev.api.maxNights: received 1.5; must be an integer, not a float");
  });

  test("fails on a currency that is not an ISO 4217 code", () => {
    expect(configFailure({ STAGE: "dev", CFG__dev__api__currency: "euro" })).toContain('dev.api.currency: received "euro"; must be an ISO 4217 currency code of three capital letters, e.g. "EUR"');
  });
});
