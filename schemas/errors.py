"""One base exception with a few subclasses, each with a stable code.

Only the edges (CLI, web, batch runner) turn these into exit codes, HTTP
statuses or document statuses.
"""
from __future__ import annotations


class ReestrError(Exception):
    code = "E000"

    def __init__(self, message: str, *, source: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.source = source

    def __str__(self) -> str:
        where = f"{self.source}: " if self.source else ""
        return f"[{self.code}] {where}{self.message}"


class InputError(ReestrError):
    """The input cannot be read as a Russian text document."""
    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class NotRussian(InputError):
    code = "E103"


class TooLarge(InputError):
    code = "E104"


class UnsupportedFormat(InputError):
    code = "E105"


class ExtractionError(ReestrError):
    """An extractor failed on a document it accepted."""
    code = "E200"


class GoldFormatError(ReestrError):
    code = "E300"


class StorageError(ReestrError):
    code = "E400"
