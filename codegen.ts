/**
 * `npm run codegen`: prints the Pothos schema to schema/schema.graphql (committed; a test fails when
 * it is stale) and generates typed operations for the tests from test/operations.
 * codegen's loader sorts the schema, so the printed file is in alphabetical order (stable diffs) while
 * the served schema keeps declaration order (`sortSchema: false`), which introspection shows.
 */
import type { CodegenConfig } from "@graphql-codegen/cli";
import { printSchema } from "graphql";
import { schema } from "./src/graphql/schema/index.js";

const config: CodegenConfig = {
  schema: printSchema(schema),
  documents: ["test/operations/*.graphql"],
  generates: {
    "schema/schema.graphql": { plugins: ["schema-ast"], config: { includeDirectives: false } },
    "test/generated/": {
      preset: "client",
      presetConfig: { fragmentMasking: false },
      config: { emitLegacyCommonJSImports: false, scalars: { DateTime: "string", Decimal: "string" } },
    },
  },
};

export default config;
