// Prints the download size of the given files: raw, gzip -9 and brotli q11
// (what a web server sends with compression on). Used by scripts/build-web.sh.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const mb = (n) => (n / 1e6).toFixed(2).padStart(7) + " MB";
const totals = [0, 0, 0];
console.log("file                       raw        gzip -9    brotli q11");
for (const file of process.argv.slice(2)) {
  const bytes = readFileSync(file);
  const sizes = [
    bytes.length,
    gzipSync(bytes, { level: 9 }).length,
    brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  ];
  sizes.forEach((size, i) => (totals[i] += size));
  console.log(basename(file).padEnd(22), sizes.map(mb).join("  "));
}
console.log("total".padEnd(22), totals.map(mb).join("  "));
