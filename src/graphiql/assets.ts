/**
 * GraphiQL's JavaScript, stylesheet, editor workers and icon, from the @graphql-yoga/render-graphiql
 * package, so the page works with no network beyond the gateway. Its own renderer inlines all of
 * them (about 9 MB) into every page; served apart they are fetched once and cached.
 */
import { createRequire } from "node:module";

const VERSION: string = createRequire(import.meta.url)("@graphql-yoga/render-graphiql/package.json").version;

/** Where the assets live; the package version in the path lets browsers cache them for good. */
export const GRAPHIQL_ASSETS_PATH = `/graphiql/${VERSION}/`;

/** The Monaco worker label GraphiQL asks for → its file name under GRAPHIQL_ASSETS_PATH. */
export const WORKER_FILES = {
  editorWorkerService: "editor.worker.js",
  json: "json.worker.js",
  graphql: "graphql.worker.js",
} as const;

export interface Asset {
  contentType: string;
  body: string | Uint8Array<ArrayBuffer>;
}

type Bundle = typeof import("@graphql-yoga/render-graphiql/graphiql");

function assetsOf(bundle: Bundle): Map<string, Asset> {
  const script = (body: string): Asset => ({ contentType: "text/javascript; charset=utf-8", body });
  return new Map([
    ["graphiql.js", script(bundle.js)],
    ["graphiql.css", { contentType: "text/css; charset=utf-8", body: bundle.css }],
    [WORKER_FILES.editorWorkerService, script(bundle.editorWorkerService)],
    [WORKER_FILES.json, script(bundle.jsonWorker)],
    [WORKER_FILES.graphql, script(bundle.graphqlWorker)],
    ["favicon.ico", { contentType: "image/x-icon", body: new Uint8Array(Buffer.from(bundle.favicon.split(",")[1]!, "base64")) }],
  ]);
}

let loading: Promise<Map<string, Asset>> | undefined;

/** The asset with this file name, or undefined. The bundle loads on first use, not at start. */
export async function graphiqlAsset(name: string): Promise<Asset | undefined> {
  loading ??= import("@graphql-yoga/render-graphiql/graphiql").then(assetsOf);
  return (await loading).get(name);
}
