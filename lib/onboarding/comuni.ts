import fs from "node:fs";
import path from "node:path";

/** One of Italy's ~7,900 comuni (ISTAT list in data/comuni.json, built by scripts/build-comuni.mjs). */
export type Comune = {
  istat: string;
  name: string;
  province: string;
  region: string;
  /** 2011 census; null for a comune created since (no figure in the packaged sources). */
  population: number | null;
  /** The seat of the comune (GeoNames, joined on the ISTAT code: see data/comuni.json "source"). */
  lat: number;
  lng: number;
  /** True when no seat was found and the centre is the province capital's: the setup wizard asks to place it. */
  centreApprox: boolean;
};

type Row = [string, string, string, string, number | null, number, number, 1?];
type Indexed = Comune & { key: string };

let cache: Indexed[] | null = null;

function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function load(): Indexed[] {
  if (cache) return cache;
  const file = JSON.parse(fs.readFileSync(path.join(process.cwd(), "data", "comuni.json"), "utf8")) as { rows: Row[] };
  cache = file.rows.map(([istat, name, province, region, population, lat, lng, approx]) => ({
    istat,
    name,
    province,
    region,
    population,
    lat,
    lng,
    centreApprox: approx === 1,
    key: fold(name),
  }));
  return cache;
}

export function findComune(istat: string): Comune | null {
  const hit = load().find((c) => c.istat === istat);
  return hit ? strip(hit) : null;
}

/** Accent- and case-insensitive search: names starting with the query first, then names containing it. */
export function searchComuni(query: string, limit = 10): Comune[] {
  const q = fold(query);
  if (q.length < 2) return [];
  const all = load();
  const starts = all.filter((c) => c.key.startsWith(q));
  const contains = starts.length >= limit ? [] : all.filter((c) => !c.key.startsWith(q) && c.key.includes(q));
  return [...starts, ...contains].slice(0, limit).map(strip);
}

export function comuniCount(): number {
  return load().length;
}

/** A subdomain suggestion from the name: "Reggio nell'Emilia" → "reggio-nell-emilia". */
export function suggestSlug(name: string): string {
  return fold(name).replace(/ /g, "-").slice(0, 63).replace(/-+$/, "");
}

function strip(c: Indexed): Comune {
  return {
    istat: c.istat,
    name: c.name,
    province: c.province,
    region: c.region,
    population: c.population,
    lat: c.lat,
    lng: c.lng,
    centreApprox: c.centreApprox,
  };
}
