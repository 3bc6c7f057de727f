import { describe, expect, it } from "vitest";
import { isValidSlug, resolveHost, type HostResolution } from "@/lib/tenancy/resolve-host";

const DEV = "localhost:3000";
const PROD = "piazza.it";

const apex: HostResolution = { kind: "apex" };
const vendor: HostResolution = { kind: "vendor" };
const unknown: HostResolution = { kind: "unknown" };
const tenant = (slug: string): HostResolution => ({ kind: "tenant", slug });
const custom = (host: string): HostResolution => ({ kind: "custom", host });

type Case = [host: string | null | undefined, root: string, expected: HostResolution];

function table(cases: Case[]) {
  it.each(cases)("%j under %s", (host, root, expected) => {
    expect(resolveHost(host, root)).toEqual(expected);
  });
}

describe("resolveHost", () => {
  describe("development root (*.localhost with a port)", () => {
    table([
      ["localhost:3000", DEV, apex],
      ["localhost", DEV, apex],
      ["fossano.localhost:3000", DEV, tenant("fossano")],
      ["fossano.localhost", DEV, tenant("fossano")],
      ["trieste.localhost:3000", DEV, tenant("trieste")],
      ["admin.localhost:3000", DEV, vendor],
      ["san-michele-mondovi.localhost:3000", DEV, tenant("san-michele-mondovi")],
      ["a.localhost:3000", DEV, tenant("a")],
      ["comune2.localhost:3000", DEV, tenant("comune2")],
    ]);
  });

  describe("production root", () => {
    table([
      ["piazza.it", PROD, apex],
      ["piazza.it:443", PROD, apex],
      ["fossano.piazza.it", PROD, tenant("fossano")],
      ["fossano.piazza.it:443", PROD, tenant("fossano")],
      ["admin.piazza.it", PROD, vendor],
      // A development host reaching a production server is not a comune.
      ["fossano.localhost:3000", PROD, unknown],
      ["localhost:3000", PROD, unknown],
      // Look-alikes of the root are other domains, not subdomains of it.
      ["evilpiazza.it", PROD, custom("evilpiazza.it")],
      ["fossano.piazza.it.evil.example", PROD, custom("fossano.piazza.it.evil.example")],
    ]);
  });

  describe("normalisation: case, trailing dot, surrounding whitespace", () => {
    table([
      ["FOSSANO.LOCALHOST:3000", DEV, tenant("fossano")],
      ["Fossano.Piazza.IT", PROD, tenant("fossano")],
      ["ADMIN.PIAZZA.IT", PROD, vendor],
      ["fossano.localhost:3000", "LOCALHOST:3000", tenant("fossano")],
      ["fossano.localhost.:3000", DEV, tenant("fossano")],
      ["fossano.piazza.it.", PROD, tenant("fossano")],
      ["piazza.it.", PROD, apex],
      ["fossano.piazza.it", "piazza.it.", tenant("fossano")],
      ["segnalazioni.comune.fossano.cn.it.", PROD, custom("segnalazioni.comune.fossano.cn.it")],
      // Header values arrive with optional whitespace around them (RFC 9110 OWS).
      ["  fossano.localhost:3000 ", DEV, tenant("fossano")],
    ]);
  });

  describe("www. prefix", () => {
    table([
      ["www.localhost:3000", DEV, apex],
      ["www.piazza.it", PROD, apex],
      ["www.fossano.localhost:3000", DEV, tenant("fossano")],
      ["www.fossano.piazza.it", PROD, tenant("fossano")],
      // Only one www. is dropped; what remains is the reserved name.
      ["www.www.piazza.it", PROD, unknown],
      ["www", DEV, unknown],
    ]);
  });

  describe("reserved subdomains are never comuni", () => {
    table(
      ["api", "app", "assets", "cdn", "console", "mail", "open311", "static", "status", "vendor", "test"].map(
        (sub): Case => [`${sub}.piazza.it`, PROD, unknown],
      ),
    );
    table([
      ["api.localhost:3000", DEV, unknown],
      ["vendor.localhost:3000", DEV, unknown],
    ]);
  });

  describe("nested subdomains of the root", () => {
    table([
      ["a.b.piazza.it", PROD, unknown],
      ["ufficio.fossano.piazza.it", PROD, unknown],
      ["x.admin.piazza.it", PROD, unknown],
      ["fossano.trieste.localhost:3000", DEV, unknown],
    ]);
  });

  describe("custom domains", () => {
    table([
      ["segnalazioni.comune.fossano.cn.it", PROD, custom("segnalazioni.comune.fossano.cn.it")],
      ["segnalazioni.comune.fossano.cn.it", DEV, custom("segnalazioni.comune.fossano.cn.it")],
      ["SEGNALAZIONI.Comune.Fossano.CN.IT:443", PROD, custom("segnalazioni.comune.fossano.cn.it")],
      ["comune.example", PROD, custom("comune.example")],
      // A single label or another *.localhost is never a public domain to look up.
      ["intranet", PROD, unknown],
      ["fossano.localhost", PROD, unknown],
      ["a.b.localhost", PROD, unknown],
    ]);
  });

  describe("IP addresses are never a surface", () => {
    table([
      ["127.0.0.1", DEV, unknown],
      ["127.0.0.1:3000", DEV, unknown],
      ["10.0.0.12:80", PROD, unknown],
      ["[::1]", DEV, unknown],
      ["[::1]:3000", DEV, unknown],
      ["[2001:db8::1]:443", PROD, unknown],
      ["::1", DEV, unknown],
      ["2001:db8::1", PROD, unknown],
      ["[::1", DEV, unknown],
      ["[::1]:abc", DEV, unknown],
      ["[::1]junk", DEV, unknown],
    ]);
  });

  describe("malformed hosts", () => {
    table([
      [null, DEV, unknown],
      [undefined, DEV, unknown],
      ["", DEV, unknown],
      ["   ", DEV, unknown],
      ["fos sano.localhost:3000", DEV, unknown],
      ["fossano.localhost :3000", DEV, unknown],
      ["fossano..localhost:3000", DEV, unknown],
      [".fossano.localhost:3000", DEV, unknown],
      [".localhost:3000", DEV, unknown],
      ["fossano.localhost..", DEV, unknown],
      ["-bad.localhost:3000", DEV, unknown],
      ["bad-.localhost:3000", DEV, unknown],
      ["fossano.localhost:abc", DEV, unknown],
      ["fossano.localhost:", DEV, unknown],
      ["fossano.localhost:3000:1", DEV, unknown],
      ["fossano.localhost:123456", DEV, unknown],
      ["foo_bar.localhost:3000", DEV, unknown],
      ["fossano.localhost/ufficio", DEV, unknown],
      ["user@fossano.localhost", DEV, unknown],
      [`${"a".repeat(64)}.localhost:3000`, DEV, unknown],
      [`${"a".repeat(64)}.example.it`, PROD, unknown],
      [`${"a".repeat(250)}.piazza.it`, PROD, unknown],
      // 259 characters of valid labels: over DNS's 253 even though each label is fine.
      [`${Array.from({ length: 83 }, () => "ab").join(".")}.example.it`, PROD, unknown],
      [`${Array.from({ length: 100 }, () => "ab").join(".")}.example.it`, PROD, unknown],
      ["città.localhost:3000", DEV, unknown],
      ["città.example.it", PROD, unknown],
      ["fossano.localhost\u0000", DEV, unknown],
      ["fossano\u200b.localhost", DEV, unknown],
      // All-digit labels are not slugs (they would look like IP fragments).
      ["123.localhost:3000", DEV, unknown],
    ]);
  });

  it("accepts the longest valid label (63 characters) as a slug (boundary of the case above)", () => {
    const slug = `a${"b".repeat(61)}c`;
    expect(resolveHost(`${slug}.localhost:3000`, DEV)).toEqual(tenant(slug));
  });

  it("accepts punycode (the ASCII form of an IDN) but not the raw unicode", () => {
    expect(resolveHost("xn--citt-1ra.localhost:3000", DEV)).toEqual(tenant("xn--citt-1ra"));
    expect(resolveHost("città.localhost:3000", DEV)).toEqual(unknown);
  });

  it("treats any root it cannot parse as matching nothing", () => {
    expect(resolveHost("fossano.localhost:3000", "")).toEqual(unknown);
    expect(resolveHost("localhost:3000", "localhost:abc")).toEqual(unknown);
  });
});

describe("isValidSlug", () => {
  it.each([
    "fossano",
    "a",
    "trieste",
    "san-michele-mondovi",
    "comune2",
    "2comuni",
    "a-b",
    `a${"b".repeat(61)}c`,
  ])("accepts %j", (slug) => {
    expect(isValidSlug(slug)).toBe(true);
  });

  it.each([
    "",
    "Fossano",
    "-fossano",
    "fossano-",
    "fos sano",
    "fos_sano",
    "fos.sano",
    "città",
    "123",
    "0",
    `a${"b".repeat(62)}c`,
    " fossano",
    "fossano\n",
  ])("rejects %j", (slug) => {
    expect(isValidSlug(slug)).toBe(false);
  });
});

describe("resolveHost: ports out of range and numeric hosts browsers read as IPs", () => {
  table([
    ["fossano.localhost:0", DEV, unknown],
    ["fossano.localhost:99999", DEV, unknown],
    ["fossano.localhost:65535", DEV, tenant("fossano")],
    ["127.1", PROD, unknown],
    ["0x7f.0.0.1", PROD, unknown],
    ["1.2.3", PROD, unknown],
    ["www.127.0.0.1", PROD, unknown],
    ["www.admin.piazza.it", PROD, unknown],
  ]);
});
