"""Located problems found in authored files: errors and warnings with file:line:col."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Problem:
    """One finding. `line` and `col` are 1-based, as editors show them."""

    path: str
    line: int
    col: int
    message: str
    hint: str | None = None
    severity: Severity = "error"
    code: str = "error"

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"

    def format(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


def sort_key(problem: Problem) -> tuple[str, int, int, int]:
    return (problem.path, problem.line, problem.col, 0 if problem.severity == "error" else 1)


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)
