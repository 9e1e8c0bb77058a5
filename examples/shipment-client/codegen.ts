/**
 * `npm run codegen` (here): typed documents for every `graphql(...)` in src/, from the gateway's
 * printed schema, plus persisted-documents.json (SHA-256 hash → document) for the gateway's
 * allowlist mode. In your own project, point `schema` at your copy of schema.graphql.
 */
import { join } from "node:path";
import type { CodegenConfig } from "@graphql-codegen/cli";

const here = import.meta.dirname;

const config: CodegenConfig = {
  schema: join(here, "../../schema/schema.graphql"),
  documents: [join(here, "src/**/*.ts"), `!${join(here, "src/gql/**")}`],
  ignoreNoDocuments: false,
  generates: {
    [join(here, "src/gql/")]: {
      preset: "client",
      presetConfig: { fragmentMasking: false, persistedDocuments: { mode: "embedHashInDocument", hashAlgorithm: "sha256" } },
      config: {
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: "string", Decimal: "string" },
      },
    },
  },
};

export default config;
