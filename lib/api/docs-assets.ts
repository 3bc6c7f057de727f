import fs from "node:fs/promises";
import path from "node:path";

/**
 * Swagger UI served from the swagger-ui-dist package (no CDN: works offline and under a strict network
 * policy). Only these files are served, read from node_modules at run time; names never reach the disk path.
 */
const ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

/** Boots Swagger UI on the document of the same host (a file, not inline script, for a strict CSP). */
const INIT = `window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
`;

export async function readDocsAsset(name: string): Promise<{ body: string | Buffer; type: string } | null> {
  if (name === "init.js") return { body: INIT, type: "text/javascript; charset=utf-8" };
  const type = ASSETS[name];
  if (!type) return null;
  const file = path.join(process.cwd(), "node_modules", "swagger-ui-dist", name);
  return { body: await fs.readFile(file), type };
}

export function docsPage(title: string, lang: string): string {
  const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<main id="swagger-ui" aria-label="${esc(title)}"></main>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;
}
