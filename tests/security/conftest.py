"""Fixtures shared by the robustness and upload tests: the objects every route needs, and an admin."""

import pytest

from tests.security.fuzzing import client_for, make_fuzz_targets


@pytest.fixture
def targets(app):
    return make_fuzz_targets()


@pytest.fixture
def admin(app, targets):
    return client_for(app, "admin", targets)
