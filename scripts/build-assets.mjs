// Builds app/static/vendor/ from the npm packages: GOV.UK Frontend's JavaScript, htmx, and
// our stylesheet compiled with GOV.UK Frontend's Sass (system fonts, no GDS Transport, no crown).
import { mkdirSync, copyFileSync, writeFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const vendor = join(root, "app", "static", "vendor");
const modules = join(root, "node_modules");

// Compile first: a Sass error leaves the previous build in place.
const css = sass.compile(join(root, "app", "static", "scss", "staffroom.scss"), {
  loadPaths: [modules],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});

rmSync(vendor, { recursive: true, force: true });
mkdirSync(vendor, { recursive: true });

const copies = [
  ["govuk-frontend/dist/govuk/govuk-frontend.min.js", "govuk-frontend.min.js"],
  ["htmx.org/dist/htmx.min.js", "htmx.min.js"],
];
for (const [from, to] of copies) {
  copyFileSync(join(modules, from), join(vendor, to));
}

writeFileSync(join(vendor, "staffroom.css"), css.css);
console.log(`vendor: ${copies.length} scripts copied, staffroom.css ${css.css.length} bytes`);
