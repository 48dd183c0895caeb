"""A corpus of real documents that nobody wrote for Staffroom, built at bench time from files
already on this machine (nothing of it is committed), for `bench.search_bench --real N`.

    python -m bench.real_corpus --count 10000                     # what it would pick, by source
    python -m bench.real_corpus --count 3000 --write /tmp/real.jsonl  # as JSON lines (--corpus)

Sources, each document with a title, summary, body (Markdown-ish plain text), tags and a
category derived from where it came from:

- **docstrings** of the Python standard library (the stdlib of the interpreter running this)
  and of the packages installed in its environment (site-packages: Flask, SQLAlchemy, Whoosh,
  Werkzeug, ...), as reference pages laid out like Python's own documentation: one page per
  module (its docstring, then a section per documented function: heading, signature as a code
  block, docstring) and one per class (its docstring, a section per documented method), in
  parts of at most 1,000 words. Read with `ast` (nothing is imported). Title: the name and the
  first line of its docstring; summary: that first paragraph; category: the top-level package;
  tags: "module" or "class", the top-level package, the module, "stdlib" or "third-party".
  Test suites are left out.
- **package descriptions**: the long description of every installed distribution
  (`*.dist-info/METADATA`), split at its Markdown or reST headings into sections; category
  "Package descriptions"; tags: the distribution and its keywords and topic classifiers.
- **changelogs and NEWS** under /usr/share/doc (plain or gzipped): Debian changelogs one
  document per version entry, other changelogs and NEWS files split at their headings (or in
  paragraphs of about 250 words); at most 40 documents per file (the newest first) so that a
  few very long histories do not crowd out the rest; category "Changelogs"; tags: the package,
  "debian" or "upstream", the urgency.

Manual pages (/usr/share/man) are never read: they are kept for an independent check.

Every candidate is gathered in a fixed order (sorted paths), then the pool is shuffled with
`random.Random(seed)` and the first N taken: the same machine and seed give the same documents,
and the first 3,000 of a 10,000 corpus are the 3,000 corpus. Documents with fewer than 12
words of body, or with the same body as an earlier one (several packages often ship one
changelog), are dropped before shuffling.
"""

import argparse
import ast
import gzip
import json
import random
import re
import sys
import sysconfig
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

MIN_WORDS = 12
PAGE_WORDS = 1000
MAX_PER_FILE = 40
SECTION_WORDS = 250
SKIPPED_DIRS = frozenset(
    {"test", "tests", "testing", "idle_test", "__pycache__", "site-packages", "dist-packages", "lib2to3", "turtledemo"}
)
DOC_ROOT = Path("/usr/share/doc")


# --- Docstrings --------------------------------------------------------------------------------


def _python_files(root: Path) -> Iterator[Path]:
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        if any(part in SKIPPED_DIRS or part.startswith(".") for part in parts[:-1]):
            continue
        if path.name.startswith("test_"):
            continue
        yield path


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _signature(node) -> str:
    if isinstance(node, ast.ClassDef):
        bases = ", ".join(ast.unparse(base) for base in node.bases)
        return f"class {node.name}({bases})" if bases else f"class {node.name}"
    try:
        arguments = ast.unparse(node.args)
    except Exception:  # noqa: BLE001 - a signature is a nicety
        arguments = "..."
    return f"def {node.name}({arguments})"


def _section(node, doc: str) -> str:
    return f"## {node.name}\n\n    {_signature(node)}\n\n{doc.strip()}"


def _page(module: str, name: str, kind: str, doc: str | None, sections: list[str], origin: str) -> Iterator[dict]:
    """A reference page: the module's or class's docstring, then a section per documented
    function or method (as Python's own documentation is laid out), in parts of at most
    PAGE_WORDS words."""
    doc = (doc or "").strip()
    # The first paragraph that says something (not a reST title: the name over a row of "~").
    paragraphs = [
        " ".join(line for line in paragraph.split("\n") if not _RST_UNDERLINE.match(line.strip()))
        for paragraph in re.split(r"\n\s*\n", doc)
    ]
    lead = next((" ".join(p.split()) for p in paragraphs if p.strip() and p.strip() not in (module, name)), "")
    title = f"The {name} {kind}: {lead}" if lead else f"The {name} {kind}"
    top = module.split(".")[0]
    parts, current, words = [], [doc] if doc else [], len(doc.split())
    for section in sections:
        if current and words + len(section.split()) > PAGE_WORDS:
            parts.append(current)
            current, words = [], 0
        current.append(section)
        words += len(section.split())
    if current:
        parts.append(current)
    for number, part in enumerate(parts, start=1):
        body = "\n\n".join(part)
        if len(body.split()) < MIN_WORDS:
            continue
        yield {
            "title": _cut(title if number == 1 else f"{title} (part {number})", 150),
            "summary": _cut(lead or f"{kind.capitalize()} {name} of {module}.", 300),
            "body": f"Defined in `{module}`.\n\n{body}",
            "tags": list(dict.fromkeys([kind, top, module, origin]))[:10],
            "category": top,
            "source": f"docstrings ({origin})",
        }


def docstrings(root: Path, origin: str) -> Iterator[dict]:
    """A reference page for each module (its docstring and its functions') and each class (its
    docstring and its methods') under `root` that has some documentation."""
    for path in _python_files(root):
        module = _module_name(root, path)
        if not module:
            continue
        try:
            tree = ast.parse(path.read_bytes(), filename=str(path))
        except (SyntaxError, ValueError, UnicodeDecodeError, RecursionError):
            continue
        yield from _pages(tree, module, module, "module", origin)


def _pages(node, module: str, name: str, kind: str, origin: str) -> Iterator[dict]:
    sections, classes = [], []
    for child in node.body:
        if isinstance(child, ast.ClassDef):
            classes.append(child)
        elif isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            doc = ast.get_docstring(child)
            if doc and len(doc.split()) >= 3:
                sections.append(_section(child, doc))
    yield from _page(module, name, kind, ast.get_docstring(node), sections, origin)
    for child in classes:
        yield from _pages(child, module, f"{name}.{child.name}" if kind == "class" else child.name, "class", origin)


# --- Package descriptions (METADATA) -------------------------------------------------------------

_MD_HEADING = re.compile(r"^#{1,4}\s+(.+?)\s*#*\s*$")
_RST_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")


def _sections(text: str) -> list[tuple[str, str]]:
    """(heading, text) for each section of a Markdown or reST text, at its headings."""
    lines = text.splitlines()
    sections: list[tuple[str, list[str]]] = [("", [])]
    index = 0
    while index < len(lines):
        line = lines[index]
        following = lines[index + 1] if index + 1 < len(lines) else ""
        heading = _MD_HEADING.match(line)
        if heading:
            sections.append((heading.group(1), []))
        elif line.strip() and _RST_UNDERLINE.match(following) and len(following.strip()) >= len(line.strip()) - 2:
            sections.append((line.strip(), []))
            index += 1
        elif not _RST_UNDERLINE.match(line):
            sections[-1][1].append(line)
        index += 1
    return [(heading, "\n".join(body).strip()) for heading, body in sections]


def package_descriptions(site: Path) -> Iterator[dict]:
    for metadata_path in sorted(site.glob("*.dist-info/METADATA")):
        text = metadata_path.read_text(encoding="utf-8", errors="replace")
        header, _, description = text.partition("\n\n")
        fields: dict[str, list[str]] = {}
        for line in header.splitlines():
            key, _, value = line.partition(": ")
            fields.setdefault(key, []).append(value.strip())
        name = (fields.get("Name") or [metadata_path.parent.name.split("-")[0]])[0]
        summary = (fields.get("Summary") or [""])[0]
        keywords = [k.strip().lower() for k in re.split(r"[,\s]+", (fields.get("Keywords") or [""])[0]) if k.strip()]
        topics = [c.split("::")[-1].strip().lower() for c in fields.get("Classifier", []) if c.startswith("Topic")]
        tags = list(dict.fromkeys([name.lower(), *topics, *keywords]))[:10]
        for number, (heading, body) in enumerate(_sections(description)[:MAX_PER_FILE]):
            if len(body.split()) < MIN_WORDS:
                continue
            title = f"{name}: {heading}" if heading else f"{name}: {summary or 'about the package'}"
            yield {
                "title": _cut(title, 150),
                "summary": _cut(summary if number else " ".join(body.split()[:45]), 300),
                "body": body,
                "tags": tags,
                "category": "Package descriptions",
                "source": "package descriptions",
            }


# --- Changelogs and NEWS under /usr/share/doc ---------------------------------------------------

_DEBIAN_ENTRY = re.compile(r"^(\S+) \(([^)]+)\) ([^;]*);.*?urgency=(\w+)", re.MULTILINE)


def _read(path: Path) -> str:
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    except (OSError, EOFError):
        return ""
    return raw.decode("utf-8", errors="replace")


def _debian_entries(package: str, text: str) -> Iterator[dict]:
    matches = list(_DEBIAN_ENTRY.finditer(text))
    for match, following in zip(matches, [*matches[1:], None]):
        end = following.start() if following else len(text)
        block = text[match.end() : end]
        block = re.sub(r"^ -- .*$", "", block, flags=re.MULTILINE)  # the maintainer's sign-off
        lines = [line[2:] if line.startswith("  ") else line for line in block.strip("\n").splitlines()]
        body = "\n".join(lines).strip()
        first = next((line.lstrip("*- ").strip() for line in lines if line.strip().lstrip("*- ")), "")
        urgency = match.group(4).lower()
        yield {
            "title": _cut(f"{match.group(1)} {match.group(2)}: {first}", 150),
            "summary": _cut(" ".join(body.replace("*", " ").split()[:45]), 300),
            "body": body,
            "tags": list(dict.fromkeys([package.lower(), "debian", f"urgency {urgency}"])),
            "category": "Changelogs",
            "source": "changelogs (Debian)",
        }


def _upstream_entries(package: str, kind: str, text: str) -> Iterator[dict]:
    sections = [(heading, body) for heading, body in _sections(text) if body]
    if len(sections) <= 1:  # no headings: paragraphs of about SECTION_WORDS words
        chunks, current = [], []
        for paragraph in re.split(r"\n\s*\n", text):
            current.append(paragraph)
            if sum(len(p.split()) for p in current) >= SECTION_WORDS:
                chunks.append("\n\n".join(current))
                current = []
        if current:
            chunks.append("\n\n".join(current))
        sections = [("", chunk.strip()) for chunk in chunks]
    for heading, body in sections:
        first = next((line.strip(" *-") for line in body.splitlines() if line.strip(" *-")), "")
        yield {
            "title": _cut(f"{package} {kind}: {heading or first}", 150),
            "summary": _cut(" ".join(body.split()[:45]), 300),
            "body": body,
            "tags": list(dict.fromkeys([package.lower(), "upstream", kind.lower()])),
            "category": "Changelogs",
            "source": "changelogs and NEWS (upstream)",
        }


def changelogs(root: Path = DOC_ROOT) -> Iterator[dict]:
    if not root.is_dir():
        return
    for directory in sorted(path for path in root.iterdir() if path.is_dir()):
        package = directory.name
        for path in sorted(directory.iterdir()):
            name = path.name.lower()
            if not path.is_file() or not name.startswith(("changelog", "news")) or name.endswith(".html.gz"):
                continue
            if name.endswith(".html"):
                continue
            text = _read(path)
            if not text.strip():
                continue
            entries = (
                _debian_entries(package, text)
                if name.startswith("changelog.debian")
                or (name.startswith("news.debian") and _DEBIAN_ENTRY.search(text))
                else _upstream_entries(package, "NEWS" if name.startswith("news") else "changelog", text)
            )
            taken = 0
            for entry in entries:
                if len(entry["body"].split()) < MIN_WORDS:
                    continue
                yield entry
                taken += 1
                if taken >= MAX_PER_FILE:
                    break


# --- The pool and the choice -------------------------------------------------------------------


def _cut(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def pool() -> list[dict]:
    """Every candidate document on this machine, in a fixed order, duplicates dropped."""
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    site = Path(sysconfig.get_paths()["purelib"])
    sources = [docstrings(stdlib, "stdlib")]
    if site.is_dir() and site != stdlib:
        sources += [docstrings(site, "third-party"), package_descriptions(site)]
    sources.append(changelogs())
    seen, documents = set(), []
    for source in sources:
        for document in source:
            key = " ".join(document["body"].split())  # one changelog is often shipped by several packages
            if key in seen:
                continue
            seen.add(key)
            documents.append(document)
    return documents


def build(count: int, seed: int) -> list[dict]:
    """`count` documents chosen from the pool with `seed` (a prefix of any larger choice)."""
    documents = pool()
    if len(documents) < count:
        raise SystemExit(f"real corpus: only {len(documents)} documents on this machine, {count} asked for")
    print(f"  real corpus: {len(documents)} candidate documents on this machine")
    random.Random(seed).shuffle(documents)
    return documents[:count]


def describe(documents: list[dict]) -> str:
    by_source = Counter(document["source"] for document in documents)
    words = sum(len(document["body"].split()) for document in documents) / max(1, len(documents))
    return (
        ", ".join(f"{count} {source}" for source, count in by_source.most_common())
        + f"; {words:.0f} words of body on average"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument("--write", help="write the documents as JSON lines here (never commit it)")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    documents = build(args.count, args.seed)
    print(f"{len(documents)} documents in {time.perf_counter() - started:.1f} s: {describe(documents)}")
    if args.write:
        with open(args.write, "w", encoding="utf-8") as out:
            for document in documents:
                out.write(json.dumps({k: v for k, v in document.items() if k != "source"}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
