"""The record a pharmacist files: what one answer says, laid out once for every output.

`make_record` gathers, from a Classification, what was entered, the answer, the average
daily dose with its working, the bounds and their sources, the notes, the precautions
with their sources, the references, the scheme (id, version, SHA-256) and the time. The
window's page (PDF and print, gui.record_page), the full text (`full_text`) and the
short summary for a pharmacy note (`summary_text`) all render this one Record, so they
never disagree. Only user-facing scheme fields are read: an editor's note about the
scheme file is not part of a Classification and never reaches a record.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from core.classify import Classification
from core.report import blockade_line, cite
from core.timestamps import time_text

TITLE = "Naltrexone dose band record"
CHECKED_BY = "Checked by (name, signature): ________________________________   Date: ____________"
#: Key precautions in the summary: this many at most, each its first sentence.
SUMMARY_PRECAUTIONS = 4
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


@dataclass(frozen=True)
class Item:
    """One statement and the keys of its sources ('' when it cites none)."""

    text: str
    refs: tuple[str, ...] = ()
    label: str = ""  # 'Note', 'Mechanism (hypothesis)', ...
    confidence: str = ""  # '' for what a cited source establishes, else e.g. 'not verified'

    @property
    def line(self) -> str:
        """'Label: text [T, R] (not verified)'."""
        head = f"{self.label}: " if self.label else ""
        tail = f" ({self.confidence})" if self.confidence else ""
        return f"{head}{self.text}{cite(self.refs)}{tail}"


@dataclass(frozen=True)
class Section:
    title: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Record:
    """Everything the record shows, as plain text; no layout."""

    band_id: str
    band_name: str
    band_short_name: str
    band_heading: str  # 'Very low dose (VLDN)'
    band_colour: str
    band_text_colour: str
    answer: str  # the first line a reader meets
    entered: str  # the regimen as the user entered it
    understood: str  # the regimen as core read it
    daily_label: str  # 'Average daily dose', or 'Dose' for the injection (never averaged)
    daily: str  # the average daily dose (or the injection's regimen)
    working: tuple[str, ...]
    bounds: Item  # the band's bounds and their sources
    why: Item
    why_short: Item  # the why without the band's basis, for the summary
    basis: Item  # what the bounds rest on, with their sources
    sections: tuple[Section, ...]  # notes, precautions, references
    key_precautions: tuple[Item, ...]
    scheme_id: str
    scheme_title: str
    scheme_version: str
    scheme_date: str
    scheme_review: str
    scheme_sha256: str
    when: datetime.datetime
    disclaimer: str

    @property
    def when_text(self) -> str:
        return time_text(self.when)

    @property
    def scheme_line(self) -> str:
        return (
            f"{self.scheme_title}, version {self.scheme_version} ({self.scheme_date}), id {self.scheme_id}, "
            f"SHA-256 {self.scheme_sha256}"
        )


def _first_sentence(text: str) -> str:
    parts = _SENTENCE_END.split(text.strip(), maxsplit=1)
    return parts[0] if len(parts) == 1 else parts[0] + " …"


def _confidence(value: str) -> str:
    return "" if value in ("", "established") else value


def _notes(result: Classification) -> Section:
    items: list[Item] = []
    if result.position:
        items.append(Item(f"{'; '.join(result.position)}.", label="Against its neighbours"))
    items.extend(Item(n.text, n.refs, "Note") for n in result.notes)
    items.extend(Item(n.text, n.refs, "Other naming", _confidence(n.confidence)) for n in result.naming)
    mechanism = result.mechanism  # None when a note says it does not describe this regimen
    if mechanism is not None:
        items.append(Item(mechanism.text, mechanism.refs, f"Mechanism ({mechanism.status})"))
    blockade = blockade_line(result)
    if blockade:
        label, _, text = blockade.partition(": ")
        items.append(Item(text, (), label))  # its sources are already in the line
    return Section("Notes", tuple(items))


def _precautions(result: Classification) -> Section:
    items = tuple(Item(p.text, p.refs, p.group, _confidence(p.confidence)) for p in result.precautions)
    return Section("Precautions", items)


def _key_precautions(result: Classification) -> tuple[Item, ...]:
    """What a pharmacy note should name: the first precaution that applies (a scheme leads
    with what matters for every dose, docs/scheme-format.md), then those written for this
    band, in the scheme's order, then the rest; SUMMARY_PRECAUTIONS in all, each its first
    sentence ('…' when cut) under its group, with its sources and confidence."""
    applying = result.precautions
    if not applying:
        return ()
    own = [p for p in applying[1:] if result.band.id in p.applies_to]
    rest = [p for p in applying[1:] if p not in own]
    chosen = [applying[0], *own, *rest][:SUMMARY_PRECAUTIONS]
    # the group says what a text leaves to its heading ("Before a procedure ...: Stop ... 72 hours before")
    return tuple(Item(_first_sentence(p.text), p.refs, p.group, _confidence(p.confidence)) for p in chosen)


def make_record(result: Classification, entered: str, when: datetime.datetime) -> Record:
    """The record of `result`; `entered` is the regimen in the words of the form that took it."""
    band, scheme = result.band, result.scheme
    references = Section("References", tuple(Item(f"[{r.key}] {r.full}") for r in result.references))
    return Record(
        band_id=band.id,
        band_name=band.name,
        band_short_name=band.short_name,
        band_heading=band.heading,
        band_colour=band.colour,
        band_text_colour=band.text_colour,
        answer=f"{result.answer}{cite(result.bounds_refs)}",
        entered=entered,
        understood=result.regimen.describe(result.numbers),
        daily_label="Average daily dose" if result.daily_mg is not None else "Dose",  # the injection: never averaged
        daily=result.dose_text,
        working=result.working,
        bounds=Item(f"{band.name}: {result.bounds_text}", result.bounds_refs),
        why=Item(result.reason, result.bounds_refs),
        why_short=Item(result.reason.removesuffix(band.basis).strip(), result.bounds_refs),
        basis=Item(band.basis, result.bounds_refs),
        sections=(_notes(result), _precautions(result), references),
        key_precautions=_key_precautions(result),
        scheme_id=scheme.id,
        scheme_title=scheme.title,
        scheme_version=scheme.version,
        scheme_date=scheme.date.isoformat(),
        scheme_review=scheme.review_status,
        scheme_sha256=scheme.sha256,
        when=when,
        disclaimer=scheme.disclaimer,
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def summary_text(record: Record) -> str:
    """About ten lines for a pharmacy note: band, dose, why, key precautions, scheme version."""
    lines = [
        record.answer,
        f"Band: {record.band_heading}",  # the answer's words need not name it ("above the standard dose")
        f"Entered: {record.entered}",
        f"{record.daily_label}: {record.daily}",
        *(f"Working: {line}" for line in record.working),
        f"Why: {record.why_short.line}",
        f"Key precautions ({len(record.key_precautions)} of {len(record.sections[1].items)}; all in the full record):",
        *(f"- {item.line}" for item in record.key_precautions),
        f"Scheme: {record.scheme_title}, version {record.scheme_version} ({record.scheme_date}), "
        f"SHA-256 {record.scheme_sha256[:12]}…",
        f"Generated {record.when_text}. {record.disclaimer}",
    ]
    return "\n".join(_one_line(line) for line in lines)


def full_text(record: Record) -> str:
    """The whole record as plain text, in the order of the page."""
    lines = [
        f"{TITLE}, generated {record.when_text}",
        record.answer,
        f"Band: {record.band_heading} [{record.band_id}]",
        f"Entered: {record.entered}",
        f"Read as: {record.understood}",
        f"{record.daily_label}: {record.daily}",
        *(f"Working: {line}" for line in record.working),
        f"Bounds: {record.bounds.line}",
        f"Why: {record.why.line}",
    ]
    for section in record.sections:
        if section.items:
            lines.append(f"{section.title}:")
            lines.extend(f"  - {item.line}" for item in section.items)
    lines += [
        f"Scheme: {record.scheme_line}",
        f"Review: {record.scheme_review}",
        record.disclaimer,
        CHECKED_BY,
    ]
    return "\n".join(("  " + _one_line(line)) if line.startswith("  ") else _one_line(line) for line in lines)
