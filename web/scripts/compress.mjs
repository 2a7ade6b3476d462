// Writes .br and .gz siblings next to every compressible file of the build, so tixd can send
// them as they are (Content-Encoding) instead of compressing on each request.
// Usage: node scripts/compress.mjs DIST_DIR
import { readdir, readFile, writeFile, stat } from "node:fs/promises";
import { join, extname } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const kCompressible = new Set([".js", ".mjs", ".css", ".html", ".svg", ".json", ".txt", ".map", ".webmanifest"]);
// Below this a compressed copy saves less than the extra header and lookup cost.
const kMinBytes = 512;

async function* FilesUnder(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* FilesUnder(path);
    else yield path;
  }
}

async function CompressTree(dir) {
  let written = 0;
  for await (const path of FilesUnder(dir)) {
    if (!kCompressible.has(extname(path))) continue;
    if ((await stat(path)).size < kMinBytes) continue;
    const bytes = await readFile(path);
    await writeFile(`${path}.gz`, gzipSync(bytes, { level: 9 }));
    await writeFile(
      `${path}.br`,
      brotliCompressSync(bytes, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
      }),
    );
    written += 1;
  }
  console.log(`compress: ${written} files with .gz and .br siblings in ${dir}`);
}

await CompressTree(process.argv[2] ?? "dist");
