"""The answer as escaped HTML: the explanation and the precautions with their sources.

Shared by the window's two text panes and the printed summary. Every text comes from
the Classification (and so from the scheme); user text never reaches rich text unescaped.
"""

from __future__ import annotations

from html import escape

from core.classify import Classification
from core.report import cite, confidence_text


def explanation_html(result: Classification, disclaimer: bool = True) -> str:
    """The plain sentences under the band name, as escaped HTML paragraphs: first the
    answer (the scheme's own sentence), then the dose as understood, then why."""
    band = result.band
    parts = [f"<p style='font-size:large'><b>{escape(result.answer)}</b>{escape(cite(result.bounds_refs))}</p>"]
    parts.append(f"<p><b>{escape(result.dose_text[:1].upper() + result.dose_text[1:])}.</b></p>")
    if result.working:
        parts.append(f"<p><b>Working:</b> {'<br>'.join(escape(line) for line in result.working)}</p>")
    parts.append(f"<p>{escape(band.description)}</p>")
    parts.append(f"<p><b>Why this band:</b> {escape(result.reason)}{escape(cite(result.bounds_refs))}</p>")
    if result.position:
        parts.append(f"<p><b>Against its neighbours:</b> {escape('; '.join(result.position))}.</p>")
    for note in result.notes:
        parts.append(f"<p><b>Note:</b> {escape(note.text)}{escape(cite(note.refs))}</p>")
    if result.naming:
        parts.append("<p><b>How other sources name this dose:</b></p><ul>")
        parts.extend(
            f"<li>{escape(n.text)}{escape(cite(n.refs))}{_confidence_html(n.confidence)}</li>" for n in result.naming
        )
        parts.append("</ul>")
    mechanism = result.mechanism
    if mechanism:
        parts.append(
            f"<p><b>Mechanism ({escape(mechanism.status)}):</b> {escape(mechanism.text)}"
            f"{escape(cite(mechanism.refs))}</p>"
        )
    parts.append(blockade_html(result))
    if disclaimer:
        parts.append(f"<p><i>{escape(result.scheme.disclaimer)}</i></p>")
    return "".join(parts)


def blockade_html(result: Classification) -> str:
    """The blockade estimates (one per distinct single oral dose) and what they are not;
    for the injection, why there is none. Empty when the scheme has no model."""
    model, note = result.scheme.blockade_model, result.blockade_note
    if model is None or note is None:
        return ""
    label = f"<b>{escape(model.label)}:</b>"
    if not result.blockade:
        return f"<p>{label} {escape(note.text)}{escape(cite(note.refs))}</p>"
    items = "".join(f"<li>{escape(e.text)}.{escape(cite(e.refs))}</li>" for e in result.blockade)
    return f"<p>{label}</p><ul>{items}</ul><p><i>{escape(note.text)}{escape(cite(note.refs))}</i></p>"


def precautions_html(result: Classification) -> str:
    """Grouped precautions and the full references, as escaped HTML."""
    parts: list[str] = [f"<h3>Precautions for {escape(result.band.name)} and for all doses</h3>"]
    group = None
    for p in result.precautions:
        if p.group != group:
            if group is not None:
                parts.append("</ul>")
            group = p.group
            parts.append(f"<h4>{escape(group)}</h4><ul>")
        parts.append(f"<li>{escape(p.text)}{escape(cite(p.refs))}{_confidence_html(p.confidence)}</li>")
    if group is not None:
        parts.append("</ul>")
    if result.references:
        parts.append("<h3>References</h3>")
        parts.extend(f"<p><b>[{escape(r.key)}]</b> {escape(r.full)}</p>" for r in result.references)
    return "".join(parts)


def _confidence_html(confidence: str) -> str:
    """' <i>(secondary sources only)</i>', or '' when a cited primary source establishes it."""
    text = confidence_text(confidence).strip()
    return f" <i>{escape(text)}</i>" if text else ""
