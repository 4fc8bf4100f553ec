// Writes a brotli (quality 11) and a gzip (level 9) copy beside each JS, WASM and CSS file of
// the built bundle, for the server to send as they are (ServeDir's precompressed files).
// Run after `cargo leptos build --release`:  node tools/precompress.mjs [target/site/pkg]
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const dir = process.argv[2] ?? "target/site/pkg";
const kinds = { ".wasm": constants.BROTLI_MODE_GENERIC, ".js": constants.BROTLI_MODE_TEXT, ".css": constants.BROTLI_MODE_TEXT };

for (const name of readdirSync(dir)) {
  const kind = Object.keys(kinds).find((ext) => name.endsWith(ext));
  if (!kind) continue;
  const path = join(dir, name);
  const data = readFileSync(path);
  const br = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: kinds[kind],
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  const gz = gzipSync(data, { level: 9 });
  writeFileSync(`${path}.br`, br);
  writeFileSync(`${path}.gz`, gz);
  console.log(`${name}: ${(data.length / 1024).toFixed(1)} KB, br ${(br.length / 1024).toFixed(1)} KB, gzip ${(gz.length / 1024).toFixed(1)} KB`);
}
