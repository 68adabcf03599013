"""Hypothesis strategies for stprogress values, for property-based tests of tools built on stprogress.

Needs the ``testing`` extra (``pip install "stprogress[testing]"``), and is not imported by
``import stprogress``. Every strategy is a function returning a ``SearchStrategy``; its keyword-only
parameters constrain what it draws, and misuse raises ``hypothesis.errors.InvalidArgument`` when the
function is called, not later when a test draws from it.

The strategies are *sound*: every value they draw passes the library's validation, because they are
built the way the rules read rather than filtered afterwards. A history is a walk over
:data:`stprogress.lifecycle.TRANSITIONS`, with dates that never go backwards and extensions that
always move the end date later; a portfolio's codes are unique after :func:`stprogress.model.code_key`
normalisation, every program a task names is in the portfolio (sometimes written in another case, as
spreadsheets do), and a program's tasks are planned inside its phase.

They *shrink* well: lists of tasks and events are drawn so that shrinking removes whole tasks and
ends histories early, and dates are drawn as offsets (in days) from a base date, 1 January 2020 or
the task's planned start, so a failing example ends with few tasks, short histories and plain dates.

Installing stprogress also registers the types with Hypothesis (through the ``hypothesis`` entry
point, which calls :func:`register_type_strategies`), so ``st.from_type(Portfolio)``,
``st.from_type(Task)``, ``st.from_type(Period)`` and ``st.builds`` of a class holding them draw valid
values in any project.

For the library's own test suites, which use these strategies for their property tests:

- ``portfolios()`` and ``tasks()`` cover every ``Level``, ``TaskKind``, ``Field``, ``Grade`` and event
  kind, with or without programs, budgets, hosts and references; amounts stay at most
  :data:`MAX_AMOUNT` đồng per source so that budgets of thousands of tasks add up below
  ``MONEY_LIMIT``.
- ``tasks(open_during=period)`` draws tasks open (approved or in progress) on some day of the period,
  the carry-over population; ``tasks(reached=Milestone.EVALUATED, before=day)`` draws tasks evaluated
  before ``day``; ``tasks(statuses=...)`` fixes where the history ends.
- Text is mostly realistic Vietnamese, and sometimes arbitrary Unicode (codes without spaces, titles
  with anything), so writers and readers (CSV, JSON, spreadsheets) meet hard characters too.
- :func:`invalid_documents` draws JSON documents that a loader must reject, each with a description
  of what is wrong, built by breaking the output of ``stprogress.serialize.to_dict`` in one place.
"""

from __future__ import annotations

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
    from hypothesis.strategies import SearchStrategy
except ImportError as error:
    raise ImportError(
        "stprogress.strategies needs Hypothesis, which the 'testing' extra installs: "
        'pip install "stprogress[testing]"'
    ) from error

import math
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

import attrs

from stprogress.lifecycle import (
    EVENT_BY_KIND,
    EVENT_TYPES,
    TRANSITIONS,
    Evaluated,
    Event,
    Extended,
)
from stprogress.model import Budget, Portfolio, Program, Target, Task, code_key
from stprogress.periods import Period, PeriodKind
from stprogress.validation import render_path
from stprogress.vocab import Direction, Field, Grade, GradeScale, Level, Milestone, Status, TaskKind

__all__ = [
    "DEFECTS",
    "MAX_AMOUNT",
    "MAX_DATE",
    "MIN_DATE",
    "InvalidDocument",
    "budgets",
    "events",
    "histories",
    "invalid_documents",
    "periods",
    "portfolios",
    "programs",
    "register_type_strategies",
    "targets",
    "tasks",
]

_T = TypeVar("_T")
_E = TypeVar("_E", bound=Enum)
_EventT = TypeVar("_EventT", bound=Event)

MIN_DATE = date(2010, 1, 1)
"""The earliest date drawn by default (events, planned dates)."""
MAX_DATE = date(2035, 12, 31)
"""The latest date drawn by default."""
MAX_AMOUNT = 10**12
"""The largest amount of one source of a drawn budget, 1.000 tỷ đồng."""

_BASE = date(2020, 1, 1)
# Dates are offsets from a base; the latest window end keeps room for extensions after it.
_LAST_USABLE = date(9899, 12, 31)
_MAX_GAP = 400  # days between consecutive events of a history, at most
_MAX_LEAD = 730  # days an open task's history may start before the day it is seen open
_MAX_DURATION = 1826  # days of a planned duration (five years), at most
_MAX_EXTENSION = 730  # days one extension moves the end date by, at most
_OPEN = frozenset({Status.APPROVED, Status.IN_PROGRESS})
_FAIL = "evaluated:fail"
_LIQUIDATED = "liquidated"

_PROVINCES = (
    "Thái Bình",
    "Hưng Yên",
    "Thái Nguyên",
    "Bắc Kạn",
    "Đồng Tháp",
    "Tiền Giang",
    "Bắc Ninh",
    "Lạng Sơn",
    "Quảng Ninh",
    "Đắk Lắk",
)
_TITLE_STARTS = (
    "Nghiên cứu",
    "Ứng dụng",
    "Xây dựng mô hình",
    "Chuyển giao công nghệ",
    "Bảo tồn và phát triển nguồn gen",
    "Đánh giá thực trạng",
)
_TITLE_SUBJECTS = (
    "giống lúa chịu mặn",
    "cây dược liệu",
    "nuôi tôm thẻ chân trắng",
    "chuyển đổi số trong quản lý nhà nước",
    "xử lý chất thải chăn nuôi",
    "gà Đông Tảo",
    "bưởi Diễn",
)
_CODE_PREFIXES: Mapping[TaskKind, str] = {
    TaskKind.RESEARCH: "ĐT",
    TaskKind.PILOT_PRODUCTION: "DA-SXTN",
    TaskKind.SCHEME: "ĐA",
    TaskKind.PROJECT: "DA",
    TaskKind.GENE_FUND: "QG",
    TaskKind.INNOVATION: "ĐMST",
}
_HOSTS = (
    "Trung tâm Ứng dụng tiến bộ KH&CN",
    "Trường Đại học Nông Lâm",
    "Viện Khoa học Nông nghiệp Việt Nam",
    "Công ty TNHH Nông sản sạch",
)
_LEADS = ("TS. Nguyễn Văn An", "ThS. Trần Thị Bình", "KS. Lê Đức Cường", "PGS.TS. Phạm Thị Dung")
_REF_FORMS = ("QĐ-UBND", "QĐ-SKHCN", "HĐ-KHCN", "BB-HĐNT", "TB-SKHCN")
_UNITS = ("nhiệm vụ", "đề tài", "mô hình", "sáng chế", "%", "doanh nghiệp", "lượt")
_TARGET_NAMES = (
    "Số nhiệm vụ được nghiệm thu",
    "Tỷ lệ nhiệm vụ hoàn thành đúng hạn",
    "Số mô hình ứng dụng tiến bộ KH&CN",
    "Số doanh nghiệp đổi mới công nghệ",
    "Số đơn đăng ký bảo hộ sở hữu trí tuệ",
)
_PROGRAM_NAMES = (
    "Chương trình Nông thôn miền núi",
    "Chương trình bảo tồn và sử dụng bền vững nguồn gen",
    "Đề án phát triển thị trường KH&CN",
    "Chương trình hỗ trợ doanh nghiệp đổi mới sáng tạo",
)

# Characters of hard codes: anything printable that is not a space, so a code never needs trimming.
_CODE_CHARACTERS = st.characters(exclude_categories=("Cs", "Cc", "Co", "Cn", "Zs", "Zl", "Zp"))


# --------------------------------------------------------------------------------- arguments


def _invalid(message: str) -> InvalidArgument:
    return InvalidArgument(message)


def _members(name: str, values: Collection[_E] | None, enum: type[_E]) -> tuple[_E, ...]:
    """The chosen members of ``enum`` (all of them for ``None``), checked, in declaration order."""
    if values is None:
        return tuple(enum)
    if isinstance(values, (str, Enum)) or not isinstance(values, Iterable):
        raise _invalid(f"{name} must be a collection of {enum.__name__}, got {values!r}")
    chosen = set(values)
    wrong = [v for v in chosen if not isinstance(v, enum)]
    if wrong:
        raise _invalid(f"{name} must hold only {enum.__name__} members, got {wrong[0]!r}")
    if not chosen:
        raise _invalid(f"{name} must not be empty")
    return tuple(m for m in enum if m in chosen)


def _grades(grades: GradeScale | Collection[Grade] | None) -> tuple[Grade, ...]:
    if isinstance(grades, GradeScale):
        grades = grades.grades
    return _members("grades", grades, Grade)


def _day(name: str, value: object) -> date:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise _invalid(f"{name} must be a date (not a datetime), got {value!r}")
    return value


def _optional_day(name: str, value: object) -> date | None:
    return None if value is None else _day(name, value)


def _window(min_date: object, max_date: object, before: object) -> tuple[date, date]:
    """The dates events may fall on: ``min_date`` to ``max_date``, and strictly before ``before``."""
    lo, hi = _day("min_date", min_date), _day("max_date", max_date)
    if hi > _LAST_USABLE:
        raise _invalid(f"max_date must be at most {_LAST_USABLE} (extensions need room), got {hi}")
    limit = _optional_day("before", before)
    if limit is not None:
        if limit <= lo:
            raise _invalid(f"before ({limit}) must be after min_date ({lo})")
        hi = min(hi, limit - timedelta(days=1))
    if lo > hi:
        raise _invalid(f"min_date ({lo}) must not be after max_date ({hi})")
    return lo, hi


def _count(name: str, value: object, minimum: int = 0) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise _invalid(f"{name} must be a whole number of at least {minimum}, got {value!r}")
    return value


def _instance(name: str, value: object, cls: type[_T]) -> _T | None:
    if value is not None and not isinstance(value, cls):
        raise _invalid(f"{name} must be a {cls.__name__} or None, got {value!r}")
    return value


# --------------------------------------------------------------------------------- dates


# Draws below use st.integers, which Hypothesis caches by its bounds: strategies built afresh inside
# every draw would be validated afresh too, which made drawing a portfolio ten times slower.


def _pick(draw: st.DrawFn, values: Sequence[_T]) -> _T:
    """One of ``values``; shrinks towards the first."""
    return values[draw(st.integers(0, len(values) - 1))]


def _draw_day(draw: st.DrawFn, anchor: date, lo: date, hi: date) -> date:
    """A date from ``lo`` to ``hi`` drawn as an offset from ``anchor`` (clamped), so it shrinks to it."""
    base = min(max(anchor, lo), hi)
    return base + timedelta(days=draw(st.integers((lo - base).days, (hi - base).days)))


def _draw_year(draw: st.DrawFn, lo: int, hi: int) -> int:
    base = min(max(_BASE.year, lo), hi)
    return base + draw(st.integers(lo - base, hi - base))


# --------------------------------------------------------------------------------- periods


def periods(
    *,
    kinds: Collection[PeriodKind] | None = None,
    min_year: int = MIN_DATE.year,
    max_year: int = MAX_DATE.year,
) -> SearchStrategy[Period]:
    """Reporting periods of the given ``kinds`` (every :class:`~stprogress.PeriodKind` by default).

    Years, halves, quarters, months, first n months ("9 tháng đầu năm"; never 1, 3, 6 or 12 months,
    which are named periods of their own), phases of 2 to 10 years with or without an orientation
    year, and custom ranges of up to three years. Every date lies in ``min_year`` to ``max_year``
    (a phase's orientation year may lie after). Shrinks towards periods of 2020.

    Raises:
        InvalidArgument: if ``kinds`` is empty or holds something else, the years are not 1 to 9999
            in order, or only phases are asked for within a single year.
    """
    chosen = _members("kinds", kinds, PeriodKind)
    lo, hi = (_count(name, y, 1) for name, y in (("min_year", min_year), ("max_year", max_year)))
    if hi > _LAST_USABLE.year:
        raise _invalid(f"max_year must be at most {_LAST_USABLE.year}, got {hi}")
    if lo > hi:
        raise _invalid(f"min_year ({lo}) must not be after max_year ({hi})")
    usable = tuple(k for k in chosen if k is not PeriodKind.PHASE or lo < hi)
    if not usable:
        raise _invalid(f"a phase spans at least two years; {lo} to {hi} has one")
    return _periods(usable, lo, hi)


@st.composite
def _periods(draw: st.DrawFn, kinds: tuple[PeriodKind, ...], lo: int, hi: int) -> Period:
    kind = _pick(draw, kinds)
    if kind is PeriodKind.PHASE:
        first = _draw_year(draw, lo, hi - 1)
        last = first + draw(st.integers(1, min(9, hi - first)))
        horizon = last + draw(st.integers(1, 10)) if draw(st.booleans()) else None
        return Period.phase(first, last, horizon=horizon)
    if kind is PeriodKind.CUSTOM:
        start = _draw_day(draw, _BASE, date(lo, 1, 1), date(hi, 12, 31))
        length = draw(st.integers(0, min(1095, (date(hi, 12, 31) - start).days)))
        return Period.between(start, start + timedelta(days=length))
    year = _draw_year(draw, lo, hi)
    if kind is PeriodKind.YEAR:
        return Period.year(year)
    if kind is PeriodKind.HALF:
        return Period.half(year, draw(st.integers(1, 2)))
    if kind is PeriodKind.QUARTER:
        return Period.quarter(year, draw(st.integers(1, 4)))
    if kind is PeriodKind.MONTH:
        return Period.month(year, draw(st.integers(1, 12)))
    return Period.months_to_date(year, _pick(draw, (2, 4, 5, 7, 8, 9, 10, 11)))


# --------------------------------------------------------------------------------- text


_TEXT = st.text(min_size=1).filter(str.strip)
"""Any text that is not blank (names and titles a loader must keep as they are)."""
_HARD_CODES = st.text(_CODE_CHARACTERS, min_size=1, max_size=12)
_REF_SAMPLES = (None, "2345/QĐ-UBND", "05/2023/HĐ-KHCN", "118/QĐ-SKHCN", "BB-HĐNT số 7/2024")
_NOTE_SAMPLES = (None, "Gia hạn do thời tiết", "Đạt yêu cầu", 'Ghi chú "có ngoặc kép",\nnhiều dòng; 50%')
_TITLE_SAMPLES = tuple(
    f"{start} {subject} tại tỉnh {province}"
    for start in _TITLE_STARTS
    for subject in _TITLE_SUBJECTS
    for province in _PROVINCES
)


def _draw_code(draw: st.DrawFn, prefix: str) -> str:
    """A code such as ``ĐT-07``, sometimes in lower case or arbitrary non-space text."""
    form = draw(st.integers(0, 5))
    if form == 5:
        return draw(_HARD_CODES)
    code = f"{prefix}-{draw(st.integers(1, 9999)):02d}"
    return code.lower() if form == 4 else code


def _draw_name(draw: st.DrawFn, names: Sequence[str]) -> str:
    """One of ``names``, or (as often as any one of them) any text that is not blank."""
    index = draw(st.integers(0, len(names)))
    return draw(_TEXT) if index == len(names) else names[index]


def _reference_to(draw: st.DrawFn, code: str) -> str:
    """How a task may write its program's code: as given, or in another case (same ``code_key``)."""
    variants = [code] + [
        v
        for v in (code.lower(), code.upper())
        if v != code and v == v.strip() and code_key(v) == code_key(code)
    ]
    return _pick(draw, variants)


# --------------------------------------------------------------------------------- events


def _event_of(cls: type[_EventT], grades: tuple[Grade, ...], lo: date, hi: date) -> SearchStrategy[_EventT]:
    @st.composite
    def draw_event(draw: st.DrawFn) -> _EventT:
        on = _draw_day(draw, _BASE, lo, hi)
        extra: dict[str, Any] = {}
        if cls is Extended:
            room = (date.max - on).days
            extra["until"] = on + timedelta(days=draw(st.integers(min(1, room), min(_MAX_EXTENSION, room))))
        elif cls is Evaluated:
            extra["grade"] = _pick(draw, grades)
        return cls(on, ref=_pick(draw, _REF_SAMPLES), note=_pick(draw, _NOTE_SAMPLES), **extra)

    return draw_event()


def events(
    *,
    kinds: Collection[type[Event]] | None = None,
    grades: GradeScale | Collection[Grade] | None = None,
    min_date: date = MIN_DATE,
    max_date: date = MAX_DATE,
) -> SearchStrategy[Event]:
    """Single events of the given classes (every event class by default), each valid on its own.

    An ``Extended`` moves the end to a later date than its own; an ``Evaluated`` has one of
    ``grades`` (a :class:`~stprogress.GradeScale` or a collection; every grade by default). For
    events in a legal order, use :func:`histories`.

    Raises:
        InvalidArgument: if ``kinds`` or ``grades`` is empty or holds something else, or the dates
            are not in order.
    """
    if kinds is None:
        classes: tuple[type[Event], ...] = EVENT_TYPES
    else:
        if not isinstance(kinds, Iterable):
            raise _invalid(f"kinds must be a collection of event classes, got {kinds!r}")
        chosen = set(kinds)
        wrong = [k for k in chosen if k not in EVENT_TYPES]
        if wrong:
            raise _invalid(f"kinds must hold only event classes (Proposed ... Terminated), got {wrong[0]!r}")
        if not chosen:
            raise _invalid("kinds must not be empty")
        classes = tuple(cls for cls in EVENT_TYPES if cls in chosen)
    grade_values = _grades(grades)
    lo, hi = _window(min_date, max_date, None)
    return st.one_of([_event_of(cls, grade_values, lo, hi) for cls in classes])


# --------------------------------------------------------------------------------- histories

# A state of the walk: the status so far, whether the milestone asked for was reached, whether the
# task was open, and whether a liquidation closed the history.
_Node = tuple[Status | None, bool, bool, bool]

# How much likelier than a side step each step along the main line is, so that samples of a few
# hundred tasks hold every status, grade and event kind, not mostly early terminations.
_WEIGHTS: Mapping[str, int] = {
    "approved": 2,
    "contracted": 3,
    "evaluated": 4,
    "registered": 2,
    "liquidated": 2,
}

_MILESTONE_TRANSITIONS: Mapping[Milestone, frozenset[str]] = {
    Milestone.PROPOSED: frozenset({"proposed"}),
    Milestone.REJECTED: frozenset({"rejected"}),
    Milestone.APPROVED: frozenset({"approved"}),
    Milestone.CONTRACTED: frozenset({"contracted"}),
    Milestone.STARTED: frozenset({"approved"}),
    Milestone.EVALUATED: frozenset({"evaluated", _FAIL}),
    Milestone.REGISTERED: frozenset({"registered"}),
    Milestone.LIQUIDATED: frozenset({_LIQUIDATED}),
    Milestone.TERMINATED: frozenset({"terminated"}),
}


@attrs.frozen
class _Walk:
    """The walks over :data:`TRANSITIONS` that end where asked, with each state's distance to an end.

    The distance (fewest events still needed) is what lets the walk stop or branch freely while
    never entering a state from which the goal is out of reach within ``max_events``.
    """

    transitions: Mapping[Status | None, Mapping[str, Status]]
    goal: frozenset[str]
    needs_open: bool
    statuses: frozenset[Status]
    max_events: int
    distance: Mapping[_Node, float] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        nodes: list[_Node] = [self.start]
        seen = {self.start}
        for node in nodes:
            for _, nxt in self.successors(node):
                if nxt not in seen:
                    seen.add(nxt)
                    nodes.append(nxt)
        distance: dict[_Node, float] = {n: 0 if self.can_stop(n) else math.inf for n in nodes}
        changed = True
        while changed:
            changed = False
            for node in nodes:
                best = min([distance[nxt] + 1 for _, nxt in self.successors(node)], default=math.inf)
                if best < distance[node]:
                    distance[node] = best
                    changed = True
        object.__setattr__(self, "distance", distance)

    @property
    def start(self) -> _Node:
        return (None, not self.goal, not self.needs_open, False)

    def can_stop(self, node: _Node) -> bool:
        status, met, opened, _ = node
        return status is not None and met and opened and status in self.statuses

    def successors(self, node: _Node) -> list[tuple[str, _Node]]:
        status, met, opened, closed = node
        if closed:
            return []
        return [
            (name, (target, met or name in self.goal, opened or target in _OPEN, name == _LIQUIDATED))
            for name, target in self.transitions[status].items()
        ]

    def check(self) -> None:
        needed = self.distance[self.start]
        if needed > self.max_events:
            raise _invalid(
                f"no legal history of at most {self.max_events} events meets these constraints"
                + ("" if needed == math.inf else f" (the shortest has {needed:.0f})")
            )


def _walk(
    *,
    grades: tuple[Grade, ...],
    reached: Milestone | None,
    statuses: Collection[Status] | None,
    needs_open: bool,
    max_events: int,
) -> _Walk:
    passing = any(g.is_passing for g in grades)
    failing = Grade.FAIL in grades
    # A grade the scale does not have cannot be given, so its transition is dropped from the table.
    transitions = {
        status: {
            name: target
            for name, target in allowed.items()
            if (name != "evaluated" or passing) and (name != _FAIL or failing)
        }
        for status, allowed in TRANSITIONS.items()
    }
    _instance("reached", reached, Milestone)
    walk = _Walk(
        transitions,
        frozenset() if reached is None else _MILESTONE_TRANSITIONS[reached],
        needs_open,
        frozenset(_members("statuses", statuses, Status)),
        _count("max_events", max_events, 1),
    )
    walk.check()
    return walk


def _history(
    draw: st.DrawFn,
    *,
    walk: _Walk,
    grades: tuple[Grade, ...],
    lo: date,
    hi: date,
    anchor: date,
    planned_end: date | None,
    open_days: tuple[date, date] | None,
) -> tuple[Event, ...]:
    """Draw a legal history: a walk over the transitions, then dates, extensions and grades."""
    node = walk.start
    names: list[str] = []
    opened_at: list[int] = []
    while True:
        remaining = walk.max_events - len(names)
        options = [(n, nxt) for n, nxt in walk.successors(node) if walk.distance[nxt] <= remaining - 1]
        # Stopping is drawn first and as 0, so shrinking ends histories early; it has one chance in
        # four, so that long histories (registered, liquidated) are common enough too.
        if walk.can_stop(node) and (not options or draw(st.integers(0, 3)) == 0):
            break
        name, node = _pick(draw, [o for o in options for _ in range(_WEIGHTS.get(o[0], 1))])
        names.append(name)
        if node[0] in _OPEN:
            opened_at.append(len(names) - 1)
    days = _history_days(
        draw, count=len(names), lo=lo, hi=hi, anchor=anchor, opened_at=opened_at, open_days=open_days
    )
    history: list[Event] = []
    due = planned_end
    passing = tuple(g for g in grades if g.is_passing)
    for name, on in zip(names, days, strict=True):
        ref, note = _pick(draw, _REF_SAMPLES), _pick(draw, _NOTE_SAMPLES)
        if name == "extended":
            until = (due or on) + timedelta(days=draw(st.integers(1, _MAX_EXTENSION)))
            history.append(Extended(on, until, ref=ref, note=note))
            due = until
        elif name == "evaluated":
            history.append(Evaluated(on, _pick(draw, passing), ref=ref, note=note))
        elif name == _FAIL:
            history.append(Evaluated(on, Grade.FAIL, ref=ref, note=note))
        else:
            # The other events hold nothing but their date, reference and note.
            plain: Callable[..., Event] = EVENT_BY_KIND[name]
            history.append(plain(on, ref=ref, note=note))
    return tuple(history)


def _history_days(
    draw: st.DrawFn,
    *,
    count: int,
    lo: date,
    hi: date,
    anchor: date,
    opened_at: list[int],
    open_days: tuple[date, date] | None,
) -> list[date]:
    """Non-decreasing dates in ``lo`` to ``hi``; with ``open_days``, the task is open on one of them."""

    def following(prev: date, last: date, count: int) -> list[date]:
        days = [prev]
        for _ in range(count):
            days.append(
                days[-1] + timedelta(days=draw(st.integers(0, min(_MAX_GAP, (last - days[-1]).days))))
            )
        return days[1:]

    if open_days is None:
        first = _draw_day(draw, anchor, lo, hi)
        return [first, *following(first, hi, count - 1)]
    # Cut the history after an event that leaves the task open: the events up to it happen on or
    # before the open day, the rest after it.
    cut = _pick(draw, opened_at)
    after = count - cut - 1
    low, high = open_days
    if after:
        high = min(high, hi - timedelta(days=1))
    day = _draw_day(draw, anchor, low, high)
    first = day - timedelta(days=draw(st.integers(0, min(_MAX_LEAD, (day - lo).days))))
    before = [first, *following(first, day, cut)]
    if not after:
        return before
    start = day + timedelta(days=1 + draw(st.integers(0, min(_MAX_GAP, (hi - day).days - 1))))
    return [*before, start, *following(start, hi, after - 1)]


def _open_days(open_during: object, lo: date, hi: date) -> tuple[date, date] | None:
    period = _instance("open_during", open_during, Period)
    if period is None:
        return None
    low, high = max(lo, period.start), min(period.end, hi - timedelta(days=1))
    if low > high:
        raise _invalid(
            f"open_during ({period.code}) must share at least one day with the dates drawn "
            f"({lo} to {hi}), before the last"
        )
    return low, min(period.end, hi)


def histories(
    *,
    planned_end: date | None = None,
    reached: Milestone | None = None,
    statuses: Collection[Status] | None = None,
    open_during: Period | None = None,
    grades: GradeScale | Collection[Grade] | None = None,
    min_date: date = MIN_DATE,
    max_date: date = MAX_DATE,
    before: date | None = None,
    max_events: int = 6,
) -> SearchStrategy[tuple[Event, ...]]:
    """Legal histories (tuples of events, oldest first), drawn by walking the transition table.

    Args:
        planned_end: the task's planned end; every extension moves the end later than it (and than
            the extension before). Without it the first extension is only later than its own date.
        reached: a milestone the history must reach (``Milestone.STARTED`` needs the approval).
        statuses: where the history may end (every status by default).
        open_during: a period on one day of which the task is open (approved or in progress).
        grades: the grades evaluations may give (a ``GradeScale`` or a collection; all by default).
        min_date, max_date: the dates events fall on; ``before``: every event is before this date.
        max_events: the most events a history holds (at least 1).

    Raises:
        InvalidArgument: if an argument has the wrong type or is empty, the dates are out of order,
            or no history of at most ``max_events`` events meets the constraints (e.g. a failed
            evaluation asked for with a scale that has no failing grade).
    """
    grade_values = _grades(grades)
    lo, hi = _window(min_date, max_date, before)
    end = _optional_day("planned_end", planned_end)
    open_days = _open_days(open_during, lo, hi)
    walk = _walk(
        grades=grade_values,
        reached=reached,
        statuses=statuses,
        needs_open=open_days is not None,
        max_events=max_events,
    )

    @st.composite
    def draw_history(draw: st.DrawFn) -> tuple[Event, ...]:
        return _history(
            draw,
            walk=walk,
            grades=grade_values,
            lo=lo,
            hi=hi,
            anchor=_BASE,
            planned_end=end,
            open_days=open_days,
        )

    return draw_history()


# --------------------------------------------------------------------------------- values


def budgets(*, max_amount: int = MAX_AMOUNT) -> SearchStrategy[Budget]:
    """Budgets in đồng, each source from 0 to ``max_amount`` (below ``MONEY_LIMIT``).

    Raises:
        InvalidArgument: if ``max_amount`` is negative or not below ``MONEY_LIMIT``.
    """
    limit = _count("max_amount", max_amount)
    if limit >= 2**63:
        raise _invalid(f"max_amount must be below 2**63, got {limit}")
    amount = st.integers(0, limit)
    return st.builds(Budget, amount, amount)


_BUDGETS = budgets()
_OWNERS = st.sampled_from(_PROVINCES).map(lambda p: f"Sở Khoa học và Công nghệ tỉnh {p}") | _TEXT


def targets(
    *,
    directions: Collection[Direction] | None = None,
    assessed: bool | None = None,
    period: Period | None = None,
) -> SearchStrategy[Target]:
    """Targets (chỉ tiêu, mục tiêu) with exact ``Decimal`` values of up to two decimal places.

    Args:
        directions: the directions drawn (both by default).
        assessed: ``True`` for targets with an actual value, ``False`` for targets without one,
            ``None`` for either.
        period: the period every target is assigned for; by default none or any period.

    Raises:
        InvalidArgument: if an argument has the wrong type or ``directions`` is empty.
    """
    chosen = _members("directions", directions, Direction)
    _instance("assessed", assessed, bool)
    fixed = _instance("period", period, Period)
    periods_drawn = periods()

    def amount(draw: st.DrawFn) -> Decimal:
        # Hundredths as an integer: exact, two places, shrinking to 0.00.
        return Decimal(draw(st.integers(0, 100_000_000))).scaleb(-2)

    @st.composite
    def draw_target(draw: st.DrawFn) -> Target:
        code = _draw_code(draw, _pick(draw, ("CT", "MT")))
        name = _draw_name(draw, _TARGET_NAMES)
        unit = _pick(draw, _UNITS)
        planned = amount(draw)
        has_actual = draw(st.booleans()) if assessed is None else assessed
        actual = amount(draw) if has_actual else None
        direction = _pick(draw, chosen)
        if fixed is None:
            return Target(
                code, name, unit, planned, actual, direction, period=draw(st.none() | periods_drawn)
            )
        return Target(code, name, unit, planned, actual, direction, period=fixed)

    return draw_target()


def programs(
    *,
    levels: Collection[Level] | None = None,
    phase: Period | None = None,
    max_targets: int = 1,
) -> SearchStrategy[Program]:
    """Programs and schemes (chương trình, đề án) with a phase and up to ``max_targets`` objectives.

    Args:
        levels: the levels drawn (every level by default).
        phase: the phase of every program; by default a multi-year phase or any other period.
        max_targets: the most objectives a program has; their codes are unique.

    Raises:
        InvalidArgument: if an argument has the wrong type or ``levels`` is empty.
    """
    chosen = _members("levels", levels, Level)
    fixed = _instance("phase", phase, Period)
    most = _count("max_targets", max_targets)
    phases = st.just(fixed) if fixed is not None else periods(kinds={PeriodKind.PHASE}) | periods()
    objectives = st.lists(targets(), max_size=most, unique_by=lambda t: code_key(t.code))

    @st.composite
    def draw_program(draw: st.DrawFn) -> Program:
        return Program(
            _draw_code(draw, _pick(draw, ("CT", "ĐA", "NTMN"))),
            _draw_name(draw, _PROGRAM_NAMES),
            _pick(draw, chosen),
            draw(phases),
            draw(objectives),
        )

    return draw_program()


def tasks(
    *,
    levels: Collection[Level] | None = None,
    kinds: Collection[TaskKind] | None = None,
    fields: Collection[Field | None] | None = None,
    program: Program | None = None,
    open_during: Period | None = None,
    reached: Milestone | None = None,
    statuses: Collection[Status] | None = None,
    before: date | None = None,
    grades: GradeScale | Collection[Grade] | None = None,
    min_date: date = MIN_DATE,
    max_date: date = MAX_DATE,
    max_events: int = 6,
) -> SearchStrategy[Task]:
    """S&T tasks with a legal dated history (see :func:`histories` for the history's arguments).

    Planned dates are drawn first (a duration of up to five years, starting on the planned start,
    the date the history is drawn around); extensions move the end later than the planned end.

    Args:
        levels, kinds: the levels and kinds drawn (every member by default).
        fields: the fields of science drawn, ``None`` meaning "no field" (by default, any or none).
        program: the program every task belongs to; its planned dates then lie in the program's
            phase, and it names the program by its code (sometimes in another case).
        open_during: a period on one day of which every task is open (approved or in progress): the
            tasks a report of that period carries over or manages.
        reached: a milestone every task has reached (before ``before`` if given).
        statuses: where the history may end.
        before: every event, and the planned start, fall before this date.
        grades: the grades evaluations may give.
        min_date, max_date: the dates drawn, for events and planned dates.
        max_events: the most events a history holds.

    Raises:
        InvalidArgument: if an argument has the wrong type or is empty, the dates leave no room, or
            no legal history meets the constraints.
    """
    spec = _TaskSpec(
        levels=_members("levels", levels, Level),
        kinds=_members("kinds", kinds, TaskKind),
        fields=_fields(fields),
        grades=_grades(grades),
        min_date=min_date,
        max_date=max_date,
        before=before,
        open_during=open_during,
        reached=reached,
        statuses=statuses,
        max_events=max_events,
    )
    group = _instance("program", program, Program)
    plan = spec.plan(group)

    @st.composite
    def draw_task(draw: st.DrawFn) -> Task:
        return spec.draw(draw, group, plan)

    return draw_task()


def _fields(fields: Collection[Field | None] | None) -> tuple[Field | None, ...]:
    every: tuple[Field | None, ...] = (None, *Field)
    if fields is None:
        return every
    if isinstance(fields, (str, Enum)) or not isinstance(fields, Iterable):
        raise _invalid(f"fields must be a collection of Field (or None), got {fields!r}")
    chosen = set(fields)
    if not chosen or not all(f is None or isinstance(f, Field) for f in chosen):
        raise _invalid(f"fields must be a non-empty collection of Field (or None), got {fields!r}")
    return tuple(f for f in every if f in chosen)


class _TaskSpec:
    """The checked arguments of :func:`tasks`, drawing a task in a given program (or none)."""

    def __init__(
        self,
        *,
        levels: tuple[Level, ...],
        kinds: tuple[TaskKind, ...],
        fields: tuple[Field | None, ...],
        grades: tuple[Grade, ...],
        min_date: date,
        max_date: date,
        before: date | None,
        open_during: Period | None,
        reached: Milestone | None,
        statuses: Collection[Status] | None,
        max_events: int,
    ) -> None:
        self.levels, self.kinds, self.fields, self.grades = levels, kinds, fields, grades
        self.lo, self.hi = _window(min_date, max_date, before)
        self.last_planned = max_date
        self.before = before
        self.open_days = _open_days(open_during, self.lo, self.hi)
        self.walk = _walk(
            grades=grades,
            reached=reached,
            statuses=statuses,
            needs_open=self.open_days is not None,
            max_events=max_events,
        )

    def plan(self, program: Program | None) -> tuple[date, date, date]:
        """The earliest planned start, the latest, and the latest planned end, in ``program``."""
        if program is None:
            first, last = self.lo, self.last_planned
        else:
            first, last = program.phase.start, program.phase.end
        latest_start = last if self.before is None else min(last, self.hi)
        if first > latest_start:
            raise _invalid(
                f"no planned start fits: {first} to {last}"
                + ("" if self.before is None else f", before {self.before}")
            )
        return first, latest_start, last

    def draw(self, draw: st.DrawFn, program: Program | None, plan: tuple[date, date, date]) -> Task:
        first, latest_start, last = plan
        kind = _pick(draw, self.kinds)
        start = _draw_day(draw, _BASE, first, latest_start)
        end = start + timedelta(days=draw(st.integers(0, min(_MAX_DURATION, (last - start).days))))
        history = _history(
            draw,
            walk=self.walk,
            grades=self.grades,
            lo=self.lo,
            hi=self.hi,
            anchor=start,
            planned_end=end,
            open_days=self.open_days,
        )
        return Task(
            _draw_code(draw, _CODE_PREFIXES[kind]),
            _draw_name(draw, _TITLE_SAMPLES),
            _pick(draw, self.levels),
            kind,
            start,
            end,
            history,
            program=None if program is None else _reference_to(draw, program.code),
            field=_pick(draw, self.fields),
            host=_pick(draw, (None, *_HOSTS)),
            lead=_pick(draw, (None, *_LEADS)),
            budget=draw(_BUDGETS) if draw(st.booleans()) else None,
        )


def portfolios(
    *,
    min_tasks: int = 0,
    max_tasks: int = 4,
    owner: str | None = None,
    max_programs: int = 2,
    max_targets: int = 2,
    levels: Collection[Level] | None = None,
    kinds: Collection[TaskKind] | None = None,
    grades: GradeScale | Collection[Grade] | None = None,
    max_events: int = 6,
) -> SearchStrategy[Portfolio]:
    """Whole portfolios: programs, tasks (some in a program, planned inside its phase), targets.

    Codes are unique after normalisation in each list; every program a task names is in the
    portfolio. Small by default so that many can be drawn quickly; a failing portfolio shrinks to
    few tasks with short histories, outside any program.

    Args:
        min_tasks, max_tasks: how many tasks.
        owner: the department that owns the portfolio (by default a "Sở Khoa học và Công nghệ
            tỉnh ..." or arbitrary text).
        max_programs, max_targets: the most programs, and targets of the portfolio itself.
        levels, kinds, grades, max_events: as for :func:`tasks`.

    Raises:
        InvalidArgument: if a count is negative or out of order, ``owner`` is not non-blank text,
            or the task arguments are invalid.
    """
    least = _count("min_tasks", min_tasks)
    most = _count("max_tasks", max_tasks)
    if least > most:
        raise _invalid(f"min_tasks ({least}) must not be more than max_tasks ({most})")
    if owner is not None and (not isinstance(owner, str) or not owner.strip()):
        raise _invalid(f"owner must be non-blank text, got {owner!r}")
    spec = _TaskSpec(
        levels=_members("levels", levels, Level),
        kinds=_members("kinds", kinds, TaskKind),
        fields=_fields(None),
        grades=_grades(grades),
        min_date=MIN_DATE,
        max_date=MAX_DATE,
        before=None,
        open_during=None,
        reached=None,
        statuses=None,
        max_events=max_events,
    )
    free = spec.plan(None)
    owners = st.just(owner) if owner is not None else _OWNERS
    program_lists = st.lists(
        programs(), max_size=_count("max_programs", max_programs), unique_by=lambda p: p.code_key
    )
    target_lists = st.lists(
        targets(), max_size=_count("max_targets", max_targets), unique_by=lambda t: code_key(t.code)
    )

    @st.composite
    def draw_task_among(draw: st.DrawFn, groups: tuple[Program, ...]) -> Task:
        # Index 0 is "no program", so shrinking takes tasks out of programs.
        index = draw(st.integers(0, len(groups)))
        if index == 0:
            return spec.draw(draw, None, free)
        group = groups[index - 1]
        return spec.draw(draw, group, spec.plan(group))

    @st.composite
    def draw_portfolio(draw: st.DrawFn) -> Portfolio:
        groups = tuple(draw(program_lists))
        each = draw_task_among(groups)
        return Portfolio(
            draw(owners),
            draw(st.lists(each, min_size=least, max_size=most, unique_by=lambda t: t.code_key)),
            groups,
            draw(target_lists),
        )

    return draw_portfolio()


# --------------------------------------------------------------------------------- invalid input


@attrs.frozen
class InvalidDocument:
    """A JSON-like document that a loader must reject, with what is wrong with it and where.

    ``document`` is plain data (dicts, lists, text, numbers, ``None``) as ``json.loads`` would give
    it; ``defect`` is one of :data:`DEFECTS`; ``location`` is where the defect is, in the library's
    path style (``$.tasks[0].history[1].on``); ``description`` says what is wrong in plain words.
    """

    document: Any
    defect: str
    location: str
    description: str


_Path = tuple[str | int, ...]
_Mutation = tuple[_Path, str]


def _task_at(draw: st.DrawFn, doc: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    index = draw(st.integers(0, len(doc["tasks"]) - 1))
    task: dict[str, Any] = doc["tasks"][index]
    return index, task


def _iso(day: str, days: int) -> str:
    return (date.fromisoformat(day) + timedelta(days=days)).isoformat()


def _wrong_type(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, _ = _task_at(draw, doc)
    path, value, what = _pick(
        draw,
        (
            (("tasks", i, "code"), 5, "a code written as a number"),
            (("tasks", i, "planned_start"), 45000.0, "a date as a spreadsheet serial number"),
            (("tasks", i, "planned_end"), 20231231, "a date as a number"),
            (("tasks", i, "level"), 3, "a level as a number"),
            (("tasks", i, "history"), {}, "the history as an object, not a list"),
            (("tasks", i, "budget"), "1.500.000.000", "a budget as formatted text"),
            (("owner",), None, "no owner (null)"),
            (("tasks",), {}, "the tasks as an object, not a list"),
        ),
    )
    target: Any = doc
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return path, f"wrong type: {what}"


def _missing_key(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, task = _task_at(draw, doc)
    where = draw(st.integers(0, 2))
    if where == 0:
        key = _pick(draw, ("owner", "tasks"))
        del doc[key]
        return (key,), f"required key {key!r} is missing"
    if where == 1:
        key = _pick(draw, ("code", "title", "level", "kind", "planned_start", "planned_end", "history"))
        del task[key]
        return ("tasks", i, key), f"required key {key!r} of a task is missing"
    del task["history"][0]["on"]
    return ("tasks", i, "history", 0, "on"), "an event has no date"


def _unknown_key(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, task = _task_at(draw, doc)
    key = _pick(draw, ("status", "trạng thái", "Code", "ghi_chu"))
    task[key] = "in_progress"
    return ("tasks", i, key), f"unknown key {key!r} (a status is derived, never stored)"


def _impossible_date(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, task = _task_at(draw, doc)
    text = _pick(draw, ("2023-02-30", "2023-02-29", "2023-13-01", "2023-06-31", "30/02/2023", "2023-6-1", ""))
    if draw(st.booleans()):
        task["planned_start"] = text
        return ("tasks", i, "planned_start"), f"{text!r} is not a date"
    task["history"][0]["on"] = text
    return ("tasks", i, "history", 0, "on"), f"{text!r} is not a date"


def _negative_money(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, task = _task_at(draw, doc)
    source = _pick(draw, ("state", "other"))
    budget = {"state": 0, "other": 0, source: -draw(st.integers(1, MAX_AMOUNT))}
    task["budget"] = budget
    return ("tasks", i, "budget", source), "a negative amount of money"


def _inexact_money(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, task = _task_at(draw, doc)
    amount = _pick(draw, (1.5e9, 1_500_000_000.0, 2**63, True))
    task["budget"] = {"state": amount, "other": 0}
    return ("tasks", i, "budget", "state"), f"{amount!r} is not a whole number of đồng below 2**63"


def _non_finite_number(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    from stprogress.serialize import to_dict  # noqa: PLC0415 - see invalid_documents

    if not doc["targets"]:
        doc["targets"].append(to_dict(draw(targets())))
    index = draw(st.integers(0, len(doc["targets"]) - 1))
    text = _pick(draw, ("NaN", "Infinity", "-inf", "77,8", "", "hơn 50", 77.8))
    doc["targets"][index]["planned"] = text
    return ("targets", index, "planned"), f"{text!r} is not an exact finite decimal number as text"


def _blank_text(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, task = _task_at(draw, doc)
    key, text = _pick(draw, (("title", ""), ("title", "   "), ("code", ""), ("code", f" {task['code']}")))
    task[key] = text
    return ("tasks", i, key), f"{text!r} is blank or has surrounding spaces"


def _events_out_of_order(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, task = _task_at(draw, doc)
    history = task["history"]
    back = draw(st.integers(1, 400))
    if len(history) < 2:
        day = history[0]["on"]
        task["history"] = [
            {"event": "approved", "on": day, "ref": None, "note": None},
            {"event": "contracted", "on": _iso(day, -back), "ref": None, "note": None},
        ]
        return ("tasks", i, "history", 1), "an event dated before the one it follows"
    j = draw(st.integers(1, len(history) - 1))
    history[j]["on"] = _iso(history[j - 1]["on"], -back)
    return ("tasks", i, "history", j), "an event dated before the one it follows"


def _illegal_transition(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, task = _task_at(draw, doc)
    kind = _pick(draw, ("contracted", "inspected", "registered", "liquidated", "terminated"))
    first = {"event": kind, "on": task["history"][0]["on"], "ref": None, "note": None}
    task["history"].insert(0, first)
    return ("tasks", i, "history", 0), f"a history that begins with {kind!r}"


def _unknown_event_kind(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, task = _task_at(draw, doc)
    j = draw(st.integers(0, len(task["history"]) - 1))
    kind = _pick(draw, ("approve", "Approved", "phê duyệt", "", None, 2))
    task["history"][j]["event"] = kind
    return ("tasks", i, "history", j), f"{kind!r} is not an event kind"


def _duplicate_code(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    _, task = _task_at(draw, doc)
    copy = {**task, "code": _reference_to(draw, task["code"])}
    doc["tasks"].append(copy)
    return ("tasks", len(doc["tasks"]) - 1, "code"), f"code {copy['code']!r} repeats {task['code']!r}"


def _unused_code(doc: dict[str, Any], stem: str) -> str:
    used = {code_key(p["code"]) for p in doc["programs"]}
    return next(c for n in range(len(used) + 1) if code_key(c := f"{stem}-{n}") not in used)


def _dangling_program(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, task = _task_at(draw, doc)
    task["program"] = _unused_code(doc, "CT-KHÔNG-CÓ")
    return ("tasks", i, "program"), f"program {task['program']!r} is not in the document"


def _outside_program_phase(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, task = _task_at(draw, doc)
    year = date.fromisoformat(task["planned_start"]).year
    code = _unused_code(doc, "CT-TRƯỚC")
    phase = Period.phase(year - 1 - draw(st.integers(1, 5)), year - 1).code
    doc["programs"].append(
        {"code": code, "name": "Đề án cũ", "level": "provincial", "phase": phase, "targets": []}
    )
    task["program"] = code
    return ("tasks", i, "planned_start"), f"a task planned after the phase {phase} of its program"


def _planned_end_before_start(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, task = _task_at(draw, doc)
    task["planned_end"] = _iso(task["planned_start"], -draw(st.integers(1, 400)))
    return ("tasks", i, "planned_end"), "a planned end before the planned start"


def _extension_not_later(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, task = _task_at(draw, doc)
    until = _iso(task["planned_end"], -draw(st.integers(0, 400)))
    for j, event in enumerate(task["history"]):
        if event["event"] == "extended":
            event["until"] = until
            return ("tasks", i, "history", j, "until"), "an extension that does not move the end later"
    day = task["history"][0]["on"]
    task["history"] = [
        {"event": "approved", "on": day, "ref": None, "note": None},
        {"event": "extended", "on": day, "ref": None, "note": None, "until": until},
    ]
    return ("tasks", i, "history", 1, "until"), "an extension that does not move the end later"


def _unknown_member(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    i, task = _task_at(draw, doc)
    key, value = _pick(
        draw,
        (("level", "cấp tỉnh"), ("level", "Provincial"), ("kind", "đề tài"), ("field", "7"), ("field", 4)),
    )
    task[key] = value
    return ("tasks", i, key), f"{value!r} is not a code of the vocabulary (labels are not codes)"


def _bad_envelope(draw: st.DrawFn, doc: dict[str, Any]) -> _Mutation:
    key, value = _pick(draw, (("version", 99), ("version", "1"), ("schema", "portfolio"), ("schema", None)))
    doc[key] = value
    return (key,), f"{value!r} is not a valid {key} of a stprogress document"


_DEFECTS: Mapping[str, Callable[[st.DrawFn, dict[str, Any]], _Mutation]] = {
    "wrong_type": _wrong_type,
    "missing_key": _missing_key,
    "unknown_key": _unknown_key,
    "impossible_date": _impossible_date,
    "negative_money": _negative_money,
    "inexact_money": _inexact_money,
    "non_finite_number": _non_finite_number,
    "blank_text": _blank_text,
    "events_out_of_order": _events_out_of_order,
    "illegal_transition": _illegal_transition,
    "unknown_event_kind": _unknown_event_kind,
    "duplicate_code": _duplicate_code,
    "dangling_program": _dangling_program,
    "outside_program_phase": _outside_program_phase,
    "planned_end_before_start": _planned_end_before_start,
    "extension_not_later": _extension_not_later,
    "unknown_member": _unknown_member,
    "bad_envelope": _bad_envelope,
}

DEFECTS: tuple[str, ...] = tuple(_DEFECTS)
"""The defects :func:`invalid_documents` draws, by name."""


def invalid_documents(
    *, defects: Collection[str] | None = None, max_tasks: int = 3
) -> SearchStrategy[InvalidDocument]:
    """JSON-like portfolio documents a loader must reject, each with what is wrong and where.

    Each is a valid document (``stprogress.serialize.to_dict`` of a drawn portfolio of 1 to
    ``max_tasks`` tasks) broken in one place the way spreadsheets and other tools break them: wrong
    types (a date as a spreadsheet serial number, money as formatted text), missing and unknown keys,
    impossible dates ("2023-02-30"), negative or inexact money, "NaN" and "77,8" as numbers, blank
    text, events out of order or in an illegal order, unknown event kinds, duplicate codes (in
    another case), dangling program references, tasks outside their program's phase, planned ends
    before starts, extensions that do not extend, labels where codes belong, a wrong envelope.

    Args:
        defects: the names of the defects drawn (:data:`DEFECTS`; all by default).
        max_tasks: the most tasks of the document before it is broken (at least 1).

    Raises:
        InvalidArgument: if ``defects`` is empty or names an unknown defect, or ``max_tasks`` < 1.
    """
    if defects is None:
        chosen = DEFECTS
    else:
        if isinstance(defects, str) or not isinstance(defects, Iterable):
            raise _invalid(f"defects must be a collection of defect names, got {defects!r}")
        unknown = sorted(str(d) for d in set(defects) - set(DEFECTS))
        if unknown:
            raise _invalid(f"unknown defects {unknown}; known: {', '.join(DEFECTS)}")
        chosen = tuple(d for d in DEFECTS if d in set(defects))
        if not chosen:
            raise _invalid("defects must not be empty")
    valid = portfolios(min_tasks=1, max_tasks=_count("max_tasks", max_tasks, 1))

    @st.composite
    def draw_document(draw: st.DrawFn) -> InvalidDocument:
        # Imported when used: the entry point imports this module whenever Hypothesis is imported,
        # and valid values do not need the converter.
        from stprogress.serialize import to_dict  # noqa: PLC0415

        document: dict[str, Any] = to_dict(draw(valid))
        defect = _pick(draw, chosen)
        path, description = _DEFECTS[defect](draw, document)
        return InvalidDocument(document, defect, render_path(path), description)

    return draw_document()


# --------------------------------------------------------------------------------- registration


def register_type_strategies() -> None:
    """Register the library's types with Hypothesis, so ``st.from_type`` draws valid values.

    Registers ``Period``, ``Budget``, ``Target``, ``Program``, ``Task``, ``Portfolio`` and each event
    class (and so the ``Event`` union). The ``hypothesis`` entry point of stprogress calls it when
    Hypothesis is imported; calling it again is harmless.
    """
    st.register_type_strategy(Period, periods())
    st.register_type_strategy(Budget, _BUDGETS)
    st.register_type_strategy(Target, targets())
    st.register_type_strategy(Program, programs())
    st.register_type_strategy(Task, tasks())
    st.register_type_strategy(Portfolio, portfolios())
    grades, (lo, hi) = tuple(Grade), (MIN_DATE, MAX_DATE)
    for cls in EVENT_TYPES:
        st.register_type_strategy(cls, _event_of(cls, grades, lo, hi))


# Registered when the module loads: the hook of the ``hypothesis`` entry point imports this module,
# and when this module is imported first, its import of Hypothesis runs the hook while the module is
# half-built, so the hook leaves the registration to this line.
register_type_strategies()
