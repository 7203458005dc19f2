"""The kiosk's supervised-exit PIN: a salted scrypt hash, and the back-off after wrong tries.

Only the hash is ever stored (in the site configuration); comparing is constant-time.
hashlib, hmac and secrets are imported when a PIN is hashed or checked: they load
OpenSSL, which a kiosk needs only when someone asks to exit, not to start.

One definition of the scrypt parameters a hash may have (`parameters_problem`) serves the
configuration's validation, `hash-pin` and the check, and the check's memory cap is
computed from the same parameters, so every hash the configuration accepts can be
verified, each in well under a second (docs/kiosk.md, "The exit PIN").
"""

from __future__ import annotations

import re

from core.refusal import Refusal

#: What `hash-pin` writes: scrypt with N = 2^14, r = 8, p = 1 (16 MiB, about 0.05-0.1 s).
N, R, P = 2**14, 8, 1
_DKLEN = 32
#: scrypt's memory is 128 * r * N bytes: from 16 MiB (what hash-pin writes) to 64 MiB.
MIN_NR, MAX_NR = 2**17, 2**19
#: Its time grows with N * r * p: at most 4 times hash-pin's (about 0.3 s on the
#: development machine, so well under a second on a slow kiosk).
MAX_NRP = 2**19
MAX_R = 32
MIN_DIGITS, MAX_DIGITS = 6, 12
#: "v2": made by a hash-pin that asks for 6 to 12 digits. A plain "scrypt:" hash comes from
#: an older hash-pin that allowed 4: it still works, with a warning (LEGACY_WARNING).
PREFIX, LEGACY_PREFIX = "scrypt-v2", "scrypt"
_FORMAT = re.compile(r"(scrypt-v2|scrypt):([0-9]{1,7}):([0-9]{1,4}):([0-9]{1,4}):([0-9a-f]{32}):([0-9a-f]{64})")
NEW_PIN_PATTERN = re.compile(rf"[0-9]{{{MIN_DIGITS},{MAX_DIGITS}}}")
#: What may be typed at the prompt: any length a hash may hold (old hashes: 4 digits).
PIN_PATTERN = re.compile(rf"[0-9]{{4,{MAX_DIGITS}}}")
LEGACY_WARNING = (
    "was made by an older `naltrexone-dose hash-pin` that allowed PINs of 4 digits; it still "
    f"works, but make a new one of {MIN_DIGITS} to {MAX_DIGITS} digits with `naltrexone-dose hash-pin` "
    "and paste its line"
)


def parameters_problem(n: int, r: int, p: int) -> str | None:
    """Why the scrypt parameters N, r, p are not accepted, or None when they are."""
    if n < 2 or n & (n - 1):
        return f"N = {n} is not a power of two"
    if not 1 <= r <= MAX_R or p < 1:
        return f"r must be 1 to {MAX_R} and p at least 1"
    if not MIN_NR <= n * r <= MAX_NR:
        return f"N * r = {n * r} is outside {MIN_NR} to {MAX_NR} (16 to 64 MiB of memory)"
    if n * r * p > MAX_NRP:
        return f"N * r * p = {n * r * p} is above {MAX_NRP} (too slow to check at the kiosk)"
    if n >= 2 ** (16 * r):  # scrypt's own rule (RFC 7914): N < 2^(128 * r / 8)
        return f"N = {n} is too large for r = {r}"
    return None


def memory_needed(n: int, r: int, p: int) -> int:
    """The bytes OpenSSL's scrypt allocates for N, r, p (its `maxmem` must be at least this)."""
    return 128 * r * (n + 2) + 128 * r * p


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    import hashlib

    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_DKLEN, maxmem=memory_needed(n, r, p) + 65536
    )


def hash_pin(pin: str) -> str:
    """'scrypt-v2:N:r:p:salt:hash' for a PIN of 6 to 12 digits."""
    if not NEW_PIN_PATTERN.fullmatch(pin):
        raise Refusal(f"A PIN is {MIN_DIGITS} to {MAX_DIGITS} digits (0-9).", field="pin")
    import secrets

    salt = secrets.token_bytes(16)
    return f"{PREFIX}:{N}:{R}:{P}:{salt.hex()}:{_derive(pin, salt, N, R, P).hex()}"


def pin_hash_problem(text: str) -> str | None:
    """Why `text` is not a hash `hash-pin` could have written with accepted parameters, or None."""
    match = _FORMAT.fullmatch(text)
    if not match:
        return "not a hash made by `naltrexone-dose hash-pin` (paste its output)"
    problem = parameters_problem(*(int(match.group(i)) for i in (2, 3, 4)))
    if problem:
        return f"its scrypt parameters are not accepted: {problem}; make a new one with `naltrexone-dose hash-pin`"
    return None


def is_pin_hash(text: str) -> bool:
    """Whether `text` has the form hash_pin() writes (or wrote), with accepted scrypt parameters."""
    return pin_hash_problem(text) is None


def is_legacy_hash(text: str) -> bool:
    """Whether an accepted hash comes from the older hash-pin (PINs of 4 digits allowed)."""
    match = _FORMAT.fullmatch(text)
    return match is not None and match.group(1) == LEGACY_PREFIX


def check_pin(pin: str, stored: str) -> bool:
    """Whether `pin` matches the stored hash (constant-time comparison). A hash with
    parameters that are not accepted never matches (and is never computed)."""
    if not PIN_PATTERN.fullmatch(pin) or not is_pin_hash(stored):
        return False
    match = _FORMAT.fullmatch(stored)
    assert match is not None
    n, r, p = (int(match.group(i)) for i in (2, 3, 4))
    import hmac

    expected = bytes.fromhex(match.group(6))
    return hmac.compare_digest(_derive(pin, bytes.fromhex(match.group(5)), n, r, p), expected)


class Backoff:
    """Wrong PINs slow further tries: none after the first, then 2, 4, 8, 16 s ... doubling
    with no ceiling, so that trying every PIN takes longer than anyone can wait
    (docs/kiosk.md gives the arithmetic). The right PIN starts again from nothing."""

    def __init__(self, first_delay: float = 2.0) -> None:
        self.failures = 0
        self.first_delay = first_delay

    def failed(self) -> float:
        """Record a wrong PIN; the seconds to wait before the next try."""
        self.failures += 1
        return self.delay

    @property
    def delay(self) -> float:
        if self.failures <= 1:
            return 0.0
        return self.first_delay * 2.0 ** min(self.failures - 2, 900)  # 2^900 s: a float, never inf

    def succeeded(self) -> None:
        self.failures = 0


def wait_text(seconds: float) -> str:
    """A wait for a person: '45 s', '4 min', '3 h', '2 days', 'more than a year'."""
    whole = round(seconds)
    if whole < 120:
        return f"{whole} s"
    if whole < 2 * 3600:
        return f"{round(whole / 60)} min"
    if whole < 2 * 86400:
        return f"{round(whole / 3600)} h"
    if whole < 365 * 86400:
        return f"{round(whole / 86400)} days"
    return "more than a year"
