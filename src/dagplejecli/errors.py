"""The one exception for "cannot run": bad file, bad configuration. The CLI maps it to exit 2."""

from __future__ import annotations

from dataclasses import dataclass, field

from dagplejecli.messages import term, ui, ui_count

EXIT_INTERNAL = 70  # a bug in dagpleje (BSD's EX_SOFTWARE); 2 stays "cannot run"


@dataclass(frozen=True, slots=True)
class Term:
    """A param said by the catalogue's ``TERMS`` when the message is read (a sheet's role)."""

    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class Said:
    """A param that is a text of its own, said when the message is read: its key and raw
    params (one sheet as it was read, in a list of them)."""

    key: str
    params: dict[str, object] = field(default_factory=dict)


def _worded(value: object) -> object:
    """A param in words: a ``Term`` or a ``Said`` in the current language, a tuple of them
    one after another; any other value as it is."""
    if isinstance(value, Term):
        return term(value.kind, value.value)
    if isinstance(value, Said):
        return ui(value.key, **{k: _worded(v) for k, v in value.params.items()})
    if isinstance(value, tuple) and value and all(isinstance(v, Said | Term) for v in value):
        return "; ".join(str(_worded(v)) for v in value)
    return value


class DagplejeError(Exception):
    """A problem that stops the tool before it can do its work (exit code 2).

    ``key`` names a text in ``messages.UI``; ``where`` says which file, sheet, cell or
    configuration key; ``hint`` (a key too) says how to fix it. A param ``count`` of 1 chooses
    the text's singular twin (``key_one``), as it does for a finding. Params are raw values:
    a ``Term`` or ``Said`` is put in words when the message is read.
    """

    exit_code = 2

    def __init__(
        self,
        message_key: str,
        /,
        *,
        where: str = "",
        hint: str | None = None,
        details: list[str] | None = None,
        **params: object,
    ) -> None:
        self.key = message_key
        self.details = details or []
        self.where = where
        self.hint_key = hint
        self.params = params
        super().__init__(message_key)

    @property
    def message(self) -> str:
        params = {k: _worded(v) for k, v in self.params.items()}
        if isinstance(count := self.params.get("count"), int):
            return ui_count(self.key, count, **params)
        return ui(self.key, **params)

    @property
    def hint(self) -> str:
        params = {k: _worded(v) for k, v in self.params.items()}
        return ui(self.hint_key, **params) if self.hint_key else ""

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


def os_detail(exc: OSError) -> str:
    """What went wrong, in words: the catalogue's for the errors people meet, else the
    system's own text."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    key = _OS_ERRORS.get(name)
    if key is not None:
        return ui(key)
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
