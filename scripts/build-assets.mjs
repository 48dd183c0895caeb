// Builds app/static/vendor/ from the npm packages: GOV.UK Frontend's JavaScript, htmx, turndown
// and its GFM plugin (the article editor's paste from Word and Outlook, as ES modules), and
// our stylesheet compiled with GOV.UK Frontend's Sass (system fonts, no GDS Transport, no crown).
//
// Then fingerprints what the pages load: every built file and everything under app/static/js/
// and app/static/images/ gets a copy named after a hash of its content
// (vendor/staffroom.3f2a1c9d0b4e.css), with the references inside it (a stylesheet's url(...),
// a module's relative imports) pointing at hashed names too. vendor/manifest.json maps each
// plain name to its hashed one; app/assets.py reads it, so url_for("static", ...) gives the
// hashed URL, served as immutable. Last, each text file gets .gz and .br versions, which
// whitenoise sends to browsers that accept them.
import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const staticDir = join(root, "app", "static");
const vendor = join(staticDir, "vendor");
const modules = join(root, "node_modules");

// Compile first: a Sass error leaves the previous build in place.
const css = sass.compile(join(staticDir, "scss", "staffroom.scss"), {
  loadPaths: [modules],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});

// --- Keeping the previous build's fingerprinted files ----------------------------------------
// During a rolling deploy a page served by the previous release asks for the previous build's
// hashed names, perhaps from a host already running this one: those files stay (with their .gz
// and .br), listed in vendor/kept.json so they are still served as immutable. Everything else in
// vendor/ goes, the build before the previous one's hashed files included: at most two builds'
// files are ever kept. (Start from the previous release's vendor/ to keep its files: see
// docs/deploying.md.)
const MANIFEST = join(vendor, "manifest.json");
const KEPT = join(vendor, "kept.json");

function previousHashedNames() {
  let previous;
  try {
    previous = JSON.parse(readFileSync(MANIFEST, "utf8"));
  } catch {
    return new Set(); // no previous build (or an unreadable manifest): nothing to keep
  }
  return new Set(Object.values(previous).filter((name) => typeof name === "string" && name.startsWith("vendor/")));
}

function pruneVendor(keep) {
  const kept = [];
  const walk = (dir, prefix) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const name = `${prefix}${entry.name}`;
      if (entry.isDirectory()) {
        walk(path, `${name}/`);
        if (readdirSync(path).length === 0) rmSync(path, { recursive: true });
      } else if (keep.has(name.replace(/\.(gz|br)$/, ""))) {
        if (keep.has(name)) kept.push(name);
      } else {
        rmSync(path);
      }
    }
  };
  walk(vendor, "vendor/");
  return kept;
}

mkdirSync(vendor, { recursive: true });
const keptFiles = new Set(pruneVendor(previousHashedNames()));

const copies = [
  ["govuk-frontend/dist/govuk/govuk-frontend.min.js", "govuk-frontend.min.js"],
  ["htmx.org/dist/htmx.min.js", "htmx.min.js"],
  ["turndown/lib/turndown.browser.es.js", "turndown.browser.es.js"],
  ["turndown-plugin-gfm/lib/turndown-plugin-gfm.browser.es.js", "turndown-plugin-gfm.browser.es.js"],
];
for (const [from, to] of copies) {
  copyFileSync(join(modules, from), join(vendor, to));
}
writeFileSync(join(vendor, "staffroom.css"), css.css);

// --- Fingerprinting ------------------------------------------------------------------------
// Names are paths under app/static/, as templates give them to url_for("static", filename=...).

const manifest = {};
const inProgress = new Set();

function hashedName(name, content) {
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 12);
  const target = name.startsWith("vendor/") ? name : `vendor/${name}`;
  const ext = posix.extname(target);
  return `${target.slice(0, target.length - ext.length)}.${hash}${ext}`;
}

function relativeTo(fromDir, toName) {
  const path = posix.relative(fromDir, toName);
  return path.startsWith(".") ? path : `./${path}`;
}

// A reference inside `name` (relative, or absolute under /static/) as the name it refers to.
function resolve(name, reference) {
  if (reference.startsWith("/static/")) return reference.slice("/static/".length);
  if (reference.startsWith("./") || reference.startsWith("../")) {
    return posix.normalize(posix.join(posix.dirname(name), reference));
  }
  throw new Error(`${name} refers to ${reference}: only files of this site, by relative or /static/ path, are allowed`);
}

// Where a reference inside `name`'s hashed copy (in `hashedDir`) must point: the referenced
// file's hashed copy, fingerprinted first (its hash must be known). It must be in app/static/.
function rewrite(name, hashedDir, reference) {
  const target = resolve(name, reference);
  try {
    statSync(join(staticDir, target));
  } catch {
    throw new Error(`${name} refers to ${reference} (${target}), which is not in app/static/`);
  }
  return relativeTo(hashedDir, fingerprint(target));
}

const URL_IN_CSS = /url\(\s*(["']?)([^"')]+)\1\s*\)/g;
const RELATIVE_IMPORT = /(\bfrom\s*|\bimport\s*\(?\s*)(["'])(\.{1,2}\/[^"']+)\2/g;
const SOURCE_MAP = /\n?\/\/# sourceMappingURL=\S+\s*$/; // the maps are not shipped

function fingerprint(name) {
  if (manifest[name]) return manifest[name];
  if (inProgress.has(name)) throw new Error(`${name} refers back to itself through its references`);
  inProgress.add(name);
  let content = readFileSync(join(staticDir, name));
  // The hashed name comes from the content as served, references rewritten: so a change to a
  // referenced file changes the name of every file that refers to it.
  const hashedDir = posix.dirname(hashedName(name, ""));
  if (name.endsWith(".css")) {
    content = content.toString("utf8").replace(URL_IN_CSS, (whole, quote, url) => (
      url.startsWith("data:") || url.startsWith("#") ? whole : `url(${quote}${rewrite(name, hashedDir, url)}${quote})`
    ));
  } else if (name.endsWith(".js")) {
    content = content.toString("utf8").replace(SOURCE_MAP, "");
    if (!name.startsWith("vendor/")) {
      content = content.replace(RELATIVE_IMPORT, (whole, keyword, quote, path) => (
        `${keyword}${quote}${rewrite(name, hashedDir, path)}${quote}`
      ));
    }
  }
  const hashed = hashedName(name, content);
  mkdirSync(join(staticDir, hashedDir), { recursive: true });
  writeFileSync(join(staticDir, hashed), content);
  manifest[name] = hashed;
  inProgress.delete(name);
  return hashed;
}

function filesUnder(dir, prefix) {
  return readdirSync(join(staticDir, dir), { withFileTypes: true }).flatMap((entry) => {
    const name = `${prefix}${entry.name}`;
    return entry.isDirectory() ? filesUnder(name, `${name}/`) : [name];
  });
}

const plainVendorFiles = filesUnder("vendor", "vendor/").filter((name) => !keptFiles.has(name) && !/\.(gz|br)$/.test(name));
for (const name of [...plainVendorFiles, ...filesUnder("js", "js/"), ...filesUnder("images", "images/")]) {
  fingerprint(name);
}
const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
writeFileSync(MANIFEST, `${JSON.stringify(sorted, null, 2)}\n`);
const current = new Set(Object.values(manifest));
const keptOnly = [...keptFiles].filter((name) => !current.has(name)).sort();
writeFileSync(KEPT, `${JSON.stringify(keptOnly, null, 2)}\n`);

// --- Pre-compression -----------------------------------------------------------------------
// Best compression once at build time (whitenoise serves the files as they are); a variant is
// kept only if it saves at least 5%, as whitenoise's own compressor does.
const COMPRESSIBLE = new Set([".css", ".js", ".svg", ".json"]);
let compressed = 0;
for (const name of filesUnder("vendor", "vendor/")) {
  if (!COMPRESSIBLE.has(posix.extname(name)) || keptFiles.has(name) || name === "vendor/kept.json") continue;
  const data = readFileSync(join(staticDir, name));
  const variants = {
    gz: gzipSync(data, { level: 9 }),
    br: brotliCompressSync(data, {
      params: {
        [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
        [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
        [zlib.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  };
  for (const [ext, bytes] of Object.entries(variants)) {
    if (bytes.length <= data.length * 0.95) {
      writeFileSync(join(staticDir, `${name}.${ext}`), bytes);
      compressed += 1;
    }
  }
}

console.log(`vendor: ${copies.length} scripts copied, staffroom.css ${css.css.length} bytes, `
  + `${Object.keys(manifest).length} files fingerprinted, ${compressed} compressed variants, `
  + `${keptOnly.length} files of the previous build kept`);
