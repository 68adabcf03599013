"""Problems found in input, and the one error that carries them all.

Validation happens in layers (field, entity, portfolio) and every layer *collects* what is wrong rather
than stopping at the first problem: an analyst fixing a spreadsheet wants the whole list at once.

Every problem has a location written in one style everywhere, a JSONPath-like string rooted at ``$``,
the value being checked: ``$.tasks[3].history[2]``. A value checked on its own (``Task(...)``) is the
root, so its problems read ``$.history[2]: ...``; when the task is checked inside a portfolio the same
problem reads ``$.tasks[3].history[2]: ...``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = ["PathSegment", "Problem", "ValidationError", "render_path"]

PathSegment = str | int
"""One step of a location: an attribute or key name, or an index in a sequence."""


def _as_path(segments: Iterable[PathSegment]) -> tuple[PathSegment, ...]:
    return tuple(segments)


def render_path(path: Sequence[PathSegment]) -> str:
    """Write a location in the library's one path style.

    >>> render_path(("tasks", 3, "history", 2, "on"))
    '$.tasks[3].history[2].on'
    >>> render_path(())
    '$'
    """
    return "$" + "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in path)


@attrs.frozen
class Problem:
    """One thing wrong with an input, where it is and what it is, in plain words.

    >>> p = Problem(("history", 2), "Contracted on 2023-01-05 before Approved on 2023-02-01")
    >>> str(p)
    '$.history[2]: Contracted on 2023-01-05 before Approved on 2023-02-01'
    >>> str(p.under("tasks", 3))
    '$.tasks[3].history[2]: Contracted on 2023-01-05 before Approved on 2023-02-01'
    """

    path: tuple[PathSegment, ...] = attrs.field(converter=_as_path)
    message: str

    @property
    def location(self) -> str:
        """The path written out, e.g. ``$.tasks[3].history[2]``."""
        return render_path(self.path)

    def under(self, *prefix: PathSegment) -> Problem:
        """The same problem seen from a value that contains this one at ``prefix``."""
        return Problem((*prefix, *self.path), self.message)

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class ValidationError(ValueError):
    """Input that breaks the rules; ``problems`` lists every problem found, each with its location.

    It is the only exception a loader or a constructor of the library raises for bad input.

    >>> err = ValidationError([Problem(("state",), "must not be negative, got -1")])
    >>> print(err)
    1 problem:
      $.state: must not be negative, got -1
    >>> err.problems[0].message
    'must not be negative, got -1'
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        if not self.problems:
            raise ValueError("a ValidationError needs at least one problem")
        super().__init__(self._describe())

    @classmethod
    def single(cls, message: str, *path: PathSegment) -> ValidationError:
        """An error with one problem, at ``path`` (the root when no path is given)."""
        return cls([Problem(path, message)])

    def under(self, *prefix: PathSegment) -> ValidationError:
        """The same error seen from a value that contains the failing one at ``prefix``."""
        return ValidationError(p.under(*prefix) for p in self.problems)

    def _describe(self) -> str:
        count = len(self.problems)
        head = f"{count} problem:" if count == 1 else f"{count} problems:"
        return "\n".join([head, *(f"  {p}" for p in self.problems)])

    def __str__(self) -> str:
        return self._describe()

    def __reduce__(self) -> tuple[type[ValidationError], tuple[tuple[Problem, ...]]]:
        # Exceptions pickle their ``args``; ours are the problems, so errors survive multiprocessing.
        return (type(self), (self.problems,))


def raise_if(problems: Iterable[Problem]) -> None:
    """Raise a :class:`ValidationError` holding ``problems`` if there are any."""
    collected = tuple(problems)
    if collected:
        raise ValidationError(collected)
