"use server";

import { revalidatePath } from "next/cache";
import { formValues, staffActionCtx, toFormState, type FormState } from "@/lib/auth/action-context";
import type { Ctx } from "@/lib/context";
import { deleteCategory } from "@/lib/config/delete-category";
import { deleteOffice } from "@/lib/config/delete-office";
import { deleteOrganisation } from "@/lib/config/delete-organisation";
import { deleteTemplate } from "@/lib/config/delete-template";
import { moveCategory } from "@/lib/config/move-category";
import { saveCategory } from "@/lib/config/save-category";
import { saveOffice } from "@/lib/config/save-office";
import { saveOrganisation } from "@/lib/config/save-organisation";
import { saveTemplate } from "@/lib/config/save-template";
import { setCategoryActive } from "@/lib/config/set-category-active";
import { updateArea } from "@/lib/config/update-area";
import { updateTenantSettings } from "@/lib/config/update-tenant-settings";
import { ValidationError } from "@/lib/errors";
import { inviteStaff } from "@/lib/staff/invite-staff";
import { removeMember } from "@/lib/staff/remove-member";
import { revokeInvitation } from "@/lib/staff/revoke-invitation";
import { updateMember } from "@/lib/staff/update-member";

/**
 * Settings forms: parse FormData, call the verb (which checks the permission first), map errors. The
 * comune comes from the host and the actor from the session, never from the form.
 */
async function run(form: FormData, path: string, fn: (ctx: Ctx, v: Record<string, string>) => Promise<unknown>): Promise<FormState> {
  const values = formValues(form);
  try {
    const ctx = await staffActionCtx();
    await fn(ctx, values);
  } catch (error) {
    return toFormState(error, values);
  }
  revalidatePath(path);
  return { ok: true, savedAt: Date.now() };
}

const on = (v: string | undefined) => v === "on" || v === "true";
const optId = (v: string | undefined) => (v ? v : undefined);

function jsonArray(text: string | undefined, field: string): unknown[] {
  if (!text) return [];
  try {
    const value = JSON.parse(text);
    if (Array.isArray(value)) return value;
  } catch {
    // fall through
  }
  throw new ValidationError("validation", { [field]: ["invalid"] });
}

const S = "/ufficio/impostazioni";

export async function saveOfficeAction(_: FormState, form: FormData) {
  return run(form, `${S}/uffici`, (ctx, v) =>
    saveOffice({ ctx, input: { id: optId(v.id), name: v.name ?? "", email: v.email, phone: v.phone, headName: v.headName } }),
  );
}

export async function deleteOfficeAction(_: FormState, form: FormData) {
  return run(form, `${S}/uffici`, (ctx, v) => deleteOffice({ ctx, input: { id: v.id ?? "", reassignToOfficeId: v.reassignToOfficeId } }));
}

export async function saveOrganisationAction(_: FormState, form: FormData) {
  return run(form, `${S}/organizzazioni`, (ctx, v) =>
    saveOrganisation({ ctx, input: { id: optId(v.id), name: v.name ?? "", kind: v.kind as never, email: v.email, phone: v.phone } }),
  );
}

export async function deleteOrganisationAction(_: FormState, form: FormData) {
  return run(form, `${S}/organizzazioni`, (ctx, v) => deleteOrganisation({ ctx, input: { id: v.id ?? "" } }));
}

export async function saveCategoryAction(_: FormState, form: FormData) {
  return run(form, `${S}/categorie`, (ctx, v) =>
    saveCategory({
      ctx,
      input: {
        id: optId(v.id),
        parentId: v.parentId,
        name: v.name ?? "",
        nameEn: v.nameEn,
        code: v.code,
        description: v.description,
        visibility: v.visibility === "internal" ? "internal" : "public",
        reportsPrivateByDefault: on(v.reportsPrivateByDefault),
        defaultOfficeId: v.defaultOfficeId,
        defaultOrganisationId: v.defaultOrganisationId,
        slaDays: v.slaDays ? (v.slaDays as unknown as number) : null,
        commentsEnabled: on(v.commentsEnabled),
        notice: v.notice,
        noticeBlocks: on(v.noticeBlocks),
        extraQuestions: jsonArray(v.extraQuestions, "extraQuestions") as never,
      },
    }),
  );
}

export async function categoryCommandAction(_: FormState, form: FormData) {
  return run(form, `${S}/categorie`, async (ctx, v) => {
    const id = v.id ?? "";
    if (v.command === "up" || v.command === "down") return moveCategory({ ctx, input: { id, direction: v.command } });
    if (v.command === "activate" || v.command === "deactivate") {
      return setCategoryActive({ ctx, input: { id, active: v.command === "activate" } });
    }
    if (v.command === "delete") return deleteCategory({ ctx, input: { id } });
    throw new ValidationError("invalid_input");
  });
}

export async function saveTemplateAction(_: FormState, form: FormData) {
  return run(form, `${S}/modelli`, (ctx, v) =>
    saveTemplate({ ctx, input: { id: optId(v.id), title: v.title ?? "", body: v.body ?? "", status: (v.status ?? "") as never } }),
  );
}

export async function deleteTemplateAction(_: FormState, form: FormData) {
  return run(form, `${S}/modelli`, (ctx, v) => deleteTemplate({ ctx, input: { id: v.id ?? "" } }));
}

export async function saveSecurityAction(_: FormState, form: FormData) {
  return run(form, S, (ctx, v) => updateTenantSettings({ ctx, input: { mfaRequired: on(v.mfaRequired) } }));
}

export async function saveReportSettingsAction(_: FormState, form: FormData) {
  return run(form, S, (ctx, v) =>
    updateTenantSettings({
      ctx,
      input: { descriptionMaxLength: (v.descriptionMaxLength ?? "") as unknown as number, commentsEnabled: on(v.commentsEnabled) },
    }),
  );
}

export async function saveAreaAction(_: FormState, form: FormData) {
  return run(form, `${S}/area`, (ctx, v) =>
    updateArea({
      ctx,
      input: { geojson: v.geojson ?? "", centre: v.centreLat && v.centreLng ? { lat: v.centreLat as unknown as number, lng: v.centreLng as unknown as number } : undefined },
    }),
  );
}

export async function inviteStaffAction(_: FormState, form: FormData) {
  return run(form, `${S}/personale`, (ctx, v) =>
    inviteStaff({
      ctx,
      input: { email: v.email ?? "", role: v.role as never, officeIds: form.getAll("officeIds").map(String), organisationId: v.organisationId },
    }),
  );
}

export async function updateMemberAction(_: FormState, form: FormData) {
  return run(form, `${S}/personale`, (ctx, v) =>
    updateMember({
      ctx,
      input: {
        userId: v.userId ?? "",
        role: v.role as never,
        officeIds: form.getAll("officeIds").map(String),
        organisationId: v.organisationId,
        title: v.title,
      },
    }),
  );
}

export async function removeMemberAction(_: FormState, form: FormData) {
  return run(form, `${S}/personale`, (ctx, v) => removeMember({ ctx, input: { userId: v.userId ?? "" } }));
}

export async function revokeInvitationAction(_: FormState, form: FormData) {
  return run(form, `${S}/personale`, (ctx, v) => revokeInvitation({ ctx, input: { id: v.id ?? "" } }));
}
