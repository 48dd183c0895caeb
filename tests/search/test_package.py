"""The search package's shape: one public face that features import from, nothing outside it
talking to Whoosh, the Whoosh functions keeping to the backend's operations, reads that say they
apply pending changes, and one BM25 for search, Ask Staffroom and its passages."""

import ast
import inspect
import math
from pathlib import Path

import pytest

from app import search
from app.search import backend, ranking
from tests.factories import make_article

APP = Path(search.__file__).parent.parent
ROOT = APP.parent
SEARCH = APP / "search"


def imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, module, names) of every import in a file, function-level ones too."""
    imported = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            imported += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            imported.append((node.lineno, node.module, [alias.name for alias in node.names]))
    return imported


def python_files(*folders: str):
    for folder in folders:
        yield from (ROOT / folder).rglob("*.py")


def test_nothing_outside_the_search_package_imports_whoosh():
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in python_files("app")
        if SEARCH not in path.parents
        for line, module, _ in imports(path)
        if module == "whoosh" or module.startswith("whoosh.")
    ]
    assert offenders == []


def test_features_import_search_only_through_its_public_face():
    """`from app.search import <public name>` (or `from app import search`); only the app factory
    reaches behind it, to register the search pages' blueprint as it does every feature's, and the
    package's own tests (tests/search), which look at its parts."""
    offenders = []
    for path in python_files("app", "bench", "tests"):
        if SEARCH in path.parents or ROOT / "tests" / "search" in path.parents:
            continue
        for line, module, names in imports(path):
            allowed = (module == "app.search" and set(names) <= set(search.__all__)) or (
                module == "app.search.routes" and path == APP / "__init__.py" and names == ["bp"]
            )
            if (module == "app.search" or module.startswith("app.search.")) and not allowed:
                offenders.append(f"{path.relative_to(ROOT)}:{line} from {module} import {', '.join(names)}")
    assert offenders == []


def test_the_public_face_exports_exactly_its_names():
    assert len(set(search.__all__)) == len(search.__all__)
    assert all(hasattr(search, name) for name in search.__all__)


def test_no_module_of_the_package_passes_600_lines():
    lengths = {path.name: len(path.read_text().splitlines()) for path in SEARCH.glob("*.py")}
    assert max(lengths.values()) < 600, lengths


def signature_of(function) -> list[tuple[str, object, object]]:
    return [
        (parameter.name, parameter.kind, parameter.default)
        for parameter in inspect.signature(function).parameters.values()
        if parameter.name != "self"
    ]


def protocol_operations() -> list[str]:
    return [
        name
        for name, member in vars(backend.Backend).items()
        if inspect.isfunction(member) and not name.startswith("_")
    ]


@pytest.mark.parametrize("name", protocol_operations())
def test_the_whoosh_backend_offers_each_operation_of_the_backend_protocol(name):
    assert name in search.__all__
    assert signature_of(getattr(search, name)) == signature_of(getattr(backend.Backend, name))


@pytest.mark.parametrize("name", ["search", "suggest", "similar", "matching_ids", "retrieve"])
def test_every_read_says_it_applies_pending_changes_first(name):
    parameter = inspect.signature(getattr(search, name)).parameters["apply_pending"]
    assert parameter.kind is inspect.Parameter.KEYWORD_ONLY and parameter.default is True


def test_a_read_told_not_to_apply_pending_changes_leaves_them_in_the_outbox(app, staff):
    make_article(title="Booking the council chamber")
    with app.test_request_context():
        pending = search.pending_count()
        assert pending > 0
        assert search.similar(staff, "council chamber", apply_pending=False) == []
        assert search.pending_count() == pending
        assert [result.object.title for result in search.similar(staff, "council chamber")] == [
            "Booking the council chamber"
        ]
        assert search.pending_count() == 0


def test_bm25_is_written_once():
    """One k1 and one b, in ranking.py: no other module of the app has its own."""
    offenders = []
    for path in python_files("app"):
        if path == SEARCH / "ranking.py":
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Name) and node.id in {"K1", "_K1", "B", "_B"} and isinstance(node.ctx, ast.Store):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.id}")
    assert offenders == []


def test_bm25_is_the_okapi_formula_with_one_k1_and_b():
    k1, b = ranking.K1, ranking.B
    assert (k1, b) == (1.2, 0.75)
    # Twice the average length, three occurrences, a term in 2 of 10 documents.
    expected_idf = math.log(1 + (10 - 2 + 0.5) / (2 + 0.5))
    assert ranking.idf(10, 2) == pytest.approx(expected_idf)
    assert ranking.bm25(3, 200, 100, expected_idf) == pytest.approx(
        expected_idf * 3 * (k1 + 1) / (3 + k1 * (1 - b + b * 2))
    )
    # More occurrences add less and less; a longer text counts each for less.
    assert ranking.bm25(2, 100, 100) - ranking.bm25(1, 100, 100) > ranking.bm25(3, 100, 100) - ranking.bm25(2, 100, 100)
    assert ranking.bm25(2, 300, 100) < ranking.bm25(2, 100, 100)
