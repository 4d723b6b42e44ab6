"""The one error vocabulary of sanctions_screen.

Every error the library raises on purpose derives from :class:`ScreeningError`;
third-party errors are wrapped with ``raise ... from exc``::

    ScreeningError
    ├── ListError                   the sanctions list itself
    │   ├── ListParseError          not a readable UN list (names file and element)
    │   │   ├── UnsafeXMLError      DTD, entity declarations, external references
    │   │   ├── TruncatedListError  the document ends early
    │   │   └── NotAListError       not XML, or not a CONSOLIDATED_LIST
    │   ├── ListTooLargeError       over the size cap
    │   ├── ListSanityError         parses, but must not become active (drastic loss...)
    │   └── DownloadError           the fetch failed (HTTP status, timeout, transport)
    ├── StoreError                  the version store
    │   ├── NoActiveListError       nothing imported yet: says how to fix it
    │   ├── VersionNotFoundError
    │   └── ListVersionMismatchError  a cluster worker found another list version
    ├── ConfigError                 settings or a rules file (also a ValueError)
    │   └── RulesFileError          malformed rules file (names the line)
    ├── InputError                  a fatal problem with user input (unreadable file...)
    │   ├── BadRowError             one bad row: reported and skipped, the run goes on
    │   └── InvalidQueryError       a bad argument to screen()/screen_many() (also a
    │                               ValueError): not a string, empty, folds to nothing
    ├── OutputError                 results could not be written (disk full): names the file
    └── AuditError                  runs, reviews, re-screening
        ├── RunNotFoundError
        ├── RunPrunedError          a pruned run's output cannot be given back
        └── DecisionImportError     a decisions file with bad rows (nothing recorded)

A :class:`BadRowError` is the only *recoverable* kind: batch readers collect it and
carry on (unless asked to be strict); everything else stops the operation.
"""

from __future__ import annotations


class ScreeningError(Exception):
    """Root of every error raised by sanctions_screen."""


class ListError(ScreeningError):
    """A problem with a sanctions list file or download."""


class ListParseError(ListError):
    """The file is not a readable UN consolidated list."""


class UnsafeXMLError(ListParseError):
    """The XML declares a DTD, entities or external references, which are refused."""


class TruncatedListError(ListParseError):
    """The XML document ends before its root element closes."""


class NotAListError(ListParseError):
    """The bytes are not XML, or the root element is not CONSOLIDATED_LIST."""


class ListTooLargeError(ListError):
    """The list is larger than the configured size cap."""


class ListSanityError(ListError):
    """The list parsed but failed a check of the import gate and was not made active.

    ``check`` names the check (``names``, ``shrink``...: see ``store/gate.py``) and
    ``override`` the flag that overrides it (None: nothing does)."""

    check: str = ""
    override: str | None = "--force"


class DownloadError(ListError):
    """Fetching the list failed."""


class StoreError(ScreeningError):
    """A problem with the version store (database)."""


class NoActiveListError(StoreError):
    """No list version has been imported yet."""


class VersionNotFoundError(StoreError):
    """The requested list version does not exist in the store."""


class ListVersionMismatchError(StoreError):
    """A worker's list is not the version the job was pinned to: the job fails rather
    than mix two list versions in one result."""


class ConfigError(ScreeningError, ValueError):
    """Invalid configuration or rules.

    Also a ``ValueError``, as pydantic's error it replaces was: ``except ValueError`` around
    ``ScreeningConfig(...)`` keeps working."""


class RulesFileError(ConfigError):
    """A rules file is malformed; the message names the file and line."""


class InputError(ScreeningError):
    """A fatal problem with the input to a screening run."""


class BadRowError(InputError):
    """One input row is unusable. Reported and skipped; the run goes on.

    ``source`` names the file, ``line`` the 1-based physical line number.
    """

    def __init__(self, message: str, *, source: str = "", line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = source
        if line is not None:
            where = f"{source}:{line}" if source else f"line {line}"
        super().__init__(f"{where}: {message}" if where else message)
        self.reason = message


class InvalidQueryError(InputError, ValueError):
    """A bad argument to the screener: a name that is not a string, is empty or folds to
    nothing, a bare string where a batch is expected, an unknown kind.

    Also a ``ValueError``, so ``except ValueError`` written for bad arguments keeps working."""


class AuditError(ScreeningError):
    """A problem with the audit trail, reviews or re-screening."""


class RunNotFoundError(AuditError):
    """The requested screening run does not exist."""


class RunPrunedError(AuditError):
    """The run's clear rows were pruned: its output cannot be given back byte for byte."""


class DecisionImportError(AuditError):
    """A decisions file has bad rows; none of its decisions was recorded.

    :attr:`problems` lists each bad row (``line N: why``)."""

    def __init__(self, message: str, problems: list[str]) -> None:
        super().__init__(message)
        self.problems = problems


class OutputError(ScreeningError):
    """The results could not be written (a full disk, a closed pipe); the message names the
    file and the rows that were not written."""
