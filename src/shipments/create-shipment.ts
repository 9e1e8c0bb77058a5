/**
 * createShipment: validates a fabric shipment document and stores it, cartons to currency amounts,
 * in one statement batch. Positions keep the client's list order.
 */
import type { Db } from "../db/client.js";
import { ValidationError, type ValidationDetail } from "../errors.js";
import type { Prisma } from "../generated/prisma/client.js";
import { byChronology } from "../tracking/identity.js";
import { eventRow } from "../tracking/ingest-plan.js";
import { deriveStatus } from "../tracking/status.js";
import type { AmountInCurrencyInput, CartonInput, ItemInput, ShipmentDocument } from "./document.js";
import { newId } from "./ids.js";

const CURRENCY = /^[A-Z]{3}$/;
const COUNTRY = /^[A-Z]{2}$/;

/** Collects every problem with the document, with paths clients can point at. */
function validate(doc: ShipmentDocument): ValidationDetail[] {
  const problems: ValidationDetail[] = [];
  const check = (ok: boolean, path: string, message: string) => ok || problems.push({ path, message });
  const amounts = (list: AmountInCurrencyInput[] | null | undefined, path: string) =>
    list?.forEach((a, i) => {
      check(CURRENCY.test(a.currency), `${path}[${i}].currency`, "must be an ISO-4217 code such as USD");
    });
  const nonNegative = (value: number | null | undefined, path: string) => check(value == null || value >= 0, path, "must not be negative");

  check(doc.shipmentNumber == null || doc.shipmentNumber.trim() !== "", "shipmentNumber", "must not be empty");
  nonNegative(doc.totalCartons, "totalCartons");
  const seen = new Set<string>();
  doc.cartons?.forEach((carton, c) => {
    const at = `cartons[${c}]`;
    if (carton.trackingNumber != null) {
      check(carton.trackingNumber.trim() !== "", `${at}.trackingNumber`, "must not be empty");
      check(!seen.has(carton.trackingNumber), `${at}.trackingNumber`, "is used by another carton; there is one tracking number per carton");
      seen.add(carton.trackingNumber);
    }
    carton.tracking?.forEach((e, i) => {
      check(e.event.trim() !== "", `${at}.tracking[${i}].event`, "must not be empty");
      check(carton.trackingNumber != null, `${at}.tracking[${i}]`, "tracking events need the carton's trackingNumber");
    });
    carton.items?.forEach((item, i) => {
      const it = `${at}.items[${i}]`;
      nonNegative(item.orderedQuantity, `${it}.orderedQuantity`);
      nonNegative(item.shippedQuantity, `${it}.shippedQuantity`);
      nonNegative(item.returnQuantity, `${it}.returnQuantity`);
      amounts(item.refundAmountInCurrencies, `${it}.refundAmountInCurrencies`);
      item.fees?.forEach((fee, f) => {
        amounts(fee.amountInCurrencies, `${it}.fees[${f}].amountInCurrencies`);
      });
      item.giftCards?.forEach((card, g) => {
        amounts(card.amountInCurrencies, `${it}.giftCards[${g}].amountInCurrencies`);
      });
    });
  });
  const address = doc.shipToAddress;
  if (address) {
    check(
      address.countryCode == null || COUNTRY.test(address.countryCode),
      "shipToAddress.countryCode",
      "must be an ISO 3166-1 alpha-2 code such as US",
    );
    check(address.latitude == null || address.latitude.abs().lte(90), "shipToAddress.latitude", "must be between -90 and 90");
    check(address.longitude == null || address.longitude.abs().lte(180), "shipToAddress.longitude", "must be between -180 and 180");
  }
  doc.scratchedItems?.forEach((s, i) => {
    nonNegative(s.quantity, `scratchedItems[${i}].quantity`);
  });
  return problems.map((p) => ({ ...p, path: `input.${p.path}` }));
}

const contact = (
  name?: { firstName?: string | null; middleName?: string | null; lastName?: string | null } | null,
  phone?: { number?: string | null; type?: string | null } | null,
) => ({
  firstName: name?.firstName ?? null,
  middleName: name?.middleName ?? null,
  lastName: name?.lastName ?? null,
  phoneNumber: phone?.number ?? null,
  phoneType: phone?.type ?? null,
});

const inCurrencies = (list: AmountInCurrencyInput[] | null | undefined) => ({
  create: (list ?? []).map((a, position) => ({
    id: newId("amt"),
    position,
    currency: a.currency,
    group: a.group ?? null,
    amount: a.amount,
  })),
});

function itemRows(items: ItemInput[] | null | undefined): Prisma.ItemCreateWithoutCartonInput[] {
  return (items ?? []).map(({ fees, giftCards, refundAmountInCurrencies, ...item }, position) => ({
    ...item,
    id: newId("itm"),
    position,
    refundAmountInCurrencies: inCurrencies(refundAmountInCurrencies),
    fees: {
      create: (fees ?? []).map(({ amountInCurrencies, ...fee }, p) => ({
        ...fee,
        id: newId("fee"),
        position: p,
        amountInCurrencies: inCurrencies(amountInCurrencies),
      })),
    },
    giftCards: {
      create: (giftCards ?? []).map(({ amountInCurrencies, ...card }, p) => ({
        ...card,
        id: newId("gc"),
        position: p,
        amountInCurrencies: inCurrencies(amountInCurrencies),
      })),
    },
  }));
}

function cartonRow(tenantId: string, shipmentId: string, { items, tracking, ...carton }: CartonInput, position: number) {
  const id = newId("ctn");
  // Known events are stored as the ingestion core would store them, version 1 being the creation.
  const target = { id, trackingNumber: carton.trackingNumber!, shipmentCarrier: carton.shipmentCarrier ?? null };
  const events = (tracking ?? [])
    .map(({ notes, ...e }) => eventRow({ ...e, notesDescription: notes?.description }, target))
    .sort(byChronology)
    .map((e) => ({ ...e, tenantId, shipmentId, shipmentVersion: 1 }));
  const status = deriveStatus(events);
  const row: Prisma.CartonCreateManyShipmentInput & { items: Prisma.ItemCreateWithoutCartonInput[] } = {
    ...carton,
    id,
    tenantId,
    position,
    trackingStatus: status?.status ?? null,
    trackingSubstatus: status?.substatus ?? null,
    items: itemRows(items),
  };
  return { row, events };
}

/** Stores the document; `id` is for fixtures that must keep a known id (the demo's sync example). */
export async function createShipment(
  db: Db,
  viewer: { tenantId: string; channelId: number },
  doc: ShipmentDocument,
  id = newId("ship"),
): Promise<string> {
  const problems = validate(doc);
  const { tenantId } = viewer;
  const trackingNumbers = (doc.cartons ?? []).map((c) => c.trackingNumber).filter((n): n is string => !!n);
  const [sameNumber, sameTracking] = await Promise.all([
    doc.shipmentNumber ? db.shipment.findFirst({ where: { tenantId, shipmentNumber: doc.shipmentNumber }, select: { id: true } }) : null,
    trackingNumbers.length
      ? db.carton.findMany({ where: { tenantId, trackingNumber: { in: trackingNumbers } }, select: { trackingNumber: true } })
      : [],
  ]);
  if (sameNumber) problems.push({ path: "input.shipmentNumber", message: "a shipment with this number already exists" });
  for (const { trackingNumber } of sameTracking) {
    problems.push({
      path: `input.cartons[${trackingNumbers.indexOf(trackingNumber!)}].trackingNumber`,
      message: "already belongs to another shipment",
    });
  }
  if (problems.length) throw new ValidationError(problems);

  const { cartons, recipients, shipToAddress, scratchedItems, auditLogs, ...fields } = doc;
  const built = (cartons ?? []).map((c, i) => cartonRow(tenantId, id, c, i));
  const { name, phone, ...address } = shipToAddress ?? {};
  await db.$transaction([
    db.shipment.create({
      data: {
        ...fields,
        id,
        tenantId,
        channelId: viewer.channelId,
        orderNumbers: fields.orderNumbers ?? [],
        statusCode: fields.statusCode ?? undefined,
        type: fields.type ?? undefined,
        fulfillmentMethod: fields.fulfillmentMethod ?? undefined,
        shipmentCourier: fields.shipmentCourier?.toLowerCase() ?? null,
        // Background tracking asks the courier right away about a shipment with something to track.
        nextTrackAt: fields.shipmentTrackingNumber || trackingNumbers.length ? new Date() : null,
        recipients: {
          create: (recipients ?? []).map((r, position) => ({
            id: newId("rcp"),
            position,
            email: r.email ?? null,
            ...contact(r.name, r.phone),
          })),
        },
        shipToAddress: shipToAddress ? { create: { ...address, ...contact(name, phone) } } : undefined,
        scratchedItems: { create: (scratchedItems ?? []).map((s, position) => ({ ...s, id: newId("scr"), position })) },
        auditLogs: {
          create: (auditLogs ?? []).map((a) => ({
            ...a,
            id: newId("aud"),
            auditId: a.auditId ?? crypto.randomUUID(),
            auditedAt: a.auditedAt ?? undefined,
            updatedFields: (a.updatedFields ?? []).map((f) => ({
              fieldName: f.fieldName,
              fieldOriginalValue: f.fieldOriginalValue ?? null,
            })),
          })),
        },
      },
    }),
    ...built.map(({ row: { items, ...carton } }) => db.carton.create({ data: { ...carton, shipmentId: id, items: { create: items } } })),
    db.trackingEvent.createMany({ data: built.flatMap((b) => b.events), skipDuplicates: true }),
  ]);
  return id;
}
