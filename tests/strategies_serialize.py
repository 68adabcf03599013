"""Hypothesis strategies for valid model values, kept only for ``tests/test_fast.py``.

Every other test draws from ``stprogress.strategies`` (the wire-format tests through the widened
``portfolios`` of ``tests/test_serialize.py``); ``test_fast.py`` was being edited elsewhere when they
were switched, so it should switch the same way and this module then be deleted.

They are deliberately wide where the wire format is at stake: any Unicode text but lone surrogates
(including characters a spreadsheet would read as a formula), every period kind, decimals in every
exponent form, amounts up to the money limit.
"""

from __future__ import annotations

import unicodedata
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import strategies as st

from stprogress import (
    Budget,
    Event,
    Field,
    Grade,
    Level,
    Period,
    Portfolio,
    Program,
    Target,
    Task,
    TaskKind,
)
from stprogress.lifecycle import EVENT_BY_KIND, TRANSITIONS, Evaluated, Extended
from stprogress.model import MONEY_LIMIT, code_key
from stprogress.vocab import Direction

LO = date(1990, 1, 1)
HI = date(2060, 12, 31)

_chars = st.characters(exclude_categories=("Cs",))
_tricky = st.sampled_from(["=1+1", "+84", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "''", "a,b", 'q"q', "x\ny"])
_vietnamese = st.sampled_from(["Sở KH&CN", "Nghiên cứu giống lúa", "Đề án", "nhiệm vụ", "ĐT-01", "ứng dụng"])

texts = st.one_of(st.text(_chars, min_size=1, max_size=20), _tricky, _vietnamese).filter(
    lambda s: bool(s.strip())
)
codes = texts.filter(lambda s: s == s.strip())
optional_texts = st.none() | texts
free_texts = st.none() | st.text(_chars, max_size=12) | _tricky


def nfc(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Text as the model holds it (it NFC-normalises what it is given)."""
    return strategy.map(lambda s: unicodedata.normalize("NFC", s))


@st.composite
def periods(draw: st.DrawFn, lo: int = 1990, hi: int = 2060) -> Period:
    """Any period, every kind."""
    year = draw(st.integers(lo, hi - 1))
    choice = draw(st.integers(0, 6))
    if choice == 0:
        return Period.year(year)
    if choice == 1:
        return Period.half(year, draw(st.integers(1, 2)))
    if choice == 2:
        return Period.quarter(year, draw(st.integers(1, 4)))
    if choice == 3:
        return Period.month(year, draw(st.integers(1, 12)))
    if choice == 4:
        return Period.months_to_date(year, draw(st.integers(1, 12)))
    if choice == 5:
        last = draw(st.integers(year + 1, hi))
        horizon = draw(st.none() | st.integers(last + 1, last + 10))
        return Period.phase(year, last, horizon=horizon)
    start = draw(st.dates(date(lo, 1, 1), date(hi, 12, 31)))
    end = draw(st.dates(start, date(hi, 12, 31)))
    return Period.between(start, end)


decimals = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False).filter(
        lambda d: len(str(d)) <= 100 and abs(d.adjusted()) <= 1000
    ),
    st.sampled_from([Decimal("-0"), Decimal("1E+3"), Decimal("0E-10"), Decimal("1.50"), Decimal("12.5")]),
)
money = st.integers(0, MONEY_LIMIT - 1)
budgets = st.builds(Budget, money, money)


@st.composite
def targets(draw: st.DrawFn) -> Target:
    """A target, assessed or not, for a period or not."""
    return Target(
        draw(codes),
        draw(texts),
        draw(texts),
        draw(decimals),
        draw(st.none() | decimals),
        draw(st.sampled_from(Direction)),
        period=draw(st.none() | periods()),
    )


@st.composite
def histories(draw: st.DrawFn, start: date, planned_end: date) -> tuple[Event, ...]:
    """A legal history: a walk through the transition table with dates that never go back."""
    status = None
    day = start
    due = planned_end
    events: list[Event] = []
    for _ in range(draw(st.integers(1, 7))):
        allowed = sorted(TRANSITIONS[status])
        if (events and isinstance(events[-1], EVENT_BY_KIND["liquidated"])) or not allowed:
            break
        name = draw(st.sampled_from(allowed))
        day = draw(st.dates(day, min(day + timedelta(days=400), HI)))
        extra = {"ref": draw(free_texts), "note": draw(free_texts)}
        kind = name.split(":")[0]
        cls = EVENT_BY_KIND[kind]
        if cls is Evaluated:
            grades = [g for g in Grade if g.is_passing != (name == "evaluated:fail")]
            event: Event = Evaluated(day, grade=draw(st.sampled_from(grades)), **extra)
        elif cls is Extended:
            due = draw(st.dates(due + timedelta(days=1), due + timedelta(days=800)))
            event = Extended(day, until=due, **extra)
        else:
            event = cls(day, **extra)
        events.append(event)
        status = TRANSITIONS[status][name]
    return tuple(events)


@st.composite
def tasks(draw: st.DrawFn, code: str | None = None, program: Program | None = None) -> Task:
    """A task with a legal history, inside ``program``'s phase when it has one."""
    lo, hi = (program.phase.start, program.phase.end) if program is not None else (LO, HI)
    planned_start = draw(st.dates(lo, hi))
    planned_end = draw(st.dates(planned_start, hi))
    first = draw(st.dates(LO, planned_start))
    return Task(
        draw(codes) if code is None else code,
        draw(texts),
        draw(st.sampled_from(Level)),
        draw(st.sampled_from(TaskKind)),
        planned_start,
        planned_end,
        draw(histories(first, planned_end)),
        program=None if program is None else program.code,
        field=draw(st.none() | st.sampled_from(Field)),
        host=draw(optional_texts),
        lead=draw(optional_texts),
        budget=draw(st.none() | budgets),
    )


@st.composite
def programs(draw: st.DrawFn) -> Program:
    """A program with a phase and its own targets."""
    own = draw(st.lists(targets(), max_size=2, unique_by=lambda t: code_key(t.code)))
    phase = draw(periods())
    return Program(draw(codes), draw(texts), draw(st.sampled_from(Level)), phase, own)


@st.composite
def portfolios(draw: st.DrawFn, max_tasks: int = 5) -> Portfolio:
    """A valid portfolio: unique codes, references that resolve, tasks inside their program's phase."""
    progs = draw(st.lists(programs(), max_size=2, unique_by=lambda p: code_key(p.code)))
    task_codes = draw(st.lists(codes, max_size=max_tasks, unique_by=code_key))
    ts = [
        draw(tasks(code, draw(st.none() | st.sampled_from(progs)) if progs else None)) for code in task_codes
    ]
    own = draw(st.lists(targets(), max_size=3, unique_by=lambda t: code_key(t.code)))
    return Portfolio(draw(texts), ts, progs, own)
