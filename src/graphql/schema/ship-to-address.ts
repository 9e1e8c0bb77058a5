import { builder } from "./builder.js";
import { nameOf, PersonName, Phone, phoneOf } from "./contact.js";

builder.prismaObject("ShipToAddress", {
  description: "Where the shipment goes.",
  fields: (t) => ({
    addressLine1: t.exposeString("addressLine1", { nullable: true, description: "Address line 1." }),
    addressLine2: t.exposeString("addressLine2", { nullable: true, description: "Address line 2." }),
    addressLine3: t.exposeString("addressLine3", { nullable: true, description: "Address line 3." }),
    addressLine4: t.exposeString("addressLine4", { nullable: true, description: "Address line 4." }),
    city: t.exposeString("city", { nullable: true, description: "City name." }),
    region: t.exposeString("region", { nullable: true, description: "Region or state." }),
    postalCode: t.exposeString("postalCode", { nullable: true, description: "Postal or ZIP code." }),
    countryCode: t.exposeString("countryCode", { nullable: true, description: "ISO 3166-1 alpha-2 country code." }),
    latitude: t.expose("latitude", { type: "Decimal", nullable: true, description: "Decimal degrees, -90 to 90 (negative is south)." }),
    longitude: t.expose("longitude", { type: "Decimal", nullable: true, description: "Decimal degrees, -180 to 180 (negative is west)." }),
    type: t.exposeString("type", { nullable: true, description: "Address type, e.g. Home." }),
    email: t.exposeString("email", { nullable: true, description: "Contact person's email." }),
    name: t.field({ type: PersonName, nullable: true, description: "Contact person's name.", resolve: nameOf }),
    phone: t.field({ type: Phone, nullable: true, description: "Contact person's phone.", resolve: phoneOf }),
  }),
});
