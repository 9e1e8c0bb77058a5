/** Row checks for the Prisma enums that hand-written SQL reads, one per enum. */
import { StatusCode, TrackingSource, TrackingStatus, VerificationStatus } from "../generated/prisma/enums.js";
import { oneOf } from "./rows.js";

export const trackingStatus = oneOf("TrackingStatus", TrackingStatus);
export const statusCode = oneOf("StatusCode", StatusCode);
export const trackingSource = oneOf("TrackingSource", TrackingSource);
export const verificationStatus = oneOf("VerificationStatus", VerificationStatus);
