"""Indicators: the carry-over ledger, breakdowns, event counts, the proposal pipeline, targets.

Every indicator is a pure function of an iterable of tasks (or a :class:`~stprogress.Portfolio`) and
a :class:`~stprogress.Period`, computed in one pass over the tasks; each task's history is read
once per call. Results are *mergeable*: the ledger of two disjoint sets of tasks is the sum of their
ledgers, with :attr:`Ledger.ZERO` as the neutral element, so a computation can be partitioned and
merged (per province, per worker).

The carry-over ledger (bảng chuyển tiếp) of a period, for an entry milestone and an exit milestone:

- *opening* (chuyển tiếp từ kỳ trước): entered before the period's first day and not exited before it;
- *new* (mới trong kỳ): entered within the period;
- *completed* (hoàn thành): exited within the period by a passing evaluation, or by the exit milestone
  chosen (registration, liquidation);
- *failed* (không đạt): evaluated FAIL within the period: it exits on that date whatever the basis;
- *terminated* (dừng thực hiện): terminated within the period: it exits on that date whatever the
  basis;
- *closing* (chuyển tiếp sang kỳ sau): entered by the period's last day and still open after it.

So ``opening + new == completed + failed + terminated + closing`` always holds (:meth:`Ledger.check`),
and the closing of a period is the opening of the next one.

>>> from datetime import date
>>> from stprogress import Approved, Contracted, Evaluated, Grade, Level, Period, Task, TaskKind
>>> task = Task(
...     "ĐT-01",
...     "Đề tài minh họa",
...     Level.PROVINCIAL,
...     TaskKind.RESEARCH,
...     date(2022, 1, 1),
...     date(2023, 6, 30),
...     [
...         Approved(date(2021, 11, 5)),
...         Contracted(date(2022, 1, 10)),
...         Evaluated(date(2023, 7, 20), Grade.PASS),
...     ],
... )
>>> ledger = carry_over([task], Period.year(2023))
>>> ledger.opening, ledger.new, ledger.completed, ledger.closing
(1, 0, 1, 0)
>>> sorted(ledger.codes.completed)
['ĐT-01']
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from datetime import date
from enum import Enum
from typing import ClassVar, Literal, TypeVar, Union

import attrs

from stprogress.lifecycle import (
    _FAILING_GRADES,
    EVENT_TYPES,
    Approved,
    Contracted,
    Evaluated,
    Event,
    Extended,
    Inspected,
    Liquidated,
    Proposed,
    Registered,
    Rejected,
    Terminated,
)
from stprogress.model import Budget, Portfolio, Target, Task, code_key
from stprogress.periods import Period
from stprogress.ratio import Ratio
from stprogress.validation import Problem, ValidationError
from stprogress.vocab import Milestone

__all__ = [
    "BUCKETS",
    "ENTRY_MILESTONES",
    "EXIT_MILESTONES",
    "LEDGER_ORDER",
    "Bucket",
    "EventCount",
    "Ledger",
    "LedgerCodes",
    "Pipeline",
    "breakdown",
    "budgets",
    "carry_over",
    "count_events",
    "overdue",
    "pipeline",
    "share_met",
]

ENTRY_MILESTONES: tuple[Milestone, ...] = (Milestone.APPROVED, Milestone.CONTRACTED, Milestone.STARTED)
"""The milestones a task may enter the ledger on (``enters``)."""

EXIT_MILESTONES: tuple[Milestone, ...] = (Milestone.EVALUATED, Milestone.REGISTERED, Milestone.LIQUIDATED)
"""The milestones a task may complete on (``exits``)."""

Bucket = Literal["opening", "new", "completed", "failed", "terminated", "closing", "managed"]
"""A part of the ledger; ``managed`` is ``opening`` and ``new`` together."""

BUCKETS: tuple[Bucket, ...] = ("opening", "new", "completed", "failed", "terminated", "closing")
"""The six disjoint buckets of a ledger, in the order of the identity."""

LEDGER_ORDER: tuple[Bucket, ...] = (
    "opening",
    "new",
    "managed",
    "completed",
    "failed",
    "terminated",
    "closing",
)
"""The order a report reads a ledger in: what came in, the total managed, what went out, what stays."""

_T = TypeVar("_T")

_OPENING, _NEW, _COMPLETED, _FAILED, _TERMINATED, _CLOSING = range(6)

Tasks = Union[Portfolio, Iterable[Task]]  # noqa: UP007 - a runtime alias, read on Python 3.10 too
"""What an indicator reads: a portfolio's tasks, or any iterable of tasks (read once)."""

GroupBy = Union[  # noqa: UP007 - a runtime alias, read on Python 3.10 too
    Literal["level", "kind", "program", "field"], Callable[[Task], Hashable]
]
"""How :func:`breakdown` groups tasks: a task attribute's name, or a function of the task."""


# ----------------------------------------------------------------------------- checks


def _task_iter(tasks: Tasks) -> Iterator[Task]:
    return iter(tasks.tasks if isinstance(tasks, Portfolio) else tasks)


def _bounds(period: Period) -> tuple[date, date]:
    if not isinstance(period, Period):
        raise ValidationError.single(f"must be a Period, got {type(period).__name__}", "period")
    return period.start, period.end


def _names(milestones: Iterable[Milestone]) -> str:
    return ", ".join(f"Milestone.{m.name}" for m in milestones)


def check_bases(enters: object, exits: object) -> tuple[Milestone, Milestone]:
    """``(enters, exits)`` if both are allowed bases; a :class:`ValidationError` naming the allowed ones."""
    problems = []
    if enters not in ENTRY_MILESTONES or not isinstance(enters, Milestone):
        problems.append(Problem(("enters",), f"must be one of {_names(ENTRY_MILESTONES)}, got {enters!r}"))
    if exits not in EXIT_MILESTONES or not isinstance(exits, Milestone):
        problems.append(Problem(("exits",), f"must be one of {_names(EXIT_MILESTONES)}, got {exits!r}"))
    if problems:
        raise ValidationError(problems)
    return enters, exits  # type: ignore[return-value]  # narrowed by the membership checks above


# ----------------------------------------------------------------------------- one task, read once


class Dates:
    """The dates of one task's milestones, read in one pass over its history (first of each kind).

    ``passed`` tells a passing evaluation from a failing one; ``extensions`` are ``(on, until)``
    pairs in order.
    """

    __slots__ = (
        "approved",
        "contracted",
        "evaluated",
        "extensions",
        "liquidated",
        "passed",
        "proposed",
        "registered",
        "rejected",
        "terminated",
    )

    def __init__(self) -> None:
        self.proposed: date | None = None
        self.rejected: date | None = None
        self.approved: date | None = None
        self.contracted: date | None = None
        self.evaluated: date | None = None
        self.passed = False
        self.registered: date | None = None
        self.liquidated: date | None = None
        self.terminated: date | None = None
        self.extensions: list[tuple[date, date]] = []


def scan(task: Task) -> Dates:
    """The milestone dates of ``task``, read in one pass over its history."""
    found = Dates()
    for event in task.history:
        cls = type(event)
        on = event.on
        # A legal history holds each of these at most once, so the first one seen is the one.
        # Inspections, among the commonest events, mark no milestone: told apart second.
        if cls is Approved:
            found.approved = on
        elif cls is Inspected:
            continue
        elif cls is Contracted:
            found.contracted = on
        elif cls is Evaluated:
            found.evaluated = on
            found.passed = event.grade.is_passing  # type: ignore[union-attr]  # cls is Evaluated
        elif cls is Extended:
            found.extensions.append((on, event.until))  # type: ignore[union-attr]  # cls is Extended
        elif cls is Registered:
            found.registered = on
        elif cls is Liquidated:
            found.liquidated = on
        elif cls is Terminated:
            found.terminated = on
        elif cls is Proposed:
            found.proposed = on
        else:  # Rejected: a Task holds events of exactly the classes of EVENT_TYPES, no other
            found.rejected = on
    return found


def entry_date(task: Task, dates: Dates, enters: Milestone) -> date | None:
    """The day ``task`` enters the ledger on basis ``enters``; ``None`` if it has not reached it."""
    if enters is Milestone.APPROVED:
        return dates.approved
    if enters is Milestone.CONTRACTED:
        return dates.contracted
    # STARTED: the later of approval and planned start (Milestone.STARTED).
    return None if dates.approved is None else max(dates.approved, task.planned_start)


def exit_of(dates: Dates, exits: Milestone) -> tuple[date | None, int]:
    """The day a task leaves the ledger (``None``: still open) and the bucket it leaves into."""
    if dates.terminated is not None:
        return dates.terminated, _TERMINATED
    if dates.evaluated is not None:
        if not dates.passed:
            return dates.evaluated, _FAILED
        if exits is Milestone.EVALUATED:
            return dates.evaluated, _COMPLETED
    if exits is Milestone.REGISTERED:
        # Nothing may follow a liquidation, so a passed task liquidated unregistered will never be
        # registered: it completes on its liquidation rather than staying open for ever.
        return (dates.registered or dates.liquidated), _COMPLETED
    return dates.liquidated, _COMPLETED


def _closing_events(exits: Milestone) -> frozenset[type[Event]]:
    closing: set[type[Event]] = {Liquidated, Terminated, Rejected}
    if exits is not Milestone.LIQUIDATED:
        closing.add(Registered)
    if exits is Milestone.EVALUATED:
        closing.add(Evaluated)
    return frozenset(closing)


_CLOSED_FOR_GOOD: Mapping[Milestone, frozenset[type[Event]]] = {
    exits: _closing_events(exits)
    for exits in (Milestone.EVALUATED, Milestone.REGISTERED, Milestone.LIQUIDATED)
}
"""For each exit basis, the final events after whose date a history has no figure on that basis.

A liquidation follows an evaluation or a termination, nothing but a liquidation follows a
termination and nothing follows a rejection (:data:`~stprogress.lifecycle.TRANSITIONS`): those
close a history on every basis (a rejected proposal never entered the ledger). A registration
follows a passing evaluation: on the evaluation basis the task left on the evaluation, on the
registration basis on the registration; only the liquidation is still to come. A passing evaluation
is the exit on its own basis. A failing evaluation exits on its date on every basis, whatever
follows."""


def _placed(
    tasks: Tasks, start: date, end: date, *, enters: Milestone, exits: Milestone
) -> Iterator[tuple[Task, tuple[int, int]]]:
    """Each task in the ledger of ``start``..``end`` with its two buckets (:func:`place`), in order.

    Tasks with no place in the ledger are told apart from their first and last events when those
    suffice, without reading the rest of the history: dates in a history never go back, so a task
    whose first event is after the period has not entered by its end, and one whose last event,
    before the period, closed it on the basis (``_CLOSED_FOR_GOOD``, or a failing evaluation)
    had left before it began.
    """
    closed = _CLOSED_FOR_GOOD[exits]
    for task in _task_iter(tasks):
        history = task.history
        if history[0].on > end:
            continue
        final = history[-1]
        if final.on < start and (
            type(final) in closed or (type(final) is Evaluated and final.grade in _FAILING_GRADES)
        ):
            continue
        buckets = place(task, scan(task), start, end, enters=enters, exits=exits)
        if buckets is not None:
            yield task, buckets


def place(
    task: Task, dates: Dates, start: date, end: date, *, enters: Milestone, exits: Milestone
) -> tuple[int, int] | None:
    """The two buckets ``task`` falls in for the period ``start``..``end``, or ``None`` if outside.

    A task in the ledger is in exactly one of opening/new and one of completed/failed/terminated/
    closing, which is why the identity always holds.
    """
    entered = entry_date(task, dates, enters)
    if entered is None or entered > end:
        return None
    left, outcome = exit_of(dates, exits)
    # Exiting before entering happens only under STARTED (e.g. terminated before the planned start):
    # such a task never entered, as a task terminated before its contract never enters on CONTRACTED.
    if left is not None and (left < entered or left < start):
        return None
    first = _OPENING if entered < start else _NEW
    last = outcome if left is not None and left <= end else _CLOSING
    return first, last


# ----------------------------------------------------------------------------- Ledger


def _codes(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


@attrs.frozen
class LedgerCodes:
    """The codes of the tasks in each bucket of a ledger (unordered: merge order never matters)."""

    opening: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    new: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    completed: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    failed: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    terminated: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)
    closing: frozenset[str] = attrs.field(default=frozenset(), converter=_codes)

    EMPTY: ClassVar[LedgerCodes]

    @property
    def managed(self) -> frozenset[str]:
        """The codes of the tasks managed in the period: opening and new."""
        return self.opening | self.new

    def __getitem__(self, bucket: Bucket) -> frozenset[str]:
        """The codes in ``bucket`` (a name from :data:`BUCKETS`, or ``"managed"``)."""
        if bucket not in (*BUCKETS, "managed"):
            raise ValidationError.single(f"must be one of {', '.join(BUCKETS)}, managed; got {bucket!r}")
        codes: frozenset[str] = getattr(self, bucket)
        return codes

    def __add__(self, other: LedgerCodes) -> LedgerCodes:
        """The codes of two disjoint sets of tasks, bucket by bucket."""
        if not isinstance(other, LedgerCodes):
            return NotImplemented
        shared = sorted(self.managed & other.managed)
        if shared:
            raise ValidationError.single(
                "ledgers of overlapping task sets cannot be added (the tasks would count twice): "
                f"codes in both: {', '.join(shared)}"
            )
        return LedgerCodes(*(getattr(self, b) | getattr(other, b) for b in BUCKETS))


LedgerCodes.EMPTY = LedgerCodes()


def _count_problems(name: str, value: object) -> Iterator[Problem]:
    if isinstance(value, bool) or not isinstance(value, int):
        yield Problem((name,), f"must be a whole number, got {type(value).__name__}")
    elif value < 0:
        yield Problem((name,), f"must not be negative, got {value}")


@attrs.frozen
class Ledger:
    """The carry-over ledger of a period: how many tasks were in each bucket.

    ``codes`` drills down to the task codes of each bucket (``None`` when the ledger was computed
    without them, e.g. ``carry_over(..., codes=False)``); a ledger whose counts are all zero has empty
    codes. A ledger built by hand from published figures need not balance: :meth:`check` says so
    plainly rather than forcing the figures to agree.

    >>> a = Ledger(opening=57, new=36, completed=24, closing=69)
    >>> a.managed, a.is_balanced
    (93, True)
    >>> (a + Ledger.ZERO) == a
    True
    """

    opening: int = 0
    new: int = 0
    completed: int = 0
    failed: int = 0
    terminated: int = 0
    closing: int = 0
    codes: LedgerCodes | None = attrs.field(default=None, kw_only=True, repr=False)

    ZERO: ClassVar[Ledger]

    def __attrs_post_init__(self) -> None:
        problems = [p for b in BUCKETS for p in _count_problems(b, getattr(self, b))]
        codes = self.codes
        if codes is not None and not isinstance(codes, LedgerCodes):
            problems.append(Problem(("codes",), f"must be LedgerCodes or None, got {type(codes).__name__}"))
        elif codes is not None and not problems:
            problems.extend(
                Problem(("codes", b), f"holds {len(codes[b])} codes for a count of {getattr(self, b)}")
                for b in BUCKETS
                if len(codes[b]) != getattr(self, b)
            )
        if problems:
            raise ValidationError(problems)
        if codes is None and not any(getattr(self, b) for b in BUCKETS):
            # With no task in any bucket the drill-down is known: it is empty.
            object.__setattr__(self, "codes", LedgerCodes.EMPTY)

    @property
    def managed(self) -> int:
        """Tasks managed in the period (số nhiệm vụ quản lý): opening + new."""
        return self.opening + self.new

    @property
    def exited(self) -> int:
        """Tasks that left the ledger within the period: completed + failed + terminated."""
        return self.completed + self.failed + self.terminated

    @property
    def is_balanced(self) -> bool:
        """Whether opening + new = completed + failed + terminated + closing."""
        return self.managed == self.exited + self.closing

    def check(self) -> Ledger:
        """The ledger itself if it balances.

        Raises:
            ValidationError: saying by how much opening + new and the exits + closing disagree.
        """
        if not self.is_balanced:
            raise ValidationError.single(
                f"opening + new = {self.opening} + {self.new} = {self.managed}, but completed + failed"
                f" + terminated + closing = {self.completed} + {self.failed} + {self.terminated}"
                f" + {self.closing} = {self.exited + self.closing}"
            )
        return self

    def count(self, bucket: Bucket) -> int:
        """The count of ``bucket`` by name (``"managed"`` included)."""
        if bucket == "managed":
            return self.managed
        if bucket not in BUCKETS:
            raise ValidationError.single(f"must be one of {', '.join(BUCKETS)}, managed; got {bucket!r}")
        value: int = getattr(self, bucket)
        return value

    def _repr_html_(self) -> str:
        from stprogress.display import ledger_html  # noqa: PLC0415 - display imports indicators

        return ledger_html(self)

    def __add__(self, other: Ledger) -> Ledger:
        """The ledger of two disjoint sets of tasks for the same period and bases."""
        if not isinstance(other, Ledger):
            return NotImplemented
        codes = None if self.codes is None or other.codes is None else self.codes + other.codes
        return Ledger(*(getattr(self, b) + getattr(other, b) for b in BUCKETS), codes=codes)

    @classmethod
    def total(cls, ledgers: Iterable[Ledger]) -> Ledger:
        """The sum of ``ledgers`` (:attr:`ZERO` for none)."""
        result = cls.ZERO
        for ledger in ledgers:
            result += ledger
        return result

    @classmethod
    def chain(cls, ledgers: Iterable[Ledger]) -> Ledger:
        """The ledger of consecutive periods as one: opening of the first, closing of the last.

        The ledger of a year is the chain of its quarters' ledgers (same tasks, same bases).

        Raises:
            ValidationError: if there is no ledger, or a closing is not the next opening.
        """
        parts = list(ledgers)
        if not parts:
            raise ValidationError.single("a chain needs at least one ledger")
        for index, (before, after) in enumerate(itertools.pairwise(parts)):
            mismatch = before.closing != after.opening or (
                before.codes is not None
                and after.codes is not None
                and before.codes.closing != after.codes.opening
            )
            if mismatch:
                raise ValidationError.single(
                    f"closing {before.closing} does not carry over to opening {after.opening}", index + 1
                )
        first, last = parts[0], parts[-1]
        flows = {b: sum(getattr(p, b) for p in parts) for b in BUCKETS[1:5]}
        codes = None
        kept = [p.codes for p in parts if p.codes is not None]
        if len(kept) == len(parts):
            merged = {b: frozenset().union(*(getattr(c, b) for c in kept)) for b in BUCKETS[1:5]}
            codes = LedgerCodes(opening=kept[0].opening, closing=kept[-1].closing, **merged)
        return cls(opening=first.opening, closing=last.closing, codes=codes, **flows)


Ledger.ZERO = Ledger()


def repeated_codes(seen: Counter[str], bucket: Bucket) -> ValidationError:
    """The error for task codes ``seen`` more than once in ``bucket`` of one ledger."""
    twice = sorted(code for code, times in seen.items() if times > 1)
    return ValidationError.single(
        f"task codes must be unique to drill down to them (or pass codes=False): "
        f"{', '.join(twice)} more than once in {bucket}"
    )


class LedgerTally:
    """A ledger being counted, task by task (with codes and budgets by bucket when asked)."""

    __slots__ = ("counts", "lists", "money")

    def __init__(self, *, codes: bool = True, money: bool = False) -> None:
        self.counts = [0] * 6
        self.lists: list[list[str]] | None = [[] for _ in range(6)] if codes else None
        self.money: list[list[int]] | None = [[0, 0] for _ in range(6)] if money else None

    def add(self, task: Task, buckets: tuple[int, int]) -> None:
        """Count ``task`` in its two buckets."""
        counts, lists, money = self.counts, self.lists, self.money
        for bucket in buckets:
            counts[bucket] += 1
            if lists is not None:
                lists[bucket].append(task.code)
            if money is not None and task.budget is not None:
                money[bucket][0] += task.budget.state
                money[bucket][1] += task.budget.other

    def ledger(self) -> Ledger:
        """The ledger counted so far."""
        codes = None
        if self.lists is not None:
            sets = [frozenset(codes) for codes in self.lists]
            for bucket, (found, listed) in enumerate(zip(sets, self.lists, strict=True)):
                if len(found) != len(listed):
                    raise repeated_codes(Counter(listed), BUCKETS[bucket])
            codes = LedgerCodes(*sets)
        return Ledger(*self.counts, codes=codes)

    def budgets(self) -> dict[Bucket, Budget]:
        """Budget totals by source for each bucket, and for ``managed``."""
        assert self.money is not None  # only asked of a tally that counts money
        result: dict[Bucket, Budget] = {b: Budget(*self.money[i]) for i, b in enumerate(BUCKETS)}
        result["managed"] = result["opening"] + result["new"]
        return {b: result[b] for b in (*BUCKETS[:2], "managed", *BUCKETS[2:])}


def carry_over(
    tasks: Tasks,
    period: Period,
    *,
    enters: Milestone = Milestone.APPROVED,
    exits: Milestone = Milestone.EVALUATED,
    codes: bool = True,
) -> Ledger:
    """The carry-over ledger of ``period`` (see the module documentation for each bucket).

    Args:
        tasks: a portfolio or any iterable of tasks, read once.
        period: any period, including a data window (``period.data_window(Cutoff.DECREE_09_2019)``);
            its ``start`` and ``end`` are both inclusive.
        enters: the milestone a task enters on: ``APPROVED`` (phê duyệt), ``CONTRACTED`` (ký hợp
            đồng) or ``STARTED`` (the later of approval and planned start: "thực hiện từ năm 2023").
            A task that has not reached it is outside the ledger.
        exits: the milestone a task completes on: ``EVALUATED`` (a passing evaluation), ``REGISTERED``
            (đăng ký kết quả) or ``LIQUIDATED`` (thanh lý). A failing evaluation and a termination exit
            on their own dates whatever this basis.
        codes: whether to keep the task codes of each bucket (:attr:`Ledger.codes`).

    A task that exits before its entry day (possible only under ``STARTED``, e.g. stopped before its
    planned start) never entered and is outside the ledger; one that enters and exits on the same day
    is new and exited on that day.

    Raises:
        ValidationError: if a basis is not allowed, or with ``codes=True`` a task code repeats.
    """
    enters, exits = check_bases(enters, exits)
    start, end = _bounds(period)
    tally = LedgerTally(codes=codes)
    for task, buckets in _placed(tasks, start, end, enters=enters, exits=exits):
        tally.add(task, buckets)
    return tally.ledger()


def budgets(
    tasks: Tasks,
    period: Period,
    *,
    enters: Milestone = Milestone.APPROVED,
    exits: Milestone = Milestone.EVALUATED,
) -> dict[Bucket, Budget]:
    """The approved budgets of the tasks of each ledger bucket, by source; ``managed`` included.

    A task without a budget adds nothing.
    """
    enters, exits = check_bases(enters, exits)
    start, end = _bounds(period)
    tally = LedgerTally(codes=False, money=True)
    for task, buckets in _placed(tasks, start, end, enters=enters, exits=exits):
        tally.add(task, buckets)
    return tally.budgets()


# ----------------------------------------------------------------------------- breakdown


def _enum_order(key: object) -> tuple[int, int, str]:
    if key is None:
        return (1, 0, "")
    if isinstance(key, Enum):
        return (0, list(type(key)).index(key), "")
    return (0, 0, code_key(str(key)))


_ATTRIBUTES = ("level", "kind", "program", "field")


def grouping(by: GroupBy) -> tuple[Callable[[Task], Hashable], bool]:
    """The key function of ``by`` and whether its keys are sorted (named attributes are)."""
    if callable(by):
        return by, False
    if by not in _ATTRIBUTES:
        raise ValidationError.single(
            f"must be one of {', '.join(map(repr, _ATTRIBUTES))} or a function of a task, got {by!r}", "by"
        )
    name: str = by

    def key(task: Task) -> Hashable:
        value: Hashable = getattr(task, name)
        return value

    return key, True


def sort_groups(groups: Mapping[Hashable, _T], ordered: bool) -> dict[Hashable, _T]:
    """``groups`` in their reading order: enum order or by code, ``None`` last; else as met."""
    keys = sorted(groups, key=_enum_order) if ordered else list(groups)
    return {k: groups[k] for k in keys}


def breakdown(
    tasks: Tasks,
    period: Period,
    by: GroupBy = "level",
    *,
    enters: Milestone = Milestone.APPROVED,
    exits: Milestone = Milestone.EVALUATED,
    codes: bool = True,
) -> dict[Hashable, Ledger]:
    """The carry-over ledger of each group of tasks: by level, kind, program, field, or a function.

    Only groups with a task in the ledger appear; the ledgers sum to :func:`carry_over` of all the
    tasks. Named groupings are ordered as their vocabulary (program codes alphabetically), with
    ``None`` (no program, no field) last; a function's groups in the order they are first met.

    Raises:
        ValidationError: if ``by`` or a basis is not allowed.
    """
    enters, exits = check_bases(enters, exits)
    start, end = _bounds(period)
    key_of, ordered = grouping(by)
    tallies: dict[Hashable, LedgerTally] = {}
    for task, buckets in _placed(tasks, start, end, enters=enters, exits=exits):
        key = key_of(task)
        tally = tallies.get(key)
        if tally is None:
            tally = tallies[key] = LedgerTally(codes=codes)
        tally.add(task, buckets)
    return sort_groups({k: t.ledger() for k, t in tallies.items()}, ordered)


# ----------------------------------------------------------------------------- events


@attrs.frozen
class EventCount:
    """How many events of a kind happened ("lượt") and to which tasks.

    >>> EventCount(3, {"A", "B"}).tasks
    2
    """

    events: int
    codes: frozenset[str] = attrs.field(converter=_codes)

    ZERO: ClassVar[EventCount]

    def __attrs_post_init__(self) -> None:
        problems = list(_count_problems("events", self.events))
        if not problems and self.events < len(self.codes):
            problems.append(
                Problem(("events",), f"{self.events} events cannot touch {len(self.codes)} tasks")
            )
        if problems:
            raise ValidationError(problems)

    @property
    def tasks(self) -> int:
        """How many distinct tasks had at least one of the events."""
        return len(self.codes)

    def __add__(self, other: EventCount) -> EventCount:
        """The counts of two disjoint sets of tasks."""
        if not isinstance(other, EventCount):
            return NotImplemented
        shared = sorted(self.codes & other.codes)
        if shared:
            raise ValidationError.single(
                f"counts of overlapping task sets cannot be added: codes in both: {', '.join(shared)}"
            )
        return EventCount(self.events + other.events, self.codes | other.codes)


EventCount.ZERO = EventCount(0, frozenset())


def check_event_kind(kind: object) -> type[Event]:
    """``kind`` if it is an event class; a :class:`ValidationError` listing them otherwise."""
    if kind not in EVENT_TYPES:
        names = ", ".join(cls.__name__ for cls in EVENT_TYPES)
        raise ValidationError.single(f"must be an event class ({names}), got {kind!r}", "kind")
    return kind


def count_events(tasks: Tasks, period: Period, kind: type[Event]) -> EventCount:
    """The events of class ``kind`` dated within ``period`` ("kiểm tra tiến độ 45 lượt").

    ``Evaluated`` counts passing and failing evaluations alike.

    Raises:
        ValidationError: if ``kind`` is not an event class.
    """
    kind = check_event_kind(kind)
    start, end = _bounds(period)
    events = 0
    touched: list[str] = []
    for task in _task_iter(tasks):
        found = sum(1 for e in task.history if type(e) is kind and start <= e.on <= end)
        if found:
            events += found
            touched.append(task.code)
    return EventCount(events, touched)


# ----------------------------------------------------------------------------- pipeline


@attrs.frozen
class Pipeline:
    """The proposals (đề xuất, đặt hàng) of a period and where they stand at the period's end.

    ``approved`` and ``rejected`` count proposals of the period decided by its last day; the rest are
    ``pending``. The approval rate is approved over proposed.

    >>> p = Pipeline(proposed=104, approved=35, rejected=60)
    >>> p.pending, p.approval_rate.format("vi")
    (9, '33,7%')
    """

    proposed: int = 0
    approved: int = 0
    rejected: int = 0

    ZERO: ClassVar[Pipeline]

    def __attrs_post_init__(self) -> None:
        problems = [
            p for n in ("proposed", "approved", "rejected") for p in _count_problems(n, getattr(self, n))
        ]
        if not problems and self.approved + self.rejected > self.proposed:
            problems.append(
                Problem(
                    ("proposed",),
                    f"{self.approved} approved and {self.rejected} rejected exceed {self.proposed} proposed",
                )
            )
        if problems:
            raise ValidationError(problems)

    @property
    def pending(self) -> int:
        """Proposals neither approved nor rejected by the end of the period."""
        return self.proposed - self.approved - self.rejected

    @property
    def approval_rate(self) -> Ratio:
        """Approved over proposed (undefined when nothing was proposed)."""
        return Ratio(self.approved, self.proposed)

    def __add__(self, other: Pipeline) -> Pipeline:
        """The pipeline of two disjoint sets of tasks."""
        if not isinstance(other, Pipeline):
            return NotImplemented
        return Pipeline(
            self.proposed + other.proposed, self.approved + other.approved, self.rejected + other.rejected
        )


Pipeline.ZERO = Pipeline()


def disposition(dates: Dates, start: date, end: date) -> int | None:
    """For a task proposed within ``start``..``end``: 0 pending, 1 approved, 2 rejected; else ``None``."""
    if dates.proposed is None or not start <= dates.proposed <= end:
        return None
    if dates.approved is not None and dates.approved <= end:
        return 1
    if dates.rejected is not None and dates.rejected <= end:
        return 2
    return 0


def pipeline(tasks: Tasks, period: Period) -> Pipeline:
    """The cohort of proposals made within ``period`` and its disposition at the period's end."""
    start, end = _bounds(period)
    counts = [0, 0, 0]
    for task in _task_iter(tasks):
        state = disposition(scan(task), start, end)
        if state is not None:
            counts[state] += 1
    return Pipeline(sum(counts), counts[1], counts[2])


# ----------------------------------------------------------------------------- overdue


def is_overdue(task: Task, dates: Dates, day: date) -> bool:
    """:meth:`Task.is_overdue_on` from dates already read: open on ``day`` and past its due date."""
    if dates.approved is None or dates.approved > day:
        return False
    for closed in (dates.evaluated, dates.terminated):
        if closed is not None and closed <= day:
            return False
    due = task.planned_end
    for on, until in dates.extensions:
        if on > day:
            break
        due = until
    return day > due


def overdue(tasks: Tasks, day: date) -> tuple[Task, ...]:
    """The tasks still open (approved or in progress) on ``day`` after their due date (quá hạn).

    The due date is the planned end moved by the extensions known on ``day``.
    """
    return tuple(task for task in _task_iter(tasks) if is_overdue(task, scan(task), day))


# ----------------------------------------------------------------------------- targets


def share_met(targets: Iterable[Target]) -> Ratio:
    """The share of assessed targets that are met ("hoàn thành 77,8% chỉ tiêu được giao").

    Targets not yet assessed (no actual value) are left out; the ratio is undefined when none is
    assessed.

    >>> from decimal import Decimal
    >>> share_met(
    ...     [Target("CT-1", "Chỉ tiêu", "%", Decimal(1), Decimal(1))] * 7
    ...     + [Target("CT-2", "Chỉ tiêu", "%", Decimal(2), Decimal(1))] * 2
    ... ).format("vi")
    '77,8%'
    """
    met = assessed = 0
    for target in targets:
        verdict = target.is_met()
        if verdict is not None:
            assessed += 1
            met += verdict
    return Ratio(met, assessed)
