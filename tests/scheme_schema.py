"""The published JSON Schema of the scheme file, as an editor's TOML language server uses it.

TOML values are given to the schema as JSON sees them: a TOML date becomes its ISO text
(Taplo does the same), everything else is already JSON.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

import resources.schemes

SCHEMA_PATH = Path(resources.schemes.__file__).with_name("scheme.schema.json")


@cache
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def as_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value


def schema_errors(data: dict[str, Any]) -> list[str]:
    """What the schema says is wrong with a scheme's TOML data ([] when it validates)."""
    errors = validator().iter_errors(as_json(data))
    return [f"{'.'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in errors]


#: Digests of the schemes already validated in this test session (many tests load the same one).
VALIDATED: set[str] = set()


def check_against_schema(data: dict[str, Any], where: str) -> None:
    """Fail when a scheme the loader accepted does not validate against the JSON Schema."""
    digest = hashlib.sha256(json.dumps(as_json(data), sort_keys=True).encode()).hexdigest()
    if digest in VALIDATED:
        return
    errors = schema_errors(data)
    assert not errors, f"{where}: the loader accepts this scheme but the JSON Schema does not: {errors[:5]}"
    VALIDATED.add(digest)
