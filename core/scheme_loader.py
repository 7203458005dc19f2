"""Load a scheme file and validate its structure, or refuse it with file, line, key and reason.

Nothing is defaulted: a missing key is an error, an unknown key is an error, and the
app never runs on a half-valid scheme or falls back to another one. The keys each table
accepts are data (below), read by the validation and by the test that holds the
published JSON Schema (`resources/schemes/scheme.schema.json`) to the same keys.

The worked examples are not run here: they need the classifier, which sits above the
loader. `core.verify.load_scheme` loads a scheme and runs them, as every caller wants.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from fractions import Fraction
from pathlib import Path
from typing import Any

from core.band_text import with_texts
from core.blockade_loader import read_blockade_model
from core.colours import MIN_CONTRAST, contrast_ratio, is_hex_colour
from core.file_text import UnsafeText, checked_texts
from core.outside_file import SCHEME_FILE, FileRefused, failure, read_toml, shown
from core.period import Period
from core.periods import parse_period
from core.quoting import quote
from core.refusal import Refusal
from core.scheme import (
    CONDITIONS,
    Band,
    Change,
    Condition,
    Example,
    Limits,
    Naming,
    Precaution,
    Reference,
    Rule,
    Scheme,
)
from core.scheme_file import (
    BUNDLED,
    EDITOR_NOTE,
    MAX_BANDS,
    SchemeError,
    SchemeFile,
    bundled_path,
)

__all__ = ["BUNDLED", "MAX_BANDS", "SchemeError", "bundled_path", "load", "read"]

_ID = re.compile(r"[a-z0-9][a-z0-9-]*")

#: The tables of a scheme file; `blockade_model` is optional (without it no blockade
#: estimate is shown), every other one is required. Its keys: core.blockade_loader.
TABLES = ("scheme", "changes", "limits", "references", "bands", "rules", "other_naming", "precautions", "examples")
OPTIONAL_TABLES = ("blockade_model",)
#: The keys each table accepts. Every key is required unless listed in OPTIONAL_KEYS.
SCHEME_KEYS = ("id", "title", "version", "date", "review_status", "disclaimer")
CHANGE_KEYS = ("version", "date", "items")
LIMIT_KEYS = tuple(Limits.__dataclass_fields__)
LIMIT_COUNTS = ("max_administrations", "max_period_days")  # whole numbers; the other limits are doses in mg
REFERENCE_KEYS = ("key", "citation", "doi", "pmid", "pmcid", "url", "note", EDITOR_NOTE)
BAND_KEYS = (
    "id", "route", "name", "short_name", "colour", "text_colour", "description", "basis", "refs",
    "mechanism", "mechanism_status", "mechanism_refs", "answer", EDITOR_NOTE,
)  # fmt: skip
ORAL_BAND_KEYS = ("lower_mg", "lower_inclusive", "upper_mg", "upper_inclusive")
INJECTION_BAND_KEYS = ("rule", "amount_mg", "period_days", "also_every")
#: Rules: the keys every kind takes, and each kind's own parameters ("conditions" takes
#: any non-empty subset of core.scheme.CONDITIONS).
RULE_KEYS = ("id", "kind", "text", "refs", "hide_mechanism", EDITOR_NOTE)
RULE_KINDS: dict[str, tuple[str, ...]] = {
    "boundary": (),
    "large-single-low-average": ("single_at_least_mg", "daily_below_mg"),
    "single-above": ("single_above_mg",),
    "interval-above": ("interval_above_hours",),
    "exact-regimen": ("amounts_mg", "period_days"),
    "injection-regimen-taken-orally": (),
    "conditions": tuple(CONDITIONS),
}
NAMING_KEYS = ("id", "from_mg", "from_inclusive", "to_mg", "to_inclusive", "text", "refs", "confidence", EDITOR_NOTE)
PRECAUTION_KEYS = ("id", "group", "applies_to", "forms", "text", "refs", "confidence", EDITOR_NOTE)
EXAMPLE_KEYS = ("doses", "per", "route", "concentration", "locale", "expect", "why")
#: Keys that may be left out (with their meaning when they are).
OPTIONAL_KEYS = {
    EDITOR_NOTE: "no note",
    "hide_mechanism": "false",
    "also_every": "no other period",
}
ROUTES = ("oral", "injection")
INJECTION_RULES = ("labelled-regimen", "other")
FORMS = ("tablet", "liquid", "injection")
CONFIDENCE = ("established", "secondary sources only", "not verified")
MECHANISM_STATUS = ("established", "hypothesis", "none")
#: Placeholders a text may use ({name}); any other is refused.
COMMON_PLACEHOLDERS = frozenset({"daily", "daily_mg", "single_max", "interval_hours"})
BOUNDARY_PLACEHOLDERS = COMMON_PLACEHOLDERS | {"bound", "band", "other"}
# The first line of an answer: oral bands know the average daily dose, the injection only its regimen.
ORAL_ANSWER_PLACEHOLDERS = frozenset({"daily", "daily_mg", "regimen"})
INJECTION_ANSWER_PLACEHOLDERS = frozenset({"regimen"})
#: Prose: the texts that may be written over several lines of the file (read as one
#: paragraph); every other text is one line. No text may hold a control, direction or
#: invisible character (core.file_text).
PROSE_KEYS = frozenset(
    {"review_status", "disclaimer", "items", "citation", "note", EDITOR_NOTE, "description", "basis"}
    | {"mechanism", "answer", "text", "why", "source", "caveat", "within_data", "outside_data", "injection"}
)


def read(path: str | Path | None = None) -> tuple[Scheme, SchemeFile]:
    """The scheme at `path` (the bundled one when None), validated, with the file it was read
    from (`core.verify` locates worked examples in it).

    The file is read as core.outside_file reads any outside file (a regular file of at most
    256 KiB, its structure bounded before tomllib sees it); any failure while reading or
    validating, whatever its kind, is a SchemeError naming the file."""
    file = Path(path) if path is not None else bundled_path()
    try:
        data, source = read_toml(file, SCHEME_FILE)
        sections = _Sections(file, source.text, hashlib.sha256(source.raw).hexdigest())
        return sections.scheme(sections.safe_texts(data)), sections
    except FileRefused as refusal:
        raise SchemeError(refusal.message) from None
    except SchemeError:
        raise
    except Refusal as refusal:
        raise SchemeError(f"{shown(file)}: {refusal.message}") from None
    except Exception as error:  # noqa: BLE001 - every failure is a refusal, never a traceback
        raise SchemeError(f"{shown(file)}: cannot be used ({failure(error)})") from None


def load(path: str | Path | None = None) -> Scheme:
    """The scheme at `path` (the bundled one when None), its structure validated; its worked
    examples not yet run (`core.verify.load_scheme` runs them)."""
    return read(path)[0]


class _Sections(SchemeFile):
    """Each table of a scheme, read and checked against the others."""

    def safe_texts(self, data: dict[str, Any]) -> dict[str, Any]:
        """The data with every text checked (core.file_text) and prose folded to one line."""
        try:
            return checked_texts(data, PROSE_KEYS)
        except UnsafeText as fault:
            raise self.fail((fault.table, fault.index), fault.key, fault.problem) from None

    # -- sections -----------------------------------------------------------------
    def scheme(self, data: dict[str, Any]) -> Scheme:
        known = {*TABLES, *OPTIONAL_TABLES}
        for key in data:
            if key not in known:
                raise self.fail((key, None), None, f"unknown table (known: {', '.join(sorted(known))})")
        head = self.table(data, "scheme")
        where = ("scheme", None)
        self.keys(where, head, set(SCHEME_KEYS))
        scheme_id = self.text(where, head, "id")
        if not _ID.fullmatch(scheme_id):
            raise self.fail(where, "id", "use lower-case letters, digits and hyphens")
        date = self.get(where, head, "date", datetime.date)
        if isinstance(date, datetime.datetime):
            raise self.fail(where, "date", "must be a date such as 2026-11-25, not a date and time")
        references = self.references(data)
        self.reference_keys = {r.key for r in references}
        limits = self.limits(data)
        bands = self.bands(data)
        version = self.text(where, head, "version")
        changes = self.changes(data, version, date)
        scheme = Scheme(
            id=scheme_id,
            title=self.text(where, head, "title"),
            version=version,
            date=date,
            review_status=self.text(where, head, "review_status"),
            disclaimer=self.text(where, head, "disclaimer"),
            limits=limits,
            bands=bands,
            rules=self.rules(data),
            naming=self.naming(data),
            precautions=self.precautions(data, {b.id for b in bands}),
            references=references,
            examples=self.examples(data, {b.id for b in bands}),
            path=str(self.file),
            sha256=self.sha256,
            blockade_model=read_blockade_model(self, data),
            changes=changes,
        )
        return scheme

    def changes(self, data: dict[str, Any], version: str, date: datetime.date) -> tuple[Change, ...]:
        """The dated change list, newest first; its first entry is this version and date."""
        out: list[Change] = []
        for i, entry in enumerate(self.array(data, "changes")):
            where = ("changes", i)
            self.keys(where, entry, set(CHANGE_KEYS))
            when = self.get(where, entry, "date", datetime.date)
            if isinstance(when, datetime.datetime):
                raise self.fail(where, "date", "must be a date such as 2026-11-25, not a date and time")
            items = self.get(where, entry, "items", list)
            if not items or not all(isinstance(item, str) and item.strip() for item in items):
                raise self.fail(where, "items", "must be a list of one or more sentences saying what changed")
            change = Change(self.text(where, entry, "version"), when, tuple(" ".join(i.split()) for i in items))
            if any(c.version == change.version for c in out):
                raise self.fail(where, "version", f"version {change.version} is listed twice")
            if out and change.date > out[-1].date:
                raise self.fail(where, "date", "list the changes newest first")
            out.append(change)
        latest = out[0]
        if latest.version != version:
            raise self.fail(("changes", 0), "version", f"the newest change must be this scheme's version {version}")
        if latest.date != date:
            raise self.fail(
                ("changes", 0), "date", f"the newest change must carry this scheme's date {date.isoformat()}"
            )
        return tuple(out)

    def references(self, data: dict[str, Any]) -> tuple[Reference, ...]:
        out: list[Reference] = []
        fields = [key for key in REFERENCE_KEYS if key != EDITOR_NOTE]
        for i, entry in enumerate(self.array(data, "references")):
            where = ("references", i)
            self.keys(where, entry, set(REFERENCE_KEYS))
            values = {f: self.text(where, entry, f, empty=f not in ("key", "citation")) for f in fields}
            if ":" in values["key"]:
                raise self.fail(where, "key", "must not contain a colon (it separates a key from the place cited)")
            if any(r.key == values["key"] for r in out):
                raise self.fail(where, "key", f"duplicate reference key {quote(values['key'])}")
            out.append(Reference(**values, editor_note=self.editor_note(where, entry)))
        return tuple(out)

    def limits(self, data: dict[str, Any]) -> Limits:
        entry = self.table(data, "limits")
        where = ("limits", None)
        self.keys(where, entry, set(LIMIT_KEYS))
        values: dict[str, Any] = {}
        for name in LIMIT_KEYS:
            if name in LIMIT_COUNTS:
                values[name] = self.count(where, entry, name)
            else:
                values[name] = self.positive(where, entry, name)
        limits = Limits(**values)
        for low, high in (
            ("min_single_mg", "max_single_mg"),
            ("min_daily_mg", "max_daily_mg"),
            ("min_concentration_mg_per_ml", "max_concentration_mg_per_ml"),
            ("axis_min_mg", "axis_max_mg"),
        ):
            if getattr(limits, low) >= getattr(limits, high):
                raise self.fail(where, low, f"must be smaller than {high}")
        return limits

    def bands(self, data: dict[str, Any]) -> tuple[Band, ...]:
        oral_keys = {*BAND_KEYS, *ORAL_BAND_KEYS}
        injection_keys = {*BAND_KEYS, *INJECTION_BAND_KEYS}
        out: list[Band] = []
        for i, entry in enumerate(self.array(data, "bands")):
            where = ("bands", i)
            route = self.text(where, entry, "route")
            if route not in ROUTES:
                raise self.fail(where, "route", 'must be "oral" or "injection"')
            band_id = self.text(where, entry, "id")
            if not _ID.fullmatch(band_id):
                raise self.fail(where, "id", "use lower-case letters, digits and hyphens")
            if any(b.id == band_id for b in out):
                raise self.fail(where, "id", f"duplicate band id '{band_id}'")
            colour, text_colour = (self.text(where, entry, k) for k in ("colour", "text_colour"))
            for key, value in (("colour", colour), ("text_colour", text_colour)):
                if not is_hex_colour(value):
                    raise self.fail(where, key, f'{quote(value)} is not a colour like "#1f77b4"')
            ratio = contrast_ratio(colour, text_colour)
            if ratio < MIN_CONTRAST:
                raise self.fail(
                    where, "text_colour", f"contrast {ratio:.2f}:1 on {colour} is below {MIN_CONTRAST}:1 (hard to read)"
                )
            status = self.text(where, entry, "mechanism_status")
            if status not in MECHANISM_STATUS:
                raise self.fail(where, "mechanism_status", f"must be one of {', '.join(MECHANISM_STATUS)}")
            fields: dict[str, Any] = dict(
                id=band_id,
                route=route,
                name=self.text(where, entry, "name"),
                short_name=self.text(where, entry, "short_name"),
                colour=colour,
                text_colour=text_colour,
                description=self.text(where, entry, "description"),
                basis=self.text(where, entry, "basis"),
                refs=self.refs(where, entry, "refs"),
                mechanism=self.text(where, entry, "mechanism", empty=True),
                mechanism_status=status,
                mechanism_refs=self.refs(where, entry, "mechanism_refs", empty=True),
                answer=self.text(where, entry, "answer"),
                editor_note=self.editor_note(where, entry),
            )
            self.placeholders(
                where,
                "answer",
                fields["answer"],
                ORAL_ANSWER_PLACEHOLDERS if route == "oral" else INJECTION_ANSWER_PLACEHOLDERS,
            )
            if route == "oral":
                if out and out[-1].route == "injection":
                    raise self.fail(where, "route", "oral bands must come before the injection bands")
                self.keys(where, entry, oral_keys)
                fields.update(
                    lower_mg=self.mg(where, entry, "lower_mg"),
                    lower_inclusive=self.get(where, entry, "lower_inclusive", bool),
                    upper_mg=self.mg(where, entry, "upper_mg", infinity=True),
                    upper_inclusive=self.get(where, entry, "upper_inclusive", bool),
                )
            else:
                self.keys(where, entry, injection_keys)
                rule = self.text(where, entry, "rule")
                fields["rule"] = rule
                if rule == "labelled-regimen":
                    fields.update(
                        amount_mg=self.positive(where, entry, "amount_mg"),
                        period_days=self.count(where, entry, "period_days"),
                    )
                    fields["also_every"] = self.also_every(where, entry, fields["period_days"])
                elif rule == "other":
                    for key in ("amount_mg", "period_days", "also_every"):
                        if key in entry:
                            raise self.fail(where, key, 'only a "labelled-regimen" band takes this key')
                else:
                    raise self.fail(where, "rule", 'must be "labelled-regimen" or "other"')
            out.append(with_texts(Band(**fields)))
        self.oral_axis([b for b in out if b.route == "oral"])
        injection = [b for b in out if b.route == "injection"]
        for rule in ("labelled-regimen", "other"):
            if sum(b.rule == rule for b in injection) != 1:
                raise self.fail(("bands", None), None, f'needs exactly one injection band with rule = "{rule}"')
        return tuple(out)

    def also_every(self, where: tuple[str, int | None], entry: dict[str, Any], period_days: int) -> tuple[Period, ...]:
        """Optional: other periods the label gives for the same regimen ("month" for "every 4
        weeks or once a month"), read as `--per` reads them; none may repeat period_days."""
        if "also_every" not in entry:
            return ()
        texts = self.get(where, entry, "also_every", list)
        if len(texts) > 4:
            raise self.fail(where, "also_every", "at most 4 periods")
        periods: list[Period] = [Period.of_days(period_days)]
        for text in texts:
            if not isinstance(text, str):
                raise self.fail(where, "also_every", 'must be a list of periods in words, e.g. ["month"]')
            try:
                period = parse_period(text, 366, months=True)
            except Refusal as refusal:
                raise self.fail(where, "also_every", f"{text!r}: {refusal.message}") from None
            if period in periods:
                raise self.fail(where, "also_every", f"{text!r} repeats a period already given")
            periods.append(period)
        return tuple(periods[1:])

    def oral_axis(self, bands: list[Band]) -> None:
        if not bands:
            raise self.fail(("bands", None), None, "needs oral bands")
        first, last = bands[0], bands[-1]
        index = {id(b): i for i, b in enumerate(bands)}
        if first.lower_mg != 0 or first.lower_inclusive:
            raise self.fail(("bands", 0), "lower_mg", 'the first oral band must start at "0", exclusive')
        if last.upper_mg is not None:
            raise self.fail(("bands", index[id(last)]), "upper_mg", 'the last oral band must end at "infinity"')
        if last.upper_inclusive:
            raise self.fail(("bands", index[id(last)]), "upper_inclusive", '"infinity" cannot be included: write false')
        for i, band in enumerate(bands):
            assert band.lower_mg is not None
            if band.upper_mg is None and band is not last:
                raise self.fail(("bands", i), "upper_mg", '"infinity" is only allowed on the last oral band')
            if band.upper_mg is not None:
                if band.upper_mg < band.lower_mg:
                    raise self.fail(("bands", i), "upper_mg", "is below lower_mg (bounds swapped?)")
                if band.upper_mg == band.lower_mg and not (band.lower_inclusive and band.upper_inclusive):
                    raise self.fail(("bands", i), "upper_mg", "a single-value band must include both bounds")
            if band is last:
                continue
            following = bands[i + 1]
            if following.lower_mg != band.upper_mg:
                kind = (
                    "gap"
                    if following.lower_mg is not None
                    and band.upper_mg is not None
                    and following.lower_mg > band.upper_mg
                    else "overlap or wrong order"
                )
                raise self.fail(
                    ("bands", i + 1), "lower_mg", f"{kind}: must equal the upper bound of '{band.id}' ({band.upper_mg})"
                )
            if band.upper_inclusive == following.lower_inclusive:
                problem = "both include" if band.upper_inclusive else "neither includes"
                raise self.fail(
                    ("bands", i + 1),
                    "lower_inclusive",
                    f"'{band.id}' and '{following.id}' {problem} {following.lower_mg} mg: "
                    "exactly one of the two must include it",
                )

    def rules(self, data: dict[str, Any]) -> tuple[Rule, ...]:
        out: list[Rule] = []
        for i, entry in enumerate(self.array(data, "rules")):
            where = ("rules", i)
            kind = self.text(where, entry, "kind")
            if kind not in RULE_KINDS:
                raise self.fail(where, "kind", f"unknown kind (known: {', '.join(RULE_KINDS)})")
            params = RULE_KINDS[kind] if kind != "conditions" else tuple(k for k in RULE_KINDS[kind] if k in entry)
            if kind == "conditions" and not params:
                raise self.fail(where, "kind", f"a conditions rule needs at least one of: {', '.join(CONDITIONS)}")
            self.keys(where, entry, {*RULE_KEYS, *params})
            text = self.text(where, entry, "text")
            self.placeholders(where, "text", text, BOUNDARY_PLACEHOLDERS if kind == "boundary" else COMMON_PLACEHOLDERS)
            fields: dict[str, Any] = dict(
                id=self.text(where, entry, "id"),
                kind=kind,
                text=text,
                refs=self.refs(where, entry, "refs", empty=kind == "boundary"),
                editor_note=self.editor_note(where, entry),
            )
            if "hide_mechanism" in entry:
                if kind == "boundary":
                    raise self.fail(where, "hide_mechanism", "a boundary note cannot hide the mechanism")
                fields["hide_mechanism"] = self.get(where, entry, "hide_mechanism", bool)
            if kind == "conditions":
                fields["conditions"] = tuple(
                    Condition(*CONDITIONS[param], self.mg_value(where, entry, param)) for param in params
                )
                params = ()
            for param in params:
                if param == "interval_above_hours" or param == "period_days":
                    fields[param] = self.count(where, entry, param)
                elif param == "amounts_mg":
                    amounts = self.get(where, entry, param, list)
                    if not amounts:
                        raise self.fail(where, param, "needs at least one amount")
                    fields[param] = tuple(sorted(self.positive(where, {param: a}, param) for a in amounts))
                else:
                    fields[param] = self.positive(where, entry, param)
            if any(r.id == fields["id"] for r in out):
                raise self.fail(where, "id", f"duplicate rule id {quote(fields['id'])}")
            out.append(Rule(**fields))
        if sum(r.kind == "boundary" for r in out) != 1:
            raise self.fail(("rules", None), None, 'needs exactly one rule of kind "boundary"')
        return tuple(out)

    def naming(self, data: dict[str, Any]) -> tuple[Naming, ...]:
        out: list[Naming] = []
        for i, entry in enumerate(self.array(data, "other_naming")):
            where = ("other_naming", i)
            self.keys(where, entry, set(NAMING_KEYS))
            text = self.text(where, entry, "text")
            self.placeholders(where, "text", text, COMMON_PLACEHOLDERS)
            confidence = self.text(where, entry, "confidence")
            if confidence not in CONFIDENCE:
                raise self.fail(where, "confidence", f"must be one of: {', '.join(CONFIDENCE)}")
            naming = Naming(
                id=self.text(where, entry, "id"),
                from_mg=self.mg(where, entry, "from_mg") or Fraction(0),
                from_inclusive=self.get(where, entry, "from_inclusive", bool),
                to_mg=self.mg(where, entry, "to_mg", infinity=True),
                to_inclusive=self.get(where, entry, "to_inclusive", bool),
                text=text,
                refs=self.refs(where, entry, "refs", empty=confidence != "established"),
                confidence=confidence,
                editor_note=self.editor_note(where, entry),
            )
            if naming.to_mg is not None and naming.to_mg < naming.from_mg:
                raise self.fail(where, "to_mg", "is below from_mg (bounds swapped?)")
            out.append(naming)
        return tuple(out)

    def precautions(self, data: dict[str, Any], band_ids: set[str]) -> tuple[Precaution, ...]:
        out: list[Precaution] = []
        for i, entry in enumerate(self.array(data, "precautions")):
            where = ("precautions", i)
            self.keys(where, entry, set(PRECAUTION_KEYS))
            applies = self.get(where, entry, "applies_to", list)
            forms = self.get(where, entry, "forms", list)
            if not forms or any(f not in FORMS for f in forms):
                raise self.fail(where, "forms", f"must list one or more of: {', '.join(FORMS)}")
            for target in applies:
                if target != "all" and target not in band_ids:
                    raise self.fail(where, "applies_to", f"unknown band id {quote(str(target))}")
            if not applies:
                raise self.fail(where, "applies_to", 'needs "all" or at least one band id')
            confidence = self.text(where, entry, "confidence")
            if confidence not in CONFIDENCE:
                raise self.fail(where, "confidence", f"must be one of: {', '.join(CONFIDENCE)}")
            out.append(
                Precaution(
                    id=self.text(where, entry, "id"),
                    group=self.text(where, entry, "group"),
                    applies_to=tuple(applies),
                    forms=tuple(forms),
                    text=self.text(where, entry, "text"),
                    refs=self.refs(where, entry, "refs", empty=confidence != "established"),
                    confidence=confidence,
                    editor_note=self.editor_note(where, entry),
                )
            )
        return tuple(out)

    def examples(self, data: dict[str, Any], band_ids: set[str]) -> tuple[Example, ...]:
        out: list[Example] = []
        for i, entry in enumerate(self.array(data, "examples")):
            where = ("examples", i)
            self.keys(where, entry, set(EXAMPLE_KEYS))
            doses = self.get(where, entry, "doses", list)
            if not doses or not all(isinstance(d, str) and d.strip() for d in doses):
                raise self.fail(where, "doses", 'must be a list of dose texts such as "0.25 mg"')
            expect = self.text(where, entry, "expect")
            if expect not in band_ids:
                raise self.fail(where, "expect", f"unknown band id {quote(expect)}")
            out.append(
                Example(
                    doses=tuple(doses),
                    per=self.text(where, entry, "per"),
                    route=self.text(where, entry, "route"),
                    concentration=self.text(where, entry, "concentration", empty=True),
                    locale=self.text(where, entry, "locale"),
                    expect=expect,
                    why=self.text(where, entry, "why"),
                )
            )
        return tuple(out)
