// The fan path's JavaScript budget (issue 12: ≤ 200 KB gzipped): every chunk reachable from the
// entry, static or lazy, except the bidder, organizer and gate-staff sections, plus the proof-of-
// work worker. Reads Vite's manifest; fails the build when over. Usage: node bundle-budget.mjs DIST
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const kBudgetBytes = 200 * 1024;
const kNotFanPath = /^src\/pages\/(campaigns|admin|scan)\//;

const dist = process.argv[2] ?? "dist";
const manifest = JSON.parse(await readFile(join(dist, ".vite/manifest.json"), "utf8"));
const files = new Set();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk || files.has(chunk.file)) return;
  files.add(chunk.file);
  for (const next of chunk.imports ?? []) visit(next);
  for (const next of chunk.dynamicImports ?? []) if (!kNotFanPath.test(next)) visit(next);
};
visit("index.html");
// The waiting room's proof-of-work worker is on the fan path; the gate's QR decoder worker
// (qr-scanner-worker, loaded with the camera on /scan) is not.
for (const name of await readdir(join(dist, "assets"))) if (/^pow\.worker-.*\.js$/.test(name)) files.add(`assets/${name}`);

let total = 0;
for (const file of [...files].filter((f) => f.endsWith(".js"))) total += gzipSync(await readFile(join(dist, file)), { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1);
console.log(`bundle-budget: fan path JavaScript ${kb(total)} KB gzipped (budget ${kb(kBudgetBytes)} KB), ${files.size} files`);
if (total > kBudgetBytes) {
  console.error("bundle-budget: over budget");
  process.exit(1);
}
