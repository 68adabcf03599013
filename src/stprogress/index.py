"""An indexed indicator engine: carry-over ledgers of any period by binary search, series at once.

:func:`~stprogress.carry_over` reads every task for each period it is asked about. A ten-year monthly
series of a national roll-up (120 periods over a million tasks) would read each history 120 times.
A :class:`PortfolioIndex` reads each task once, counts for each bucket how many tasks enter and
leave the ledger on each day, and then answers the ledger of any period from the running totals of
those counts (a binary search among the distinct days, with :mod:`bisect`):

- opening = entered before the first day − left before the first day;
- new = entered within the period;
- completed, failed, terminated = left into that bucket within the period;
- closing = entered by the last day − left by the last day.

These are exactly the buckets of :func:`~stprogress.carry_over` (the index uses the same reading of a
task's history, the same entry and exit rules for each basis, and builds the same :class:`Ledger`),
so a series of periods costs the pass that builds the index plus a few binary searches per period.
Counting rather than sorting the tasks keeps the build linear in the number of tasks.

The index answers *counts* by default (``codes=False``): the drill-down to task codes is as large as
the buckets themselves, so it cannot be answered by binary search. Ask for it with ``codes=True``:
the codes are then gathered from the tasks that entered by the period's last day only, and equal
those :func:`~stprogress.carry_over` gives.

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
>>> index = PortfolioIndex([task])
>>> ledger = index.ledger(Period.year(2023))
>>> ledger.opening, ledger.new, ledger.completed, ledger.closing
(1, 0, 1, 0)
>>> [s.closing for s in index.series(Period.year(2023).split("quarter"))]
[1, 1, 0, 0]
>>> sorted(index.ledger(Period.year(2023), codes=True).codes.completed)
['ĐT-01']

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from itertools import accumulate

from stprogress.indicators import (
    GroupBy,
    Ledger,
    LedgerTally,
    Tasks,
    check_bases,
    entry_date,
    exit_of,
    grouping,
    scan,
    sort_groups,
)
from stprogress.model import Portfolio, Task
from stprogress.periods import Period
from stprogress.validation import ValidationError
from stprogress.vocab import Milestone

__all__ = ["PortfolioIndex", "ledger_series"]

# Positions of the buckets in a ledger (the order of :data:`stprogress.indicators.BUCKETS`).
_OPENING, _NEW, _COMPLETED, _FAILED, _TERMINATED, _CLOSING = range(6)
_OUTCOMES = (_COMPLETED, _FAILED, _TERMINATED)


def _bounds(period: object) -> tuple[int, int]:
    if not isinstance(period, Period):
        raise ValidationError.single(f"must be a Period, got {type(period).__name__}", "period")
    return period.start.toordinal(), period.end.toordinal()


class _Days:
    """How many of a multiset of days (ordinals) fall on or before any day: a cumulative count table.

    Built by counting (linear in the days, plus a sort of the *distinct* days, of which a portfolio has
    a few thousand at most), so an index over 10^6 tasks costs no more per task than one over 10^5.
    """

    __slots__ = ("_cumulative", "_days")

    def __init__(self, counts: Counter[int]) -> None:
        self._days = sorted(counts)
        self._cumulative = list(accumulate(map(counts.__getitem__, self._days)))

    def upto(self, day: int) -> int:
        """How many fall on or before ``day``."""
        i = bisect_right(self._days, day)
        return self._cumulative[i - 1] if i else 0

    def within(self, start: int, end: int) -> int:
        """How many fall on ``start`` .. ``end`` (inclusive)."""
        return self.upto(end) - self.upto(start - 1)


class _Dates:
    """The entry and exit days (as ordinals) of one set of tasks in the ledger, as count tables."""

    __slots__ = ("_order", "entries", "exits", "members", "outcomes")

    def __init__(self, records: _Records, members: Sequence[int]) -> None:
        entered, left, outcome = records.entered, records.left, records.outcome
        self.members = members
        self._order: list[int] | None = None
        self.entries = _Days(Counter(map(entered.__getitem__, members)))
        by_exit = Counter(zip(map(left.__getitem__, members), map(outcome.__getitem__, members), strict=True))
        exits: Counter[int] = Counter()
        by_outcome: dict[int, Counter[int]] = {b: Counter() for b in _OUTCOMES}
        for (day, bucket), count in by_exit.items():
            if day is not None:  # still open: no exit day
                exits[day] += count
                by_outcome[bucket][day] = count
        self.exits = _Days(exits)
        self.outcomes = tuple(_Days(by_outcome[b]) for b in _OUTCOMES)

    def counts(self, start: int, end: int) -> list[int]:
        """The six bucket counts of the period ``start..end`` (ordinals, inclusive)."""
        entries, exits = self.entries, self.exits
        entered_before = entries.upto(start - 1)
        entered_by = entries.upto(end)
        left_before = exits.upto(start - 1)
        left_by = exits.upto(end)
        completed, failed, terminated = (days.within(start, end) for days in self.outcomes)
        # A task in the index never leaves before it enters, so every task that left before a day
        # also entered before it: the differences below count the tasks still open on that day.
        return [
            entered_before - left_before,
            entered_by - entered_before,
            completed,
            failed,
            terminated,
            entered_by - left_by,
        ]

    def ledger(self, records: _Records, start: int, end: int, codes: bool) -> Ledger:
        """The ledger of the period, with its codes when asked."""
        if not codes:
            return Ledger(*self.counts(start, end))
        # Codes are as many as the tasks in the buckets: gather them from the tasks that entered by
        # the last day (a prefix of the members in order of entry, sorted on the first such request),
        # placed exactly as carry_over places them.
        entered, left, outcome, tasks = records.entered, records.left, records.outcome, records.tasks
        order = self._order
        if order is None:
            order = self._order = sorted(self.members, key=entered.__getitem__)
        tally = LedgerTally(codes=True)
        for i in order[: self.entries.upto(end)]:
            day = left[i]
            if day is not None and day < start:
                continue
            first = _OPENING if entered[i] < start else _NEW
            last = outcome[i] if day is not None and day <= end else _CLOSING
            tally.add(tasks[i], (first, last))
        return tally.ledger()


class _Records:
    """The tasks in the ledger on the index's bases, in the order they were read."""

    __slots__ = ("entered", "left", "outcome", "tasks")

    def __init__(self, tasks: Iterable[Task], enters: Milestone, exits: Milestone) -> None:
        self.tasks: list[Task] = []
        self.entered: list[int] = []
        self.left: list[int | None] = []
        self.outcome: list[int] = []
        for task in tasks:
            dates = scan(task)
            entered = entry_date(task, dates, enters)
            if entered is None:
                continue  # never reached the entry milestone: outside every ledger
            left, outcome = exit_of(dates, exits)
            if left is not None and left < entered:
                continue  # left before it entered (possible under STARTED): it never entered
            self.tasks.append(task)
            self.entered.append(entered.toordinal())
            self.left.append(None if left is None else left.toordinal())
            self.outcome.append(outcome)


class PortfolioIndex:
    """The tasks of a portfolio indexed by the days they enter and leave the carry-over ledger.

    Built once (one pass over the tasks, reading each history once, then counting); afterwards the
    ledger of any period is a handful of binary searches, whatever the number of tasks. Every ledger
    equals :func:`~stprogress.carry_over` of the same tasks, period and bases.

    Args:
        tasks: a portfolio or any iterable of tasks, read once.
        enters, exits: the bases of every ledger the index answers (see
            :func:`~stprogress.carry_over`); an index per pair of bases.

    Raises:
        ValidationError: if a basis is not allowed.

    The index holds the tasks it read: a task changed later (``attrs.evolve``) is a new value, so
    build a new index for the new tasks.

    .. versionadded:: 0.1.0
    """

    __slots__ = ("_all", "_enters", "_exits", "_groups", "_records")

    def __init__(
        self,
        tasks: Tasks,
        *,
        enters: Milestone = Milestone.APPROVED,
        exits: Milestone = Milestone.EVALUATED,
    ) -> None:
        self._enters, self._exits = check_bases(enters, exits)
        source = tasks.tasks if isinstance(tasks, Portfolio) else tasks
        self._records = _Records(source, self._enters, self._exits)
        self._all = _Dates(self._records, range(len(self._records.tasks)))
        self._groups: dict[object, tuple[dict[Hashable, _Dates], list[Hashable], bool]] = {}

    @property
    def enters(self) -> Milestone:
        """The entry milestone of every ledger of the index."""
        return self._enters

    @property
    def exits(self) -> Milestone:
        """The exit milestone of every ledger of the index."""
        return self._exits

    def __len__(self) -> int:
        """How many tasks reach the entry milestone (the tasks any ledger of the index can count)."""
        return len(self._records.tasks)

    def ledger(self, period: Period, *, codes: bool = False) -> Ledger:
        """The carry-over ledger of ``period``: ``carry_over(tasks, period, enters=..., exits=...)``.

        Args:
            period: any period, including a data window; both ends inclusive.
            codes: whether to drill down to the task codes of each bucket (costs a pass over the
                tasks that entered by the period's end; counts alone are binary searches).

        Raises:
            ValidationError: if ``period`` is not a period, or with ``codes=True`` a task code repeats.
        """
        start, end = _bounds(period)
        return self._all.ledger(self._records, start, end, codes)

    def series(self, periods: Iterable[Period], *, codes: bool = False) -> list[Ledger]:
        """The ledger of each of ``periods``, in their order (e.g. ``Period.phase(...).split("month")``)."""
        return [self.ledger(period, codes=codes) for period in periods]

    def breakdown(
        self, period: Period, by: GroupBy = "level", *, codes: bool = False
    ) -> dict[Hashable, Ledger]:
        """The ledger of each group of tasks: ``breakdown(tasks, period, by, enters=..., exits=...)``.

        The groups of each ``by`` are indexed on first use and kept (a function is kept by identity).
        Groups appear as :func:`~stprogress.breakdown` gives them: only those with a task in the
        ledger; named groupings in vocabulary order with ``None`` last, a function's groups in the
        order their first task in the ledger was read.

        Raises:
            ValidationError: if ``by`` is not allowed, ``period`` is not a period, or with
                ``codes=True`` a task code repeats within a group.
        """
        start, end = _bounds(period)
        groups, keys, ordered = self._grouped(by)
        ledgers = {key: dates.ledger(self._records, start, end, codes) for key, dates in groups.items()}
        # Like breakdown, only the groups with a task in the ledger (managed) appear.
        present = {key: ledger for key, ledger in ledgers.items() if ledger.managed}
        if ordered:
            return sort_groups(present, ordered)
        return {key: present[key] for key in self._first_met(keys, present, start, end)}

    def _grouped(self, by: GroupBy) -> tuple[dict[Hashable, _Dates], list[Hashable], bool]:
        cached = self._groups.get(by)
        if cached is None:
            key_of, ordered = grouping(by)
            keys = [key_of(task) for task in self._records.tasks]
            members: dict[Hashable, list[int]] = {}
            for position, key in enumerate(keys):
                members.setdefault(key, []).append(position)
            groups = {key: _Dates(self._records, positions) for key, positions in members.items()}
            cached = self._groups[by] = (groups, keys, ordered)
        return cached

    def _first_met(
        self, keys: list[Hashable], present: dict[Hashable, Ledger], start: int, end: int
    ) -> list[Hashable]:
        # A function's groups come in the order their first task in the ledger was read; reading the
        # tasks in order stops as soon as every group present has been met.
        entered, left = self._records.entered, self._records.left
        order: list[Hashable] = []
        wanted = set(present)
        for position, key in enumerate(keys):
            if key not in wanted:
                continue
            day = left[position]
            if entered[position] <= end and (day is None or day >= start):
                order.append(key)
                wanted.discard(key)
                if not wanted:
                    break
        return order


def ledger_series(
    tasks: Tasks,
    periods: Iterable[Period],
    *,
    enters: Milestone = Milestone.APPROVED,
    exits: Milestone = Milestone.EVALUATED,
    codes: bool = False,
) -> list[Ledger]:
    """The carry-over ledger of each of ``periods`` from one pass over ``tasks``.

    Equal to ``[carry_over(tasks, p, enters=enters, exits=exits, codes=codes) for p in periods]``, at
    little more than the cost of one of them (see :class:`PortfolioIndex`).

    >>> months = Period.year(2023).split("month")
    >>> [ledger.closing for ledger in ledger_series([], months)] == [0] * 12
    True

    Raises:
        ValidationError: if a basis is not allowed or a period is not a period.
    """
    return PortfolioIndex(tasks, enters=enters, exits=exits).series(periods, codes=codes)
