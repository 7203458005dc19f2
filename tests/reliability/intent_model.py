"""The oracle for the window and kiosk state machines: what the user did, and what they mean.

`UserModel` records what the user typed and chose, step by step, and never looks at a
widget: it knows which fields exist and which are shown, the choices each form offers
(`core.form_choices`, plain data) and the rule of the issue, written here again in its
own words rather than imported from `core.form_state`, so a fault in either shows up as a
disagreement:

    No value the user typed or chose changes meaning without the user's own action. A
    choice the new form does not offer is cleared (no answer, a message naming it) when
    the user chose it or a number typed under it is on the form; an untouched default
    with nothing typed under it becomes the new form's default. A cleared choice stays
    cleared until the user chooses. The weekly schedule has a unit of its own.

`expect()` turns the record into the answer the user means: the Regimen (read from the
model's own texts by core's parser, which the parser fuzzers test separately) and its
band, or "no answer, because these choices were cleared", or core's refusal of the texts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from core.classify import classify
from core.form_choices import FREQUENCIES, UNITS_FOR_FORM, WEEKDAYS, WEEKLY_SCHEDULE
from core.form_input import regimen_from_form
from core.refusal import Refusal
from core.scheme import Scheme

DOSE = "dose"
CONCENTRATION = "concentration"
FIELDS = (DOSE, CONCENTRATION, *WEEKDAYS)
MAX_TYPED = 200  # the cap of gui.dose_form's fields (an edit past it is refused whole)


def fit(old: str, new: str, limit: int = MAX_TYPED) -> str:
    """What a field holds after an edit that would make `old` into `new`: `new`, or `old`
    when `new` is longer than the field's cap (the edit is refused whole, never cut)."""
    return new if len(new) <= limit else old


_FIRST_UNIT = {"tablet": "mg", "liquid": "mL", "injection": "mg"}
_FIRST_FREQUENCY = {"tablet": "once-daily", "liquid": "once-daily"}
_TABLET_UNITS = ("ng", "mcg", "mg", "g")


def offered_frequencies(form: str) -> list[str]:
    return [f.id for f in FREQUENCIES if form in f.forms]


def frequency_label(frequency_id: str) -> str:
    return next(f.label for f in FREQUENCIES if f.id == frequency_id)


@dataclass(frozen=True)
class Expected:
    """The answer the user means: a band and its regimen, or no answer and why."""

    band: str | None
    doses_mg: tuple[Fraction, ...] = ()
    period: object = None  # core.periods.Period (whole hours, or months for the injection)
    route: str = ""
    concentration: Fraction | None = None
    units: tuple[str, ...] = ()
    cleared: tuple[tuple[str, str], ...] = ()  # (control, value) that stand in the way of an answer
    refusal: str = ""
    hint: bool = False  # a refusal because nothing is typed yet (not an error)

    @property
    def outcome(self) -> str:
        if self.band:
            return self.band
        return "cleared" if self.cleared else "hint" if self.hint else "refused"


@dataclass
class UserModel:
    """Every text and choice, as the user left it."""

    preferred: dict[str, str] = field(default_factory=lambda: {"injection": "every-4-weeks"})
    form: str = "tablet"
    unit: str | None = "mg"
    frequency: str | None = "once-daily"
    weekly_unit: str = "mg"
    chosen: set[str] = field(default_factory=set)
    cleared: dict[str, str] = field(default_factory=dict)  # control -> the value that was cleared
    texts: dict[str, str] = field(default_factory=lambda: dict.fromkeys(FIELDS, ""))

    # -- what is on the screen (from the record, not from the widgets) ---------------------
    @property
    def weekly(self) -> bool:
        return self.frequency == WEEKLY_SCHEDULE

    def visible_fields(self) -> list[str]:
        fields = list(WEEKDAYS) if self.weekly else [DOSE]
        if self.form == "liquid":
            fields.append(CONCENTRATION)
        return fields

    def offered(self, control: str) -> list[str]:
        if control == "form":
            return ["tablet", "liquid", "injection"]
        if control == "unit":
            return list(UNITS_FOR_FORM[self.form])
        if control == "weekly_unit":
            return list(_TABLET_UNITS)
        return offered_frequencies(self.form)

    def value(self, control: str) -> str | None:
        return {"form": self.form, "unit": self.unit, "frequency": self.frequency, "weekly_unit": self.weekly_unit}[
            control
        ]

    # -- typing ---------------------------------------------------------------------------
    def limit(self, name: str) -> int:
        return MAX_TYPED

    def append(self, name: str, text: str) -> None:
        """Text typed or pasted at the end of a field (refused whole past the field's cap)."""
        self.texts[name] = fit(self.texts[name], self.texts[name] + text, self.limit(name))

    def backspace(self, name: str, count: int = 1) -> None:
        self.texts[name] = self.texts[name][: max(0, len(self.texts[name]) - count)]

    def replace(self, name: str, text: str) -> None:
        self.texts[name] = fit(self.texts[name], text, self.limit(name))

    def clear_texts(self) -> None:
        """Escape: every text goes, every choice stays."""
        self.texts = dict.fromkeys(FIELDS, "")

    # -- choosing ---------------------------------------------------------------------------
    def choose(self, control: str, value: str) -> None:
        """The user's own choice of a unit, frequency or the schedule's unit (or a form)."""
        if control == "form":
            self._change_form(value)
            return
        assert value in self.offered(control), (control, value)
        setattr(self, control, value)
        self.chosen.add(control)
        self.cleared.pop(control, None)

    def _typed_under(self, control: str, value: str) -> bool:
        if control == "frequency" and value == WEEKLY_SCHEDULE:
            return any(self.texts[d].strip() for d in WEEKDAYS)
        return bool(self.texts[DOSE].strip())

    def _change_form(self, form: str) -> None:
        if form == self.form:
            return
        old_form, self.form = self.form, form
        for control in ("unit", "frequency"):
            value = self.value(control)
            if value is None or value in self.offered(control):
                continue  # still offered: kept; already cleared: stays cleared
            if control in self.chosen or self._typed_under(control, value):
                setattr(self, control, None)  # the user's, or under their number: cleared, visibly
                self.cleared[control] = value
            else:  # an untouched default with nothing under it
                default = _FIRST_UNIT[form] if control == "unit" else self._first_frequency(form)
                setattr(self, control, default)
            self.chosen.discard(control)
        assert old_form != form

    def _first_frequency(self, form: str) -> str:
        offered = offered_frequencies(form)
        for candidate in (self.preferred.get(form), _FIRST_FREQUENCY.get(form)):
            if candidate in offered:
                return candidate
        return offered[0]

    def reset(self) -> None:
        """The kiosk's idle reset: everything as at launch."""
        fresh = type(self)(preferred=self.preferred)
        self.__dict__.update(fresh.__dict__)

    def concentration_text(self) -> str:
        return self.texts[CONCENTRATION]

    # -- what the user means ------------------------------------------------------------------
    def missing(self) -> tuple[tuple[str, str], ...]:
        """The cleared choices this view needs before it can answer."""
        needed = []
        if self.unit is None and not self.weekly:
            needed.append(("unit", self.cleared["unit"]))
        if self.frequency is None:
            needed.append(("frequency", self.cleared["frequency"]))
        return tuple(needed)

    def expect(self, scheme: Scheme, locale: str) -> Expected:
        missing = self.missing()
        if missing:
            return Expected(band=None, cleared=missing)
        assert self.frequency is not None
        unit = self.weekly_unit if self.weekly else self.unit
        weekly = tuple(self.texts[d] for d in WEEKDAYS)
        try:
            regimen = regimen_from_form(
                self.texts[DOSE],
                unit,
                self.form,
                self.frequency,
                locale,
                scheme.limits,
                concentration_text=self.concentration_text(),
                weekly_texts=weekly if self.weekly else (),
            )
            band = classify(regimen, scheme).band.id
        except Refusal as refusal:
            amounts = weekly if self.weekly else (self.texts[DOSE],)
            nothing = not any(t.strip() for t in amounts) or (
                self.form == "liquid" and not self.concentration_text().strip()
            )
            return Expected(band=None, refusal=refusal.message, hint=nothing)
        return Expected(
            band=band,
            doses_mg=regimen.doses_mg,
            period=regimen.period,
            route=regimen.route,
            concentration=regimen.concentration_mg_per_ml,
            units=regimen.units,
        )

    def cleared_words(self, control: str, value: str) -> str:
        """How the message must name a cleared choice."""
        return f"The unit {value}" if control == "unit" else frequency_label(value)

    def state_key(self, outcome: str) -> tuple[object, ...]:
        """One explored state: the choices, whose they are, what is cleared, and the outcome."""
        return (
            type(self).__name__,
            getattr(self, "days_open", None),
            self.form,
            self.unit,
            self.frequency,
            self.weekly_unit,
            tuple(sorted(self.chosen)),
            tuple(sorted(self.cleared)),
            outcome,
        )


CONCENTRATION_AMOUNT = "concentration amount"
CONCENTRATION_VOLUME = "concentration volume"
CONCENTRATION_UNIT = "concentration_unit"
KIOSK_FIELDS = (DOSE, CONCENTRATION_AMOUNT, CONCENTRATION_VOLUME, *WEEKDAYS)


@dataclass
class KioskModel(UserModel):
    """The kiosk: the same choices and the same rule, laid out for a finger. The weekly
    schedule has a page of its own (opened by choosing the schedule, or by the button that
    stands for it; closed by its back button or by any other frequency or form); the
    concentration is an amount, mg or mcg, and the volume it is in (empty: 1 mL). The keypad
    types into the field last tapped while it is shown, else into the dose (Monday on the
    schedule's page); with no field shown it types nowhere."""

    days_open: bool = False
    concentration_unit: str = "mg"
    target: str | None = DOSE
    last_day: str | None = None  # where the keypad typed last on the schedule's page

    def __post_init__(self) -> None:
        self.texts.update(dict.fromkeys((CONCENTRATION_AMOUNT, CONCENTRATION_VOLUME), ""))

    def limit(self, name: str) -> int:
        return 20 if name in (CONCENTRATION_AMOUNT, CONCENTRATION_VOLUME) else MAX_TYPED

    def concentration_text(self) -> str:
        amount = self.texts[CONCENTRATION_AMOUNT].strip()
        volume = self.texts[CONCENTRATION_VOLUME].strip()
        if not amount:
            return ""
        per = f"{volume} mL" if volume else "mL"
        return f"{amount} {self.concentration_unit}/{per}"

    def visible_fields(self) -> list[str]:
        if self.weekly:
            return list(WEEKDAYS) if self.days_open else []
        fields = [DOSE]
        if self.form == "liquid":
            fields += [CONCENTRATION_AMOUNT, CONCENTRATION_VOLUME]
        return fields

    def shown_controls(self) -> list[str]:
        if self.days_open:
            return ["weekly_unit"]
        shown = ["form", "frequency"]
        if not self.weekly:
            shown.append("unit")
        if self.form == "liquid":
            shown.append(CONCENTRATION_UNIT)
        return shown

    def offered(self, control: str) -> list[str]:
        return ["mg", "mcg"] if control == CONCENTRATION_UNIT else super().offered(control)

    def value(self, control: str) -> str | None:
        return self.concentration_unit if control == CONCENTRATION_UNIT else super().value(control)

    def choose(self, control: str, value: str) -> None:
        if control == CONCENTRATION_UNIT:
            self.concentration_unit = value
            return
        was_open, was_weekly = self.days_open, self.weekly
        super().choose(control, value)
        if not self.weekly:
            self.days_open = False
        elif not was_weekly or (control == "frequency" and value == WEEKLY_SCHEDULE):
            self.days_open = True
        self.retarget(page_changed=self.days_open != was_open)

    def open_days(self) -> None:
        self.days_open = self.weekly
        self.retarget(page_changed=True)

    def close_days(self) -> None:
        self.days_open = False
        self.retarget(page_changed=True)

    def tap(self, name: str) -> None:
        assert name in self.visible_fields()
        self.target = name
        if name in WEEKDAYS:
            self.last_day = name

    def retarget(self, page_changed: bool = False) -> None:
        shown = self.visible_fields()
        if not page_changed and self.target in shown:
            return
        fallback = (self.last_day or WEEKDAYS[0]) if self.days_open else DOSE
        self.target = fallback if fallback in shown else None
        if self.target in WEEKDAYS:
            self.last_day = self.target
