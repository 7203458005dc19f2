"""The JSON Schema of the scheme file (resources/schemes/scheme.schema.json) and the loader agree.

An editor with a TOML language server (Taplo, "Even Better TOML") reads the schema to
complete keys and flag mistakes as a pharmacist types. It is only useful if it says what
the loader says: the same keys in every table (read from the loader's own key tables,
not from a copy), unknown keys refused wherever the loader refuses them, and the same
verdict on the mistakes a schema can see. What a schema cannot see (contiguous bands,
colour contrast, references that exist, worked examples) stays the loader's alone.
Every scheme the other tests load is also validated against it (tests/conftest.py).
"""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from scheme_schema import SCHEMA_PATH, schema_errors

from core import blockade_loader, scheme_loader
from core.scheme import CONDITIONS
from core.scheme_file import EDITOR_NOTE, SchemeError
from core.scheme_loader import bundled_path

SCHEMA = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
BUNDLED = tomllib.loads(bundled_path().read_text(encoding="utf-8"))
PROPS = SCHEMA["properties"]


def items(table: str) -> dict[str, Any]:
    """The schema of one entry of an array of tables ([[bands]]), or of a table ([limits])."""
    node = PROPS[table]
    return node["items"] if node["type"] == "array" else node


def test_the_schema_is_a_draft_07_schema_with_help_for_every_key():
    jsonschema.Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"  # what Taplo's validator reads
    undocumented = [
        f"{table}.{key}"
        for table in PROPS
        for key, node in items(table)["properties"].items()
        if not node.get("description")
    ]
    assert not undocumented, undocumented


def test_the_bundled_scheme_names_the_schema_and_validates():
    first_line = bundled_path().read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "#:schema ./scheme.schema.json"  # Taplo's schema directive, relative to the file
    assert (bundled_path().parent / "scheme.schema.json").resolve() == SCHEMA_PATH.resolve()
    assert schema_errors(BUNDLED) == []


def test_the_tables_agree():
    assert set(PROPS) == {*scheme_loader.TABLES, *scheme_loader.OPTIONAL_TABLES}
    assert set(SCHEMA["required"]) == set(scheme_loader.TABLES)
    assert SCHEMA["additionalProperties"] is False


OPTIONAL = set(scheme_loader.OPTIONAL_KEYS)
#: Each table: the keys the loader accepts, from its own key tables.
LOADER_KEYS: dict[str, set[str]] = {
    "scheme": set(scheme_loader.SCHEME_KEYS),
    "changes": set(scheme_loader.CHANGE_KEYS),
    "limits": set(scheme_loader.LIMIT_KEYS),
    "references": set(scheme_loader.REFERENCE_KEYS),
    "bands": {*scheme_loader.BAND_KEYS, *scheme_loader.ORAL_BAND_KEYS, *scheme_loader.INJECTION_BAND_KEYS},
    "rules": {*scheme_loader.RULE_KEYS, *(p for params in scheme_loader.RULE_KINDS.values() for p in params)},
    "other_naming": set(scheme_loader.NAMING_KEYS),
    "precautions": set(scheme_loader.PRECAUTION_KEYS),
    "examples": set(scheme_loader.EXAMPLE_KEYS),
    "blockade_model": set(blockade_loader.KEYS),
}


@pytest.mark.parametrize("table", sorted(LOADER_KEYS))
def test_every_table_has_the_loaders_keys_and_no_other(table):
    node = items(table)
    assert set(node["properties"]) == LOADER_KEYS[table]
    assert node["additionalProperties"] is False
    if table not in ("bands", "rules"):  # their required keys depend on the route or kind (below)
        assert set(node["required"]) == LOADER_KEYS[table] - OPTIONAL


def test_blockade_points_have_the_loaders_keys():
    point = PROPS["blockade_model"]["properties"]["points"]["items"]
    assert set(point["properties"]) == set(point["required"]) == set(blockade_loader.POINT_KEYS)
    assert point["additionalProperties"] is False


# --- the same verdict on the same mistakes, from the schema and from the loader -------------------


def _first(data: dict[str, Any], table: str, **match: object) -> dict[str, Any]:
    return next(e for e in data[table] if all(e.get(k) == v for k, v in match.items()))


def _loader_refuses(tmp_path: Path, data: dict[str, Any]) -> bool:
    """Whether the loader refuses the scheme (written back as TOML through a JSON-like dump)."""
    path = tmp_path / "site.toml"
    path.write_text(_toml(data), encoding="utf-8")
    try:
        scheme_loader.load(path)
    except SchemeError:
        return True
    return False


def _toml(data: dict[str, Any]) -> str:
    """Minimal TOML writer for scheme data: tables, arrays of tables, strings, numbers, bools, dates."""

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int | float):
            return repr(v)
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return v.isoformat()  # a date

    lines: list[str] = []

    def table(name: str, entry: dict[str, Any], array: bool) -> None:
        lines.append(f"[[{name}]]" if array else f"[{name}]")
        nested = []
        for key, v in entry.items():
            if isinstance(v, list) and v and isinstance(v[0], dict):
                nested.append((key, v))
            else:
                lines.append(f"{key} = {value(v)}")
        for key, entries in nested:
            for sub in entries:
                table(f"{name}.{key}", sub, True)

    for name, content in data.items():
        if isinstance(content, list):
            for entry in content:
                table(name, entry, True)
        else:
            table(name, content, False)
    return "\n".join(lines) + "\n"


def test_the_toml_writer_round_trips_the_bundled_scheme():
    assert tomllib.loads(_toml(BUNDLED)) == BUNDLED


def _mutations() -> dict[str, tuple[Any, bool]]:
    """name -> (a change to the bundled data, whether the loader and the schema accept it)."""

    def set_key(table: str, name: str, value: Any, **match: object) -> Any:
        def change(data: dict[str, Any]) -> None:
            entry = data[table] if isinstance(data[table], dict) else _first(data, table, **match)
            entry[name] = value

        return change

    def drop_key(table: str, name: str, **match: object) -> Any:
        def change(data: dict[str, Any]) -> None:
            entry = data[table] if isinstance(data[table], dict) else _first(data, table, **match)
            del entry[name]

        return change

    def drop_table(table: str) -> Any:
        return lambda data: data.pop(table)

    def editor_notes_everywhere(data: dict[str, Any]) -> None:
        for table in ("references", "bands", "rules", "other_naming", "precautions"):
            for entry in data[table]:
                entry[EDITOR_NOTE] = "checked against the label, 2026"

    cases: dict[str, tuple[Any, bool]] = {
        "an unknown table": (lambda data: data.update(extras={"x": "1"}), False),
        "no [blockade_model] (optional)": (drop_table("blockade_model"), True),
        "no [[rules]]": (drop_table("rules"), False),
        "editor_note on every entry that takes one": (editor_notes_everywhere, True),
        "editor_note on an example": (set_key("examples", EDITOR_NOTE, "x", expect="ldn"), False),
        "a dose as a TOML number": (set_key("limits", "max_single_mg", 1000), False),
        "a dose with a comma": (set_key("limits", "max_single_mg", "1,5"), False),
        "a count as a string": (set_key("limits", "max_period_days", "28"), False),
        "a date and time as the date": (set_key("scheme", "date", "2026-11-30T10:00:00"), False),
        "an upper-case scheme id": (set_key("scheme", "id", "Site-Scheme"), False),
        "a route that is not oral or injection": (set_key("bands", "route", "iv", id="ldn"), False),
        "an injection key on an oral band": (set_key("bands", "period_days", 28, id="ldn"), False),
        "an oral key on an injection band": (set_key("bands", "lower_mg", "1", id="xr-standard"), False),
        "an oral band without its upper bound": (drop_key("bands", "upper_mg", id="ldn"), False),
        "a colour that is not #rrggbb": (set_key("bands", "colour", "red", id="ldn"), False),
        "also_every on the injection's other band": (
            set_key("bands", "also_every", ["month"], id="xr-nonstandard"),
            False,
        ),
        "a labelled regimen without its amount": (drop_key("bands", "amount_mg", id="xr-standard"), False),
        "an unknown rule kind": (set_key("rules", "kind", "single-below", kind="single-above"), False),
        "a conditions rule with none of its conditions": (
            lambda data: [_first(data, "rules", kind="conditions").pop(k, None) for k in CONDITIONS],
            False,
        ),
        "hide_mechanism on the boundary rule": (set_key("rules", "hide_mechanism", True, kind="boundary"), False),
        "a form that is not tablet, liquid or injection": (
            set_key("precautions", "forms", ["patch"], id="pregnancy"),
            False,
        ),
        "a confidence not in the list": (set_key("precautions", "confidence", "likely", id="pregnancy"), False),
        "an empty precaution text": (set_key("precautions", "text", "  ", id="pregnancy"), False),
        "a reference key with a colon": (set_key("references", "key", "L:1", key="L"), False),
        "a place left empty after the colon": (set_key("bands", "refs", ["T:"], id="ldn"), False),
        "an unknown key in a blockade point": (
            lambda data: data["blockade_model"]["points"][0].update(weight="1"),
            False,
        ),
        "a blocked share as a number": (
            lambda data: data["blockade_model"]["points"][0].update(blocked_percent=27),
            False,
        ),
        "a band name of 64 characters": (set_key("bands", "name", "Low " * 15 + "dose", id="ldn"), True),
        "a band name of 65 characters": (set_key("bands", "name", "Low " * 15 + "doses", id="ldn"), False),
        "a short name of 13 characters": (set_key("bands", "short_name", "L" * 13, id="ldn"), False),
        "more than 4 other intervals": (
            set_key("bands", "also_every", ["month"] * 5, id="xr-standard"),
            False,
        ),
    }
    # every rule kind refuses a parameter of another kind
    params = {p for ps in scheme_loader.RULE_KINDS.values() for p in ps}
    for kind, own in scheme_loader.RULE_KINDS.items():
        if not any(r["kind"] == kind for r in BUNDLED["rules"]):
            continue
        foreign = sorted(params - set(own))[0]
        cases[f"{kind} rule with {foreign}"] = (set_key("rules", foreign, "1", kind=kind), False)
    return cases


MUTATIONS = _mutations()


@pytest.mark.parametrize("case", MUTATIONS)
def test_the_schema_and_the_loader_give_the_same_verdict(tmp_path, case):
    change, accepted = MUTATIONS[case]
    data = copy.deepcopy(BUNDLED)
    change(data)
    schema_says = schema_errors(data)
    loader_refuses = _loader_refuses(tmp_path, data)
    assert (not schema_says) == accepted, schema_says
    assert loader_refuses != accepted


def test_the_schema_ships_beside_the_bundled_scheme_in_the_package():
    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "*.json" in pyproject["tool"]["setuptools"]["package-data"]["resources.schemes"]
