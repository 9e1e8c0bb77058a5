import { expect } from "vitest";
import { CourierError } from "../../src/errors.js";

/** Awaits a call that must fail, asserts it failed with a `CourierError`, and returns that error. */
export async function courierFailure(promise: Promise<unknown>): Promise<CourierError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CourierError);
  return error as CourierError;
}
