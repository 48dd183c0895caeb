"""The seam for a second search backend: the operations the public face (app/search/__init__.py)
offers, as a Protocol. Today one backend implements them, Whoosh (schema, storage, indexing, query,
finding, retrieval); another (PostgreSQL full text, say) would implement the same operations with
the same backend-neutral types (Page, Result, Retrieval: no engine objects in them), reuse what
does not depend on the engine (documents, outbox, vocabulary, parse, ranking, results, log), and be
chosen in __init__.py. tests/search/test_package.py checks the Whoosh functions keep to it."""

from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from app.search.results import Page, Result
from app.search.retrieval import Retrieval


class Backend(Protocol):
    # --- Reads: each first applies pending outbox changes (quietly) unless apply_pending=False ---
    def search(
        self,
        user,
        text: str,
        *,
        kinds=None,
        category=None,
        tag=None,
        sort="relevance",
        page=1,
        per_page=10,
        log=True,
        apply_pending=True,
    ) -> Page: ...

    def suggest(self, user, text: str, *, limit: int = 5, apply_pending=True) -> list[Result]: ...

    def similar(
        self,
        user,
        text: str,
        *,
        kinds=None,
        limit: int = 5,
        exclude: set[str] | None = None,
        status: str | None = None,
        apply_pending=True,
    ) -> list[Result]: ...

    def matching_ids(self, user, text: str, kind: str, *, apply_pending=True) -> list[int]: ...

    def retrieve(
        self, user, parts: list[tuple[str, float]], *, kinds=("article", "service"), limit: int = 8, apply_pending=True
    ) -> Retrieval: ...

    # --- Keeping the index true to the database, and operating it ---
    def apply_pending(self, generation: Path | None = None, *, wait: float = 0) -> int: ...

    def apply_changes_quietly(self, *, after_commit: bool = False) -> None: ...

    def pending_count(self, generation: Path | None = None) -> int: ...

    def reindex(self, progress: Callable = print, batch: int = 500) -> dict: ...

    def status(self) -> dict: ...

    def optimize(self) -> None: ...

    def clear(self) -> None: ...

    def is_current_schema(self) -> bool: ...

    def forget_open_indexes(self) -> None: ...
