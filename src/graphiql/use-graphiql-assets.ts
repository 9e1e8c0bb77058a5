/** Serves GraphiQL's assets (see assets.ts) under GRAPHIQL_ASSETS_PATH, ahead of GraphQL handling. */
import type { Plugin } from "graphql-yoga";
import { GRAPHIQL_ASSETS_PATH, graphiqlAsset } from "./assets.js";

export function useGraphiqlAssets(): Plugin {
  return {
    async onRequest({ url, request, fetchAPI, endResponse }) {
      if (!url.pathname.startsWith(GRAPHIQL_ASSETS_PATH) || request.method !== "GET") return;
      const asset = await graphiqlAsset(url.pathname.slice(GRAPHIQL_ASSETS_PATH.length));
      endResponse(
        asset
          ? new fetchAPI.Response(asset.body, {
              headers: { "content-type": asset.contentType, "cache-control": "public, max-age=31536000, immutable" },
            })
          : new fetchAPI.Response("Not found", { status: 404, headers: { "content-type": "text/plain" } }),
      );
    },
  };
}
