import { builder } from "./builder.js";
import { nameOf, PersonName, Phone, phoneOf } from "./contact.js";

builder.prismaObject("Recipient", {
  description: "Someone who receives the shipment.",
  fields: (t) => ({
    email: t.exposeString("email", { nullable: true, description: "Recipient's email." }),
    name: t.field({ type: PersonName, nullable: true, description: "Recipient's name.", resolve: nameOf }),
    phone: t.field({ type: Phone, nullable: true, description: "Recipient's phone.", resolve: phoneOf }),
  }),
});
