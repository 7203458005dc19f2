"""Read a file that comes from outside the program (the site configuration, a scheme).

Such a file is hostile until checked (GUIDE.md). Before tomllib sees it:

* only a regular file is read: never a FIFO (opening one for reading waits for a writer
  for ever), a device (/dev/zero never ends) or a directory. The type is checked with
  os.stat before opening, and again on the open descriptor (opened with O_NONBLOCK, so
  that a FIFO swapped in between cannot block either);
* at most `max_bytes` are read, however large the file says it is or grows;
* the TOML structure is bounded by core.toml_bounds;
* any failure, whatever its kind (MemoryError and RecursionError included), becomes a
  FileRefused naming the file, never a traceback.

`loose_permissions` says whether others than root and the user running the app could
change the file (docs/kiosk.md, "Who may write the site files").
"""

from __future__ import annotations

import os
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.quoting import quote, quote_name
from core.refusal import Refusal
from core.toml_bounds import TomlBounds, TooMuchStructure, check_bounds


@dataclass(frozen=True)
class FileKind:
    """What a kind of outside file may be: its name in messages, its size and its structure."""

    what: str  # "site configuration", "scheme file"
    max_bytes: int
    bounds: TomlBounds


#: The site configuration holds four keys (a few hundred bytes); 64 KiB leaves room for comments.
CONFIG_FILE = FileKind(
    "site configuration",
    64 * 1024,
    TomlBounds(max_line_chars=4096, max_depth=4, max_dots_per_line=8, max_tables=16, max_values=64),
)
#: The bundled scheme is 45 KB, 110 tables, about 900 keys and items, nesting 2, no dotted
#: keys; these are several times that, and any file within them is read, and accepted or
#: refused, in well under a second (docs/reliability.md, "Hostile files").
SCHEME_FILE = FileKind(
    "scheme file",
    256 * 1024,
    TomlBounds(max_line_chars=4096, max_depth=8, max_dots_per_line=16, max_tables=1000, max_values=20_000),
)


class FileRefused(Refusal):
    """An outside file that is not read; the message names the file and what is wrong."""

    def __init__(self, message: str) -> None:
        super().__init__(message, field="file")


@dataclass(frozen=True)
class OutsideFile:
    """A file read within its kind's limits: its bytes (for a checksum) and its text."""

    path: Path
    raw: bytes
    text: str


def shown(path: str | os.PathLike[str]) -> str:
    """A path for a message (quoted only when it holds characters that are not safe to show)."""
    return quote_name(os.fspath(path))


def _kind_of(mode: int) -> str | None:
    """None for a regular file, else what it is instead."""
    if stat.S_ISREG(mode):
        return None
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def read_bytes(path: str | os.PathLike[str], kind: FileKind) -> bytes:
    """The file's bytes, if it is a regular file of at most kind.max_bytes; else FileRefused."""
    name = shown(path)
    try:
        info = os.stat(path)
        other = _kind_of(info.st_mode)
        if other is None and info.st_size > kind.max_bytes:
            raise FileRefused(_too_large(name, kind, info.st_size))
        if other is None:
            descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
            try:
                info = os.fstat(descriptor)  # the file opened, not the one looked at before
                other = _kind_of(info.st_mode)
                if other is None:
                    data = _read_at_most(descriptor, kind.max_bytes + 1)
            finally:
                os.close(descriptor)
    except OSError as error:
        raise FileRefused(f"{name}: cannot read the {kind.what}: {error.strerror or type(error).__name__}") from None
    if other is not None:
        raise FileRefused(f"{name}: is {other}, not a file: the {kind.what} must be a regular file")
    if len(data) > kind.max_bytes:  # it grew, or it is a file whose size says nothing (/proc)
        raise FileRefused(_too_large(name, kind, None))
    return data


def _read_at_most(descriptor: int, limit: int) -> bytes:
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = os.read(descriptor, min(left, 65536))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _too_large(name: str, kind: FileKind, size: int | None) -> str:
    actual = f"{size:,} bytes" if size is not None else "larger than that"
    limit = f"{kind.max_bytes // 1024} KiB ({kind.max_bytes:,} bytes)"
    return f"{name}: a {kind.what} may be at most {limit}; this is {actual}"


def read_toml(path: str | os.PathLike[str], kind: FileKind) -> tuple[dict[str, Any], OutsideFile]:
    """The file parsed as TOML, within `kind`'s limits, with what was read; else FileRefused."""
    name = shown(path)
    raw = read_bytes(path, kind)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FileRefused(f"{name}: not a UTF-8 text file (byte {error.start})") from None
    try:
        check_bounds(text, kind.bounds)
    except TooMuchStructure as error:
        where = f"{name}:{error.line}" if error.line else name
        raise FileRefused(f"{where}: not read: {error.problem}; a {kind.what} needs far less") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise FileRefused(f"{name}: cannot read the {kind.what}: not valid TOML: {error}") from None
    except Exception as error:  # noqa: BLE001 - whatever it is, the file is refused, never a traceback
        raise FileRefused(f"{name}: cannot be read as TOML ({failure(error)})") from None
    return data, OutsideFile(Path(path), raw, text)


def failure(error: BaseException) -> str:
    """An unexpected error, named for a message (its text quoted: it may hold the file's)."""
    detail = str(error)
    return f"{type(error).__name__}: {quote(detail)}" if detail else type(error).__name__


def loose_permissions(path: str | os.PathLike[str]) -> str | None:
    """Why someone other than root or the user running the app could change the file, or None.

    As OpenSSH does for its key files: the file must not be writable by others, and no
    directory above it may be writable by others unless it has the sticky bit (as /tmp
    has); in such a directory, what it holds must belong to root or to the user.
    Group write is allowed (a site may manage the files as a group). POSIX only: on
    Windows the permissions are ACLs, which this does not read (None)."""
    if os.name != "posix":
        return None
    me = os.geteuid()
    for start in dict.fromkeys((Path(os.path.abspath(path)), Path(os.path.realpath(path)))):
        try:
            info = os.stat(start)
        except OSError:
            return None  # reading it will say what is wrong
        if info.st_mode & stat.S_IWOTH:
            return f"{shown(start)}: anyone can write to it (fix: chmod o-w {shown(start)})"
        owner = info.st_uid
        inside = start
        for directory in start.parents:
            try:
                info = os.stat(directory)
            except OSError:
                break
            if info.st_mode & stat.S_IWOTH:
                if not info.st_mode & stat.S_ISVTX:
                    return (
                        f"{shown(start)}: anyone can replace it: its directory {shown(directory)} is writable by "
                        f"anyone (fix: chmod o-w {shown(directory)}, or move the file)"
                    )
                if owner not in (0, me):
                    return (
                        f"{shown(start)}: {shown(inside)} belongs to another user (uid {owner}) in "
                        f"{shown(directory)}, which anyone can write to (fix: keep site files in a directory "
                        "only root can write to)"
                    )
            owner = info.st_uid
            inside = directory
    return None
