"""The kiosk's supervised-exit PIN: a salted scrypt hash, and the back-off after wrong tries.

Only the hash is ever stored (in the site configuration); comparing is constant-time.
hashlib, hmac and secrets are imported when a PIN is hashed or checked: they load
OpenSSL, which a kiosk needs only when someone asks to exit, not to start.
"""

from __future__ import annotations

import re

from core.refusal import Refusal

_N, _R, _P, _DKLEN = 2**14, 8, 1, 32
_FORMAT = re.compile(r"scrypt:([0-9]+):([0-9]+):([0-9]+):([0-9a-f]{32}):([0-9a-f]{64})")
PIN_PATTERN = re.compile(r"[0-9]{4,12}")


def _derive(pin: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    import hashlib

    return hashlib.scrypt(pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_DKLEN, maxmem=64 * 1024 * 1024)


def hash_pin(pin: str) -> str:
    """'scrypt:N:r:p:salt:hash' for a PIN of 4 to 12 digits."""
    if not PIN_PATTERN.fullmatch(pin):
        raise Refusal("A PIN is 4 to 12 digits (0-9).", field="pin")
    import secrets

    salt = secrets.token_bytes(16)
    return f"scrypt:{_N}:{_R}:{_P}:{salt.hex()}:{_derive(pin, salt, _N, _R, _P).hex()}"


def is_pin_hash(text: str) -> bool:
    """Whether `text` has the form hash_pin() writes, with sane scrypt parameters."""
    match = _FORMAT.fullmatch(text)
    if not match:
        return False
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    return n >= 2**10 and n & (n - 1) == 0 and n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16


def check_pin(pin: str, stored: str) -> bool:
    """Whether `pin` matches the stored hash (constant-time comparison)."""
    match = _FORMAT.fullmatch(stored)
    if not match or not PIN_PATTERN.fullmatch(pin):
        return False
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    import hmac

    expected = bytes.fromhex(match.group(5))
    return hmac.compare_digest(_derive(pin, bytes.fromhex(match.group(4)), n, r, p), expected)


class Backoff:
    """Wrong PINs slow further tries: 0 s after the first, then 2, 4, 8 ... up to 60 s."""

    def __init__(self, first_delay: float = 2.0, max_delay: float = 60.0) -> None:
        self.failures = 0
        self.first_delay = first_delay
        self.max_delay = max_delay

    def failed(self) -> float:
        """Record a wrong PIN; the seconds to wait before the next try."""
        self.failures += 1
        return self.delay

    @property
    def delay(self) -> float:
        if self.failures <= 1:
            return 0.0
        return min(self.first_delay * 2 ** (self.failures - 2), self.max_delay)

    def succeeded(self) -> None:
        self.failures = 0
