import { and, asc, eq, sql } from "drizzle-orm";
import { withTenant, type Tx } from "@/db/client";
import { reusable } from "@/db/reusable";
import { catalogStamps, categories, type ExtraQuestion, offices, organisations } from "@/db/schema";
import type { TenantRef } from "@/lib/context";
import type { NamedCategory } from "@/lib/reports/create-report";

type CategoryRow = typeof categories.$inferSelect;

export type Open311Service = {
  categoryId: string;
  serviceCode: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  group: string | null;
  notice: string | null;
  extraQuestions: ExtraQuestion[];
};

export type ServiceCatalog = {
  /** Leaf categories a third party may file under: public, active, not blocked by a notice. */
  services: Open311Service[];
  /** Every category whose reports may be shown publicly (public itself and under a public parent). */
  visibleCategoryIds: Set<string>;
  byCategoryId: Map<string, Open311Service>;
  /** Every category of the comune as read, with its office's and organisation's names (report routing). */
  rows: NamedCategory[];
};

/** The service_code of a category: its stable `code` when set, otherwise its id (always a string). */
export function serviceCodeOf(category: Pick<CategoryRow, "id" | "code">): string {
  return category.code ?? category.id;
}

/**
 * The comune's categories as Open311 sees them. Guards what leaves through the API: internal-only
 * categories (or children of one) are not services and their reports are not visible. Filtered by tenant
 * and read under RLS; kept per process between changes (loadServiceCatalogIn).
 */
export async function loadServiceCatalog(tenant: Pick<TenantRef, "id">): Promise<ServiceCatalog> {
  return withTenant(tenant.id, (tx) => loadServiceCatalogIn(tx, tenant));
}

/**
 * Every category of the comune, in catalog order, with the names of its default office and organisation —
 * what filing a report under it needs, so the POST reads its category from here instead of asking again
 * (built once: the POST's hot path, db/reusable.ts).
 */
const categoriesOf = reusable("open311_categories", (tx) => {
  const tenantId = sql.placeholder("tenantId");
  return tx
    .select({ category: categories, officeName: offices.name, organisationName: organisations.name })
    .from(categories)
    .leftJoin(offices, and(eq(offices.tenantId, tenantId), eq(offices.id, categories.defaultOfficeId)))
    .leftJoin(organisations, and(eq(organisations.tenantId, tenantId), eq(organisations.id, categories.defaultOrganisationId)))
    .where(eq(categories.tenantId, tenantId))
    .orderBy(asc(categories.sortOrder), asc(categories.name));
});

/** The comune's catalog stamp (migration 0013): one key lookup. */
const stampOf = reusable("catalog_stamp", (tx) =>
  tx.select({ stamp: catalogStamps.stamp }).from(catalogStamps).where(eq(catalogStamps.tenantId, sql.placeholder("tenantId"))),
);

/**
 * The catalogs this process has read, by comune, with the stamp each was read at. A trigger moves the stamp
 * in the transaction of any change to the comune's categories, offices or organisations, and every request
 * reads the stamp in its own transaction: a catalog is used only while its stamp is current, so a change is
 * seen by the next request after it commits, in every process on every machine — nothing to broadcast,
 * no expiry to wait for. Bounded by the number of comuni. Shared between requests: read only.
 */
const catalogs = new Map<string, { stamp: number; catalog: ServiceCatalog }>();

/**
 * As loadServiceCatalog, inside the caller's tenant transaction: the stamp, then — only when it moved since
 * this process last read the catalog — the categories. The categories are read after the stamp, so a kept
 * catalog is never older than the stamp it is kept with (a change in between is read again next time).
 */
export async function loadServiceCatalogIn(tx: Tx, tenant: Pick<TenantRef, "id">): Promise<ServiceCatalog> {
  const [row] = await stampOf(tx, { tenantId: tenant.id });
  // No row yet: a comune created without categories; its first category creates the stamp.
  const stamp = row?.stamp ?? 0;
  const kept = catalogs.get(tenant.id);
  if (kept?.stamp === stamp) return kept.catalog;
  const catalog = buildCatalog(await categoriesOf(tx, { tenantId: tenant.id }));
  // A slower request that read an older stamp never replaces a newer catalog.
  if (!kept || kept.stamp < stamp) catalogs.set(tenant.id, { stamp, catalog });
  return catalog;
}

function buildCatalog(named: NamedCategory[]): ServiceCatalog {
  const rows = named.map((r) => r.category);
  const byId = new Map(rows.map((c) => [c.id, c]));
  const parentIds = new Set(rows.map((c) => c.parentId).filter((id): id is string => Boolean(id)));
  const visibleCategoryIds = new Set<string>();
  const services: Open311Service[] = [];
  const byCategoryId = new Map<string, Open311Service>();
  for (const c of rows) {
    const parent = c.parentId ? byId.get(c.parentId) : undefined;
    const visible = c.visibility === "public" && (!parent || parent.visibility === "public");
    if (!visible) continue;
    visibleCategoryIds.add(c.id);
    const service: Open311Service = {
      categoryId: c.id,
      serviceCode: serviceCodeOf(c),
      name: c.name,
      nameEn: c.nameEn,
      description: c.description,
      group: parent?.name ?? null,
      notice: c.noticeBlocks ? null : c.notice,
      extraQuestions: c.extraQuestions,
    };
    byCategoryId.set(c.id, service);
    const fileable = c.active && (!parent || parent.active) && !parentIds.has(c.id) && !c.noticeBlocks;
    if (fileable) services.push(service);
  }
  return { services, visibleCategoryIds, byCategoryId, rows: named };
}

export function findService(catalog: ServiceCatalog, serviceCode: string): Open311Service | null {
  return catalog.services.find((s) => s.serviceCode === serviceCode) ?? null;
}

/** GET services: the spec's fields, in its order. Codes are strings, as the JSON schemas require. */
export function serializeService(s: Open311Service) {
  const keywords = [s.nameEn, s.group].filter(Boolean).join(", ");
  return {
    service_code: s.serviceCode,
    service_name: s.name,
    description: s.description,
    metadata: s.extraQuestions.length > 0,
    type: "realtime" as const,
    keywords: keywords || null,
    group: s.group,
  };
}

export type BooleanLabels = { yes: string; no: string };

/** GET service definition: each extra question becomes an attribute the client must render. */
export function serializeServiceDefinition(s: Open311Service, labels: BooleanLabels) {
  return {
    service_code: s.serviceCode,
    attributes: s.extraQuestions.map((q, index) => ({
      variable: true,
      code: q.code,
      datatype: DATATYPES[q.type],
      required: q.required,
      datatype_description: null,
      order: index + 1,
      description: q.label,
      values: valuesOf(q, labels),
    })),
  };
}

const DATATYPES: Record<ExtraQuestion["type"], string> = {
  text: "string",
  number: "number",
  select: "singlevaluelist",
  boolean: "singlevaluelist",
};

function valuesOf(q: ExtraQuestion, labels: BooleanLabels): { key: string; name: string }[] {
  if (q.type === "select") return (q.options ?? []).map((o) => ({ key: o, name: o }));
  if (q.type === "boolean") {
    return [
      { key: "true", name: labels.yes },
      { key: "false", name: labels.no },
    ];
  }
  return [];
}
