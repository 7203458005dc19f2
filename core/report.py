"""A Classification as text for the command line (`check`), or as JSON.

The window's record (Copy, Print, Save as PDF) is core.record, built from the same
Classification fields; `cite` and `blockade_line` are shared with it.
"""

from __future__ import annotations

import datetime
from typing import Any

from core.blockade import describe_model
from core.classify import Classification
from core.formatting import mg_decimal_string
from core.scheme import ref_place
from core.timestamps import time_text


def cite(refs: tuple[str, ...]) -> str:
    """' [T, R]', or with the place in a source ' [L: Contraindications; R]'; the
    references are listed in full below."""
    if not refs:
        return ""
    if any(ref_place(r) for r in refs):
        return " [" + "; ".join(f"{r}: {ref_place(r)}" if ref_place(r) else str(r) for r in refs) + "]"
    return f" [{', '.join(refs)}]"


def sources(refs: tuple[str, ...]) -> list[dict[str, str]]:
    """[{'key': 'L', 'place': 'Contraindications'}, ...] for JSON (place '' when none)."""
    return [{"key": str(r), "place": ref_place(r)} for r in refs]


def confidence_text(confidence: str) -> str:
    """' (secondary sources only)', or '' for what a cited primary source establishes."""
    return "" if confidence == "established" else f" ({confidence})"


def blockade_line(result: Classification) -> str:
    """The blockade estimates and what they are not, as one labelled line ('' without a model).

    'Estimated receptor blockade: One 250 mcg (0.25 mg) dose: about 4 % ... . A model ... [P, W]'
    For the injection the line says why there is no value."""
    model, note = result.scheme.blockade_model, result.blockade_note
    if model is None or note is None:
        return ""
    sentences = [f"{e.text}." for e in result.blockade] + [note.text]
    refs = tuple(dict.fromkeys(r for item in (*result.blockade, note) for r in item.refs))
    return f"{model.label}: {' '.join(sentences)}{cite(refs)}"


def as_text(
    result: Classification, inputs: str = "", when: datetime.datetime | None = None, precautions: bool = True
) -> str:
    """A short plain-text summary; `inputs` is what was typed, as the user would recognise it."""
    scheme = result.scheme
    lines = [f"{result.answer}{cite(result.bounds_refs)}"]
    lines.append(f"Naltrexone dose band: {result.band.heading} [{result.band.id}]")
    if inputs:
        lines.append(f"Entered: {inputs}")
    lines.append(f"Dose: {result.dose_text}")
    lines.extend(f"Working: {line}" for line in result.working)
    lines.append(f"Why: {result.reason}{cite(result.bounds_refs)}")
    if result.position:
        lines.append(f"Position: {'; '.join(result.position)}.")
    for note in result.notes:
        lines.append(f"Note: {note.text}{cite(note.refs)}")
    for note in result.naming:
        lines.append(f"Other naming: {note.text}{cite(note.refs)}{confidence_text(note.confidence)}")
    mechanism = result.mechanism
    if mechanism:
        lines.append(f"Mechanism ({mechanism.status}): {mechanism.text}{cite(mechanism.refs)}")
    if blockade := blockade_line(result):
        lines.append(blockade)
    if precautions and result.precautions:
        group = None
        for p in result.precautions:
            if p.group != group:
                group = p.group
                lines.append(f"Precautions - {group}:")
            lines.append(f"  - {p.text}{cite(p.refs)}{confidence_text(p.confidence)}")
    if result.references:
        lines.append("References:")
        lines.extend(f"  [{r.key}] {r.full}" for r in result.references)
    lines.append(f"Scheme: {scheme.label}, id {scheme.id}, review: {scheme.review_status}")
    if when is not None:
        lines.append(f"Checked: {time_text(when)}")
    lines.append(scheme.disclaimer)
    return "\n".join(
        " ".join(line.split()) if not line.startswith("  ") else "  " + " ".join(line.split()) for line in lines
    )


def as_json(result: Classification) -> dict[str, Any]:
    """The contract of `check --json` (design.md): band, band_name, daily_dose_mg, ...

    `answer` is the first line of the text output; each `sources` list gives the keys of
    `refs` with the place cited in the source. Editor notes are never included."""
    regimen = result.regimen
    mechanism = result.mechanism
    return {
        "answer": result.answer,
        "answer_sources": sources(result.bounds_refs),
        "band": result.band.id,
        "band_name": result.band.name,
        "band_short_name": result.band.short_name,
        "daily_dose_mg": mg_decimal_string(result.daily_mg) if result.daily_mg is not None else None,
        "daily_dose_mg_exact": str(result.daily_mg) if result.daily_mg is not None else None,
        "dose_text": result.dose_text,
        "working": list(result.working),
        "route": regimen.route,
        "doses_mg": [mg_decimal_string(d) for d in regimen.doses_mg],
        "period": regimen.period.text,
        # whole days, hours, or months: exactly one way to read the period (null otherwise)
        "period_days": regimen.period.hours // 24 if regimen.period.hours % 24 == 0 and regimen.period.hours else None,
        "period_hours": regimen.period.hours or None,
        "period_months": regimen.period.months or None,
        "concentration_mg_per_ml": (
            mg_decimal_string(regimen.concentration_mg_per_ml) if regimen.concentration_mg_per_ml is not None else None
        ),
        "bounds": result.bounds_text,
        "reason": result.reason,
        "position": list(result.position),
        "notes": [
            {"id": n.id, "kind": n.kind, "text": n.text, "refs": list(n.refs), "sources": sources(n.refs)}
            for n in result.notes
        ],
        "other_naming": [
            {
                "id": n.id,
                "text": n.text,
                "refs": list(n.refs),
                "sources": sources(n.refs),
                "confidence": n.confidence,
            }
            for n in result.naming
        ],
        "mechanism": {
            "text": mechanism.text if mechanism else "",
            "status": mechanism.status if mechanism else "none",
            "refs": list(mechanism.refs) if mechanism else [],
            "sources": sources(mechanism.refs) if mechanism else [],
        },
        "blockade": [
            {
                "dose_mg": mg_decimal_string(e.dose_mg),
                "mor_percent": mg_decimal_string(e.percent),
                "mor_percent_exact": str(e.percent),
                "mor_percent_text": e.percent_text,
                "extrapolated": e.extrapolated,
                "model": describe_model(result.scheme.blockade_model, result.numbers)
                if result.scheme.blockade_model
                else "",
                "refs": list(e.refs),
                "text": e.text,
            }
            for e in result.blockade
        ],
        "blockade_note": (
            {
                "label": result.scheme.blockade_model.label,
                "text": result.blockade_note.text,
                "refs": list(result.blockade_note.refs),
            }
            if result.blockade_note is not None and result.scheme.blockade_model is not None
            else None
        ),
        "precautions": [
            {
                "id": p.id,
                "group": p.group,
                "text": p.text,
                "refs": list(p.refs),
                "sources": sources(p.refs),
                "confidence": p.confidence,
            }
            for p in result.precautions
        ],
        "references": [
            {
                "key": r.key,
                "citation": r.citation,
                "doi": r.doi,
                "pmid": r.pmid,
                "pmcid": r.pmcid,
                "url": r.url,
                "note": r.note,
            }
            for r in result.references
        ],
        "scheme": {
            "id": result.scheme.id,
            "version": result.scheme.version,
            "title": result.scheme.title,
            "sha256": result.scheme.sha256,
        },
    }
