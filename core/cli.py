"""The `naltrexone-dose` command line: `check`, `verify` and `hash-pin`, without Qt.

Core never names the window: the console script's entry is `gui.launcher`, which hands
`main` the function that opens the window (`open_window`), called when no command is
given. So `check` and `verify` work on a machine with no display and no Qt libraries,
and the arguments, `--help` and the exit codes are defined here, once.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from typing import IO, TYPE_CHECKING, NoReturn

from core.refusal import Refusal

if TYPE_CHECKING:
    from core.site_files import SiteFiles

EXIT_OK = 0
EXIT_MISMATCH = 1
EXIT_REFUSED = 2

#: Opens the window (gui.launcher gives gui.app.run): scheme_path, kiosk, config_path and
#: locale as keywords, from the command line; returns the exit code.
WindowOpener = Callable[..., int]

PERIODS_HELP = (
    '"day" (default for oral; the injection has none), "week", "N days", "N weeks" (wk, wks), '
    '"every other day", "every third day" (second to seventh), "every N days", "N hours" or '
    '"every N hours" (12 hours is twice a day), "fortnightly" (14 days); '
    'for --route injection also "month" or "once a month"'
)
LOCALE_HELP = (
    """Numbers are read and shown in one locale, chosen in this order: --locale, the site
configuration's [display] locale, then the environment's LC_ALL, LC_NUMERIC and LANG
(C and POSIX read like English). Its decimal separator comes from the Unicode CLDR
(any locale CLDR knows: en_GB, de_DE, fr_FR, cy_GB, fil_PH...); "4,5 mg" is 4.5 mg in
de_DE and is shown back as "4,5 mg". A locale CLDR does not know is refused at start.

"""
    + textwrap.fill(f"Periods for --per: {PERIODS_HELP}.", width=88)
    + """
How often is never part of a dose or a period: "4.5 mg twice daily" is check "4.5 mg" "4.5 mg"
--per day, and "3 times a week" is three doses --per week. "biweekly" and "bimonthly" are
refused: each names two different schedules."""
)


class _Parser(argparse.ArgumentParser):
    """argparse that keeps the --json contract: usage errors also print {"error": ...}."""

    json_errors = False

    def error(self, message: str) -> NoReturn:
        if self.json_errors:
            print(json.dumps({"error": message, "field": "arguments"}))
        super().error(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="naltrexone-dose",
        description="Which dose band a naltrexone regimen falls in, why, and its precautions. "
        "Decision support only: not a prescription.",
        epilog=LOCALE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--kiosk", action="store_true", help="run full screen for ward touch screens")
    parser.add_argument(
        "--config", metavar="FILE", help="site configuration file (TOML); its scheme and locale apply to check too"
    )
    parser.add_argument("--scheme", metavar="FILE", help="use this scheme file instead of the bundled one")
    parser.add_argument(
        "--locale", metavar="NAME", help="read and show numbers as in this CLDR locale (e.g. en_GB, de_DE); see below"
    )
    sub = parser.add_subparsers(dest="command", metavar="{check,verify,hash-pin}")

    check = sub.add_parser(
        "check",
        help="classify a regimen and print the band",
        description="Classify a regimen. Several DOSEs are the doses given within one period.",
        epilog=LOCALE_HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    check.add_argument("doses", nargs="+", metavar="DOSE", help='amount and unit, e.g. "0.25 mg" or "250 mcg"')
    check.add_argument("--per", metavar="PERIOD", help=PERIODS_HELP)  # default: a day, oral only (_check)
    check.add_argument("--route", default="oral", help='"oral" (default) or "injection"')
    check.add_argument("--concentration", metavar="C", help='for a liquid, e.g. "1 mg/mL"; DOSEs are then volumes')
    check.add_argument(
        "--locale", dest="check_locale", metavar="NAME", help="read and show numbers as in this CLDR locale"
    )
    check.add_argument("--scheme", dest="check_scheme", metavar="FILE", help="use this scheme file")
    check.add_argument("--json", action="store_true", help="print one JSON object")

    verify = sub.add_parser("verify", help="check the scheme's worked examples (installation check)")
    verify.add_argument("--scheme", dest="check_scheme", metavar="FILE", help="use this scheme file")
    pin = sub.add_parser("hash-pin", help="print a salted hash of a kiosk exit PIN for the site configuration")
    pin.add_argument("--stdin", action="store_true", help="read the PIN twice from standard input (provisioning)")
    return parser


def _hash_pin(args: argparse.Namespace) -> int:
    import getpass

    from core.pin import MAX_DIGITS, MIN_DIGITS, hash_pin

    if args.stdin:
        lines = sys.stdin.read(4096).splitlines() + ["", ""]
        first, second = lines[0].strip(), lines[1].strip()
    else:
        first = getpass.getpass(f"New kiosk exit PIN ({MIN_DIGITS} to {MAX_DIGITS} digits): ")
        second = getpass.getpass("The same PIN again: ")
    if first != second:
        print("naltrexone-dose: refused: the two PINs differ; nothing was printed.", file=sys.stderr)
        return EXIT_REFUSED
    try:
        hashed = hash_pin(first)
    except Refusal as refusal:
        _refused(refusal.message)
        return EXIT_REFUSED
    print(hashed)
    print(f'Paste it into the site configuration under [kiosk]: exit_pin_hash = "{hashed}"', file=sys.stderr)
    return EXIT_OK


def _refused(message: str) -> None:
    """One line on stderr (text from files and arguments made safe for a terminal)."""
    from core.quoting import printable_message

    print(f"naltrexone-dose: refused: {printable_message(message)}", file=sys.stderr)


def _site_files(args: argparse.Namespace, check_examples: bool = True) -> SiteFiles:
    """The site configuration (`--config`, else the default location) and the scheme, as the
    window reads them: `--scheme` wins over the configuration's. Warnings go to stderr."""
    from core.quoting import printable_message
    from core.site_files import read_site_files

    files = read_site_files(args.check_scheme or args.scheme, args.config, strict=False, check_examples=check_examples)
    for warning in files.warnings:
        print(f"naltrexone-dose: warning: {printable_message(warning)}", file=sys.stderr)
    return files


def _check(args: argparse.Namespace) -> int:
    from core.classify import classify
    from core.frequency_words import FrequencyInDose
    from core.locales import choose_locale, number_format
    from core.periods import after_doses
    from core.regimen import read_regimen
    from core.report import as_json, as_text

    if args.per is None and args.route == "injection":
        # A day is the oral default; the injection has no default period, as in the window
        # (which offers no daily injection): never a silent "380 mg every day".
        message = (
            'Give the period between injections: --per "4 weeks" or --per "once a month" '
            "for the labelled regimen, or the interval given."
        )
        _refused(message)
        if args.json:
            print(json.dumps({"error": message, "field": "period"}))
        return EXIT_REFUSED
    args.per = args.per or "day"
    try:
        files = _site_files(args)  # the command line's --scheme and --locale win over the site's
        scheme = files.scheme
        chosen = choose_locale(args.check_locale or args.locale or files.config.locale)
        numbers = number_format(*chosen)  # refused here, once, before any dose is read
        regimen = read_regimen(
            args.doses,
            scheme.limits,
            per=args.per,
            route=args.route,
            concentration=args.concentration,
            locale=numbers,
            dose_names=_dose_names(len(args.doses)),
        )
        result = classify(regimen, scheme, numbers)
    except Refusal as refusal:
        message = refusal.message
        if isinstance(refusal, FrequencyInDose) and len(args.doses) == 1:  # with others, it would drop them
            message += f" On the command line: {refusal.command_line(args.route)}."
        _refused(message)
        if args.json:
            print(json.dumps({"error": message, "field": refusal.field}))
        return EXIT_REFUSED
    if args.json:
        print(json.dumps(as_json(result), indent=2))
    else:
        typed = " + ".join(args.doses) + f" {after_doses(args.per)}, {args.route}"
        if args.concentration:
            typed += f", {args.concentration}"
        print(as_text(result, typed, datetime.datetime.now()))
    return EXIT_OK


def _dose_names(count: int) -> list[str] | None:
    """ "Dose 2 of 3" for each of several DOSEs, so a refusal says which to correct."""
    return [f"Dose {i} of {count}" for i in range(1, count + 1)] if count > 1 else None


def _verify(args: argparse.Namespace) -> int:
    from core.outside_file import shown
    from core.quoting import printable_message
    from core.verify import check_example_coverage, run_examples

    try:
        scheme = _site_files(args, check_examples=False).scheme
    except Refusal as refusal:
        _refused(refusal.message)
        return EXIT_REFUSED
    print(printable_message(f"Scheme: {scheme.id} version {scheme.version} ({scheme.date.isoformat()})"))
    print(f"File: {shown(scheme.path)}")
    print(f"SHA-256: {scheme.sha256}")
    print(printable_message(f"Review: {scheme.review_status}"))
    latest, *earlier = scheme.changes
    print(printable_message(f"Changes in {latest.version} ({latest.date.isoformat()}):"))
    for item in latest.items:
        print(printable_message(f"  - {item}"))
    if earlier:
        print(
            printable_message("Earlier versions: " + ", ".join(f"{c.version} ({c.date.isoformat()})" for c in earlier))
        )
    try:
        outcomes = run_examples(scheme)
    except Exception as error:  # noqa: BLE001 - a refusal, never a traceback
        from core.outside_file import failure

        _refused(f"{shown(scheme.path)}: its worked examples cannot be checked ({failure(error)})")
        return EXIT_REFUSED
    for outcome in outcomes:
        print(printable_message(outcome.describe()))
    failed = sum(not o.passed for o in outcomes)
    print(f"{len(outcomes) - failed} of {len(outcomes)} worked examples give the expected band.")
    try:
        check_example_coverage(scheme)
    except Refusal as refusal:
        print(printable_message(f"Coverage: {refusal.message}"))
        return EXIT_MISMATCH
    return EXIT_MISMATCH if failed else EXIT_OK


class _QuietWhenClosed:
    """A standard stream that goes quiet when its reader leaves (`verify | head -1`).

    The rest of the output goes to os.devnull (the recipe in the Python documentation on
    SIGPIPE) and the command runs to its end, so its exit status is its own: never a
    traceback, never 1 ("a worked example failed") because nobody read the rest."""

    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream
        self.closed_by_reader = False

    def write(self, text: str) -> int:
        if not self.closed_by_reader:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._to_devnull()
        return len(text)

    def flush(self) -> None:
        if not self.closed_by_reader:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._to_devnull()

    def _to_devnull(self) -> None:
        self.closed_by_reader = True
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:  # the interpreter flushes the stream again at exit: let that write go nowhere
            os.dup2(devnull, self._stream.fileno())
        finally:
            os.close(devnull)

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None, open_window: WindowOpener | None = None) -> int:
    """Run the command line; with no command, `open_window` (or, without one, a usage error:
    `python -m core.cli` runs the commands only; the window is `naltrexone-dose`)."""
    guarded: dict[str, IO[str]] = {}
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if hasattr(stream, "reconfigure"):  # a C-locale terminal must not crash on user text
            stream.reconfigure(errors="backslashreplace")
        if stream is not None and stream is getattr(sys, f"__{name}__"):
            guarded[name] = stream
            setattr(sys, name, _QuietWhenClosed(stream))
    arguments = list(sys.argv[1:] if argv is None else argv)
    _Parser.json_errors = "--json" in arguments
    try:
        return _run(_parser().parse_args(arguments), open_window)
    finally:
        for name, stream in guarded.items():
            getattr(sys, name).flush()
            setattr(sys, name, stream)


def _run(args: argparse.Namespace, open_window: WindowOpener | None) -> int:
    if args.command == "check":
        return _check(args)
    if args.command == "verify":
        return _verify(args)
    if args.command == "hash-pin":
        return _hash_pin(args)
    if open_window is None:
        _parser().error("choose a command: check, verify or hash-pin (the window opens with naltrexone-dose)")
    return open_window(scheme_path=args.scheme, kiosk=args.kiosk, config_path=args.config, locale=args.locale)


if __name__ == "__main__":
    sys.exit(main())
