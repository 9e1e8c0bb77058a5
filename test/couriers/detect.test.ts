/**
 * Courier detection and check digits, against every published valid and invalid test number of the
 * vendored jkeen/tracking_number_data formats, and the demo seeds' numbers.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { detectCourier, verifyFormat } from "../../src/couriers/detect.js";
import { TRACKING_NUMBER_FORMATS } from "../../src/couriers/tracking-number-formats.js";

const canonical = (n: string) => n.replace(/\s+/g, "").toUpperCase();
const ourCode = (courierCode: string, number: string) => (courierCode === "s10" && canonical(number).endsWith("US") ? "usps" : courierCode);

describe("the vendored formats", () => {
  it("hold every published test number (192 valid, 88 invalid)", () => {
    const valid = TRACKING_NUMBER_FORMATS.flatMap((f) => f.testNumbers.valid);
    const invalid = TRACKING_NUMBER_FORMATS.flatMap((f) => f.testNumbers.invalid);
    expect([valid.length, invalid.length]).toEqual([192, 88]);
  });

  describe.each(TRACKING_NUMBER_FORMATS.map((f) => [f.name, f] as const))("%s", (_name, format) => {
    it.each(format.testNumbers.valid)("validates and detects %s", (number) => {
      expect(format.validates(canonical(number))).toBe(true);
      expect(detectCourier(number)?.courier).toBe(ourCode(format.courierCode, number));
    });

    it.each(format.testNumbers.invalid)("rejects %s", (number) => {
      expect(format.validates(canonical(number))).toBe(false);
    });
  });
});

describe("detectCourier", () => {
  it.each([
    ["1Z 5R8 939 0357 5671 27", "ups"],
    ["4201028200009261290113185417468510", "usps"], // IMpb behind a ZIP routing code, not FedEx (34)
    ["9261290113185417468510", "usps"], // IMpb C, which older data called FedEx SmartPost
    ["RB123456785US", "usps"],
    ["RB123456785GB", "s10"], // Royal Mail's S10 item: a postal operator we have no connector for
    ["287809468872", "purolator"],
    ["EZ4000000004", "simulator"],
    ["SIM1700000000", "simulator"],
  ])("detects %s as %s", (number, courier) => {
    expect(detectCourier(number)?.courier).toBe(courier);
  });

  it.each([["1Z5R89390357567128"], ["RB123456785XX"], ["hello"]])("detects no courier for %s", (number) => {
    expect(detectCourier(number)).toBeNull();
  });
});

describe("verifyFormat", () => {
  it("accepts the fabric demo's UPS number: 1Z999AA10123456784 passes the mod-10 check digit", () => {
    expect(detectCourier("1Z999AA10123456784")).toEqual({ courier: "ups", format: "UPS" });
    expect(verifyFormat("ups", "1Z999AA10123456784")).toBe(true);
  });

  it("leaves the sync seed's 1Z123E45678901234 to the courier: 17 characters match no known format", () => {
    expect(detectCourier("1Z123E45678901234")).toBeNull();
    expect(verifyFormat("ups", "1Z123E45678901234")).toBeNull();
  });

  it("rejects a number of the courier's shape with a wrong check digit", () => {
    expect(verifyFormat("ups", "1Z5R89390357567128")).toBe(false);
    expect(verifyFormat("dhl", "3318810025")).toBe(true);
    expect(verifyFormat("dhl", "3318810034")).toBe(false);
    expect(verifyFormat("simulator", "EZ1000000001")).toBe(true);
    expect(verifyFormat("simulator", "EZ100")).toBe(false);
  });

  it("leaves another courier's valid number to the named courier", () => {
    expect(verifyFormat("fedex", "1Z5R89390357567127")).toBeNull();
  });

  it("cannot verify couriers without a known format", () => {
    expect(verifyFormat("aftership", "1Z5R89390357567127")).toBeNull();
    expect(verifyFormat("acme", "123")).toBeNull();
  });

  it("rejects every wrong UPS check digit", () => {
    const valid = "1Z5R89390357567127";
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9 }).filter((d) => String(d) !== valid.at(-1)),
        (digit) => {
          expect(verifyFormat("ups", valid.slice(0, -1) + digit)).toBe(false);
        },
      ),
    );
  });
});
