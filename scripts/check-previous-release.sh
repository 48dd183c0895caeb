#!/usr/bin/env bash
# Checks the expand/contract rule (docs/deploying.md): the previous release's code, running beside
# this one during a rolling deploy, must work against the schema this release migrates to.
#
# What it does:
#   1. The previous release: the commit before the one that added the newest migration, the code
#      that runs against the new schema while hosts switch over. Or name it: PREVIOUS=<commit>.
#   2. A fresh database migrated to this release's head with this release's code (`flask db
#      upgrade`): TEST_DATABASE_URL (PostgreSQL, an empty database of yours; the script drops and
#      recreates the public schema in it) or, without it, a temporary SQLite file.
#   3. The previous release's code in a temporary folder (git archive), and some of its own tests
#      (CHECK_TESTS, default below: every route as every role, headers, /readyz, object access)
#      run against that database *without* building the schema from its models (the copy's
#      tests/conftest.py gets a `_schema` fixture that does nothing). The tests write as well as
#      read, as the old release does during a deploy. Migration 0011's append-only trigger on
#      audit_events is dropped from that database: the suite empties every table between tests.
#   It uses this checkout's .venv when requirements.txt is the same in both releases; otherwise
#   it makes a venv for the previous release (from pip's cache, a minute or two more).
#
# .ci/run runs it on PostgreSQL after the suites. Measured on the 2-core machine, with the default
# tests (184) and this checkout's .venv: SQLite 66 s, PostgreSQL 126 s, one core. A contract step
# too early (a scratch migration dropping users.job_title) fails it in seconds.
# Usage: scripts/check-previous-release.sh            (exit 0: the previous release passes)
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
python="$here/.venv/bin/python"

if [ "$(git rev-parse --is-shallow-repository)" = "true" ] && [ -z "${PREVIOUS:-}" ]; then
  echo "check-previous-release: a shallow clone has no earlier release to check; skipped (fetch the history, or set PREVIOUS)"
  exit 0
fi
# By default, the code just before the newest migration was added: the release that runs beside
# the schema change during a deploy (a merge is not a release marker: main has plain commits too).
newest_migration=$(ls migrations/versions | grep -E '^[0-9]{4}_.*\.py$' | sort | tail -1)
added=$(git log --format=%H --diff-filter=A -- "migrations/versions/$newest_migration" | tail -1)
previous=${PREVIOUS:-$(git rev-parse "$added^")}
tests=${CHECK_TESTS:-"tests/test_policy_matrix.py tests/test_security_headers.py tests/test_readyz.py tests/test_object_access.py"}
work=$(mktemp -d /tmp/staffroom-previous.XXXXXX)
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

echo "check-previous-release: this release $(git rev-parse --short HEAD), previous $(git rev-parse --short "$previous")"
mkdir "$work/release"
git archive "$previous" | tar -x -C "$work/release"   # a plain copy: no worktree to register

# --- 2. The database, migrated by this release --------------------------------------------------
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  database=$TEST_DATABASE_URL
  "$python" - "$database" <<'EOF'
import sys
from sqlalchemy import create_engine, text
url = sys.argv[1].replace("postgresql://", "postgresql+psycopg://", 1)
with create_engine(url).begin() as connection:
    connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
EOF
else
  database="sqlite:///$work/staffroom.sqlite"
fi
echo "check-previous-release: migrating ${database%%://*} to this release's head"
DATABASE_URL=$database FLASK_APP=wsgi.py STAFFROOM_ENV=development SECRET_KEY=check \
  SEARCH_INDEX_DIR="$work/index" "$here/.venv/bin/flask" db upgrade >"$work/migrate.log" 2>&1 \
  || { cat "$work/migrate.log"; exit 1; }
# The suite empties every table after each test; migration 0011's trigger (the audit log is
# append-only, which the suite's own create_all schema does not have) would refuse that.
"$python" - "$database" <<'EOF'
import sys
from sqlalchemy import create_engine, text
url = sys.argv[1].replace("postgresql://", "postgresql+psycopg://", 1)
with create_engine(url).begin() as connection:
    if connection.dialect.name == "postgresql":
        connection.execute(text("DROP TRIGGER IF EXISTS audit_events_append_only ON audit_events"))
    else:
        connection.execute(text("DROP TRIGGER IF EXISTS audit_events_no_update"))
        connection.execute(text("DROP TRIGGER IF EXISTS audit_events_no_delete"))
EOF

# --- 3. The previous release's tests against it ---------------------------------------------------
if cmp -s requirements.txt "$work/release/requirements.txt" && cmp -s requirements-dev.txt "$work/release/requirements-dev.txt"; then
  venv="$here/.venv"
else
  echo "check-previous-release: the previous release has other requirements: making its venv"
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet -r "$work/release/requirements-dev.txt"
  venv="$work/venv"
fi

# The previous release's suite builds its schema from its models (`_schema` in tests/conftest.py):
# here the schema is this release's, migrated above. Redefined at the end of the copied
# conftest.py, the fixture replaces the suite's (a module's last definition of a name wins).
cat >>"$work/release/tests/conftest.py" <<'EOF'


@pytest.fixture(scope="session")
def _schema():
    """Written by scripts/check-previous-release.sh: the next release's migrated schema is used."""
    yield
EOF

echo "check-previous-release: running the previous release's $tests"
cd "$work/release"
# shellcheck disable=SC2086  # a list of test files
TEST_DATABASE_URL=$database "$venv/bin/pytest" -q -p no:cacheprovider $tests
