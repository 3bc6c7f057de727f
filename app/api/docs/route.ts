import { docsPage } from "@/lib/api/docs-assets";
import { withApiTenant } from "@/lib/api/problem";
import { apiLocale, apiTranslator } from "@/lib/api/request-context";

export const dynamic = "force-dynamic";

/** GET /api/docs: browsable documentation (Swagger UI) of this comune's OpenAPI document. */
export function GET(request: Request) {
  return withApiTenant(request, async ({ tenant }) => {
    const locale = apiLocale(request.headers);
    const title = apiTranslator(locale, "api")("docs.title", { comune: tenant.name });
    return new Response(docsPage(title, locale), { headers: { "Content-Type": "text/html; charset=utf-8" } });
  });
}
