import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { SECURITY_HEADERS } from "./lib/http/security-headers";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

const nextConfig: NextConfig = {
  // Native/wasm packages are loaded from node_modules at run time, never bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "sharp", "heic-decode", "libheif-js"],
  poweredByHeader: false,
  // `npm run typecheck` (tsc over the whole repo, tests included) runs separately in CI; not twice.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
  experimental: {
    // Staff attach photos and documents through server actions (1 MB by default). The browser downscales
    // photos to ~2000 px JPEG first; the limit leaves room for a few of them, a PDF, or a phone photo sent
    // without JavaScript. The proxy buffers request bodies for the rewrite and would truncate past 10 MB.
    serverActions: { bodySizeLimit: "20mb" },
    proxyClientMaxBodySize: "20mb",
  },
  // GeoReport v2 is served by a Pages API route (Node's own request and response, ADR 0009) at its
  // public address; production's server answers it before Next (ADR 0010). The proxy leaves /open311/
  // alone (its matcher).
  async rewrites() {
    return [{ source: "/open311/v2/:path*", destination: "/api/open311/v2/:path*" }];
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })),
      },
    ];
  },
};

export default withNextIntl(nextConfig);
