"""Hypothesis strategies for the indicator tests: tasks with legal, dated histories.

Local to the tests on purpose: the public ``stprogress.strategies`` is developed separately, and these
tests must not depend on its shape.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from stprogress import Budget, Field, Grade, Level, Period, Task, TaskKind
from stprogress.lifecycle import EVENT_BY_KIND, TRANSITIONS, Evaluated, Extended

FIRST_DAY = date(2019, 1, 1)


@st.composite
def tasks(draw: st.DrawFn, code: str = "T-0") -> Task:
    """A task with a legal history walked from the transition table, dates in 2019–2026."""
    planned_start = draw(st.dates(FIRST_DAY, date(2024, 12, 31)))
    planned_end = planned_start + timedelta(days=draw(st.integers(0, 900)))
    day = draw(st.dates(FIRST_DAY, date(2024, 6, 30)))
    due = planned_end
    status = None
    history = []
    for _ in range(draw(st.integers(1, 8))):
        choices = sorted(TRANSITIONS[status])
        if not choices:
            break
        transition = draw(st.sampled_from(choices))
        day += timedelta(days=draw(st.sampled_from([0, 0, 1, 30, 90, 200])))
        if transition == "extended":
            due += timedelta(days=draw(st.integers(1, 365)))
            event = Extended(day, due)
        elif transition.startswith("evaluated"):
            failing = transition == "evaluated:fail"
            event = Evaluated(
                day, Grade.FAIL if failing else draw(st.sampled_from([Grade.PASS, Grade.EXCELLENT]))
            )
        else:
            event = EVENT_BY_KIND[transition](day)
        history.append(event)
        status = TRANSITIONS[status][transition]
        if transition == "liquidated":
            break  # nothing may follow a liquidation
    return Task(
        code,
        "Nhiệm vụ thử nghiệm",
        draw(st.sampled_from(list(Level))),
        draw(st.sampled_from(list(TaskKind))),
        planned_start,
        planned_end,
        history,
        program=draw(st.sampled_from([None, "P1", "P2"])),
        field=draw(st.sampled_from([None, *Field])),
        budget=draw(st.none() | st.builds(Budget, st.integers(0, 10**9), st.integers(0, 10**9))),
    )


@st.composite
def task_lists(draw: st.DrawFn, max_size: int = 15) -> list[Task]:
    """Tasks with unique codes."""
    count = draw(st.integers(0, max_size))
    return [draw(tasks(f"T-{i}")) for i in range(count)]


def periods() -> st.SearchStrategy[Period]:
    """Years, halves, quarters, months and custom ranges over 2019–2025."""
    years = st.integers(2019, 2025)
    return st.one_of(
        years.map(Period.year),
        st.builds(Period.half, years, st.integers(1, 2)),
        st.builds(Period.quarter, years, st.integers(1, 4)),
        st.builds(Period.month, years, st.integers(1, 12)),
        st.builds(
            lambda start, days: Period.between(start, start + timedelta(days=days)),
            st.dates(FIRST_DAY, date(2025, 12, 31)),
            st.integers(0, 400),
        ),
    )


class Once:
    """An iterable that may be iterated only once, to show a function makes one pass."""

    def __init__(self, items: list[Task]) -> None:
        self.items = items
        self.used = False

    def __iter__(self):
        if self.used:
            raise AssertionError("iterated a second time")
        self.used = True
        return iter(self.items)
