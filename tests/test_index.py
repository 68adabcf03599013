"""Tests of the indexed indicator engine: every answer equals the direct definition."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stprogress import (
    Approved,
    Contracted,
    Evaluated,
    Extended,
    Grade,
    Level,
    Liquidated,
    Milestone,
    Period,
    Portfolio,
    Task,
    TaskKind,
    Terminated,
    ValidationError,
)
from stprogress.index import PortfolioIndex, ledger_series
from stprogress.indicators import ENTRY_MILESTONES, EXIT_MILESTONES, Ledger, breakdown, carry_over
from stprogress.lifecycle import EVENT_BY_KIND, TRANSITIONS, Event
from stprogress.vocab import Field, Status

# ------------------------------------------------------------------------------ local strategies
# (stprogress.strategies is another issue's work; these draw just what the index needs: legal
# histories over a few years, so that periods cut through them in every possible way.)

_FIRST = date(2019, 1, 1)
_LAST = date(2025, 12, 31)
_PROGRAMS = ("NTMN", "ĐA-01")


@st.composite
def histories(draw: st.DrawFn, planned_end: date) -> tuple[Event, ...]:
    """A legal history: a walk along the transition table with days that never go backwards."""
    events: list[Event] = []
    status: Status | None = None
    day = draw(st.dates(_FIRST, date(2024, 6, 30)))
    due = planned_end
    for _ in range(draw(st.integers(1, 9))):
        choices = sorted(TRANSITIONS[status])
        if not choices:
            break
        name = draw(st.sampled_from(choices))
        day += timedelta(days=draw(st.sampled_from((0, 1, 30, 90, 200, 400))))
        kind = name.split(":")[0]
        cls: Any = EVENT_BY_KIND[kind]
        if kind == "evaluated":
            grade = (
                Grade.FAIL if name.endswith(":fail") else draw(st.sampled_from([Grade.PASS, Grade.EXCELLENT]))
            )
            event: Event = cls(day, grade)
        elif kind == "extended":
            due = due + timedelta(days=draw(st.integers(1, 400)))
            event = cls(day, due)
        else:
            event = cls(day)
        events.append(event)
        status = TRANSITIONS[status][name]
        if kind == "liquidated":
            break
    return tuple(events)


@st.composite
def tasks(draw: st.DrawFn, code: str) -> Task:
    """A valid task with a legal history and planned dates around it."""
    start = draw(st.dates(_FIRST, date(2025, 1, 1)))
    end = start + timedelta(days=draw(st.integers(0, 900)))
    return Task(
        code,
        "Nhiệm vụ thử",
        draw(st.sampled_from(Level)),
        draw(st.sampled_from(TaskKind)),
        start,
        end,
        draw(histories(end)),
        program=draw(st.sampled_from((None, *_PROGRAMS))),
        field=draw(st.sampled_from((None, *Field))),
    )


@st.composite
def task_lists(draw: st.DrawFn, *, unique: bool = True) -> list[Task]:
    """A list of tasks; codes unique unless asked otherwise (then drawn from a tiny set)."""
    size = draw(st.integers(0, 12))
    if unique:
        codes = [f"NV-{i:02d}" for i in range(size)]
    else:
        codes = [draw(st.sampled_from(("NV-A", "NV-B", "nv-a"))) for _ in range(size)]
    return [draw(tasks(code)) for code in codes]


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """A period over the years the histories span: custom ranges and the named kinds."""
    first = draw(st.dates(_FIRST, _LAST))
    year = draw(st.integers(2019, 2025))
    return draw(
        st.sampled_from(
            [
                Period.between(first, first + timedelta(days=draw(st.integers(0, 800)))),
                Period.year(year),
                Period.quarter(year, draw(st.integers(1, 4))),
                Period.month(year, draw(st.integers(1, 12))),
            ]
        )
    )


bases = st.tuples(st.sampled_from(ENTRY_MILESTONES), st.sampled_from(EXIT_MILESTONES))


def _outcome(compute: Callable[[], Any]) -> Any:
    """What ``compute`` returns, or the problems of the ValidationError it raises."""
    try:
        return compute()
    except ValidationError as error:
        return ("raised", tuple(map(str, error.problems)))


def _by_decade(task: Task) -> Hashable:
    return (task.planned_start.year // 2, task.kind)


def _task(code: str, start: date, history: list[Event]) -> Task:
    return Task(code, "Nhiệm vụ thử", Level.PROVINCIAL, TaskKind.RESEARCH, start, date(2024, 12, 31), history)


# ------------------------------------------------------------------------------ tests


class TestLedger:
    @given(task_lists(), periods(), bases, st.booleans())
    def test_equals_carry_over(
        self, tasks: list[Task], period: Period, basis: tuple[Milestone, Milestone], codes: bool
    ) -> None:
        """The indexed ledger of any period equals carry_over of the same tasks, period and bases."""
        enters, exits = basis
        expected = carry_over(tasks, period, enters=enters, exits=exits, codes=codes)
        actual = PortfolioIndex(tasks, enters=enters, exits=exits).ledger(period, codes=codes)
        assert expected == actual

    @given(task_lists(unique=False), periods(), bases, st.booleans())
    def test_repeated_codes_as_carry_over(
        self, tasks: list[Task], period: Period, basis: tuple[Milestone, Milestone], codes: bool
    ) -> None:
        """With codes that repeat, the index counts or refuses exactly as carry_over does."""
        enters, exits = basis
        expected = _outcome(lambda: carry_over(tasks, period, enters=enters, exits=exits, codes=codes))
        index = PortfolioIndex(tasks, enters=enters, exits=exits)
        actual = _outcome(lambda: index.ledger(period, codes=codes))
        assert expected == actual

    @given(task_lists(), st.lists(periods(), max_size=6), bases)
    def test_series_equals_each_carry_over(
        self, tasks: list[Task], series: list[Period], basis: tuple[Milestone, Milestone]
    ) -> None:
        """A series is the ledger of each period in turn, from one pass over a generator of tasks."""
        enters, exits = basis
        expected = [carry_over(tasks, p, enters=enters, exits=exits, codes=False) for p in series]
        actual = ledger_series((t for t in tasks), series, enters=enters, exits=exits)
        assert expected == actual

    @given(task_lists(), periods())
    def test_ledger_balances(self, tasks: list[Task], period: Period) -> None:
        """Every indexed ledger satisfies opening + new = completed + failed + terminated + closing."""
        assert True is PortfolioIndex(tasks).ledger(period).is_balanced

    @given(task_lists(), st.integers(2019, 2025), bases)
    def test_quarters_chain_to_the_year(
        self, tasks: list[Task], year: int, basis: tuple[Milestone, Milestone]
    ) -> None:
        """The quarters' ledgers chain to the year's ledger, codes included."""
        enters, exits = basis
        index = PortfolioIndex(tasks, enters=enters, exits=exits)
        quarters = index.series(Period.year(year).split("quarter"), codes=True)
        assert index.ledger(Period.year(year), codes=True) == Ledger.chain(quarters)

    def test_portfolio_equals_its_tasks(self) -> None:
        """An index of a portfolio answers as an index of its tasks."""
        task = _task("NV-01", date(2023, 1, 1), [Approved(date(2022, 12, 1))])
        portfolio = Portfolio("Sở KH&CN", [task])
        expected = PortfolioIndex([task]).ledger(Period.year(2023), codes=True)
        assert expected == PortfolioIndex(portfolio).ledger(Period.year(2023), codes=True)

    def test_terminated_before_planned_start_never_entered(self) -> None:
        """Under STARTED, a task stopped before its planned start is outside the ledger, as in carry_over."""
        task = _task("NV-01", date(2024, 1, 1), [Approved(date(2023, 1, 5)), Terminated(date(2023, 6, 1))])
        index = PortfolioIndex([task], enters=Milestone.STARTED)
        expected = (0, Ledger.ZERO)
        assert expected == (len(index), index.ledger(Period.year(2024)))

    def test_example_buckets(self) -> None:
        """A worked example: one task in each bucket of 2023, with the drill-down to codes."""
        tasks = [
            _task("A", date(2022, 1, 1), [Approved(date(2022, 1, 1)), Contracted(date(2022, 2, 1))]),
            _task("B", date(2023, 1, 1), [Approved(date(2023, 3, 1))]),
            _task(
                "C",
                date(2022, 1, 1),
                [
                    Approved(date(2022, 1, 1)),
                    Contracted(date(2022, 2, 1)),
                    Evaluated(date(2023, 5, 2), Grade.PASS),
                ],
            ),
            _task(
                "D",
                date(2022, 1, 1),
                [
                    Approved(date(2022, 1, 1)),
                    Contracted(date(2022, 2, 1)),
                    Evaluated(date(2023, 5, 2), Grade.FAIL),
                ],
            ),
            _task(
                "E",
                date(2022, 1, 1),
                [
                    Approved(date(2022, 1, 1)),
                    Extended(date(2022, 6, 1), date(2025, 6, 1)),
                    Terminated(date(2023, 7, 1)),
                    Liquidated(date(2023, 8, 1)),
                ],
            ),
        ]
        ledger = PortfolioIndex(tasks).ledger(Period.year(2023), codes=True)
        expected = (4, 1, 1, 1, 1, 2)
        assert expected == (
            ledger.opening,
            ledger.new,
            ledger.completed,
            ledger.failed,
            ledger.terminated,
            ledger.closing,
        )
        assert ledger.codes is not None
        expected_codes = (frozenset({"A", "B"}), frozenset({"E"}))
        assert expected_codes == (ledger.codes.closing, ledger.codes.terminated)


class TestBreakdown:
    @given(
        task_lists(),
        periods(),
        bases,
        st.booleans(),
        st.sampled_from(["level", "kind", "program", "field", _by_decade]),
    )
    def test_equals_breakdown(
        self,
        tasks: list[Task],
        period: Period,
        basis: tuple[Milestone, Milestone],
        codes: bool,
        by: Any,
    ) -> None:
        """The indexed breakdown equals breakdown, groups in the same order, ledgers equal."""
        enters, exits = basis
        expected = breakdown(tasks, period, by, enters=enters, exits=exits, codes=codes)
        actual = PortfolioIndex(tasks, enters=enters, exits=exits).breakdown(period, by, codes=codes)
        assert list(expected.items()) == list(actual.items())

    @given(task_lists(), st.lists(periods(), min_size=2, max_size=4))
    def test_groups_kept_between_periods(self, tasks: list[Task], series: list[Period]) -> None:
        """An index asked for the same grouping again (kept groups) still equals breakdown."""
        index = PortfolioIndex(tasks)
        expected = [list(breakdown(tasks, p, _by_decade, codes=False).items()) for p in series]
        assert expected == [list(index.breakdown(p, _by_decade).items()) for p in series]


class TestBadInput:
    def test_bad_basis(self) -> None:
        """A basis that is not allowed is a ValidationError naming the allowed ones."""
        with pytest.raises(ValidationError, match=r"enters: must be one of Milestone.APPROVED"):
            PortfolioIndex([], enters=Milestone.EVALUATED)

    def test_bad_period(self) -> None:
        """A period that is not a Period is a ValidationError at the path ``period``."""
        with pytest.raises(ValidationError, match=r"period: must be a Period, got str"):
            PortfolioIndex([]).ledger("2023")  # type: ignore[arg-type]

    def test_bad_grouping(self) -> None:
        """A grouping that is not allowed is a ValidationError, as for breakdown."""
        with pytest.raises(ValidationError, match=r"by: must be one of"):
            PortfolioIndex([]).breakdown(Period.year(2023), "host")  # type: ignore[arg-type]

    def test_bases_are_kept(self) -> None:
        """The index tells the bases it answers for."""
        index = PortfolioIndex([], enters=Milestone.CONTRACTED, exits=Milestone.REGISTERED)
        expected = (Milestone.CONTRACTED, Milestone.REGISTERED)
        assert expected == (index.enters, index.exits)
