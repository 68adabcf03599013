"""Reporting periods: every period a Vietnamese S&T report names, parsed, labelled and windowed.

A :class:`Period` is a closed interval of dates (both ends inclusive) with a kind: a year, a half, a
quarter, a month, the first months of a year ("9 tháng đầu năm"), a multi-year phase ("giai đoạn
2021–2025, định hướng đến năm 2030") or a custom range. It reads what reports write, and writes it
back:

>>> p = Period.parse("quý III/2023")
>>> p.code, p.label("vi"), p.label("en")
('2023Q3', 'quý III/2023', 'Q3 2023')
>>> p.start, p.end
(datetime.date(2023, 7, 1), datetime.date(2023, 9, 30))
>>> date(2023, 8, 15) in p
True
>>> Period.parse("6 thang dau nam 2023").label("vi")
'6 tháng đầu năm 2023'

The data of a report is often collected over a *window* that is not the calendar period: Nghị
định 09/2019/NĐ-CP, Điều 12, closes data on the 14th. :meth:`Period.data_window` applies a
:class:`Cutoff`:

>>> Period.year(2023).data_window(Cutoff.DECREE_09_2019).label("vi")
'từ 15/12/2022 đến 14/12/2023'

Month steps use python-dateutil's ``relativedelta``. Text is read with regular expressions rather
than ``dateutil.parser``, which guesses (it swaps day and month when one is out of range and fills
missing parts from today); every date is built with :class:`datetime.date`, which rejects
impossible days.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import ClassVar, TypeVar

import attrs
from dateutil.relativedelta import relativedelta

from stprogress.validation import PathSegment, ValidationError
from stprogress.vocab import Lang, _label, _Vocabulary

__all__ = ["Cutoff", "Period", "PeriodKind"]

_T = TypeVar("_T")

_MIN_YEAR = 1
_MAX_YEAR = 9999
_ONE_DAY = timedelta(days=1)


class PeriodKind(_Vocabulary):
    """The kind of a reporting period (kỳ báo cáo).

    .. versionadded:: 0.1.0
    """

    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    MONTHS_TO_DATE = "months_to_date"
    PHASE = "phase"
    CUSTOM = "custom"


_label(
    PeriodKind,
    {
        "YEAR": ("năm", "year"),
        "HALF": ("6 tháng", "half-year"),
        "QUARTER": ("quý", "quarter"),
        "MONTH": ("tháng", "month"),
        "MONTHS_TO_DATE": ("lũy kế từ đầu năm", "months to date"),
        "PHASE": ("giai đoạn", "phase"),
        "CUSTOM": ("khoảng thời gian tự chọn", "custom range"),
    },
)

# Length in months of the kinds that tile a year; they are the kinds ``split`` can produce.
_TILE_MONTHS: dict[PeriodKind, int] = {
    PeriodKind.YEAR: 12,
    PeriodKind.HALF: 6,
    PeriodKind.QUARTER: 3,
    PeriodKind.MONTH: 1,
}
_KIND_RANK = {kind: rank for rank, kind in enumerate(PeriodKind)}
# The first n months of a year that already have a name of their own are that named period.
_NAMED_FIRST_MONTHS = {
    1: PeriodKind.MONTH,
    3: PeriodKind.QUARTER,
    6: PeriodKind.HALF,
    12: PeriodKind.YEAR,
}

_ROMAN = ("I", "II", "III", "IV")
_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_ACCEPTED_FORMS = (
    "Vietnamese phrases: 'năm 2023', '6 tháng đầu năm 2023', '6 tháng cuối năm 2023', "
    "'quý III/2023', 'quý 3 năm 2023', 'tháng 6/2023', 'tháng 06 năm 2023', "
    "'9 tháng đầu năm 2023', "
    "'giai đoạn 2021 - 2025', 'giai đoạn 2021–2025, định hướng đến năm 2030', "
    "'từ 15/12/2022 đến 14/12/2023', 'ngày 15/12/2022'; "
    "codes: '2023', '2023H1', '2023Q3', '2023-06', '2023M9', '2021-2025', '2021-2025>2030', "
    "'2022-12-15/2023-12-14'; DHIS2 ids: '2023', '2023S1', '2023Q3', '202306'"
)


def _fail(message: str, *path: PathSegment) -> ValidationError:
    return ValidationError.single(message, *path)


def _int_in(name: str, value: object, low: int, high: int, allowed: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _fail(f"{name} must be {allowed}, got {value!r}", name)
    return value


def _year(value: object, name: str = "year") -> int:
    return _int_in(name, value, _MIN_YEAR, _MAX_YEAR, f"a year from {_MIN_YEAR} to {_MAX_YEAR}")


def _calendar(compute: Callable[[], _T]) -> _T:
    """Run date arithmetic, turning a step past the calendar's ends into a ValidationError."""
    try:
        return compute()
    except ValidationError:
        raise
    except (ValueError, OverflowError):
        raise _fail(
            f"the result falls outside the supported calendar (years {_MIN_YEAR} to {_MAX_YEAR})"
        ) from None


def _month_end(day: date) -> date:
    return day + relativedelta(day=31)


def _after(start: date, months: int) -> date:
    """The last day of the ``months`` whole months that begin on ``start`` (a first of a month)."""
    # Step to the last month and clamp to its end; stepping past it and back a day would leave the
    # calendar for December 9999.
    return start + relativedelta(months=months - 1, day=31)


def _vi_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _en_date(day: date) -> str:
    return f"{day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


@attrs.frozen
class Cutoff:
    """A convention for the window of dates a period's data is collected over.

    A convention closes data on a day of the month, ``closing_day``: the window of a period whose
    months run from M1 to Mn starts the day after the closing day of the month before M1 and ends on
    the closing day of Mn. ``closing_day=None`` closes at the end of the month, so the window is the
    period itself (:attr:`CALENDAR`, the default everywhere).

    :attr:`DECREE_09_2019` closes on the 14th, as Nghị định 09/2019/NĐ-CP (chế độ báo cáo của cơ
    quan hành chính nhà nước), Điều 12 sets for periodic reports: monthly data from the 15th of the
    previous month to the 14th; quarterly from the 15th of the month before the quarter to the 14th
    of its last month; 6-month from 15/12 of the previous year to 14/6; annual from 15/12 of the
    previous year to 14/12. Those four are the decree's own words; the second half (15/6 to
    14/12), the first nine months (15/12 to 14/9, as provinces use it), any first n months and
    multi-year phases are *derived* by the same rule. Custom periods (:meth:`Period.between`) are
    taken as given.

    Another convention is declared by its closing day, e.g. a province closing data on the 20th:

    >>> close_20 = Cutoff("close_20", closing_day=20, source="Quyết định ... của UBND tỉnh")
    >>> Period.quarter(2023, 3).data_window(close_20).code
    '2023-06-21/2023-09-20'

    Args:
        name: a short identifier of the convention.
        closing_day: the day of the month data closes on, 1 to 28 (every month has it), or ``None``
            for the month's last day.
        source: the document the convention comes from.

    Raises:
        ValidationError: if ``closing_day`` is not ``None`` nor 1 to 28.

    .. versionadded:: 0.1.0
    """

    CALENDAR: ClassVar[Cutoff]
    DECREE_09_2019: ClassVar[Cutoff]

    name: str
    closing_day: int | None = attrs.field(default=None)
    source: str = ""

    @closing_day.validator
    def _check_closing_day(self, _: object, value: int | None) -> None:
        if value is not None:
            _int_in("closing_day", value, 1, 28, "None (end of month) or a day from 1 to 28")

    def window(self, period: Period) -> Period:
        """The window of ``period`` under this convention (see :meth:`Period.data_window`)."""
        if self.closing_day is None or period.kind is PeriodKind.CUSTOM:
            return period
        closing = self.closing_day
        return _calendar(
            lambda: Period.between(
                period.start + relativedelta(months=-1, day=closing, days=1),
                period.end + relativedelta(day=closing),
            )
        )


Cutoff.CALENDAR = Cutoff("calendar", None, "the calendar period itself")
Cutoff.DECREE_09_2019 = Cutoff(
    "decree_09_2019", 14, "Nghị định 09/2019/NĐ-CP, Điều 12 (thời gian chốt số liệu báo cáo)"
)


@attrs.frozen(repr=False)
class Period:
    """A reporting period: the dates ``start`` to ``end``, both inclusive, with a kind.

    Build one with a constructor (:meth:`year`, :meth:`half`, :meth:`quarter`, :meth:`month`,
    :meth:`months_to_date`, :meth:`phase`, :meth:`between`) or read one with :meth:`parse`. Building
    it directly checks that the dates fit the kind. ``horizon`` is the orientation year of a phase
    ("định hướng đến năm 2030") and is ``None`` for every other kind.

    Periods order by start, then end, then kind, then horizon: a total order consistent with
    equality, so periods sort chronologically.

    >>> sorted([Period.parse("2023Q3"), Period.year(2023), Period.month(2023, 1)])
    [Period.parse('2023-01'), Period.parse('2023'), Period.parse('2023Q3')]

    .. versionadded:: 0.1.0
    """

    start: date
    end: date
    kind: PeriodKind
    horizon: int | None = None

    def __attrs_post_init__(self) -> None:
        for name in ("start", "end"):
            value = getattr(self, name)
            if isinstance(value, datetime) or not isinstance(value, date):
                raise _fail(f"must be a date (not a datetime), got {value!r}", name)
        if self.start > self.end:
            raise _fail(f"must not be before start {self.start}, got {self.end}", "end")
        kind = self.kind
        if not isinstance(kind, PeriodKind):
            raise _fail(f"must be a PeriodKind, got {kind!r}", "kind")
        if self.horizon is not None and (
            kind is not PeriodKind.PHASE
            or isinstance(self.horizon, bool)
            or not isinstance(self.horizon, int)
            or not self.end.year < self.horizon <= _MAX_YEAR
        ):
            raise _fail(
                f"must be a year after the end of a phase, got {self.horizon!r} for a {kind.value}",
                "horizon",
            )
        if kind is PeriodKind.CUSTOM:
            return
        if self.start.day != 1 or self.end != _month_end(self.end):
            raise _fail(f"a {kind.value} runs from a first to a last day of a month", "start")
        if kind in _TILE_MONTHS:
            months = _TILE_MONTHS[kind]
            if (self.start.month - 1) % months or self.end != _after(self.start, months):
                raise _fail(f"{self.start}..{self.end} is not one {kind.value}", "start")
        elif kind is PeriodKind.MONTHS_TO_DATE:
            if self.start.month != 1 or self.end.year != self.start.year:
                raise _fail(f"the first months of a year start on 1 January, got {self.start}", "start")
            if self.end.month in _NAMED_FIRST_MONTHS:
                named = _NAMED_FIRST_MONTHS[self.end.month].value
                raise _fail(f"the first {self.end.month} months of a year are a {named}", "kind")
        elif self.start.month != 1 or self.end.month != 12 or self.end.year == self.start.year:
            # PHASE: whole calendar years, at least two of them.
            raise _fail("a phase runs over whole years, from 1 January to 31 December", "start")

    # ----------------------------------------------------------------------------- constructors

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year ``year`` ("năm 2023").

        >>> Period.year(2023).label("vi")
        'năm 2023'
        """
        first = date(_year(year), 1, 1)
        return cls(first, date(year, 12, 31), PeriodKind.YEAR)

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """The first (1) or second (2) half of ``year`` ("6 tháng đầu/cuối năm 2023").

        >>> Period.half(2023, 2).label("en")
        'second half of 2023'
        """
        _int_in("half", half, 1, 2, "1 (first half) or 2 (second half)")
        return cls._tile(PeriodKind.HALF, year, half)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter ``quarter`` (1 to 4) of ``year`` ("quý III/2023").

        >>> Period.quarter(2023, 3).label("vi")
        'quý III/2023'
        """
        _int_in("quarter", quarter, 1, 4, "1 to 4 (I to IV)")
        return cls._tile(PeriodKind.QUARTER, year, quarter)

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """Month ``month`` (1 to 12) of ``year`` ("tháng 6/2023").

        >>> Period.month(2023, 6).label("en")
        'June 2023'
        """
        _int_in("month", month, 1, 12, "1 to 12")
        return cls._tile(PeriodKind.MONTH, year, month)

    @classmethod
    def months_to_date(cls, year: int, months: int) -> Period:
        """The first ``months`` months (1 to 12) of ``year`` ("9 tháng đầu năm 2023").

        The first 1, 3, 6 and 12 months have names of their own and are returned as that period
        (January, the first quarter, the first half, the year), so each span of dates has one
        named period.

        >>> Period.months_to_date(2023, 9).label("vi")
        '9 tháng đầu năm 2023'
        >>> Period.months_to_date(2023, 6) == Period.half(2023, 1)
        True
        """
        _int_in("months", months, 1, 12, "1 to 12")
        first = date(_year(year), 1, 1)
        kind = _NAMED_FIRST_MONTHS.get(months, PeriodKind.MONTHS_TO_DATE)
        return cls(first, _after(first, months), kind)

    @classmethod
    def phase(cls, first_year: int, last_year: int, *, horizon: int | None = None) -> Period:
        """The multi-year phase ``first_year`` to ``last_year``, with an optional orientation year.

        >>> Period.phase(2021, 2025, horizon=2030).label("vi")
        'giai đoạn 2021–2025, định hướng đến năm 2030'

        Raises:
            ValidationError: if the phase does not end after it starts, or the horizon is not after
                its end.
        """
        _year(first_year, "first_year")
        _year(last_year, "last_year")
        if last_year <= first_year:
            raise _fail(f"a phase must end after it starts, got {first_year}–{last_year}", "last_year")
        if horizon is not None:
            _int_in("horizon", horizon, last_year + 1, _MAX_YEAR, f"a year after {last_year}")
        return cls(date(first_year, 1, 1), date(last_year, 12, 31), PeriodKind.PHASE, horizon)

    @classmethod
    def between(cls, start: date, end: date) -> Period:
        """The custom period from ``start`` to ``end``, both inclusive.

        It stays custom even when the dates match a named period: a range typed as dates is kept
        as the user gave it, and :meth:`parse` of its :attr:`code` gives it back.

        >>> Period.between(date(2022, 12, 15), date(2023, 12, 14)).label("vi")
        'từ 15/12/2022 đến 14/12/2023'
        >>> Period.between(date(2023, 1, 1), date(2023, 12, 31)).kind
        <PeriodKind.CUSTOM: 'custom'>
        """
        return cls(start, end, PeriodKind.CUSTOM)

    @classmethod
    def containing(cls, day: date, kind: PeriodKind | str) -> Period:
        """The year, half, quarter or month that contains ``day``.

        >>> Period.containing(date(2023, 8, 15), "quarter")
        Period.parse('2023Q3')
        """
        tile = _tiling_kind(kind)
        index = (day.month - 1) // _TILE_MONTHS[tile] + 1
        return cls._tile(tile, day.year, index)

    @classmethod
    def _tile(cls, kind: PeriodKind, year: int, index: int) -> Period:
        months = _TILE_MONTHS[kind]
        first = date(_year(year), (index - 1) * months + 1, 1)
        return cls(first, _after(first, months), kind)

    # ----------------------------------------------------------------------------- text

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read a period from a Vietnamese phrase, a code of :attr:`code` or a DHIS2 period id.

        Phrases are read in any case, with or without diacritics, in NFC or NFD, with "-", "–" or
        "/" between numbers and Roman or Arabic quarter numbers.

        >>> Period.parse("Quý 3 năm 2023")
        Period.parse('2023Q3')
        >>> Period.parse("giai doan 2021 - 2025, dinh huong den nam 2030").label("en")
        '2021–2025 phase, towards 2030'
        >>> Period.parse("202306") == Period.parse("tháng 06 năm 2023")
        True

        Raises:
            ValidationError: if the text is not a period, naming the accepted forms.
        """
        if not isinstance(text, str):
            raise _fail(f"a period must be text, got {text!r}; accepted forms: {_ACCEPTED_FORMS}")
        key = _fold(text)
        if not key:
            raise _fail(f"a period is required, got empty text; accepted forms: {_ACCEPTED_FORMS}")
        for pattern, build in _GRAMMAR:
            match = pattern.fullmatch(key)
            if match:
                return build(match)
        raise _fail(f"cannot read {text!r} as a period; accepted forms: {_ACCEPTED_FORMS}")

    @property
    def code(self) -> str:
        """The canonical code; ``Period.parse(p.code) == p`` for every period.

        Codes: ``2023``, ``2023H1``, ``2023Q3``, ``2023-06``, ``2023M9`` (first nine months),
        ``2021-2025`` (``2021-2025>2030`` with a horizon), ``2022-12-15/2023-12-14`` (custom, an
        ISO 8601 interval).
        """
        kind, start, end = self.kind, self.start, self.end
        if kind is PeriodKind.YEAR:
            return f"{start.year:04d}"
        if kind is PeriodKind.HALF:
            return f"{start.year:04d}H{self._index}"
        if kind is PeriodKind.QUARTER:
            return f"{start.year:04d}Q{self._index}"
        if kind is PeriodKind.MONTH:
            return f"{start.year:04d}-{start.month:02d}"
        if kind is PeriodKind.MONTHS_TO_DATE:
            return f"{start.year:04d}M{end.month}"
        if kind is PeriodKind.PHASE:
            horizon = "" if self.horizon is None else f">{self.horizon:04d}"
            return f"{start.year:04d}-{end.year:04d}{horizon}"
        return f"{start.isoformat()}/{end.isoformat()}"

    @property
    def dhis2_id(self) -> str:
        """The DHIS2 period id: ``2023`` (Yearly), ``2023S1`` (SixMonthly), ``2023Q3``, ``202306``.

        >>> Period.half(2023, 1).dhis2_id
        '2023S1'

        Raises:
            ValidationError: for months to date, phases and custom ranges, which DHIS2 has no period
                type for.
        """
        kind, year = self.kind, self.start.year
        if kind is PeriodKind.YEAR:
            return f"{year:04d}"
        if kind is PeriodKind.HALF:
            return f"{year:04d}S{self._index}"
        if kind is PeriodKind.QUARTER:
            return f"{year:04d}Q{self._index}"
        if kind is PeriodKind.MONTH:
            return f"{year:04d}{self.start.month:02d}"
        raise _fail(
            f"DHIS2 has no period type for a {kind.label_en} ({self.code}); "
            "it has years, six-month periods, quarters and months"
        )

    def label(self, lang: Lang = "vi") -> str:
        """How a report names the period, in Vietnamese (``"vi"``) or English (``"en"``).

        >>> [Period.parse(c).label("vi") for c in ("2023H1", "2023H2", "2023M9", "2023-06")]
        ['6 tháng đầu năm 2023', '6 tháng cuối năm 2023', '9 tháng đầu năm 2023', 'tháng 6/2023']
        >>> [Period.parse(c).label("en") for c in ("2023", "2023H1", "2023M9", "2023Q3")]
        ['2023', 'first half of 2023', 'first 9 months of 2023', 'Q3 2023']
        """
        vi = lang == "vi"
        kind, start, end = self.kind, self.start, self.end
        year = start.year
        if kind is PeriodKind.YEAR:
            return f"năm {year}" if vi else f"{year}"
        if kind is PeriodKind.HALF:
            if vi:
                return f"6 tháng {'đầu' if self._index == 1 else 'cuối'} năm {year}"
            return f"{'first' if self._index == 1 else 'second'} half of {year}"
        if kind is PeriodKind.QUARTER:
            return f"quý {_ROMAN[self._index - 1]}/{year}" if vi else f"Q{self._index} {year}"
        if kind is PeriodKind.MONTH:
            return f"tháng {start.month}/{year}" if vi else f"{_MONTHS_EN[start.month - 1]} {year}"
        if kind is PeriodKind.MONTHS_TO_DATE:
            if vi:
                return f"{end.month} tháng đầu năm {year}"
            return f"first {end.month} months of {year}"
        if kind is PeriodKind.PHASE:
            if vi:
                towards = "" if self.horizon is None else f", định hướng đến năm {self.horizon}"
                return f"giai đoạn {year}–{end.year}{towards}"
            towards = "" if self.horizon is None else f", towards {self.horizon}"
            return f"{year}–{end.year} phase{towards}"
        if start == end:
            return f"ngày {_vi_date(start)}" if vi else _en_date(start)
        if vi:
            return f"từ {_vi_date(start)} đến {_vi_date(end)}"
        return f"from {_en_date(start)} to {_en_date(end)}"

    def __str__(self) -> str:
        return self.code

    def _repr_html_(self) -> str:
        from stprogress.display import period_html  # noqa: PLC0415 - display imports periods

        return period_html(self)

    def __repr__(self) -> str:
        return f"Period.parse({self.code!r})"

    # ----------------------------------------------------------------------------- steps

    def next(self) -> Period:
        """The following period of the same kind.

        Years, halves, quarters and months step to the adjacent one; a phase to the adjacent phase
        of the same length (its horizon moves by as much); the first n months to the first n months
        of the next year; a custom range to the range of as many days that starts the day after it.

        >>> Period.quarter(2023, 4).next().label("vi")
        'quý I/2024'
        >>> Period.phase(2021, 2025, horizon=2030).next().code
        '2026-2030>2035'
        """
        return self._step(1)

    def previous(self) -> Period:
        """The preceding period of the same kind; ``p.previous().next() == p``.

        >>> Period.month(2023, 1).previous().code
        '2022-12'
        """
        return self._step(-1)

    def _step(self, sign: int) -> Period:
        kind = self.kind
        if kind in _TILE_MONTHS:
            months = _TILE_MONTHS[kind]
            first = _calendar(lambda: self.start + relativedelta(months=sign * months))
            return Period.containing(first, kind)
        if kind is PeriodKind.MONTHS_TO_DATE:
            return self.shift(years=sign)
        if kind is PeriodKind.PHASE:
            return self.shift(years=sign * (self.end.year - self.start.year + 1))
        length = self.end - self.start + _ONE_DAY
        return _calendar(lambda: Period.between(self.start + sign * length, self.end + sign * length))

    def shift(self, *, years: int) -> Period:
        """The same period ``years`` years away (negative: earlier), for year-on-year comparison.

        A custom range keeps its days and months; one that starts or ends on 29 February can only
        move to a leap year (a 28 February would not shift back to where it came from).

        >>> Period.parse("9 tháng đầu năm 2023").shift(years=-1).label("vi")
        '9 tháng đầu năm 2022'

        Raises:
            ValidationError: if the result falls outside years 1 to 9999, or a custom range would
                lose its 29 February.
        """
        step = relativedelta(years=years)
        if self.kind is PeriodKind.CUSTOM:
            for day in (self.start, self.end):
                if (day.month, day.day) == (2, 29) and not calendar.isleap(day.year + years):
                    raise _fail(f"{day} has no 29 February {years:+d} years away, in {day.year + years}")
            return _calendar(lambda: Period.between(self.start + step, self.end + step))
        horizon = None if self.horizon is None else self.horizon + years
        return _calendar(lambda: Period(self.start + step, _month_end(self.end + step), self.kind, horizon))

    # ----------------------------------------------------------------------------- relations

    def __contains__(self, item: object) -> bool:
        """Whether a date falls in the period (a datetime counts by its date)."""
        if isinstance(item, datetime):
            item = item.date()
        if not isinstance(item, date):
            return False
        return self.start <= item <= self.end

    def contains(self, other: Period) -> bool:
        """Whether every date of ``other`` is in this period.

        >>> Period.year(2023).contains(Period.quarter(2023, 3))
        True
        """
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one date.

        >>> Period.half(2023, 1).overlaps(Period.months_to_date(2023, 9))
        True
        """
        return self.start <= other.end and other.start <= self.end

    def split(self, kind: PeriodKind | str) -> tuple[Period, ...]:
        """The years, halves, quarters or months that tile this period exactly, in order.

        >>> [p.label("vi") for p in Period.months_to_date(2023, 9).split("quarter")]
        ['quý I/2023', 'quý II/2023', 'quý III/2023']

        Raises:
            ValidationError: if ``kind`` is not a tiling kind or its periods do not tile this one.
        """
        tile = _tiling_kind(kind)
        first = Period.containing(self.start, tile)
        last = Period.containing(self.end, tile)
        if first.start != self.start or last.end != self.end:
            raise _fail(f"{self.label('en')} is not a whole number of {tile.label_en}s", "kind")
        parts = [first]
        while parts[-1] != last:
            parts.append(parts[-1].next())
        return tuple(parts)

    def data_window(self, cutoff: Cutoff = Cutoff.CALENDAR) -> Period:
        """The dates this period's data is collected over, under a cut-off convention.

        Under :attr:`Cutoff.CALENDAR` it is the period itself. Under :attr:`Cutoff.DECREE_09_2019`
        (Nghị định 09/2019/NĐ-CP, Điều 12) it runs from the 15th of the month before the period's
        first month to the 14th of its last month: the decree's monthly, quarterly, 6-month and
        annual windows, and by the same rule the second half, the first n months and phases.
        Custom periods are taken as given.

        >>> decree = Cutoff.DECREE_09_2019
        >>> Period.half(2023, 1).data_window(decree).label("vi")
        'từ 15/12/2022 đến 14/06/2023'
        >>> Period.months_to_date(2023, 9).data_window(decree).label("en")
        'from 15 December 2022 to 14 September 2023'
        """
        return cutoff.window(self)

    @property
    def _index(self) -> int:
        return (self.start.month - 1) // _TILE_MONTHS[self.kind] + 1

    # ----------------------------------------------------------------------------- order

    def _key(self) -> tuple[date, date, int, bool, int]:
        horizon = self.horizon
        return (self.start, self.end, _KIND_RANK[self.kind], horizon is not None, horizon or 0)

    def __lt__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: Period) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._key() >= other._key()


def _tiling_kind(kind: PeriodKind | str) -> PeriodKind:
    tiles = ", ".join(k.value for k in _TILE_MONTHS)
    try:
        tile = PeriodKind(kind)
    except ValueError:
        raise _fail(f"must be one of {tiles}, got {kind!r}", "kind") from None
    if tile not in _TILE_MONTHS:
        raise _fail(f"must be one of {tiles}, got {tile.value!r}", "kind")
    return tile


# --------------------------------------------------------------------------------- grammar

_DASHES = str.maketrans(dict.fromkeys("‐‑‒–—―−", "-"))


def _fold(text: str) -> str:
    """Text reduced to what the grammar reads: no diacritics, lower case, single spaces, "-" dashes.

    "Đ" is a letter of its own, not D with a mark, so it is mapped explicitly.
    """
    decomposed = unicodedata.normalize("NFD", text.lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("đ", "d").translate(_DASHES)
    return " ".join(bare.split())


def _day(day: str, month: str, year: str) -> date:
    d, m, y = int(day), int(month), int(year)
    try:
        return date(y, m, d)
    except ValueError:
        if not 1 <= m <= 12:
            reason = f"month must be 1 to 12, got {m}"
        elif y < _MIN_YEAR:
            reason = f"year must be {_MIN_YEAR} to {_MAX_YEAR}"
        else:
            reason = f"{_MONTHS_EN[m - 1]} {y} has {calendar.monthrange(y, m)[1]} days"
        raise _fail(f"{d:02d}/{m:02d}/{y:04d} is not a calendar date: {reason}") from None


def _range(first: date, last: date) -> Period:
    if last < first:
        raise _fail(f"a range must not end ({last}) before it starts ({first})")
    return Period.between(first, last)


def _quarter_number(token: str) -> int:
    numbers = {roman.lower(): n for n, roman in enumerate(_ROMAN, 1)} | {
        "1": 1,
        "2": 2,
        "3": 3,
        "4": 4,
    }
    if token not in numbers:
        raise _fail(f"quarter must be I, II, III or IV (or 1 to 4), got {token.upper()!r}")
    return numbers[token]


def _phase(first: str, last: str, horizon: str | None) -> Period:
    first_year, last_year = int(first), int(last)
    if last_year <= first_year:
        raise _fail(f"a phase must end after it starts, got {first}–{last}")
    if horizon is not None and int(horizon) <= last_year:
        raise _fail(f"the orientation year must be after the phase, got {horizon} for {first}–{last}")
    return Period.phase(first_year, last_year, horizon=None if horizon is None else int(horizon))


def _no_first_year(end: str) -> Period:
    raise _fail(f"a phase needs its first and last year, e.g. 'giai đoạn 2021–2025'; got only its end, {end}")


_Y = r"(\d{4})"
_SEP = r"\s?(?:-|/|nam)\s?"
_D = r"(\d{1,2})/(\d{1,2})/(\d{4})"
_ISO = r"(\d{4})-(\d{2})-(\d{2})"
_HORIZON = r"(?:,? dinh huong den nam (\d{4}))?"

_GRAMMAR: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], Period]], ...] = tuple(
    (re.compile(pattern), build)
    for pattern, build in (
        # Vietnamese phrases, after _fold.
        (rf"nam {_Y}", lambda m: Period.year(int(m[1]))),
        (rf"6 thang (dau|cuoi) nam {_Y}", lambda m: Period.half(int(m[2]), 1 + (m[1] == "cuoi"))),
        (rf"(\d{{1,2}}) thang dau nam {_Y}", lambda m: Period.months_to_date(int(m[2]), int(m[1]))),
        (rf"quy (\w+){_SEP}{_Y}", lambda m: Period.quarter(int(m[2]), _quarter_number(m[1]))),
        (rf"thang (\d{{1,2}}){_SEP}{_Y}", lambda m: Period.month(int(m[2]), int(m[1]))),
        (rf"giai doan {_Y} ?[-/] ?{_Y}{_HORIZON}", lambda m: _phase(m[1], m[2], m[3])),
        (rf"giai doan den nam {_Y}{_HORIZON}", lambda m: _no_first_year(m[1])),
        (
            rf"tu (?:ngay )?{_D} den (?:ngay )?{_D}",
            lambda m: _range(_day(*m.groups()[:3]), _day(*m.groups()[3:])),
        ),
        (rf"(?:ngay )?{_D}", lambda m: Period.between(*[_day(m[1], m[2], m[3])] * 2)),
        # Codes of Period.code, and DHIS2 ids.
        (_Y, lambda m: Period.year(int(m[1]))),
        (rf"{_Y}[hs](\d)", lambda m: Period.half(int(m[1]), int(m[2]))),
        (rf"{_Y}q(\d)", lambda m: Period.quarter(int(m[1]), int(m[2]))),
        (rf"{_Y}-?(\d{{2}})", lambda m: Period.month(int(m[1]), int(m[2]))),
        (rf"{_Y}m(\d{{1,2}})", lambda m: Period.months_to_date(int(m[1]), int(m[2]))),
        (rf"{_Y} ?[-/] ?{_Y}(?:>(\d{{4}}))?", lambda m: _phase(m[1], m[2], m[3])),
        (rf"{_ISO}/{_ISO}", lambda m: _range(_day(m[3], m[2], m[1]), _day(m[6], m[5], m[4]))),
    )
)
