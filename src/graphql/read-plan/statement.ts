/**
 * One planned statement while it is being compiled: its parameter slots, table aliases, and the
 * binders that fill the slots for each request from the field arguments (tenant id always `$1`).
 */
import { getArgumentValues, type FieldNode, type GraphQLField } from "graphql";
import type { Context } from "../../context.js";
import { argumentProblems } from "../schema/input-bounds.js";

/** Fills a request's parameter values; false when the request must take the normal path. */
export type Binder = (ctx: Context, variables: Record<string, unknown>, values: unknown[], request: BoundRequest) => boolean;

/** What one request's binders found, for the finishers. */
export interface BoundRequest {
  values: unknown[];
  /** Per root response key: what its finisher needs beyond the row (a connection's page arguments). */
  roots: Map<string, unknown>;
}

export class Statement {
  private slots = 1;
  private aliases = 0;
  readonly binders: Binder[] = [];

  /** A new parameter; `$1` is the tenant id. */
  param(): { placeholder: string; index: number } {
    this.slots += 1;
    return { placeholder: `$${this.slots}`, index: this.slots - 1 };
  }

  alias(): string {
    return `t${this.aliases++}`;
  }

  bind(binder: Binder) {
    this.binders.push(binder);
  }

  /** Each request's parameters, or null to take the normal path. */
  run(ctx: Context, variables: Record<string, unknown>): BoundRequest | null {
    const request: BoundRequest = { values: new Array(this.slots).fill(null), roots: new Map() };
    request.values[0] = ctx.viewer.tenantId;
    for (const binder of this.binders) if (!binder(ctx, variables, request.values, request)) return null;
    return request;
  }
}

/**
 * A field's arguments as graphql-js coerces them, or null when they are not plainly valid: the
 * same input-limit check the guarded resolvers run, so every argument error comes from the normal
 * path unchanged.
 */
export function plainArguments(
  parent: string,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): Record<string, unknown> | null {
  try {
    const args = getArgumentValues(field, node, variables);
    return argumentProblems(`${parent}.${field.name}`, field.args, args).length ? null : args;
  } catch {
    return null;
  }
}
