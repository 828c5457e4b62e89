"""The one exception for "cannot run": bad file, bad configuration. The CLI maps it to exit 2."""

from __future__ import annotations

from collections.abc import Sequence

from dagplejecli.messages import detail_text, place_text, said_text, ui
from dagplejecli.wording import Detail, Place, Said, Term

__all__ = ["Said", "Term"]  # the raw words a param may be (wording.py), where errors are raised

EXIT_INTERNAL = 70  # a bug in dagpleje (BSD's EX_SOFTWARE); 2 stays "cannot run"


class DagplejeError(Exception):
    """A problem that stops the tool before it can do its work (exit code 2).

    It carries raw values, never sentences: ``key`` names a text of the catalogue's ``[ui]``;
    ``where`` says which file, sheet, cell or configuration key (a ``Place`` when it names a
    line); ``hint`` (a key too) says how to fix it; ``details`` are ``Detail`` lines; a param
    may be a ``Said`` (a catalogue text of its own) or a ``Term``. ``message``, ``hint``,
    ``where`` and ``details`` say them in the current language when read. A param ``count``
    chooses the text's plural form, as it does for a finding.
    """

    exit_code = 2

    def __init__(
        self,
        message_key: str,
        /,
        *,
        where: str | Place = "",
        hint: str | None = None,
        details: Sequence[Detail | str] | None = None,
        **params: object,
    ) -> None:
        self.key = message_key
        self.raw_details = list(details or [])
        self.place = where
        self.hint_key = hint
        self.params = params
        super().__init__(message_key)

    @property
    def message(self) -> str:
        return said_text(Said(self.key, self.params))

    @property
    def hint(self) -> str:
        return said_text(Said(self.hint_key, self.params)) if self.hint_key else ""

    @property
    def where(self) -> str:
        return place_text(self.place)

    @property
    def details(self) -> list[str]:
        return [detail_text(d) for d in self.raw_details]

    def __str__(self) -> str:
        return self.message


class Refused(DagplejeError):
    """The tool ran, but refuses to do what was asked (exit code 1): e.g. export with errors."""

    exit_code = 1


# The operating system's errors a person meets, said in the catalogue's language (the system's
# own text is English on most machines): errno name → message key.
_OS_ERRORS = {
    "EXDEV": "os_exdev",
    "ENOSPC": "os_no_space",
    "EDQUOT": "os_no_space",
    "EACCES": "os_denied",
    "EPERM": "os_denied",
    "EROFS": "os_read_only",
    "ENOENT": "os_not_found",
    "ENOTDIR": "os_not_found",
    "ELOOP": "os_loop",
    "ENAMETOOLONG": "os_name_too_long",
    "EISDIR": "os_is_folder",
}


def os_detail(exc: OSError) -> Said | str:
    """What went wrong: the catalogue's words for the errors people meet, else the system's
    own text."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    key = _OS_ERRORS.get(name)
    if key is not None:
        return Said(key)
    return exc.strerror or type(exc).__name__


# Warnings that do not stop the work (a secret others can read), said once on stderr when the
# command ends, however it ends: message key → its params.
_NOTICES: dict[tuple[str, tuple[tuple[str, str], ...]], dict[str, object]] = {}


def notice(message_key: str, /, **params: object) -> None:
    """Say ``message_key`` on stderr when the command ends (once, however often noticed)."""
    _NOTICES.setdefault(
        (message_key, tuple(sorted((k, str(v)) for k, v in params.items()))), params
    )


def take_notices() -> list[str]:
    """The notices so far, as text in the current language; forgets them."""
    texts = [ui(key, **params) for (key, _), params in _NOTICES.items()]
    _NOTICES.clear()
    return texts
