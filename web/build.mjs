// Builds the page that `flashpoint serve` shows into the Python package (git-ignored):
// one script and one stylesheet bundled by esbuild, the Natural Earth layers the npm packages
// ship, and Swagger UI's own files for /docs. Run by web/build_backend.py during
// `pip install`, or by hand: `npm ci && node build.mjs`.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] || join(here, "..", "src", "flashpoint", "api", "static");
const modules = join(here, "node_modules");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "geo"), { recursive: true });
mkdirSync(join(out, "docs"), { recursive: true });

await build({
  entryPoints: { app: join(here, "src", "main.js"), style: join(here, "src", "style.css") },
  bundle: true,
  minify: true,
  format: "esm",
  target: ["es2020"],
  outdir: out,
  loader: { ".png": "file", ".svg": "file" },
  assetNames: "assets/[name]-[hash]",
  legalComments: "eof",
  logLevel: "warning",
});

const copies = [
  ["src/index.html", "index.html"],
  ["src/icon.svg", "icon.svg"],
  ["node_modules/world-atlas/countries-50m.json", "geo/countries-50m.json"],
  ["node_modules/mapeo-offline-map/dist/rivers.json", "geo/rivers.json"],
  ["node_modules/mapeo-offline-map/dist/lakes.json", "geo/lakes.json"],
  ["node_modules/swagger-ui-dist/swagger-ui-bundle.js", "docs/swagger-ui-bundle.js"],
  ["node_modules/swagger-ui-dist/swagger-ui.css", "docs/swagger-ui.css"],
  ["node_modules/swagger-ui-dist/favicon-32x32.png", "docs/favicon-32x32.png"],
];
for (const [from, to] of copies) {
  copyFileSync(from.startsWith("node_modules/") ? join(modules, from.slice(13)) : join(here, from), join(out, to));
}
console.log(`web: built into ${out}`);
