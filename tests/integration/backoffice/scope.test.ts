import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db/client";
import { addInternalNote } from "@/lib/backoffice/add-internal-note";
import { getStaffFile } from "@/lib/backoffice/get-staff-file";
import { getStaffReport } from "@/lib/backoffice/get-staff-report";
import { inboxGeoJson, listInbox } from "@/lib/backoffice/list-inbox";
import { officeWorkload } from "@/lib/backoffice/office-workload";
import { createReport as fileReport } from "@/lib/reports/create-report";
import { getPublicReport } from "@/lib/reports/get-public-report";
import { listPublicReports } from "@/lib/reports/list-public";
import { parsePublicFilters } from "@/lib/reports/public-filters";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { getStorage } from "@/lib/storage";
import { addWorkingDays } from "@/lib/time/working-days";
import { caught, filedJobs } from "../../support/db";
import { createAttachment } from "../../support/factories";
import { createWorld, outboxOf, reportRow, type World } from "./world";

let w: World;
let road: Awaited<ReturnType<World["roadReport"]>>;
let green: Awaited<ReturnType<World["roadReport"]>>;
let contracted: Awaited<ReturnType<World["roadReport"]>>;
beforeAll(async () => {
  w = await createWorld();
  road = await w.roadReport({ title: "Buca via Roma" });
  green = await w.roadReport({ categoryId: w.waste.id, officeId: w.green.id, title: "Sacchi abbandonati", dueAt: new Date(Date.now() - 86_400_000) });
  contracted = await w.roadReport({ organisationId: w.contractor.id, title: "Tombino rotto" });
});
afterAll(closeDb);

const codes = (rows: { code: string }[]) => rows.map((r) => r.code).sort();

describe("automatic routing of a citizen's report (createReport)", () => {
  it("goes to the category's office with its SLA due date, and the office is notified", async () => {
    const created = await fileReport({
      ctx: { tenant: w.tenant, actor: { kind: "anonymous" } },
      input: { categoryId: w.pothole.id, lat: w.tenant.centreLat, lng: w.tenant.centreLng, description: "Buca pericolosa in via Garibaldi", reporterEmail: "c@example.it", privacyConsent: true },
    });
    const row = await reportRow(w.tenant.id, created.id);
    expect(row.officeId).toBe(w.roads.id);
    expect(row.dueAt).toEqual(addWorkingDays(row.createdAt, 5));
    expect((await filedJobs(w.tenant.id, created.id)).office).toMatchObject({ kind: "office_new_report", officeId: w.roads.id });
    const inbox = await listInbox({ ctx: w.ctx.operator, input: { tab: "mine" } });
    expect(codes(inbox.rows)).toContain(created.code);
    expect(codes((await listInbox({ ctx: w.ctx.greenOperator, input: { tab: "all" } })).rows)).not.toContain(created.code);
  });
});

describe("an operator sees only their office's reports, by every route", () => {
  it("inbox, counts, map, report page and files", async () => {
    const inbox = await listInbox({ ctx: w.ctx.greenOperator, input: { tab: "all" } });
    expect(codes(inbox.rows)).toEqual([green.code]);
    expect(inbox.counts).toMatchObject({ all: 1, overdue: 1, mine: 1 });
    const map = await inboxGeoJson({ ctx: w.ctx.greenOperator, input: { tab: "all" } });
    expect(map.features.map((f) => f.properties.code)).toEqual([green.code]);
    expect(await caught(() => getStaffReport({ ctx: w.ctx.greenOperator, code: road.code }))).toBeInstanceOf(NotFoundError);
    const photo = await createAttachment(w.tenant, { reportId: road.id, isPublic: false });
    await getStorage().put(photo.storageKey, Buffer.from("jpeg-bytes"));
    expect(await caught(() => getStaffFile({ ctx: w.ctx.greenOperator, id: photo.id, thumb: false }))).toBeInstanceOf(NotFoundError);
    expect((await getStaffFile({ ctx: w.ctx.operator, id: photo.id, thumb: false })).data.toString()).toBe("jpeg-bytes");
  });

  it("a supervisor and a politician see everything; another comune's report is not found for anyone", async () => {
    for (const ctx of [w.ctx.supervisor, w.ctx.politician, w.ctx.admin]) {
      const all = await listInbox({ ctx, input: { tab: "all" } });
      expect(codes(all.rows)).toEqual(expect.arrayContaining([road.code, green.code, contracted.code]));
      expect(codes(all.rows)).not.toContain(w.otherReport.code);
      expect(await caught(() => getStaffReport({ ctx, code: w.otherReport.code }))).toBeInstanceOf(NotFoundError);
    }
  });
});

describe("an external user sees only reports assigned to their organisation", () => {
  it("in the inbox and on the report page", async () => {
    expect(codes((await listInbox({ ctx: w.ctx.external, input: { tab: "all" } })).rows)).toEqual([contracted.code]);
    expect((await getStaffReport({ ctx: w.ctx.external, code: contracted.code })).report.id).toBe(contracted.id);
    expect(await caught(() => getStaffReport({ ctx: w.ctx.external, code: road.code }))).toBeInstanceOf(NotFoundError);
    expect((await listInbox({ ctx: w.ctx.otherExternal, input: { tab: "all" } })).rows).toEqual([]);
  });
});

describe("inbox filters and search", () => {
  it("filters by text over code/title/description/address, status and office, with counts per tab", async () => {
    const ctx = w.ctx.supervisor;
    expect(codes((await listInbox({ ctx, input: { tab: "all", q: "sacchi" } })).rows)).toEqual([green.code]);
    expect(codes((await listInbox({ ctx, input: { tab: "all", q: road.code.toLowerCase() } })).rows)).toEqual([road.code]);
    expect(codes((await listInbox({ ctx, input: { tab: "all", office: w.green.id } })).rows)).toEqual([green.code]);
    expect((await listInbox({ ctx, input: { tab: "all", status: "resolved", q: "buca via roma" } })).rows).toEqual([]);
    // Wildcards typed by the person are literal characters, not patterns.
    expect((await listInbox({ ctx, input: { tab: "all", q: "%" } })).rows).toEqual([]);
    const overdue = await listInbox({ ctx, input: { tab: "overdue" } });
    expect(codes(overdue.rows)).toEqual([green.code]);
    expect(overdue.counts.overdue).toBe(1);
  });

  it("garbage parameters fall back to defaults; a role without reports.read is refused", async () => {
    const inbox = await listInbox({ ctx: w.ctx.supervisor, input: { tab: "nope", status: "x", page: "-4", office: "not-a-uuid" } });
    expect(inbox.filters).toMatchObject({ tab: "mine", page: 1, status: undefined, office: undefined });
    const citizen = { tenant: w.tenant, actor: { kind: "citizen" as const, userId: "u", name: null, email: "c@example.it" } };
    expect(await caught(() => listInbox({ ctx: citizen, input: {} }))).toBeInstanceOf(ForbiddenError);
  });
});

describe("internal notes never reach public surfaces", () => {
  it("not in the public list query, not in any email", async () => {
    const report = await w.roadReport({ title: "Lampione spento" });
    const before = (await outboxOf(w.tenant.id)).length;
    await addInternalNote({ ctx: w.ctx.operator, input: { reportId: report.id, body: "RISERVATO-XYZ" } });
    const publicList = await listPublicReports(w.tenant, parsePublicFilters(new URLSearchParams()), 1, 50);
    expect(publicList.items.map((r) => r.code)).toContain(report.code);
    expect(JSON.stringify(publicList)).not.toContain("RISERVATO-XYZ");
    const publicPage = await getPublicReport(w.tenant, report.code, null);
    expect(publicPage).not.toBeNull();
    expect(JSON.stringify(publicPage)).not.toContain("RISERVATO-XYZ");
    expect(JSON.stringify((await outboxOf(w.tenant.id)).slice(before))).not.toContain("RISERVATO-XYZ");
    // Staff do see it on the handling page.
    const staffView = await getStaffReport({ ctx: w.ctx.operator, code: report.code });
    expect(staffView.events.some((e) => e.event.body === "RISERVATO-XYZ" && e.event.visibility === "internal")).toBe(true);
  });
});

describe("officeWorkload", () => {
  it("counts per office for supervisors; operators are forbidden", async () => {
    const rows = await officeWorkload({ ctx: w.ctx.supervisor, days: 30 });
    const green = rows.find((r) => r.officeId === w.green.id)!;
    expect(green).toMatchObject({ officeName: "Ambiente", open: 1, overdue: 1 });
    expect(await caught(() => officeWorkload({ ctx: w.ctx.operator, days: 30 }))).toBeInstanceOf(ForbiddenError);
  });
});
