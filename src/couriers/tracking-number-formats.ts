/**
 * Tracking-number formats from the vendored jkeen/tracking_number_data set (see
 * `tracking-number-data/SOURCE.md`): each format's pattern, check digit algorithm, serial-number
 * rule and required lookups, read exactly as that data set's specification describes them.
 */
import { readdirSync, readFileSync } from "node:fs";

interface Lookup {
  matches?: string;
  matches_regex?: string;
}
interface Checksum {
  name: "mod10" | "mod7" | "s10" | "luhn" | "mod_37_36" | "sum_product_with_weightings_and_modulo";
  evens_multiplier?: number;
  odds_multiplier?: number;
  reverse?: boolean;
  weightings?: number[];
  modulo1?: number;
  modulo2?: number;
  alphabet?: string;
}
interface FormatData {
  name: string;
  regex: string | string[];
  validation?: {
    checksum?: Checksum;
    serial_number_format?: { prepend_if?: { matches_regex: string; content: string } };
    additional?: { exists?: string[] };
  };
  additional?: { name: string; regex_group_name: string; lookup: Lookup[] }[];
  test_numbers?: { valid?: string[]; invalid?: string[] };
}
interface CourierData {
  name: string;
  courier_code: string;
  tracking_numbers: FormatData[];
}

/** One published format, ready to test numbers against. */
export interface TrackingNumberFormat {
  /** The data set's courier code (`ups`, `fedex`, `usps`, `s10`, `yodel`, …). */
  courierCode: string;
  /** The format's name ("FedEx Express (34)"). */
  name: string;
  /** The published test numbers, which the test suite holds us to. */
  testNumbers: { valid: string[]; invalid: string[] };
  /** Whether the number has this format's shape (pattern only). */
  shapes(number: string): boolean;
  /** Whether the number has this format's shape and passes its check digit and lookups. */
  validates(number: string): boolean;
}

const DATA_DIR = new URL("./tracking-number-data/", import.meta.url);

function loadCouriers(): CourierData[] {
  return readdirSync(DATA_DIR)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => JSON.parse(readFileSync(new URL(file, DATA_DIR), "utf8")) as CourierData);
}

const digitsOnly = (text: string) => text.replace(/\s+/g, "");

// Letters count as (char code − 3) mod 10 in UPS-style mod 10 (the data set's reference algorithm).
const charValue = (c: string) => (/\d/.test(c) ? Number(c) : (c.charCodeAt(0) - 3) % 10);

const CHECKSUMS: Record<Checksum["name"], (sequence: string, checkDigit: string, checksum: Checksum) => boolean> = {
  mod10(sequence, checkDigit, { reverse, odds_multiplier, evens_multiplier }) {
    const chars = reverse ? [...sequence].reverse() : [...sequence];
    const total = chars.reduce((sum, c, i) => {
      const weight = i % 2 === 1 ? (odds_multiplier ?? 1) : (evens_multiplier ?? 1);
      return sum + charValue(c) * weight;
    }, 0);
    return (10 - (total % 10)) % 10 === Number(checkDigit);
  },
  mod7: (sequence, checkDigit) => Number(BigInt(sequence) % 7n) === Number(checkDigit),
  s10(sequence, checkDigit, { weightings = [] }) {
    const remainder = weighted(sequence, weightings) % 11;
    const check = remainder === 1 ? 0 : remainder === 0 ? 5 : 11 - remainder;
    return check === Number(checkDigit);
  },
  luhn(sequence, checkDigit) {
    const total = [...sequence].reverse().reduce((sum, c, i) => {
      const doubled = i % 2 === 0 ? Number(c) * 2 : Number(c);
      return sum + (doubled > 9 ? doubled - 9 : doubled);
    }, 0);
    return (10 - (total % 10)) % 10 === Number(checkDigit);
  },
  mod_37_36(sequence, checkDigit, { alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ" }) {
    const mod = 36;
    let cd = mod;
    for (const c of sequence) {
      cd += alphabet.indexOf(c);
      if (cd > mod) cd -= mod;
      cd *= 2;
      if (cd > mod) cd -= mod + 1;
    }
    cd = mod + 1 - cd;
    if (cd === mod) cd = 0;
    return alphabet[cd] === checkDigit;
  },
  sum_product_with_weightings_and_modulo: (sequence, checkDigit, { weightings = [], modulo1 = 11, modulo2 = 10 }) =>
    (weighted(sequence, weightings) % modulo1) % modulo2 === Number(checkDigit),
};

function weighted(sequence: string, weightings: number[]): number {
  return [...sequence].reduce((sum, c, i) => sum + Number(c) * (weightings[i] ?? 0), 0);
}

function toFormat(courierCode: string, data: FormatData): TrackingNumberFormat {
  const pattern = new RegExp(`^(?:${[data.regex].flat().join("")})$`);
  const { checksum, serial_number_format: serialFormat, additional } = data.validation ?? {};
  const prepend = serialFormat?.prepend_if;
  const prependWhen = prepend && new RegExp(prepend.matches_regex);

  function lookupsFound(groups: Record<string, string | undefined>): boolean {
    return (additional?.exists ?? []).every((name) => {
      const table = data.additional?.find((a) => a.name === name);
      const value = table && digitsOnly(groups[table.regex_group_name] ?? "");
      return Boolean(value && table.lookup.some((l) => (l.matches_regex ? new RegExp(l.matches_regex).test(value) : l.matches === value)));
    });
  }

  return {
    courierCode,
    name: data.name,
    testNumbers: { valid: data.test_numbers?.valid ?? [], invalid: data.test_numbers?.invalid ?? [] },
    shapes: (number) => pattern.test(number),
    validates(number) {
      const groups = pattern.exec(number)?.groups;
      if (!groups) return false;
      let serial = digitsOnly(groups.SerialNumber ?? "");
      if (prepend && prependWhen!.test(serial)) serial = prepend.content + serial;
      const checkDigit = digitsOnly(groups.CheckDigit ?? "");
      if (checksum && !CHECKSUMS[checksum.name](serial, checkDigit, checksum)) return false;
      return lookupsFound(groups);
    },
  };
}

/** Every published format, in the data set's file and definition order. */
export const TRACKING_NUMBER_FORMATS: readonly TrackingNumberFormat[] = loadCouriers().flatMap((courier) =>
  courier.tracking_numbers.map((format) => toFormat(courier.courier_code, format)),
);
