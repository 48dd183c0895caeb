"""gunicorn settings for Staffroom, read from the working directory by `gunicorn wsgi:app`
(workers and the address stay on the command line; see README, Production)."""

import gc


def post_worker_init(worker):
    """A search index that is damaged, or lost while the database has content, is found now and
    rebuilt in the background (one process rebuilds; the others' search pages say so meanwhile).

    Everything loaded at start-up (the app, its mappers, templates, the search schema) lives as
    long as the worker. Frozen, the garbage collector stops walking those objects on every full
    collection: at 20,000 ideas such a pass took 40–80 ms out of whichever page it landed in
    (docs/performance.md, "Load")."""
    from app import search  # noqa: PLC0415  gunicorn reads this file before the app exists

    search.check_at_start(worker.wsgi)
    gc.collect()
    gc.freeze()
