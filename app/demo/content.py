"""The demo's content files (app/demo/content/): articles as Markdown with YAML front matter, the rest YAML.

Found next to this module (packaged with it), read on first use and kept for the process; callers
read what they get and never change it.
"""

from functools import cache
from pathlib import Path
from typing import Any, TextIO

import yaml

CONTENT_DIR = Path(__file__).parent / "content"
ARTICLES_DIR = CONTENT_DIR / "articles"


def _parse(stream: str | TextIO) -> Any:
    """YAML's plain data (safe loading: no Python objects), with PyYAML's C parser when it was built
    with libyaml (several times faster), its pure Python one otherwise."""
    if hasattr(yaml, "CSafeLoader"):
        return yaml.load(stream, Loader=yaml.CSafeLoader)
    return yaml.safe_load(stream)


@cache
def data(name: str) -> Any:
    """The YAML file `name`.yaml of the content folder, parsed."""
    with (CONTENT_DIR / f"{name}.yaml").open(encoding="utf-8") as file:
        return _parse(file)


def read_markdown(path: Path) -> tuple[dict[str, Any], str]:
    """A Markdown file's front matter (the YAML between its two `---` lines) and its body, as written."""
    text = path.read_text(encoding="utf-8")
    opening, front_matter, body = text.split("---\n", 2)
    if opening:
        raise ValueError(f"{path}: a content file starts with its front matter, between two '---' lines")
    return _parse(front_matter), body


@cache
def articles() -> list[dict[str, Any]]:
    """Each article's front matter, with its `body` and `history`: its earlier versions (front matter
    `note` and `author`, and `body`), oldest first. In file-name order: the order they are created."""
    loaded: list[dict[str, Any]] = []
    for path in sorted(ARTICLES_DIR.glob("*.md")):
        article, body = read_markdown(path)
        history: list[dict[str, Any]] = []
        for version_path in sorted(
            (ARTICLES_DIR / "history").glob(f"{article['slug']}.*.md"),
            key=lambda version: int(version.name.rsplit(".", 2)[1]),
        ):
            version, version_body = read_markdown(version_path)
            history.append({**version, "body": version_body})
        loaded.append({**article, "body": body, "history": history})
    return loaded


def services() -> list[dict[str, Any]]:
    """The service catalogue: each service with its form, and the subjects and descriptions of its requests."""
    services: list[dict[str, Any]] = data("services")["services"]
    return services


def service_categories() -> list[str]:
    categories: list[str] = data("services")["categories"]
    return categories


def ideas() -> list[dict[str, Any]]:
    ideas: list[dict[str, Any]] = data("ideas")
    return ideas
