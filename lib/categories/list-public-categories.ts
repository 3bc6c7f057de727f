import { and, asc, eq } from "drizzle-orm";
import { withTenant } from "@/db/client";
import { categories, type ExtraQuestion } from "@/db/schema";

export type PublicCategory = {
  id: string;
  name: string;
  nameEn: string | null;
  description: string | null;
  notice: string | null;
  noticeBlocks: boolean;
  /** Questions the comune asks for this category ("Dimensione indicativa"). */
  extraQuestions: ExtraQuestion[];
};
export type PublicCategoryGroup = PublicCategory & { children: PublicCategory[] };

/**
 * The two-level tree a citizen picks from: public, active categories only (internal ones never leave the
 * server), with their notices. A top-level category with no children is itself a leaf and is returned as a
 * group with an empty `children`, so the form can offer it directly.
 */
export async function listPublicCategories(tenantId: string): Promise<PublicCategoryGroup[]> {
  const rows = await withTenant(tenantId, (tx) =>
    tx
      .select({
        id: categories.id,
        parentId: categories.parentId,
        name: categories.name,
        nameEn: categories.nameEn,
        description: categories.description,
        notice: categories.notice,
        noticeBlocks: categories.noticeBlocks,
        extraQuestions: categories.extraQuestions,
      })
      .from(categories)
      .where(
        and(eq(categories.tenantId, tenantId), eq(categories.visibility, "public"), eq(categories.active, true)),
      )
      .orderBy(asc(categories.sortOrder), asc(categories.name)),
  );
  const groups = new Map<string, PublicCategoryGroup>();
  for (const row of rows) {
    if (!row.parentId) groups.set(row.id, { ...publicFields(row), children: [] });
  }
  for (const row of rows) {
    // A child whose parent is internal or inactive is hidden with its parent.
    if (row.parentId) groups.get(row.parentId)?.children.push(publicFields(row));
  }
  return [...groups.values()];
}

function publicFields(row: PublicCategory & { parentId: string | null }): PublicCategory {
  const { id, name, nameEn, description, notice, noticeBlocks, extraQuestions } = row;
  return { id, name, nameEn, description, notice, noticeBlocks, extraQuestions };
}
