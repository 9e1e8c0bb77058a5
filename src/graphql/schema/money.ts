import { builder } from "./builder.js";
import { FeeType, GiftCardStatus } from "./enums.js";

builder.prismaObject("AmountInCurrency", {
  description: "An amount expressed in one currency.",
  fields: (t) => ({
    currency: t.exposeString("currency", { description: "Currency in ISO-4217, e.g. USD." }),
    group: t.exposeString("group", { nullable: true, description: "Customer-defined function that uses this currency, e.g. SHOPPER." }),
    amount: t.expose("amount", { type: "Decimal", description: "Amount in this currency." }),
  }),
});

builder.prismaObject("Fee", {
  description: "A fee charged on an item (return fee, tax, discount…).",
  fields: (t) => ({
    amount: t.expose("amount", { type: "Decimal", nullable: true, description: "Merchant-defined fee amount." }),
    amountInCurrencies: t.relation("amountInCurrencies", {
      description: "The fee amount in one or more currencies.",
      query: { orderBy: { position: "asc" } },
    }),
    name: t.exposeString("name", { nullable: true, description: "Fee name, e.g. RETURN_FEE." }),
    reason: t.exposeString("reason", { nullable: true, description: "Merchant-defined reason for the fee." }),
    type: t.expose("type", { type: FeeType, nullable: true, description: "Fee type." }),
  }),
});

builder.prismaObject("GiftCard", {
  description: "A gift card shipped as an item.",
  fields: (t) => ({
    amount: t.expose("amount", { type: "Decimal", nullable: true, description: "Gift card amount." }),
    amountInCurrencies: t.relation("amountInCurrencies", {
      description: "The gift card amount in one or more currencies.",
      query: { orderBy: { position: "asc" } },
    }),
    giftCardActivatedAt: t.expose("giftCardActivatedAt", { type: "DateTime", nullable: true, description: "When the card was activated." }),
    giftCardActivationRequestedAt: t.expose("giftCardActivationRequestedAt", {
      type: "DateTime",
      nullable: true,
      description: "When activation was requested.",
    }),
    giftCardNumber: t.exposeString("giftCardNumber", { nullable: true, description: "Gift card number." }),
    giftCardStatus: t.expose("giftCardStatus", { type: GiftCardStatus, nullable: true, description: "Activation state." }),
  }),
});
