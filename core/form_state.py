"""The form's choices (form, unit, frequency, the weekly schedule's unit) and how they change.

This is the intent rule as plain data, so the workstation, the kiosk and the tests share
one meaning, and the widgets only display it:

    No value the user typed or chose changes meaning without the user's own action.

What that means for each transition (the widgets call one function per user action):

- **Choosing a unit, a frequency or the weekly schedule's unit** sets it and marks it as
  the user's own choice; a message about that control having been cleared goes away.
- **Choosing a form** keeps every choice the new form still offers (a unit, a frequency,
  and the texts typed: nothing typed is ever lost). A choice the new form does not offer
  is *held* when the user chose it themselves or when a number typed under it is on the
  form (the dose for the unit and a dose frequency; a day of the weekly schedule for the
  weekly schedule). A held choice is **cleared** (None) and recorded as `Cleared`, so the
  control shows no selection and `notices` says what was cleared and why; there is no
  answer until the user chooses again. A choice that is not held (a default nobody chose,
  with nothing typed under it) is replaced by the new form's default: no number changes
  meaning, because there is none.
- **A cleared choice stays cleared** whatever form is chosen next, even one that offers
  the old value again: switching back never resurrects a stale choice silently. Only the
  user's own choice fills it.
- **The weekly schedule has its own unit**, so changing the dose's unit on the single-dose
  view never changes the days typed in the schedule, and the reverse. (Only tablets take a
  weekly schedule, and every tablet unit is offered there, so its unit is never cleared.)
- **Escape** empties what was typed and leaves the choices as they are; an **idle reset**
  on the kiosk returns to `FormChoices()`: the defaults, nothing chosen, nothing cleared.

A number typed with its own unit ("250 mcg") is read by core against the chosen unit; a
cleared unit gives no answer (`core.form_input` refuses a missing unit too).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from core.form_choices import (
    DEFAULT_FREQUENCY,
    DEFAULT_UNIT,
    FORMS,
    UNITS_FOR_FORM,
    WEEKLY_SCHEDULE,
    frequencies_for,
    frequency,
)

#: How the messages name each form ("not offered for the injection").
FORM_NAMES = {"tablet": "tablets and capsules", "liquid": "the oral liquid", "injection": "the injection"}
_UNIT_HINT = {"liquid": " (the liquid is given by volume, in mL)"}

UNIT = "unit"
FREQUENCY = "frequency"
WEEKLY_UNIT = "weekly_unit"


class Typed(NamedTuple):
    """Which texts hold something now (what a choice can be 'under')."""

    amount: bool = False  # the dose (or volume) field
    weekly: bool = False  # any day of the weekly schedule


@dataclass(frozen=True)
class Cleared:
    """A choice cleared because a form did not offer it: which control, its old value, the form."""

    control: str  # UNIT or FREQUENCY
    value: str  # the unit symbol or frequency id that was cleared
    form: str  # the form chosen when it was cleared

    def message(self, current_form: str) -> str:
        """What was cleared and why, in words that stay true on whatever form is shown now."""
        # Cleared on another form than the one shown: say so, or "mL is not offered for the
        # injection" reads as if mL were still chosen (a fresh-user session was misled).
        earlier = "" if current_form == self.form else f", cleared when you chose {FORM_NAMES[self.form]},"
        either = "" if current_form == self.form else " either"
        if self.control == UNIT:
            if self.value not in UNITS_FOR_FORM[current_form]:
                hint = _UNIT_HINT.get(current_form, "")
                return (
                    f"The unit {self.value}{earlier} is not offered for {FORM_NAMES[current_form]}{either}{hint}: "
                    "choose one."
                )
            return f"The unit {self.value} was cleared when you chose {FORM_NAMES[self.form]}: choose the unit again."
        label = frequency(self.value).label
        if current_form not in frequency(self.value).forms:
            return f"{label}{earlier} is not offered for {FORM_NAMES[current_form]}{either}: choose a frequency."
        return f"{label} was cleared when you chose {FORM_NAMES[self.form]}: choose the frequency again."


@dataclass(frozen=True)
class FormChoices:
    """The choices on the form now. None means cleared: no selection, no answer until chosen.

    `chosen` holds the controls (UNIT, FREQUENCY, WEEKLY_UNIT) the user set themselves;
    `cleared` the choices a change of form took away, in the order it happened.
    """

    form: str = "tablet"
    unit: str | None = DEFAULT_UNIT["tablet"]
    frequency: str | None = DEFAULT_FREQUENCY["tablet"]
    weekly_unit: str = DEFAULT_UNIT["tablet"]
    chosen: frozenset[str] = field(default=frozenset())
    cleared: tuple[Cleared, ...] = ()

    @property
    def is_weekly(self) -> bool:
        return self.frequency == WEEKLY_SCHEDULE

    def unit_in_use(self) -> str | None:
        """The unit of the amounts that are read now: the schedule's, or the dose's."""
        return self.weekly_unit if self.is_weekly else self.unit

    def notices(self) -> tuple[str, ...]:
        """Why there can be no answer now: each cleared choice the current view needs."""
        messages = []
        for cleared in self.cleared:
            if cleared.control == FREQUENCY and self.frequency is None:
                messages.append(cleared.message(self.form))
            elif cleared.control == UNIT and self.unit is None and not self.is_weekly:
                messages.append(cleared.message(self.form))
        return tuple(messages)


def start(form: str = "tablet", preferred_frequency: Mapping[str, str] | None = None) -> FormChoices:
    """The choices at launch or after an idle reset: defaults, nothing chosen, nothing cleared."""
    return FormChoices(
        form=form,
        unit=DEFAULT_UNIT[form],
        frequency=_default_frequency(form, preferred_frequency or {}),
    )


def choose_unit(choices: FormChoices, unit: str) -> FormChoices:
    """The user chose the dose's unit."""
    _check_offered(unit, UNITS_FOR_FORM[choices.form], "unit")
    return _chosen(replace(choices, unit=unit), UNIT)


def choose_weekly_unit(choices: FormChoices, unit: str) -> FormChoices:
    """The user chose the weekly schedule's unit."""
    _check_offered(unit, weekly_units(), "unit")
    return _chosen(replace(choices, weekly_unit=unit), WEEKLY_UNIT)


def choose_frequency(choices: FormChoices, frequency_id: str) -> FormChoices:
    """The user chose a frequency (the weekly schedule is one)."""
    _check_offered(frequency_id, [f.id for f in frequencies_for(choices.form)], "frequency")
    return _chosen(replace(choices, frequency=frequency_id), FREQUENCY)


def choose_form(
    choices: FormChoices, form: str, typed: Typed, preferred_frequency: Mapping[str, str] | None = None
) -> FormChoices:
    """The user chose a form: keep what it offers, clear what is held, default the rest."""
    if form not in FORMS:
        raise ValueError(f"unknown form {form!r}")
    if form == choices.form:
        return choices
    preferred = preferred_frequency or {}
    chosen = set(choices.chosen)
    cleared = list(choices.cleared)
    unit = choices.unit
    if unit is not None and unit not in UNITS_FOR_FORM[form]:
        if UNIT in chosen or typed.amount:
            cleared.append(Cleared(UNIT, unit, form))
            unit = None
        else:
            unit = DEFAULT_UNIT[form]
        chosen.discard(UNIT)
    freq = choices.frequency
    if freq is not None and form not in frequency(freq).forms:
        under = typed.weekly if freq == WEEKLY_SCHEDULE else typed.amount
        if FREQUENCY in chosen or under:
            cleared.append(Cleared(FREQUENCY, freq, form))
            freq = None
        else:
            freq = _default_frequency(form, preferred)
        chosen.discard(FREQUENCY)
    return replace(choices, form=form, unit=unit, frequency=freq, chosen=frozenset(chosen), cleared=tuple(cleared))


def _chosen(choices: FormChoices, control: str) -> FormChoices:
    """Mark `control` as the user's own choice and forget that it had been cleared."""
    kept = tuple(c for c in choices.cleared if c.control != control)
    return replace(choices, chosen=choices.chosen | {control}, cleared=kept)


def _default_frequency(form: str, preferred: Mapping[str, str]) -> str:
    offered = [f.id for f in frequencies_for(form)]
    for candidate in (preferred.get(form), DEFAULT_FREQUENCY.get(form)):
        if candidate in offered:
            return str(candidate)
    return offered[0]


def weekly_units() -> tuple[str, ...]:
    """The units the weekly schedule offers: those of the forms that take a schedule (tablets)."""
    units: list[str] = []
    for form in frequency(WEEKLY_SCHEDULE).forms:
        units += [u for u in UNITS_FOR_FORM[form] if u not in units]
    return tuple(units)


def _check_offered(value: str, offered: Sequence[str], what: str) -> None:
    if value not in offered:
        raise ValueError(f"{what} {value!r} is not offered here")
