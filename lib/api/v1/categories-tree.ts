import { and, asc, eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { categories } from "@/db/schema";
import type { TenantRef } from "@/lib/context";
import { serviceCodeOf } from "@/lib/open311/services";

export type CategoryNode = {
  id: string;
  serviceCode: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  slaDays: number | null;
  questions: { code: string; label: string; type: string; required: boolean; options: string[] }[];
  children: CategoryNode[];
};

/** The public, active category tree (internal-only categories and their children never leave). */
export async function listCategoryTree(tenant: Pick<TenantRef, "id">): Promise<CategoryNode[]> {
  const rows = await withTenant(tenant.id, (tx) =>
    tx
      .select()
      .from(categories)
      .where(and(eq(categories.tenantId, tenant.id), eq(categories.active, true), eq(categories.visibility, "public")))
      .orderBy(asc(categories.sortOrder), asc(categories.name)),
  );
  const node = (c: (typeof rows)[number]): CategoryNode => ({
    id: c.id,
    serviceCode: serviceCodeOf(c),
    name: c.name,
    nameEn: c.nameEn,
    description: c.description,
    slaDays: c.slaDays,
    questions: c.extraQuestions.map((q) => ({ code: q.code, label: q.label, type: q.type, required: q.required, options: q.options ?? [] })),
    children: [],
  });
  const byId = new Map(rows.map((c) => [c.id, node(c)]));
  const roots: CategoryNode[] = [];
  for (const c of rows) {
    if (!c.parentId) roots.push(byId.get(c.id)!);
    else byId.get(c.parentId)?.children.push(byId.get(c.id)!); // parent hidden → child hidden too
  }
  return roots;
}
