"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { inviteStaffAction, removeMemberAction, revokeInvitationAction, updateMemberAction } from "@/app/actions/settings";
import type { FormState } from "@/lib/auth/action-context";
import type { StaffList } from "@/lib/staff/list-staff";
import { buttonClass, CommandButton, Field, FormStatus, useFormAction, useMessage } from "./form-kit";

type Option = { value: string; label: string };
const ROLES = ["admin", "supervisor", "operator", "politician", "external"] as const;

/** Role, offices (checkboxes) and organisation (externals only) — shared by invite and edit. */
function ScopeFields({ state, role: initialRole, officeIds, organisationId, offices, organisations }: {
  state: FormState;
  role: string;
  officeIds: string[];
  organisationId: string | null;
  offices: Option[];
  organisations: Option[];
}) {
  const t = useTranslations("settings.staff");
  const msg = useMessage();
  const [role, setRole] = useState(state.values?.role ?? initialRole);
  const officeError = state.fieldErrors?.officeIds?.map((e) => msg("fieldErrors", e)).join(" ");
  return (
    <>
      <label className="block">
        <span className="font-semibold">{t("role")}</span>
        <select name="role" value={role} onChange={(e) => setRole(e.target.value)} className="mt-1 block w-full rounded border border-gray-600 bg-white px-3 py-2">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </select>
        <span className="mt-1 block text-sm text-muted">{t(`roleHints.${role as (typeof ROLES)[number]}`)}</span>
      </label>
      {role === "external" ? (
        <Field state={state} name="organisationId" label={t("organisation")} defaultValue={organisationId ?? ""} options={[{ value: "", label: "—" }, ...organisations]} />
      ) : null}
      <fieldset className="sm:col-span-2">
        <legend className="font-semibold">{t("offices")}</legend>
        <div className="flex flex-wrap gap-x-4">
          {offices.map((o) => (
            <label key={o.value} className="flex min-h-11 items-center gap-2">
              <input type="checkbox" name="officeIds" value={o.value} defaultChecked={officeIds.includes(o.value)} className="h-5 w-5" />
              {o.label}
            </label>
          ))}
        </div>
        {officeError ? <p className="font-semibold text-red-800">{officeError}</p> : null}
      </fieldset>
    </>
  );
}

function InviteForm({ offices, organisations }: { offices: Option[]; organisations: Option[] }) {
  const t = useTranslations("settings.staff");
  const [state, action, pending] = useFormAction(inviteStaffAction);
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2" key={`invite-${state.savedAt ?? 0}`}>
      <Field state={state} name="email" type="email" label={t("email")} required autoComplete="off" />
      <ScopeFields state={state} role="operator" officeIds={[]} organisationId={null} offices={offices} organisations={organisations} />
      <div className="space-y-2 sm:col-span-2">
        <FormStatus state={state} success={t("invited")} />
        <button type="submit" className={buttonClass} disabled={pending}>
          {t("invite")}
        </button>
      </div>
    </form>
  );
}

function MemberForm({ member, offices, organisations }: { member: StaffList["members"][number]; offices: Option[]; organisations: Option[] }) {
  const t = useTranslations("settings.staff");
  const ts = useTranslations("settings");
  const [state, action, pending] = useFormAction(updateMemberAction);
  return (
    <form action={action} className="grid gap-3 sm:grid-cols-2">
      <input type="hidden" name="userId" value={member.userId} />
      <ScopeFields state={state} role={member.role} officeIds={member.officeIds} organisationId={member.organisationId} offices={offices} organisations={organisations} />
      <Field state={state} name="title" label={t("title")} hint={t("titleHint")} defaultValue={member.title} />
      <div className="space-y-2 sm:col-span-2">
        <FormStatus state={state} success={ts("saved")} />
        <button type="submit" className={buttonClass} disabled={pending}>
          {ts("save")}
        </button>
      </div>
    </form>
  );
}

export function StaffEditor({ list, offices, organisations, selfId }: { list: StaffList; offices: Option[]; organisations: Option[]; selfId: string }) {
  const t = useTranslations("settings.staff");
  const ts = useTranslations("settings");
  const officeName = new Map(offices.map((o) => [o.value, o.label]));
  return (
    <div className="space-y-8">
      <section aria-labelledby="members" className="space-y-3">
        <h2 id="members" className="text-xl font-semibold">
          {t("members")}
        </h2>
        <ul className="space-y-3">
          {list.members.map((m) => (
            <li key={m.userId} className="rounded-lg bg-white p-4 shadow-sm">
              <details>
                <summary className="cursor-pointer">
                  <span className="text-lg font-semibold">{m.name ?? m.email}</span>{" "}
                  <span className="text-muted">
                    · {t(`roles.${m.role}`)} · {m.email}
                    {m.officeIds.length ? ` · ${m.officeIds.map((id) => officeName.get(id)).join(", ")}` : ""}
                    {m.totp ? ` · ${t("totpOn")}` : ""}
                  </span>
                </summary>
                <div className="mt-4 space-y-4">
                  <MemberForm member={m} offices={offices} organisations={organisations} />
                  {m.userId !== selfId ? (
                    <CommandButton action={removeMemberAction} fields={{ userId: m.userId }} label={t("remove")} danger confirm={t("confirmRemove", { name: m.name ?? m.email })} />
                  ) : null}
                </div>
              </details>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="pending" className="space-y-3">
        <h2 id="pending" className="text-xl font-semibold">
          {t("pending")}
        </h2>
        {list.invitations.length === 0 ? <p>{t("noPending")}</p> : null}
        <ul className="space-y-2">
          {list.invitations.map((i) => (
            <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 rounded-lg bg-white p-3 shadow-sm">
              <span>
                <strong>{i.email}</strong> · {t(`roles.${i.role}`)} · {i.expired ? t("expired") : t("expires", { date: i.expiresAt })}
              </span>
              <CommandButton action={revokeInvitationAction} fields={{ id: i.id }} label={t("revoke")} danger />
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="invite" className="rounded-lg bg-white p-4 shadow-sm">
        <h2 id="invite" className="mb-3 text-xl font-semibold">
          {t("inviteTitle")}
        </h2>
        <p className="mb-3 text-muted">{ts("staff.inviteHint")}</p>
        <InviteForm offices={offices} organisations={organisations} />
      </section>
    </div>
  );
}
