/**
 * The GraphiQL page: yoga's GraphiQL bundle, loaded from the gateway itself (assets.ts), started
 * with yoga's GraphiQL options.
 */
import type { GraphiQLOptions } from "graphql-yoga";
import { GRAPHIQL_ASSETS_PATH, WORKER_FILES } from "./assets.js";

/** JSON that is safe inside a <script> element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c");

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

export function renderGraphiqlPage(options: GraphiQLOptions): string {
  const [firstTab] = options.defaultTabs ?? [];
  const props = {
    ...options,
    // Yoga's GraphiQL puts its welcome comment into the first tab unless told otherwise, and leaves
    // that tab's headers empty; a first visit should open the first default tab as defined.
    ...(firstTab && { initialQuery: firstTab.query ?? undefined, initialHeaders: firstTab.headers ?? undefined }),
  };
  const workers = Object.fromEntries(Object.entries(WORKER_FILES).map(([label, file]) => [label, GRAPHIQL_ASSETS_PATH + file]));
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(options.title ?? "GraphiQL")}</title>
    <link rel="icon" href="${options.favicon ? escapeHtml(options.favicon) : `${GRAPHIQL_ASSETS_PATH}favicon.ico`}" />
    <link rel="stylesheet" href="${GRAPHIQL_ASSETS_PATH}graphiql.css" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>You need to enable JavaScript to run GraphiQL.</noscript>
    <div id="root"></div>
    <script>
      const workers = ${scriptJson(workers)};
      self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: (_moduleId, label) => workers[label] };
    </script>
    <script src="${GRAPHIQL_ASSETS_PATH}graphiql.js"></script>
    <script>
      YogaGraphiQL.renderYogaGraphiQL(document.querySelector("#root"), ${scriptJson(props)});
    </script>
  </body>
</html>
`;
}
