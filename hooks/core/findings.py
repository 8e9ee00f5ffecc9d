"""Findings: the one record every check emits, and the list every report is a view of.

A finding says where (file, line, column, end), how bad (severity), what kind (code),
what is wrong and how to fix it (message), and, for fact checks, the data it
contradicts, the correct value and the source that backs it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Finding:
    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    end_line: int | None = None
    end_column: int | None = None
    contradicts: str | None = None
    """What the text says that the data contradicts (quoted)."""
    expected: str | None = None
    """The correct value according to the data."""
    source: str | None = None
    """URL of the source that backs the correct value."""
    silenced: str | None = None
    """Reason given inline when an editor deliberately silenced this finding."""

    def location(self) -> str:
        if self.line <= 0:
            return self.file
        return f"{self.file}:{self.line}:{self.column}"

    def as_text(self) -> str:
        return f"{self.location()}: {self.severity}[{self.code}]: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def sort_key(self) -> tuple[object, ...]:
        return (self.file, self.line, self.column, SEVERITY_ORDER[self.severity], self.code, self.message)


@dataclass
class Findings:
    """An ordered, de-duplicated list of findings."""

    items: list[Finding] = field(default_factory=list)

    def add(self, finding: Finding) -> None:
        self.items.append(finding)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.items.extend(findings)

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items)

    def sorted(self) -> list[Finding]:
        return sorted(set(self.items), key=Finding.sort_key)

    def active(self) -> list[Finding]:
        return [f for f in self.sorted() if f.silenced is None]

    def errors(self) -> list[Finding]:
        return [f for f in self.active() if f.severity == "error"]

    def warnings(self) -> list[Finding]:
        return [f for f in self.active() if f.severity == "warning"]

    def silenced(self) -> list[Finding]:
        return [f for f in self.sorted() if f.silenced is not None]

    def summary(self) -> dict[str, int]:
        return {
            "errors": len(self.errors()),
            "warnings": len(self.warnings()),
            "silenced": len(self.silenced()),
        }


class DataError(Exception):
    """Raised when input is unusable; carries located findings instead of a traceback."""

    def __init__(self, findings: Iterable[Finding]):
        self.findings = list(findings)
        super().__init__("\n".join(f.as_text() for f in self.findings))


def error(file: str, line: int, column: int, code: str, message: str, **extra: object) -> Finding:
    return Finding(file=file, line=line, column=column, severity="error", code=code, message=message, **extra)  # type: ignore[arg-type]
