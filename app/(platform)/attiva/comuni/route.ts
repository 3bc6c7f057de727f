import { searchComuni } from "@/lib/onboarding/comuni";

/** GET /attiva/comuni?q=… on the apex: the combobox's search (public list data, at most 10 results). */
export async function GET(request: Request): Promise<Response> {
  const q = new URL(request.url).searchParams.get("q")?.slice(0, 80) ?? "";
  const results = searchComuni(q, 10).map(({ istat, name, province, region, population }) => ({ istat, name, province, region, population }));
  return Response.json(results, { headers: { "cache-control": "public, max-age=3600" } });
}
