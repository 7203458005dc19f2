"""Shared test setup: Qt renders offscreen so tests run on machines with no display."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from core.scheme import Scheme

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True, scope="session")
def every_loaded_scheme_meets_the_json_schema() -> Iterator[None]:
    """Every scheme any test loads successfully (the bundled one, the fixtures and the
    variants the tests write) must also validate against the published JSON Schema
    (resources/schemes/scheme.schema.json): the schema never refuses what the app accepts.
    A mismatch fails the test that loaded the scheme."""
    from scheme_schema import check_against_schema

    import core.scheme_loader

    sections = core.scheme_loader._Sections
    loader = sections.scheme

    def loaded_and_checked(self: core.scheme_loader._Sections, data: dict[str, Any]) -> Scheme:
        scheme = loader(self, data)
        check_against_schema(data, str(self.file))
        return scheme

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sections, "scheme", loaded_and_checked)
        yield
