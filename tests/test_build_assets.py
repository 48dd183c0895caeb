"""scripts/build-assets.mjs keeps the previous build's fingerprinted files (issue 25, safe deploys):
during a rolling deploy a page served by the previous release still loads its CSS and JS from a
host that runs the new one. The real build runs (Sass included) in a copy of the project's static
folder, three times, so the project's own build is left alone."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from app.assets import KEPT, MANIFEST, Manifest

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")

needs_node = pytest.mark.skipif(
    NODE is None or not (ROOT / "node_modules" / "sass").is_dir(),
    reason="node and node_modules (`make setup`) are needed to run the asset build",
)


@pytest.fixture
def project(tmp_path):
    """A copy of what the build reads: the script, app/static's sources and node_modules (linked)."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "build-assets.mjs", tmp_path / "scripts")
    static = tmp_path / "app" / "static"
    for folder in ("scss", "js", "images"):
        shutil.copytree(ROOT / "app" / "static" / folder, static / folder)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return tmp_path


def build(project: Path) -> dict[str, str]:
    subprocess.run([NODE, str(project / "scripts" / "build-assets.mjs")], check=True, capture_output=True, timeout=120)
    return json.loads((project / "app" / "static" / MANIFEST).read_text())


def files(project: Path) -> set[str]:
    static = project / "app" / "static"
    return {str(path.relative_to(static)) for path in (static / "vendor").rglob("*") if path.is_file()}


@needs_node
def test_a_build_keeps_the_previous_builds_hashed_files_and_removes_older_ones(project):
    ask = project / "app" / "static" / "js" / "ask.js"
    first = build(project)
    assert json.loads((project / "app" / "static" / KEPT).read_text()) == []

    ask.write_text(ask.read_text() + "\n// second release\n")
    second = build(project)
    assert second["js/ask.js"] != first["js/ask.js"]
    on_disk = files(project)
    # The first build's page still finds its script, compressed variants too, and the new one is there.
    assert {first["js/ask.js"], first["js/ask.js"] + ".gz", first["js/ask.js"] + ".br"} <= on_disk
    assert set(second.values()) <= on_disk
    assert json.loads((project / "app" / "static" / KEPT).read_text()) == [first["js/ask.js"]]
    # Unchanged files keep their names, once.
    assert second["vendor/staffroom.css"] == first["vendor/staffroom.css"]
    css = {name for name in on_disk if name.startswith("vendor/staffroom.") and name.endswith(".css")}
    assert css == {"vendor/staffroom.css", second["vendor/staffroom.css"]}

    ask.write_text(ask.read_text() + "\n// third release\n")
    third = build(project)
    on_disk = files(project)
    assert second["js/ask.js"] in on_disk  # the previous build's
    assert not any(name.startswith(first["js/ask.js"]) for name in on_disk)  # two builds back: gone
    assert json.loads((project / "app" / "static" / KEPT).read_text()) == [second["js/ask.js"]]
    assert set(third.values()) <= on_disk


def test_the_kept_names_count_as_hashed_so_they_are_served_as_immutable(tmp_path):
    vendor = tmp_path / "vendor"
    vendor.mkdir()
    (vendor / "manifest.json").write_text(json.dumps({"js/ask.js": "vendor/js/ask.222222222222.js"}))
    (vendor / "kept.json").write_text(json.dumps(["vendor/js/ask.111111111111.js"]))
    manifest = Manifest(vendor / "manifest.json", reload=False)
    assert manifest.is_hashed("vendor/js/ask.222222222222.js")
    assert manifest.is_hashed("vendor/js/ask.111111111111.js")
    assert not manifest.is_hashed("vendor/js/ask.000000000000.js")
    assert manifest.hashed("js/ask.js") == "vendor/js/ask.222222222222.js"
