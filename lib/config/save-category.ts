import { and, eq, max, ne } from "drizzle-orm";
import { z } from "zod";
import { withTenant, type Tx } from "@/db/client";
import { CATEGORY_VISIBILITIES, categories, offices, organisations } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { staffWith } from "@/lib/auth/guard";
import type { Ctx } from "@/lib/context";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { assertTenantWritable } from "@/lib/tenancy/assert-writable";
import { blankToNull, parseInput } from "./parse";
import { isUniqueViolation } from "./unique-violation";

const optionalUuid = z
  .string()
  .uuid("invalid")
  .optional()
  .nullable()
  .or(z.literal("").transform(() => null));

export const extraQuestionInput = z
  .object({
    code: z.string().trim().regex(/^[a-z][a-z0-9_]{0,39}$/, "code_invalid"),
    label: z.string().trim().min(2, "too_short").max(200, "too_long"),
    type: z.enum(["text", "number", "select", "boolean"]),
    required: z.boolean().default(false),
    options: z.array(z.string().trim().min(1).max(100)).max(30).optional(),
  })
  .refine((q) => q.type !== "select" || (q.options?.length ?? 0) >= 2, { message: "options_required", path: ["options"] });

export const saveCategoryInput = z.object({
  id: z.string().uuid().optional(),
  parentId: optionalUuid,
  name: z.string().trim().min(2, "too_short").max(120, "too_long"),
  nameEn: z.string().trim().max(120, "too_long").optional(),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,40}$/, "code_invalid")
    .optional()
    .or(z.literal("")),
  description: z.string().trim().max(1000, "too_long").optional(),
  visibility: z.enum(CATEGORY_VISIBILITIES).default("public"),
  reportsPrivateByDefault: z.boolean().default(false),
  defaultOfficeId: optionalUuid,
  defaultOrganisationId: optionalUuid,
  slaDays: z.coerce.number().int("sla_invalid").min(0, "sla_invalid").max(365, "sla_invalid").nullable().optional(),
  commentsEnabled: z.boolean().default(true),
  notice: z.string().trim().max(1000, "too_long").optional(),
  noticeBlocks: z.boolean().default(false),
  extraQuestions: z.array(extraQuestionInput).max(20).default([]),
});
export type SaveCategoryInput = z.input<typeof saveCategoryInput>;

/**
 * Creates or updates a category of the two-level tree. A parent must be a top-level category of this
 * comune, and a category that has children cannot become a child itself. Office and organisation must be
 * the comune's own. Audited; new categories go to the end of their level.
 */
export async function saveCategory({ ctx, input }: { ctx: Ctx; input: SaveCategoryInput }): Promise<{ id: string }> {
  const actor = staffWith(ctx, "config.write");
  assertTenantWritable(ctx.tenant);
  const data = parseInput(saveCategoryInput, input);
  const tenantId = ctx.tenant.id;
  const codes = new Set<string>();
  for (const q of data.extraQuestions) {
    if (codes.has(q.code)) throw new ValidationError("validation", { extraQuestions: ["duplicate_code"] });
    codes.add(q.code);
  }
  try {
    return await withTenant(tenantId, async (tx) => {
      await checkReferences(tx, tenantId, data);
      const values = {
        parentId: data.parentId ?? null,
        name: data.name,
        nameEn: blankToNull(data.nameEn),
        code: blankToNull(data.code),
        description: blankToNull(data.description),
        visibility: data.visibility,
        reportsPrivateByDefault: data.reportsPrivateByDefault,
        defaultOfficeId: data.defaultOfficeId ?? null,
        defaultOrganisationId: data.defaultOrganisationId ?? null,
        slaDays: data.slaDays ?? null,
        commentsEnabled: data.commentsEnabled,
        notice: blankToNull(data.notice),
        noticeBlocks: Boolean(blankToNull(data.notice)) && data.noticeBlocks,
        extraQuestions: data.extraQuestions.map((q) => ({
          ...q,
          ...(q.type === "select" ? { options: q.options } : { options: undefined }),
        })),
      };
      let id = data.id;
      if (id) {
        const updated = await tx
          .update(categories)
          .set(values)
          .where(and(eq(categories.tenantId, tenantId), eq(categories.id, id)))
          .returning({ id: categories.id });
        if (updated.length === 0) throw new NotFoundError("category");
      } else {
        const [last] = await tx
          .select({ m: max(categories.sortOrder) })
          .from(categories)
          .where(eq(categories.tenantId, tenantId));
        const [created] = await tx
          .insert(categories)
          .values({ tenantId, ...values, sortOrder: (last?.m ?? 0) + 10 })
          .returning({ id: categories.id });
        id = created!.id;
      }
      await recordAudit(tx, ctx, actor, {
        action: data.id ? "category.update" : "category.create",
        targetType: "category",
        targetId: id,
        data: { name: values.name, parentId: values.parentId },
      });
      return { id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ValidationError("validation", { code: ["code_taken"] });
    throw error;
  }
}

type Data = z.output<typeof saveCategoryInput>;

async function checkReferences(tx: Tx, tenantId: string, data: Data) {
  if (data.parentId) {
    if (data.parentId === data.id) throw new ValidationError("validation", { parentId: ["invalid"] });
    const [parent] = await tx
      .select({ parentId: categories.parentId })
      .from(categories)
      .where(and(eq(categories.tenantId, tenantId), eq(categories.id, data.parentId)));
    if (!parent || parent.parentId) throw new ValidationError("validation", { parentId: ["invalid"] });
    if (data.id) {
      const [child] = await tx
        .select({ id: categories.id })
        .from(categories)
        .where(and(eq(categories.tenantId, tenantId), eq(categories.parentId, data.id), ne(categories.id, data.id)))
        .limit(1);
      if (child) throw new ConflictError("category_has_children");
    }
  }
  if (data.defaultOfficeId) {
    const [o] = await tx
      .select({ id: offices.id })
      .from(offices)
      .where(and(eq(offices.tenantId, tenantId), eq(offices.id, data.defaultOfficeId)));
    if (!o) throw new ValidationError("validation", { defaultOfficeId: ["invalid"] });
  }
  if (data.defaultOrganisationId) {
    const [o] = await tx
      .select({ id: organisations.id })
      .from(organisations)
      .where(and(eq(organisations.tenantId, tenantId), eq(organisations.id, data.defaultOrganisationId)));
    if (!o) throw new ValidationError("validation", { defaultOrganisationId: ["invalid"] });
  }
}
