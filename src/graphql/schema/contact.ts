/** Name and phone, stored flat on recipients and ship-to addresses and shown nested as fabric does. */
import { builder } from "./builder.js";

export interface ContactColumns {
  firstName: string | null;
  middleName: string | null;
  lastName: string | null;
  phoneNumber: string | null;
  phoneType: string | null;
}

export const PersonName = builder.objectRef<ContactColumns>("PersonName").implement({
  description: "A person's name.",
  fields: (t) => ({
    firstName: t.exposeString("firstName", { nullable: true, description: "First (given) name." }),
    middleName: t.exposeString("middleName", { nullable: true, description: "Middle name or initial." }),
    lastName: t.exposeString("lastName", { nullable: true, description: "Last (family) name." }),
  }),
});

export const Phone = builder.objectRef<ContactColumns>("Phone").implement({
  description: "A phone number and its kind.",
  fields: (t) => ({
    number: t.string({ nullable: true, description: "The number as written, e.g. 123-456-7890.", resolve: (c) => c.phoneNumber }),
    type: t.string({ nullable: true, description: "e.g. MOBILE, HOME, WORK.", resolve: (c) => c.phoneType }),
  }),
});

const given = (...values: (string | null)[]) => values.some((v) => v !== null);

/** Resolvers for `name` and `phone`: null when no part was given, as fabric omits them. */
export const nameOf = (c: ContactColumns) => (given(c.firstName, c.middleName, c.lastName) ? c : null);
export const phoneOf = (c: ContactColumns) => (given(c.phoneNumber, c.phoneType) ? c : null);
