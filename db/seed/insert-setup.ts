import { randomUUID } from "node:crypto";
import { inArray } from "drizzle-orm";
import type { Tx } from "../client";
import { categories, membershipOffices, memberships, offices, organisations, users } from "../schema";
import { BASE_OFFICES, CATEGORY_TREE, OFFICES, ORGANISATIONS, type OrganisationKey } from "./data/catalogue";
import type { DemoComune } from "./data/comuni";
import type { Actor, GeneratorLeaf } from "./generate-reports";

type SetupOptions = { now: Date; passwordHash: string };
type SetupCtx = {
  tx: Tx;
  tenantId: string;
  comune: DemoComune;
  officeIds: Map<string, string>;
  orgIds: Map<OrganisationKey, string>;
};

/**
 * Offices, organisations, the category tree and the staff of a new demo comune, with what the report
 * generator needs to know about them (leaves with their routing, who handles what).
 */
export async function insertSetup(tx: Tx, tenantId: string, comune: DemoComune, opts: SetupOptions) {
  const officeIds = new Map([...BASE_OFFICES, ...comune.extraOffices].map((key) => [key, randomUUID()]));
  await tx.insert(offices).values(
    [...officeIds].map(([key, id]) => ({
      tenantId,
      id,
      name: OFFICES[key].name,
      email: `${OFFICES[key].mailbox}@comune.${comune.slug}.demo`,
    })),
  );
  const orgs = ORGANISATIONS[comune.slug];
  if (!orgs) throw new Error(`Organizzazioni demo mancanti per ${comune.slug}`);
  const orgIds = new Map(Object.keys(orgs).map((key) => [key as OrganisationKey, randomUUID()]));
  await tx.insert(organisations).values([...orgIds].map(([key, id]) => ({ tenantId, id, ...orgs[key] })));

  const ctx = { tx, tenantId, comune, officeIds, orgIds };
  return { leaves: await insertCategories(ctx), ...(await insertStaff(ctx, opts)) };
}

async function insertCategories({
  tx,
  tenantId,
  comune,
  officeIds,
  orgIds,
}: SetupCtx): Promise<GeneratorLeaf[]> {
  const orgs = ORGANISATIONS[comune.slug];
  const parents = CATEGORY_TREE.map((parent, i) => ({
    ...parent,
    id: randomUUID(),
    sortOrder: (i + 1) * 10,
  }));
  await tx.insert(categories).values(
    parents.map((p) => ({
      tenantId,
      id: p.id,
      code: p.key,
      name: p.name,
      nameEn: p.nameEn,
      sortOrder: p.sortOrder,
    })),
  );
  const leaves: GeneratorLeaf[] = [];
  const rows = parents.flatMap((parent) =>
    parent.children.map((leaf, i) => {
      const officeKey = comune.routeOverrides[leaf.key] ?? leaf.office;
      const officeId = officeIds.get(officeKey);
      if (!officeId) throw new Error(`Ufficio ${officeKey} mancante per ${comune.slug}`);
      const organisationId = leaf.organisation ? (orgIds.get(leaf.organisation) ?? null) : null;
      const row = {
        tenantId,
        id: randomUUID(),
        parentId: parent.id,
        code: leaf.key,
        name: leaf.name,
        nameEn: leaf.nameEn,
        description: leaf.description,
        visibility: leaf.visibility ?? "public",
        reportsPrivateByDefault: leaf.privateByDefault ?? false,
        defaultOfficeId: officeId,
        defaultOrganisationId: organisationId,
        slaDays: leaf.slaDays,
        commentsEnabled: leaf.commentsEnabled ?? true,
        notice: leaf.notice ?? null,
        noticeBlocks: leaf.noticeBlocks ?? false,
        extraQuestions: leaf.extraQuestions ?? [],
        sortOrder: parent.sortOrder + i + 1,
      };
      leaves.push({
        id: row.id,
        key: leaf.key,
        parentKey: parent.key,
        officeId,
        officeSignature: OFFICES[officeKey].signature,
        organisationId,
        organisationName: leaf.organisation && orgs ? orgs[leaf.organisation].name : null,
        slaDays: leaf.slaDays,
        weight: leaf.weight,
        priority: leaf.priority ?? "normal",
        internal: row.visibility === "internal",
        privateByDefault: row.reportsPrivateByDefault,
        commentsEnabled: row.commentsEnabled,
        extraQuestions: row.extraQuestions,
      });
      return row;
    }),
  );
  await tx.insert(categories).values(rows);
  return leaves;
}

/** Staff accounts are platform users (one per e-mail), so an existing one is reused rather than duplicated. */
async function insertStaff({ tx, tenantId, comune, officeIds, orgIds }: SetupCtx, opts: SetupOptions) {
  const people = comune.staff.map((s) => ({ ...s, email: `${s.local}@${comune.slug}.demo` }));
  await tx
    .insert(users)
    .values(
      people.map((p) => ({
        email: p.email,
        name: p.name,
        locale: "it",
        passwordHash: opts.passwordHash,
        emailVerified: opts.now,
      })),
    )
    .onConflictDoNothing({ target: users.email });
  const rows = await tx
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      inArray(
        users.email,
        people.map((p) => p.email),
      ),
    );
  const userIds = new Map(rows.map((r) => [r.email, r.id]));
  const members = people.map((p) => ({ ...p, userId: userIds.get(p.email)! }));
  await tx.insert(memberships).values(
    members.map((m) => ({
      tenantId,
      userId: m.userId,
      role: m.role,
      title: m.title,
      organisationId: m.organisation ? (orgIds.get(m.organisation) ?? null) : null,
    })),
  );
  const links = members.flatMap((m) =>
    (m.offices ?? []).map((o) => ({ tenantId, userId: m.userId, officeId: officeIds.get(o)! })),
  );
  if (links.length > 0) await tx.insert(membershipOffices).values(links);

  const actor = (m: (typeof members)[number]): Actor => ({ userId: m.userId, name: m.name });
  const supervisor = members.find((m) => m.role === "supervisor");
  const politician = members.find((m) => m.role === "politician");
  if (!supervisor || !politician) throw new Error(`Staff demo incompleto per ${comune.slug}`);
  const operatorsByOffice = new Map<string, Actor[]>();
  for (const m of members.filter((x) => x.role === "operator")) {
    for (const o of m.offices ?? []) {
      const id = officeIds.get(o)!;
      operatorsByOffice.set(id, [...(operatorsByOffice.get(id) ?? []), actor(m)]);
    }
  }
  return {
    supervisor: actor(supervisor),
    politician: { ...actor(politician), signature: `${politician.name} — ${politician.title}` },
    operatorsByOffice,
  };
}
