"""Tasks, budgets, programs, targets and portfolios: the facts indicators are computed from.

Every value is frozen; change is ``attrs.evolve``. Constructing a value checks it whole and raises one
:class:`~stprogress.ValidationError` listing every problem, located from that value (``$.history[2]``).
What is derived from a task's dated history (its status, milestones, due date) is computed on
demand and never stored beside it.

>>> from datetime import date
>>> task = Task(
...     "ĐT-2023-01",
...     "Nghiên cứu giống lúa chịu mặn",
...     Level.PROVINCIAL,
...     TaskKind.RESEARCH,
...     planned_start=date(2023, 1, 1),
...     planned_end=date(2024, 12, 31),
...     history=[Approved(date(2022, 11, 20)), Contracted(date(2023, 2, 3))],
... )
>>> task.status_on(date(2022, 12, 31)).label_vi
'đã phê duyệt, chưa ký hợp đồng'
>>> task.milestone(Milestone.STARTED)
datetime.date(2023, 1, 1)
>>> task.is_overdue_on(date(2025, 1, 1))
True
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

import attrs

from stprogress.lifecycle import (
    Approved,
    Contracted,
    Evaluated,
    Event,
    Extended,
    Liquidated,
    Proposed,
    Registered,
    Rejected,
    Terminated,
    _nfc,
    event_problems,
    history_problems,
    is_legal,
    is_plain_date,
    status_after,
    type_name,
)
from stprogress.periods import Period
from stprogress.ratio import Ratio
from stprogress.validation import PathSegment, Problem, ValidationError
from stprogress.vocab import Direction, Field, GradeScale, Level, Milestone, Status, TaskKind

__all__ = ["MONEY_LIMIT", "Budget", "Portfolio", "Program", "Target", "Task", "code_key"]

MONEY_LIMIT = 2**63
"""Every amount of money is below this (it fits a signed 64-bit integer in any database/language)."""

E = TypeVar("E", bound=Event)

_OPEN_STATUSES = frozenset({Status.APPROVED, Status.IN_PROGRESS})


def code_key(code: str) -> str:
    """The form codes are compared in: NFC, case-folded (``"ĐT-01"`` and ``"đt-01"`` are one code).

    >>> code_key("ĐT-01") == code_key(unicodedata.normalize("NFD", "đt-01"))
    True
    """
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", code).casefold())


def _as_tuple(value: object) -> object:
    # Lists are welcome at construction; anything that is not a list or tuple is left for the checks.
    return tuple(value) if isinstance(value, (list, tuple)) else value


def _check(problems: Iterable[Problem]) -> None:
    collected = list(problems)
    if collected:
        raise ValidationError(collected)


def _text_problems(name: str, value: object, *, optional: bool = False) -> Iterator[Problem]:
    if value is None and optional:
        return
    if not isinstance(value, str):
        expected = "text or null" if optional else "text"
        yield Problem((name,), f"must be {expected}, got {type_name(value)}")
    elif not value.strip():
        yield Problem((name,), "must not be empty")


def _code_problems(name: str, value: object, *, optional: bool = False) -> Iterator[Problem]:
    yield from _text_problems(name, value, optional=optional)
    if isinstance(value, str) and value.strip() and value != value.strip():
        yield Problem((name,), f"must not begin or end with spaces, got {value!r}")


def _member_problems(
    name: str, value: object, enum: type[Any], *, optional: bool = False
) -> Iterator[Problem]:
    if value is None and optional:
        return
    if not isinstance(value, enum):
        yield Problem((name,), f"must be a {enum.__name__}, got {type_name(value)}")


def _date_problems(name: str, value: object) -> Iterator[Problem]:
    if not is_plain_date(value):
        yield Problem((name,), f"must be a date, got {type_name(value)}")


def _amount_problems(name: str, value: object) -> Iterator[Problem]:
    if isinstance(value, bool) or not isinstance(value, int):
        yield Problem((name,), f"must be a whole number of đồng, got {type_name(value)}")
    elif value < 0:
        yield Problem((name,), f"must not be negative, got {value}")
    elif value >= MONEY_LIMIT:
        yield Problem((name,), f"must be below 2**63 đồng, got {value}")


@attrs.frozen
class Budget:
    """A task's budget in đồng, by source: state budget (ngân sách nhà nước) and other sources.

    >>> Budget(state=1_500_000_000, other=300_000_000).total
    1800000000
    """

    state: int
    other: int = 0

    def __attrs_post_init__(self) -> None:
        state, other = self.state, self.other
        # The common case told cheaply; a possible problem is worded by the checks below.
        if (
            type(state) is int
            and type(other) is int
            and 0 <= state < MONEY_LIMIT
            and 0 <= other < MONEY_LIMIT
        ):
            return
        _check([*_amount_problems("state", state), *_amount_problems("other", other)])

    @property
    def total(self) -> int:
        """State and other sources together."""
        return self.state + self.other

    def __add__(self, other: Budget) -> Budget:
        """Budgets of two tasks together, per source."""
        if not isinstance(other, Budget):
            return NotImplemented
        return Budget(self.state + other.state, self.other + other.other)


def _decimal(value: object) -> object:
    # Whole numbers become Decimal exactly; floats are refused by the checks (0.1 is not 1/10).
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value


def _optional_decimal(value: object) -> object:
    return None if value is None else _decimal(value)


def _decimal_problems(name: str, value: object, *, optional: bool = False) -> Iterator[Problem]:
    if value is None and optional:
        return
    if not isinstance(value, Decimal):
        hint = " (use Decimal('...'): a float is not exact)" if isinstance(value, float) else ""
        yield Problem((name,), f"must be a Decimal, got {type_name(value)}{hint}")
    elif not value.is_finite():
        yield Problem((name,), f"must be a finite number, got {value}")


@attrs.frozen
class Target:
    """An assigned target (chỉ tiêu) or an objective (mục tiêu): planned value, actual value, direction.

    ``actual`` is ``None`` until the target is assessed. ``direction`` says which way is better.

    >>> t = Target("CT-05", "Số đề tài được nghiệm thu", "đề tài", planned=Decimal(20), actual=Decimal(18))
    >>> t.completion().format("vi"), t.is_met()
    ('90,0%', False)
    """

    code: str = attrs.field(converter=_nfc)
    name: str = attrs.field(converter=_nfc)
    unit: str = attrs.field(converter=_nfc)
    planned: Decimal = attrs.field(converter=_decimal)
    actual: Decimal | None = attrs.field(default=None, converter=_optional_decimal)
    direction: Direction = Direction.AT_LEAST
    period: Period | None = attrs.field(default=None, kw_only=True)
    """The period the target is assigned for, when it is assigned for one (e.g. 6 tháng đầu năm)."""

    def __attrs_post_init__(self) -> None:
        _check(
            [
                *_code_problems("code", self.code),
                *_text_problems("name", self.name),
                *_text_problems("unit", self.unit),
                *_decimal_problems("planned", self.planned),
                *_decimal_problems("actual", self.actual, optional=True),
                *_member_problems("direction", self.direction, Direction),
                *_member_problems("period", self.period, Period, optional=True),
            ]
        )

    def completion(self) -> Ratio | None:
        """How far the actual value goes towards the plan; ``None`` until assessed.

        AT_LEAST: actual / planned. AT_MOST (lower is better): planned / actual, undefined when the
        actual value is 0 (while :meth:`is_met` still answers). The ratio is undefined when its
        denominator is 0.
        """
        if self.actual is None:
            return None
        planned, actual = Fraction(self.planned), Fraction(self.actual)
        if self.direction is Direction.AT_LEAST:
            return Ratio(actual, planned)
        return Ratio(planned, actual)

    def is_met(self) -> bool | None:
        """Whether the actual value reaches the plan in the target's direction; ``None`` until assessed."""
        if self.actual is None:
            return None
        if self.direction is Direction.AT_LEAST:
            return self.actual >= self.planned
        return self.actual <= self.planned

    def _repr_html_(self) -> str:
        from stprogress.display import target_html  # noqa: PLC0415 - display imports model

        return target_html(self)


def _plain_optional_text(value: object, *, code: bool = False) -> bool:
    """Whether optional text has no problem: ``None``, or non-empty ``str`` (trimmed, for a code)."""
    if value is None:
        return True
    if type(value) is not str:
        return False
    stripped = value.strip()
    return stripped != "" and (not code or stripped == value)


def _milestone_date(task: Task, milestone: Milestone) -> date | None:
    if milestone is Milestone.STARTED:
        approved = task.first(Approved)
        return None if approved is None else max(approved.on, task.planned_start)
    event = task.first(_MILESTONE_EVENTS[milestone])
    return None if event is None else event.on


_MILESTONE_EVENTS: Mapping[Milestone, type[Event]] = {
    Milestone.PROPOSED: Proposed,
    Milestone.REJECTED: Rejected,
    Milestone.APPROVED: Approved,
    Milestone.CONTRACTED: Contracted,
    Milestone.EVALUATED: Evaluated,
    Milestone.REGISTERED: Registered,
    Milestone.LIQUIDATED: Liquidated,
    Milestone.TERMINATED: Terminated,
}


@attrs.frozen
class Task:
    """An S&T task (nhiệm vụ KH&CN) and its dated history.

    Args:
        code: the task's code, unique in a portfolio (compared NFC and case-folded).
        title: the task's title (NFC-normalised).
        level: the level that manages it.
        kind: đề tài, dự án sản xuất thử nghiệm, đề án, ...
        planned_start, planned_end: the planned duration, inclusive. Planned dates and event dates
            are independent facts: a contract signed after the planned start is normal.
        history: the dated events, oldest first, in a legal order (see ``stprogress.lifecycle``).
        program: the code of the program the task belongs to, if any.
        field: its field of science.
        host: the host organisation (tổ chức chủ trì); lead: the task leader (chủ nhiệm).
        budget: approved budget by source.

    Raises:
        ValidationError: listing every problem, located from the task (``$.history[2]``).
    """

    code: str = attrs.field(converter=_nfc)
    title: str = attrs.field(converter=_nfc)
    level: Level
    kind: TaskKind
    planned_start: date
    planned_end: date
    history: tuple[Event, ...] = attrs.field(converter=_as_tuple)
    program: str | None = attrs.field(default=None, kw_only=True, converter=_nfc)
    field: Field | None = attrs.field(default=None, kw_only=True)
    host: str | None = attrs.field(default=None, kw_only=True, converter=_nfc)
    lead: str | None = attrs.field(default=None, kw_only=True, converter=_nfc)
    budget: Budget | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self._plainly_valid():
            _check(self._problems())

    def _plainly_valid(self) -> bool:
        """Whether the task has no problem, told cheaply for the common case.

        A sufficient check: ``True`` only when :meth:`_problems` would find nothing (every value of
        exactly its type, text trimmed and non-empty, a legal history); ``False`` sends the task to
        :meth:`_problems`, which words whatever it finds. Reading a portfolio builds tasks by the
        hundred thousand, and the generators that word problems cost more than the checks.
        """
        code, title, start, end, history = (
            self.code,
            self.title,
            self.planned_start,
            self.planned_end,
            self.history,
        )
        return (
            type(code) is str
            and code == code.strip() != ""
            and type(title) is str
            and title.strip() != ""
            and type(self.level) is Level
            and type(self.kind) is TaskKind
            and type(start) is date
            and type(end) is date
            and start <= end
            and type(history) is tuple
            and len(history) > 0
            and _plain_optional_text(self.program, code=True)
            and (self.field is None or type(self.field) is Field)
            and _plain_optional_text(self.host)
            and _plain_optional_text(self.lead)
            and (self.budget is None or type(self.budget) is Budget)
            and is_legal(history, end)
        )

    def _problems(self) -> Iterator[Problem]:
        yield from _code_problems("code", self.code)
        yield from _text_problems("title", self.title)
        yield from _member_problems("level", self.level, Level)
        yield from _member_problems("kind", self.kind, TaskKind)
        yield from _date_problems("planned_start", self.planned_start)
        yield from _date_problems("planned_end", self.planned_end)
        dates_ok = is_plain_date(self.planned_start) and is_plain_date(self.planned_end)
        if dates_ok and self.planned_end < self.planned_start:
            yield Problem(
                ("planned_end",),
                f"{self.planned_end.isoformat()} is before planned_start {self.planned_start.isoformat()}",
            )
        yield from self._history_problems(self.planned_end if dates_ok else None)
        yield from _code_problems("program", self.program, optional=True)
        yield from _member_problems("field", self.field, Field, optional=True)
        yield from _text_problems("host", self.host, optional=True)
        yield from _text_problems("lead", self.lead, optional=True)
        yield from _member_problems("budget", self.budget, Budget, optional=True)

    def _history_problems(self, planned_end: date | None) -> Iterator[Problem]:
        history = self.history
        if not isinstance(history, tuple):
            yield Problem(("history",), f"must be a list of events, got {type_name(history)}")
            return
        if not history:
            yield Problem(("history",), "must hold at least one event (Proposed or Approved)")
            return
        wrong = [(i, p) for i, e in enumerate(history) for p in event_problems(e)]
        if wrong:
            yield from (p.under("history", i) for i, p in wrong)
            return
        yield from (p.under("history") for p in history_problems(history, planned_end=planned_end))

    @property
    def code_key(self) -> str:
        """The code in the form codes are compared in (see :func:`code_key`)."""
        return code_key(self.code)

    def first(self, kind: type[E]) -> E | None:
        """The first event of class ``kind`` in the history, or ``None``."""
        for event in self.history:
            if isinstance(event, kind):
                return event
        return None

    def events(self, kind: type[E]) -> tuple[E, ...]:
        """Every event of class ``kind``, oldest first."""
        return tuple(e for e in self.history if isinstance(e, kind))

    def status_on(self, day: date) -> Status | None:
        """The task's status at the end of ``day``; ``None`` before its first event."""
        return status_after(e for e in self.history if e.on <= day)

    @property
    def status(self) -> Status:
        """The status after the whole known history."""
        status = status_after(self.history)
        assert status is not None  # a constructed task has at least one event
        return status

    def milestone(self, milestone: Milestone) -> date | None:
        """The date the task reached ``milestone``, or ``None`` if it has not.

        ``STARTED`` is the later of the approval date and the planned start.
        """
        return _milestone_date(self, milestone)

    def due_on(self, day: date) -> date:
        """The end date in force on ``day``: the planned end, moved by the extensions known by then."""
        due = self.planned_end
        for event in self.history:
            if event.on > day:
                break
            if isinstance(event, Extended):
                due = event.until
        return due

    def is_overdue_on(self, day: date) -> bool:
        """Whether the task is still open (approved or in progress) on ``day`` after its due date."""
        return self.status_on(day) in _OPEN_STATUSES and day > self.due_on(day)


@attrs.frozen
class Program:
    """A program or scheme (chương trình, đề án) that tasks belong to, with a phase and objectives.

    >>> p = Program("NTMN", "Chương trình Nông thôn miền núi", Level.NATIONAL, Period.phase(2016, 2025))
    >>> p.phase.start, p.phase.end
    (datetime.date(2016, 1, 1), datetime.date(2025, 12, 31))
    """

    code: str = attrs.field(converter=_nfc)
    name: str = attrs.field(converter=_nfc)
    level: Level
    phase: Period
    targets: tuple[Target, ...] = attrs.field(default=(), converter=_as_tuple)

    def __attrs_post_init__(self) -> None:
        _check(
            [
                *_code_problems("code", self.code),
                *_text_problems("name", self.name),
                *_member_problems("level", self.level, Level),
                *_member_problems("phase", self.phase, Period),
                *_sequence_problems("targets", self.targets, Target),
                *_duplicate_problems("targets", self.targets, Target),
            ]
        )

    @property
    def code_key(self) -> str:
        """The code in the form codes are compared in (see :func:`code_key`)."""
        return code_key(self.code)


def _sequence_problems(name: str, values: object, cls: type[Any]) -> Iterator[Problem]:
    if not isinstance(values, tuple):
        yield Problem((name,), f"must be a list of {cls.__name__}, got {type_name(values)}")
        return
    for index, value in enumerate(values):
        if not isinstance(value, cls):
            yield Problem((name, index), f"must be a {cls.__name__}, got {type_name(value)}")


def _duplicate_problems(name: str, values: object, cls: type[Any]) -> Iterator[Problem]:
    if not isinstance(values, tuple):
        return
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        if not isinstance(value, cls) or not isinstance(value.code, str):
            continue
        key = code_key(value.code)
        if key in seen:
            first: list[PathSegment] = [name, seen[key]]
            yield Problem(
                (name, index, "code"),
                f"duplicate code {value.code!r}, already used at {_render(first)}",
            )
        else:
            seen[key] = index


def _render(path: list[PathSegment]) -> str:
    return str(Problem(tuple(path), "")).removesuffix(": ")


REPR_MAX_TASKS = 20
"""A portfolio with more tasks than this is shown as a summary by ``repr()``."""


@attrs.frozen(repr=False)
class Portfolio:
    """What a department manages and follows: its tasks, the programs they belong to, its targets.

    Constructing a portfolio checks it whole: each task, unique codes (after normalisation), that
    every program a task names is in the portfolio, and that a program's tasks are planned inside its
    phase. Problems are located from the portfolio: ``$.tasks[3].history[2]``.
    """

    owner: str = attrs.field(converter=_nfc)
    tasks: tuple[Task, ...] = attrs.field(converter=_as_tuple)
    programs: tuple[Program, ...] = attrs.field(default=(), converter=_as_tuple)
    targets: tuple[Target, ...] = attrs.field(default=(), converter=_as_tuple)

    def __attrs_post_init__(self) -> None:
        _check(self.problems())

    def problems(self, *, grade_scale: GradeScale | None = None) -> tuple[Problem, ...]:
        """Every problem with the portfolio as a whole; evaluations checked against ``grade_scale``."""
        found = [
            *_text_problems("owner", self.owner),
            *_sequence_problems("tasks", self.tasks, Task),
            *_sequence_problems("programs", self.programs, Program),
            *_sequence_problems("targets", self.targets, Target),
            *_duplicate_problems("tasks", self.tasks, Task),
            *_duplicate_problems("programs", self.programs, Program),
            *_duplicate_problems("targets", self.targets, Target),
        ]
        if isinstance(self.tasks, tuple) and isinstance(self.programs, tuple):
            found.extend(self._reference_problems(grade_scale))
        return tuple(found)

    def _reference_problems(self, grade_scale: GradeScale | None) -> Iterator[Problem]:
        programs: dict[str, Program] = {}
        for candidate in self.programs:
            if isinstance(candidate, Program):  # the first of duplicates is the one referred to
                programs.setdefault(code_key(candidate.code), candidate)
        for index, task in enumerate(self.tasks):
            if not isinstance(task, Task):
                continue
            if grade_scale is not None:
                for position, event in enumerate(task.history):
                    if isinstance(event, Evaluated) and not grade_scale.allows(event.grade):
                        yield Problem(
                            ("tasks", index, "history", position, "grade"),
                            f"grade {event.grade.value} is not on the {grade_scale.name} scale",
                        )
            if task.program is None:
                continue
            program = programs.get(code_key(task.program))
            if program is None:
                yield Problem(
                    ("tasks", index, "program"),
                    f"refers to program {task.program!r}, which is not in the portfolio",
                )
                continue
            phase = program.phase
            for name in ("planned_start", "planned_end"):
                day: date = getattr(task, name)
                if day not in phase:
                    yield Problem(
                        ("tasks", index, name),
                        f"{day.isoformat()} is outside the phase of program {program.code!r} "
                        f"({phase.start.isoformat()} to {phase.end.isoformat()})",
                    )

    def validate(self, *, grade_scale: GradeScale | None = None) -> Portfolio:
        """The portfolio itself if it has no problems, checked against ``grade_scale`` too.

        Raises:
            ValidationError: listing every problem.
        """
        _check(self.problems(grade_scale=grade_scale))
        return self

    def task(self, code: str) -> Task:
        """The task with ``code`` (compared normalised). Raises ``KeyError`` if there is none."""
        key = code_key(code)
        for task in self.tasks:
            if task.code_key == key:
                return task
        raise KeyError(code)

    def program(self, code: str) -> Program:
        """The program with ``code`` (compared normalised). Raises ``KeyError`` if there is none."""
        key = code_key(code)
        for program in self.programs:
            if program.code_key == key:
                return program
        raise KeyError(code)

    def __repr__(self) -> str:
        # Small portfolios (those Hypothesis prints as failing examples) in full, so they can be
        # rebuilt from the output; large ones as a summary, never 100,000 tasks on a screen.
        if len(self.tasks) <= REPR_MAX_TASKS:
            return (
                f"Portfolio(owner={self.owner!r}, tasks={self.tasks!r}, "
                f"programs={self.programs!r}, targets={self.targets!r})"
            )
        return (
            f"Portfolio(owner={self.owner!r}, tasks=<{len(self.tasks)} tasks>, "
            f"programs=<{len(self.programs)} programs>, targets=<{len(self.targets)} targets>)"
        )

    def _repr_html_(self) -> str:
        from stprogress.display import portfolio_html  # noqa: PLC0415 - display imports model

        return portfolio_html(self)
