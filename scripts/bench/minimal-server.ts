import http from "node:http";
import { PgDialect } from "drizzle-orm/pg-core";
import postgres from "postgres";
import { parsePublicFilters } from "@/lib/reports/public-filters";
import { parseViewport, publicGeoJsonQuery } from "@/lib/reports/public-geojson";

/**
 * The lean ceiling `npm run bench:map` compares Piazza with: node:http + postgres.js (pool 10), no
 * framework. Per request it does the database work Piazza does — tenant from the Host (one lookup by
 * slug), then one transaction that first sets the tenant and the RLS role — and nothing else:
 *   GET  /geojson?bbox=&zoom=  → the same SQL as lib/reports/public-geojson.ts (imported, not copied)
 *   POST /reports (JSON {lat, lng, description}) → one plain INSERT into reports
 *   GET  /health → a constant answer, no database (the framework floor: Piazza's /api/health)
 *   GET  /discovery → the comune lookup only (as Piazza's Open311 discovery on a comune's host)
 * Env: DATABASE_URL (required), PORT, ROOT_DOMAIN (hosts are <slug>.<ROOT_DOMAIN>).
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error("minimal-server: DATABASE_URL is required");
const port = Number(process.env.PORT ?? 3901);
const suffix = `.${process.env.ROOT_DOMAIN ?? `localhost:${port}`}`;
const sql = postgres(url, { max: 10, onnotice: () => {} });
const dialect = new PgDialect();

type Tenant = { id: string; category_id: string; office_id: string };

async function tenantOf(host: string | undefined): Promise<Tenant | null> {
  if (!host?.endsWith(suffix)) return null;
  const slug = host.slice(0, -suffix.length);
  const [row] = await sql<Tenant[]>`
    select t.id, c.id as category_id, c.default_office_id as office_id
    from tenants t join categories c on c.tenant_id = t.id and c.name = 'Buca'
    where t.slug = ${slug} limit 1`;
  return row ?? null;
}

function inTenant<T>(tenantId: string, fn: (tx: postgres.TransactionSql) => Promise<T>): Promise<T> {
  return sql.begin(async (tx) => {
    await tx`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', 'app_user', true)`;
    return fn(tx);
  }) as Promise<T>;
}

async function geojson(tenant: Tenant, params: URLSearchParams): Promise<string> {
  const query = dialect.sqlToQuery(publicGeoJsonQuery(tenant.id, parseViewport(params), parsePublicFilters(params)));
  const [row] = await inTenant(tenant.id, (tx) => tx.unsafe(query.sql, query.params as postgres.ParameterOrJSON<never>[]));
  // The features come as JSON text (the query's json_agg cast to text): put in the answer as they are.
  return `{"type":"FeatureCollection","features":${(row?.features as string | undefined) ?? "[]"},"truncated":${Number(row?.n) > 1000}}`;
}

async function insertReport(tenant: Tenant, body: string): Promise<string> {
  const input = JSON.parse(body) as { lat: number; lng: number; description: string };
  const [row] = await inTenant(tenant.id, (tx) => tx`
    insert into reports (tenant_id, code, category_id, office_id, description, lat, lng)
    values (${tenant.id}, ${`M${crypto.randomUUID()}`}, ${tenant.category_id}, ${tenant.office_id},
            ${input.description}, ${input.lat}, ${input.lng})
    returning id, code`);
  return JSON.stringify(row);
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", async () => {
    try {
      if (req.method === "GET" && req.url === "/health") return send(res, 200, '{"ok":true}');
      const tenant = await tenantOf(req.headers.host);
      if (!tenant) return send(res, 404, '{"error":"not_found"}');
      const target = new URL(req.url ?? "/", "http://x");
      if (req.method === "GET" && target.pathname === "/discovery") return send(res, 200, JSON.stringify({ tenant: tenant.id }));
      if (req.method === "GET" && target.pathname === "/geojson") return send(res, 200, await geojson(tenant, target.searchParams));
      if (req.method === "POST" && target.pathname === "/reports") return send(res, 201, await insertReport(tenant, Buffer.concat(chunks).toString()));
      send(res, 404, '{"error":"not_found"}');
    } catch (error) {
      send(res, 500, JSON.stringify({ error: String(error) }));
    }
  });
});

function send(res: http.ServerResponse, status: number, body: string) {
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

server.listen(port, "127.0.0.1", () => console.log(`minimal server on 127.0.0.1:${port}`));
