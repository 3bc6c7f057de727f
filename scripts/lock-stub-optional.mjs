// The registry reachable from these machines lacks some platform-specific optional packages
// (@next/swc-darwin-*, @swc/core-win32-*, …). npm then writes a lockfile without them, and `npm ci`
// refuses it as "out of sync". This adds a stub entry, marked optional and limited to its own os/cpu,
// for every optional dependency missing from the lockfile: npm ci accepts the lockfile and skips the
// stubs on this platform (as it would skip them anyway). Run after any `npm install` that changes the lock.
import fs from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const packages = lock.packages;
const OS = { darwin: "darwin", win32: "win32", linux: "linux", freebsd: "freebsd", android: "android", openharmony: "openharmony", wasm32: null };
const CPU = ["arm64", "x64", "ia32", "arm", "ppc64", "s390x", "riscv64", "loong64"];
let added = 0;
for (const [path, meta] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[base] || packages[`node_modules/${name}`]) continue;
    const parts = name.split("/").pop().split("-");
    const os = parts.find((p) => p in OS);
    const cpu = parts.find((p) => CPU.includes(p)) ?? (parts.includes("wasm32") ? "wasm32" : undefined);
    const stub = { version: spec.replace(/^[\^~=]/, ""), optional: true };
    if (os && OS[os]) stub.os = [OS[os]];
    if (cpu) stub.cpu = [cpu];
    if (!stub.os && !stub.cpu) stub.cpu = ["wasm32"];
    packages[`node_modules/${name}`] = stub;
    added++;
  }
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-stub-optional: ${added} stub entries added`);
