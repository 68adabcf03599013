"""Reporting periods: constructors, parsing, codes, labels, steps, relations, tilings, data windows."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stprogress import Cutoff, Period, PeriodKind, ValidationError

ONE_DAY = timedelta(days=1)
TILING_KINDS = (PeriodKind.YEAR, PeriodKind.HALF, PeriodKind.QUARTER, PeriodKind.MONTH)
# The first n months that have no name of their own (1, 3, 6 and 12 are a month, quarter, half, year).
UNNAMED_FIRST_MONTHS = (2, 4, 5, 7, 8, 9, 10, 11)

# Years well inside the calendar, so that steps, shifts and windows never leave it.
years = st.integers(min_value=1800, max_value=2300)
dates = st.dates(min_value=date(1800, 1, 1), max_value=date(2300, 12, 31))


@st.composite
def periods(draw: st.DrawFn, kinds: tuple[PeriodKind, ...] = tuple(PeriodKind)) -> Period:
    """Any valid period of one of ``kinds``."""
    kind = draw(st.sampled_from(kinds))
    year = draw(years)
    if kind is PeriodKind.YEAR:
        return Period.year(year)
    if kind is PeriodKind.HALF:
        return Period.half(year, draw(st.integers(1, 2)))
    if kind is PeriodKind.QUARTER:
        return Period.quarter(year, draw(st.integers(1, 4)))
    if kind is PeriodKind.MONTH:
        return Period.month(year, draw(st.integers(1, 12)))
    if kind is PeriodKind.MONTHS_TO_DATE:
        return Period.months_to_date(year, draw(st.sampled_from(UNNAMED_FIRST_MONTHS)))
    if kind is PeriodKind.PHASE:
        last = year + draw(st.integers(1, 10))
        horizon = draw(st.none() | st.integers(last + 1, last + 20))
        return Period.phase(year, last, horizon=horizon)
    start = draw(dates)
    return Period.between(start, start + timedelta(days=draw(st.integers(0, 800))))


def custom_periods_without_29_february() -> st.SearchStrategy[Period]:
    """Custom periods whose ends are not 29 February, so they shift to any year."""
    return periods((PeriodKind.CUSTOM,)).filter(
        lambda p: (2, 29) not in {(p.start.month, p.start.day), (p.end.month, p.end.day)}
    )


def message(error: pytest.ExceptionInfo[ValidationError]) -> str:
    """The one problem message of a raised error."""
    (problem,) = error.value.problems
    return problem.message


def nfd(text: str) -> str:
    """The text in decomposed form, as some spreadsheets deliver it."""
    return unicodedata.normalize("NFD", text)


def without_diacritics(text: str) -> str:
    """The text typed without Vietnamese diacritics."""
    bare = "".join(c for c in nfd(text) if not unicodedata.combining(c))
    return bare.replace("đ", "d").replace("Đ", "D")


ISSUE_PHRASES = [
    ("năm 2023", Period.year(2023)),
    ("6 tháng đầu năm 2023", Period.half(2023, 1)),
    ("6 tháng cuối năm 2023", Period.half(2023, 2)),
    ("quý III/2023", Period.quarter(2023, 3)),
    ("quý 3 năm 2023", Period.quarter(2023, 3)),
    ("tháng 6/2023", Period.month(2023, 6)),
    ("tháng 06 năm 2023", Period.month(2023, 6)),
    ("9 tháng đầu năm 2023", Period.months_to_date(2023, 9)),
    ("giai đoạn 2021 - 2025", Period.phase(2021, 2025)),
    ("giai đoạn 2021–2025", Period.phase(2021, 2025)),
    ("giai đoạn 2021-2025, định hướng đến năm 2030", Period.phase(2021, 2025, horizon=2030)),
    ("từ 15/12/2022 đến 14/12/2023", Period.between(date(2022, 12, 15), date(2023, 12, 14))),
    ("2023", Period.year(2023)),
    ("2023H1", Period.half(2023, 1)),
    ("2023Q3", Period.quarter(2023, 3)),
    ("2023-06", Period.month(2023, 6)),
    ("2023M9", Period.months_to_date(2023, 9)),
    ("2021-2025", Period.phase(2021, 2025)),
    ("2023S1", Period.half(2023, 1)),
    ("202306", Period.month(2023, 6)),
]

SEED_PHRASES = [
    ("năm 2022", Period.year(2022)),
    ("năm 2023", Period.year(2023)),
    ("năm 2024", Period.year(2024)),
    ("Năm 2021", Period.year(2021)),
    ("năm 2020", Period.year(2020)),
    ("6 tháng đầu năm 2023", Period.half(2023, 1)),
    ("6 tháng cuối năm 2023", Period.half(2023, 2)),
    (
        "giai đoạn 2021 -  2025, định hướng đến năm 2030",
        Period.phase(2021, 2025, horizon=2030),
    ),
    ("giai đoạn 2021 - 2025, định hướng đến năm 2030", Period.phase(2021, 2025, horizon=2030)),
    ("giai đoạn 2021 – 2022", Period.phase(2021, 2022)),
    ("giai đoạn 2021-2025", Period.phase(2021, 2025)),
    ("giai đoạn 2016-2025", Period.phase(2016, 2025)),
    ("giai đoạn 2021–2025", Period.phase(2021, 2025)),
]


class TestConstructors:
    def test_year_runs_over_the_calendar_year(self):
        """A year runs from 1 January to 31 December."""
        assert (date(2023, 1, 1), date(2023, 12, 31)) == (
            Period.year(2023).start,
            Period.year(2023).end,
        )

    @pytest.mark.parametrize(
        ("period", "start", "end"),
        [
            (Period.half(2023, 1), date(2023, 1, 1), date(2023, 6, 30)),
            (Period.half(2023, 2), date(2023, 7, 1), date(2023, 12, 31)),
            (Period.quarter(2023, 1), date(2023, 1, 1), date(2023, 3, 31)),
            (Period.quarter(2023, 3), date(2023, 7, 1), date(2023, 9, 30)),
            (Period.month(2024, 2), date(2024, 2, 1), date(2024, 2, 29)),
            (Period.month(2023, 2), date(2023, 2, 1), date(2023, 2, 28)),
            (Period.months_to_date(2023, 9), date(2023, 1, 1), date(2023, 9, 30)),
            (Period.phase(2021, 2025), date(2021, 1, 1), date(2025, 12, 31)),
        ],
    )
    def test_named_periods_have_their_calendar_dates(self, period, start, end):
        """Each named constructor gives the first and last calendar day of its period."""
        assert (start, end) == (period.start, period.end)

    @pytest.mark.parametrize(
        ("months", "expected"),
        [
            (1, Period.month(2023, 1)),
            (3, Period.quarter(2023, 1)),
            (6, Period.half(2023, 1)),
            (12, Period.year(2023)),
        ],
    )
    def test_first_months_with_a_name_are_that_named_period(self, months, expected):
        """The first 1, 3, 6 or 12 months are January, the first quarter, the first half, the year."""
        assert expected == Period.months_to_date(2023, months)

    def test_first_nine_months_are_months_to_date(self):
        """The first nine months have no other name and keep the kind months_to_date."""
        expected = PeriodKind.MONTHS_TO_DATE
        assert expected == Period.months_to_date(2023, 9).kind

    def test_phase_keeps_its_horizon(self):
        """A phase carries its orientation year."""
        expected = 2030
        assert expected == Period.phase(2021, 2025, horizon=2030).horizon

    def test_between_stays_custom_when_it_matches_a_named_period(self):
        """A range given as dates stays custom even when it covers exactly one year."""
        period = Period.between(date(2023, 1, 1), date(2023, 12, 31))
        expected = (PeriodKind.CUSTOM, False)
        assert expected == (period.kind, period == Period.year(2023))

    def test_containing_finds_the_tile_of_a_date(self):
        """The quarter containing 15 August 2023 is the third."""
        assert Period.quarter(2023, 3) == Period.containing(date(2023, 8, 15), PeriodKind.QUARTER)

    @pytest.mark.parametrize(
        ("build", "expected"),
        [
            (lambda: Period.year(0), "year must be a year from 1 to 9999, got 0"),
            (lambda: Period.year(10000), "year must be a year from 1 to 9999, got 10000"),
            (lambda: Period.year(True), "year must be a year from 1 to 9999, got True"),
            (lambda: Period.half(2023, 3), "half must be 1 (first half) or 2 (second half), got 3"),
            (lambda: Period.quarter(2023, 5), "quarter must be 1 to 4 (I to IV), got 5"),
            (lambda: Period.quarter(2023, 0), "quarter must be 1 to 4 (I to IV), got 0"),
            (lambda: Period.month(2023, 13), "month must be 1 to 12, got 13"),
            (lambda: Period.months_to_date(2023, 0), "months must be 1 to 12, got 0"),
            (
                lambda: Period.phase(2025, 2021),
                "a phase must end after it starts, got 2025–2021",
            ),
            (
                lambda: Period.phase(2023, 2023),
                "a phase must end after it starts, got 2023–2023",
            ),
            (
                lambda: Period.phase(2021, 2025, horizon=2025),
                "horizon must be a year after 2025, got 2025",
            ),
            (
                lambda: Period.phase(0, 2025),
                "first_year must be a year from 1 to 9999, got 0",
            ),
            (
                lambda: Period.between(date(2023, 2, 1), date(2023, 1, 31)),
                "must not be before start 2023-02-01, got 2023-01-31",
            ),
            (
                lambda: Period.between(datetime(2023, 1, 1), date(2023, 1, 31)),
                "must be a date (not a datetime), got datetime.datetime(2023, 1, 1, 0, 0)",
            ),
            (
                lambda: Period.between("2023-01-01", date(2023, 1, 31)),
                "must be a date (not a datetime), got '2023-01-01'",
            ),
        ],
    )
    def test_invalid_arguments_say_what_is_allowed(self, build, expected):
        """A constructor given a value outside its range raises a ValidationError naming the range."""
        with pytest.raises(ValidationError) as error:
            build()
        assert expected == message(error)

    @pytest.mark.parametrize(
        ("start", "end", "kind", "horizon", "expected"),
        [
            (date(2023, 1, 1), date(2023, 12, 31), "year", None, "must be a PeriodKind, got 'year'"),
            (
                date(2023, 1, 2),
                date(2023, 12, 31),
                PeriodKind.YEAR,
                None,
                "a year runs from a first to a last day of a month",
            ),
            (
                date(2023, 2, 1),
                date(2023, 4, 30),
                PeriodKind.QUARTER,
                None,
                "2023-02-01..2023-04-30 is not one quarter",
            ),
            (
                date(2023, 1, 1),
                date(2023, 4, 30),
                PeriodKind.QUARTER,
                None,
                "2023-01-01..2023-04-30 is not one quarter",
            ),
            (
                date(2023, 2, 1),
                date(2023, 9, 30),
                PeriodKind.MONTHS_TO_DATE,
                None,
                "the first months of a year start on 1 January, got 2023-02-01",
            ),
            (
                date(2023, 1, 1),
                date(2024, 9, 30),
                PeriodKind.MONTHS_TO_DATE,
                None,
                "the first months of a year start on 1 January, got 2023-01-01",
            ),
            (
                date(2023, 1, 1),
                date(2023, 6, 30),
                PeriodKind.MONTHS_TO_DATE,
                None,
                "the first 6 months of a year are a half",
            ),
            (
                date(2023, 1, 1),
                date(2023, 12, 31),
                PeriodKind.PHASE,
                None,
                "a phase runs over whole years, from 1 January to 31 December",
            ),
            (
                date(2021, 1, 1),
                date(2025, 11, 30),
                PeriodKind.PHASE,
                None,
                "a phase runs over whole years, from 1 January to 31 December",
            ),
            (
                date(2021, 7, 1),
                date(2025, 12, 31),
                PeriodKind.PHASE,
                None,
                "a phase runs over whole years, from 1 January to 31 December",
            ),
            (
                date(2023, 1, 1),
                date(2023, 12, 31),
                PeriodKind.YEAR,
                2030,
                "must be a year after the end of a phase, got 2030 for a year",
            ),
            (
                date(2021, 1, 1),
                date(2025, 12, 31),
                PeriodKind.PHASE,
                True,
                "must be a year after the end of a phase, got True for a phase",
            ),
            (
                date(2021, 1, 1),
                date(2025, 12, 31),
                PeriodKind.PHASE,
                "2030",
                "must be a year after the end of a phase, got '2030' for a phase",
            ),
            (
                date(2021, 1, 1),
                date(2025, 12, 31),
                PeriodKind.PHASE,
                2024,
                "must be a year after the end of a phase, got 2024 for a phase",
            ),
        ],
    )
    def test_direct_construction_checks_dates_fit_the_kind(self, start, end, kind, horizon, expected):
        """Building a Period directly rejects dates that do not make one period of its kind."""
        with pytest.raises(ValidationError) as error:
            Period(start, end, kind, horizon)
        assert expected == message(error)

    def test_direct_construction_error_has_a_path(self):
        """The problem of a misfitting end is located at the end field."""
        with pytest.raises(ValidationError) as error:
            Period(date(2023, 2, 1), date(2023, 1, 1), PeriodKind.CUSTOM)
        expected = "$.end"
        assert expected == error.value.problems[0].location


class TestParse:
    @pytest.mark.parametrize(("text", "expected"), ISSUE_PHRASES)
    def test_issue_phrases_and_codes(self, text, expected):
        """Every phrase and code the issue names is read as the period it means."""
        assert expected == Period.parse(text)

    @pytest.mark.parametrize(("text", "expected"), SEED_PHRASES)
    def test_seed_wording(self, text, expected):
        """The period wording of the seed reports is read as the period it means."""
        assert expected == Period.parse(text)

    @pytest.mark.parametrize(("text", "expected"), ISSUE_PHRASES + SEED_PHRASES)
    def test_case_diacritics_and_normal_form_do_not_matter(self, text, expected):
        """Upper case, NFD and text without diacritics all read the same."""
        variants = {text.upper(), nfd(text), without_diacritics(text), f"  {text}  "}
        assert {expected} == {Period.parse(v) for v in variants}

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("quý I/2024", Period.quarter(2024, 1)),
            ("quý II năm 2024", Period.quarter(2024, 2)),
            ("quý IV-2024", Period.quarter(2024, 4)),
            ("quý 4/2024", Period.quarter(2024, 4)),
            ("tháng 12-2023", Period.month(2023, 12)),
            ("giai đoạn 2021/2025", Period.phase(2021, 2025)),
            ("giai đoạn 2021 - 2025 định hướng đến năm 2030", Period.phase(2021, 2025, horizon=2030)),
            ("2021–2025", Period.phase(2021, 2025)),
            ("2021-2025>2030", Period.phase(2021, 2025, horizon=2030)),
            ("2023h2", Period.half(2023, 2)),
            ("2023M11", Period.months_to_date(2023, 11)),
            ("2023M6", Period.half(2023, 1)),
            ("ngày 15/12/2022", Period.between(date(2022, 12, 15), date(2022, 12, 15))),
            ("15/12/2022", Period.between(date(2022, 12, 15), date(2022, 12, 15))),
            (
                "từ ngày 1/1/2023 đến ngày 31/3/2023",
                Period.between(date(2023, 1, 1), date(2023, 3, 31)),
            ),
            (
                "2022-12-15/2023-12-14",
                Period.between(date(2022, 12, 15), date(2023, 12, 14)),
            ),
        ],
    )
    def test_separators_numerals_and_variants(self, text, expected):
        """Roman or Arabic quarters, "-", "–", "/" or "năm" separators, and optional words all read."""
        assert expected == Period.parse(text)

    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("quý V/2023", "quarter must be I, II, III or IV (or 1 to 4), got 'V'"),
            ("quý 5 năm 2023", "quarter must be I, II, III or IV (or 1 to 4), got '5'"),
            ("tháng 13/2023", "month must be 1 to 12, got 13"),
            ("giai đoạn 2025 - 2021", "a phase must end after it starts, got 2025–2021"),
            ("2025-2021", "a phase must end after it starts, got 2025–2021"),
            (
                "giai đoạn 2021-2025, định hướng đến năm 2024",
                "the orientation year must be after the phase, got 2024 for 2021–2025",
            ),
            ("30/02/2023", "30/02/2023 is not a calendar date: February 2023 has 28 days"),
            ("29/02/2023", "29/02/2023 is not a calendar date: February 2023 has 28 days"),
            ("31/13/2023", "31/13/2023 is not a calendar date: month must be 1 to 12, got 13"),
            ("01/01/0000", "01/01/0000 is not a calendar date: year must be 1 to 9999"),
            (
                "2023-02-30/2023-03-01",
                "30/02/2023 is not a calendar date: February 2023 has 28 days",
            ),
            (
                "từ 14/12/2023 đến 15/12/2022",
                "a range must not end (2022-12-15) before it starts (2023-12-14)",
            ),
            ("2023H3", "half must be 1 (first half) or 2 (second half), got 3"),
            ("2023Q0", "quarter must be 1 to 4 (I to IV), got 0"),
            ("202313", "month must be 1 to 12, got 13"),
            ("2023M13", "months must be 1 to 12, got 13"),
            ("0000", "year must be a year from 1 to 9999, got 0"),
            (
                "giai đoạn đến năm 2025, định hướng đến năm 2030",
                "a phase needs its first and last year, e.g. 'giai đoạn 2021–2025'; got only its end, 2025",
            ),
        ],
    )
    def test_bad_input_says_what_is_wrong(self, text, expected):
        """Text that names an impossible period raises a ValidationError saying why."""
        with pytest.raises(ValidationError) as error:
            Period.parse(text)
        assert expected == message(error)

    @pytest.mark.parametrize("text", ["", "   ", "\n"])
    def test_empty_text_lists_the_accepted_forms(self, text):
        """Empty text is refused with the list of accepted forms."""
        with pytest.raises(ValidationError) as error:
            Period.parse(text)
        assert message(error).startswith("a period is required, got empty text; accepted forms: ")
        assert "'quý III/2023'" in message(error)

    @pytest.mark.parametrize(
        "text", ["hôm qua", "năm ngoái", "2023W12", "Q3 2023", "6 tháng", "6 tháng đầu năm"]
    )
    def test_unreadable_text_lists_the_accepted_forms(self, text):
        """Text that is not a period is refused, quoting it and listing the accepted forms."""
        with pytest.raises(ValidationError) as error:
            Period.parse(text)
        assert message(error).startswith(f"cannot read {text!r} as a period; accepted forms: ")
        assert "'2023M9'" in message(error)

    def test_non_text_is_refused(self):
        """A number is not text and is refused with the accepted forms."""
        with pytest.raises(ValidationError) as error:
            Period.parse(2023)  # type: ignore[arg-type]
        assert message(error).startswith("a period must be text, got 2023; accepted forms: ")

    @given(periods())
    def test_code_round_trips(self, period):
        """Parsing the code of any period gives the period back."""
        assert period == Period.parse(period.code)

    @given(periods(), st.sampled_from(["upper", "nfd", "bare"]))
    def test_vietnamese_label_round_trips(self, period, variant):
        """The Vietnamese label, in any case, form or without diacritics, reads back as the period."""
        text = period.label("vi")
        written = {"upper": text.upper(), "nfd": nfd(text), "bare": without_diacritics(text)}
        assert period == Period.parse(written[variant])

    @given(periods(TILING_KINDS))
    def test_dhis2_id_round_trips(self, period):
        """Parsing the DHIS2 id of a year, half, quarter or month gives the period back."""
        assert period == Period.parse(period.dhis2_id)


class TestCodesAndLabels:
    @pytest.mark.parametrize(
        ("period", "code", "vi", "en"),
        [
            (Period.year(2023), "2023", "năm 2023", "2023"),
            (Period.half(2023, 1), "2023H1", "6 tháng đầu năm 2023", "first half of 2023"),
            (Period.half(2023, 2), "2023H2", "6 tháng cuối năm 2023", "second half of 2023"),
            (Period.quarter(2023, 3), "2023Q3", "quý III/2023", "Q3 2023"),
            (Period.quarter(2023, 4), "2023Q4", "quý IV/2023", "Q4 2023"),
            (Period.month(2023, 6), "2023-06", "tháng 6/2023", "June 2023"),
            (Period.month(2023, 12), "2023-12", "tháng 12/2023", "December 2023"),
            (
                Period.months_to_date(2023, 9),
                "2023M9",
                "9 tháng đầu năm 2023",
                "first 9 months of 2023",
            ),
            (Period.phase(2021, 2025), "2021-2025", "giai đoạn 2021–2025", "2021–2025 phase"),
            (
                Period.phase(2021, 2025, horizon=2030),
                "2021-2025>2030",
                "giai đoạn 2021–2025, định hướng đến năm 2030",
                "2021–2025 phase, towards 2030",
            ),
            (
                Period.between(date(2022, 12, 15), date(2023, 12, 14)),
                "2022-12-15/2023-12-14",
                "từ 15/12/2022 đến 14/12/2023",
                "from 15 December 2022 to 14 December 2023",
            ),
            (
                Period.between(date(2023, 3, 5), date(2023, 3, 5)),
                "2023-03-05/2023-03-05",
                "ngày 05/03/2023",
                "5 March 2023",
            ),
        ],
    )
    def test_code_and_labels(self, period, code, vi, en):
        """Each kind has its canonical code, its Vietnamese label and its English label."""
        assert (code, vi, en) == (period.code, period.label("vi"), period.label("en"))

    def test_label_defaults_to_vietnamese(self):
        """Without a language the label is Vietnamese."""
        expected = "quý III/2023"
        assert expected == Period.quarter(2023, 3).label()

    def test_str_and_repr(self):
        """str is the code; repr is an expression that rebuilds the period."""
        period = Period.quarter(2023, 3)
        expected = ("2023Q3", "Period.parse('2023Q3')")
        assert expected == (str(period), repr(period))

    @given(periods())
    def test_labels_are_nfc(self, period):
        """Vietnamese labels are in NFC, as the library writes all text."""
        label = period.label("vi")
        assert unicodedata.normalize("NFC", label) == label

    @pytest.mark.parametrize(
        ("period", "expected"),
        [
            (Period.year(2023), "2023"),
            (Period.half(2023, 2), "2023S2"),
            (Period.quarter(2023, 3), "2023Q3"),
            (Period.month(2023, 6), "202306"),
        ],
    )
    def test_dhis2_ids(self, period, expected):
        """Years, halves, quarters and months have DHIS2 ids."""
        assert expected == period.dhis2_id

    @pytest.mark.parametrize(
        ("period", "expected"),
        [
            (
                Period.months_to_date(2023, 9),
                "DHIS2 has no period type for a months to date (2023M9); "
                "it has years, six-month periods, quarters and months",
            ),
            (
                Period.phase(2021, 2025),
                "DHIS2 has no period type for a phase (2021-2025); "
                "it has years, six-month periods, quarters and months",
            ),
            (
                Period.between(date(2023, 1, 1), date(2023, 1, 9)),
                "DHIS2 has no period type for a custom range (2023-01-01/2023-01-09); "
                "it has years, six-month periods, quarters and months",
            ),
        ],
    )
    def test_dhis2_id_of_a_kind_dhis2_lacks_says_so(self, period, expected):
        """Kinds DHIS2 has no period type for raise a ValidationError saying so."""
        with pytest.raises(ValidationError) as error:
            _ = period.dhis2_id
        assert expected == message(error)

    def test_kind_labels(self):
        """Period kinds carry Vietnamese and English labels like every vocabulary."""
        expected = ("quý", "phase")
        assert expected == (PeriodKind.QUARTER.label_vi, PeriodKind.PHASE.label_en)


class TestSteps:
    @pytest.mark.parametrize(
        ("period", "expected"),
        [
            (Period.year(2023), Period.year(2024)),
            (Period.half(2023, 2), Period.half(2024, 1)),
            (Period.quarter(2023, 4), Period.quarter(2024, 1)),
            (Period.month(2023, 12), Period.month(2024, 1)),
            (Period.months_to_date(2023, 9), Period.months_to_date(2024, 9)),
            (Period.phase(2021, 2025, horizon=2030), Period.phase(2026, 2030, horizon=2035)),
            (
                Period.between(date(2023, 1, 10), date(2023, 1, 19)),
                Period.between(date(2023, 1, 20), date(2023, 1, 29)),
            ),
        ],
    )
    def test_next(self, period, expected):
        """next() steps to the following period of the same kind and shape."""
        assert expected == period.next()

    def test_previous_of_january(self):
        """The month before January 2023 is December 2022."""
        assert Period.month(2022, 12) == Period.month(2023, 1).previous()

    @pytest.mark.parametrize(
        ("period", "years", "expected"),
        [
            (Period.quarter(2023, 3), -1, Period.quarter(2022, 3)),
            (Period.month(2023, 2), 1, Period.month(2024, 2)),
            (Period.months_to_date(2023, 9), 2, Period.months_to_date(2025, 9)),
            (Period.phase(2021, 2025, horizon=2030), 5, Period.phase(2026, 2030, horizon=2035)),
            (
                Period.between(date(2024, 2, 29), date(2024, 3, 14)),
                4,
                Period.between(date(2028, 2, 29), date(2028, 3, 14)),
            ),
        ],
    )
    def test_shift(self, period, years, expected):
        """shift(years=n) gives the same period n years away."""
        assert expected == period.shift(years=years)

    def test_shift_of_29_february_to_a_common_year_is_refused(self):
        """A custom range ending on 29 February cannot move to a year without one."""
        with pytest.raises(ValidationError) as error:
            Period.between(date(2024, 2, 1), date(2024, 2, 29)).shift(years=1)
        expected = "2024-02-29 has no 29 February +1 years away, in 2025"
        assert expected == message(error)

    @pytest.mark.parametrize(
        "step",
        [
            lambda: Period.year(9999).next(),
            lambda: Period.month(1, 1).previous(),
            lambda: Period.year(9999).shift(years=1),
            lambda: Period.between(date(9999, 12, 1), date(9999, 12, 31)).next(),
            lambda: Period.between(date(9999, 12, 1), date(9999, 12, 31)).shift(years=1),
            lambda: Period.year(1).data_window(Cutoff.DECREE_09_2019),
        ],
    )
    def test_leaving_the_calendar_is_a_validation_error(self, step):
        """Steps past year 1 or 9999 raise a ValidationError, not a bare ValueError."""
        with pytest.raises(ValidationError) as error:
            step()
        expected = "the result falls outside the supported calendar (years 1 to 9999)"
        assert expected == message(error)

    def test_horizon_past_the_calendar_is_a_validation_error(self):
        """A phase whose horizon would pass year 9999 cannot be shifted there."""
        with pytest.raises(ValidationError) as error:
            Period.phase(9980, 9985, horizon=9999).next()
        expected = "must be a year after the end of a phase, got 10005 for a phase"
        assert expected == message(error)

    @given(periods())
    def test_next_undoes_previous(self, period):
        """next(previous(p)) and previous(next(p)) are p."""
        assert (period, period) == (period.previous().next(), period.next().previous())

    @given(periods())
    def test_next_is_later_and_of_the_same_kind(self, period):
        """The next period has the same kind and starts after this one starts."""
        following = period.next()
        assert (period.kind, True) == (following.kind, following.start > period.start)

    @given(periods((*TILING_KINDS, PeriodKind.PHASE, PeriodKind.CUSTOM)))
    def test_next_starts_the_day_after(self, period):
        """Years, halves, quarters, months, phases and custom ranges are followed without a gap."""
        assert period.end + ONE_DAY == period.next().start

    @given(periods(tuple(k for k in PeriodKind if k is not PeriodKind.CUSTOM)), st.integers(-50, 50))
    def test_shift_back_is_identity(self, period, years):
        """shift(years=n) then shift(years=-n) gives the period back."""
        assert period == period.shift(years=years).shift(years=-years)

    @given(custom_periods_without_29_february(), st.integers(-50, 50))
    def test_shift_back_is_identity_for_custom_ranges(self, period, years):
        """A custom range not ending on 29 February shifts there and back unchanged."""
        assert period == period.shift(years=years).shift(years=-years)


class TestRelations:
    def test_date_membership_includes_both_ends(self):
        """Both the first and the last day belong to the period, the days around them do not."""
        period = Period.quarter(2023, 3)
        members = [d in period for d in (date(2023, 6, 30), date(2023, 7, 1), date(2023, 9, 30))]
        expected = [False, True, True, False]
        assert expected == [*members, date(2023, 10, 1) in period]

    def test_datetime_counts_by_its_date(self):
        """A datetime belongs to the period its date belongs to."""
        assert datetime(2023, 9, 30, 23, 59) in Period.quarter(2023, 3)

    def test_non_dates_are_not_members(self):
        """Something that is not a date is never in a period."""
        assert "2023-08-01" not in Period.quarter(2023, 3)

    def test_contains_and_overlaps(self):
        """A year contains its quarters; the first half overlaps the first nine months."""
        year, q3, h1, m9 = (
            Period.year(2023),
            Period.quarter(2023, 3),
            Period.half(2023, 1),
            Period.months_to_date(2023, 9),
        )
        expected = (True, False, True, False)
        assert expected == (
            year.contains(q3),
            q3.contains(year),
            h1.overlaps(m9),
            h1.overlaps(q3),
        )

    @given(periods(), periods())
    def test_overlaps_is_symmetric_and_means_a_shared_date(self, a, b):
        """Two periods overlap exactly when the later start lies in both."""
        latest_start = max(a.start, b.start)
        shared = latest_start in a and latest_start in b
        assert (shared, shared) == (a.overlaps(b), b.overlaps(a))

    @given(periods(), periods())
    def test_contains_means_both_ends_inside(self, a, b):
        """A period contains another exactly when both its ends are inside, and then overlaps it."""
        inside = b.start in a and b.end in a
        assert (inside, inside) == (a.contains(b), a.contains(b) and a.overlaps(b))

    @given(periods(), periods())
    def test_order_is_total_and_consistent_with_equality(self, a, b):
        """Exactly one of a < b, a == b, a > b holds, and <= and >= agree with them."""
        expected = 1
        assert expected == [a < b, a == b, a > b].count(True)
        assert ((a < b) or (a == b), (a > b) or (a == b)) == (a <= b, a >= b)
        assert (a == b) == (hash(a) == hash(b) and a.code == b.code)

    def test_order_is_chronological(self):
        """Periods sort by start, then end."""
        periods_ = [Period.year(2024), Period.quarter(2023, 3), Period.month(2023, 1)]
        expected = [Period.month(2023, 1), Period.quarter(2023, 3), Period.year(2024)]
        assert expected == sorted(periods_)

    def test_order_breaks_ties_by_kind_and_horizon(self):
        """Periods with the same dates order by kind, then without horizon before with."""
        custom = Period.between(date(2021, 1, 1), date(2025, 12, 31))
        phase, oriented = Period.phase(2021, 2025), Period.phase(2021, 2025, horizon=2030)
        assert [phase, oriented, custom] == sorted([custom, oriented, phase])

    def test_comparing_with_something_else_is_a_type_error(self):
        """Ordering a period against a non-period is not defined."""
        period = Period.year(2023)
        for compare in (
            lambda: period < 2023,
            lambda: period <= 2023,
            lambda: period > 2023,
            lambda: period >= 2023,
        ):
            with pytest.raises(TypeError):
                compare()


class TestSplit:
    @pytest.mark.parametrize(
        ("period", "kind", "expected"),
        [
            (Period.year(2023), "half", ["2023H1", "2023H2"]),
            (Period.year(2023), PeriodKind.QUARTER, ["2023Q1", "2023Q2", "2023Q3", "2023Q4"]),
            (Period.months_to_date(2023, 9), "quarter", ["2023Q1", "2023Q2", "2023Q3"]),
            (Period.quarter(2023, 3), "month", ["2023-07", "2023-08", "2023-09"]),
            (Period.phase(2021, 2023, horizon=2030), "year", ["2021", "2022", "2023"]),
            (Period.month(2023, 6), "month", ["2023-06"]),
            (Period.between(date(2023, 4, 1), date(2023, 9, 30)), "quarter", ["2023Q2", "2023Q3"]),
        ],
    )
    def test_split(self, period, kind, expected):
        """A period splits into the sub-periods of a kind that tile it, in order."""
        assert expected == [p.code for p in period.split(kind)]

    @pytest.mark.parametrize(
        ("period", "kind", "expected"),
        [
            (
                Period.months_to_date(2023, 9),
                "half",
                "first 9 months of 2023 is not a whole number of half-years",
            ),
            (Period.month(2023, 6), "quarter", "June 2023 is not a whole number of quarters"),
            (
                Period.between(date(2023, 1, 1), date(2023, 1, 30)),
                "month",
                "from 1 January 2023 to 30 January 2023 is not a whole number of months",
            ),
            (Period.year(2023), "phase", "must be one of year, half, quarter, month, got 'phase'"),
            (Period.year(2023), "week", "must be one of year, half, quarter, month, got 'week'"),
        ],
    )
    def test_split_that_cannot_tile_is_refused(self, period, kind, expected):
        """Splitting into a kind that cannot tile the period raises a ValidationError saying why."""
        with pytest.raises(ValidationError) as error:
            period.split(kind)
        assert expected == message(error)

    @given(years, st.sampled_from(TILING_KINDS))
    def test_tiles_cover_a_year_without_gap_or_overlap(self, year, kind):
        """Halves, quarters and months of a year start on 1 January, end on 31 December, and abut."""
        parts = Period.year(year).split(kind)
        starts = [date(year, 1, 1)] + [p.end + ONE_DAY for p in parts[:-1]]
        assert (starts, date(year, 12, 31), 12) == (
            [p.start for p in parts],
            parts[-1].end,
            len(parts) * {"year": 12, "half": 6, "quarter": 3, "month": 1}[kind.value],
        )

    @given(dates, st.sampled_from(TILING_KINDS))
    def test_every_date_is_in_exactly_one_tile(self, day, kind):
        """A date belongs to exactly one period of each tiling kind, the one containing() finds."""
        holders = [p for p in Period.year(day.year).split(kind) if day in p]
        assert [Period.containing(day, kind)] == holders

    @given(periods((PeriodKind.YEAR, PeriodKind.HALF, PeriodKind.PHASE)), st.sampled_from(TILING_KINDS))
    def test_split_parts_are_inside_and_tile(self, period, kind):
        """Splitting a period whose bounds fit gives parts inside it that abut from start to end."""
        if kind is PeriodKind.YEAR and period.kind is PeriodKind.HALF:
            kind = PeriodKind.MONTH  # a half is not a whole number of years
        parts = period.split(kind)
        assert (period.start, period.end, True) == (
            parts[0].start,
            parts[-1].end,
            all(period.contains(p) and p.kind is kind for p in parts)
            and all(a.end + ONE_DAY == b.start for a, b in pairwise(parts)),
        )


class TestDataWindow:
    DECREE = Cutoff.DECREE_09_2019

    @pytest.mark.parametrize(
        ("period", "start", "end"),
        [
            # Windows in the words of Nghị định 09/2019/NĐ-CP, Điều 12.
            (Period.month(2023, 6), date(2023, 5, 15), date(2023, 6, 14)),
            (Period.month(2023, 1), date(2022, 12, 15), date(2023, 1, 14)),
            (Period.quarter(2023, 3), date(2023, 6, 15), date(2023, 9, 14)),
            (Period.half(2023, 1), date(2022, 12, 15), date(2023, 6, 14)),
            (Period.year(2023), date(2022, 12, 15), date(2023, 12, 14)),
            # Windows derived by the same rule.
            (Period.half(2023, 2), date(2023, 6, 15), date(2023, 12, 14)),
            (Period.months_to_date(2023, 9), date(2022, 12, 15), date(2023, 9, 14)),
            (Period.phase(2021, 2025, horizon=2030), date(2020, 12, 15), date(2025, 12, 14)),
        ],
    )
    def test_decree_windows(self, period, start, end):
        """Under Nghị định 09/2019 a window runs from the 15th before the period to the 14th."""
        assert Period.between(start, end) == period.data_window(self.DECREE)

    def test_decree_annual_window_label(self):
        """The annual window of 2023 reads as reports write it."""
        expected = "từ 15/12/2022 đến 14/12/2023"
        assert expected == Period.year(2023).data_window(self.DECREE).label()

    def test_custom_periods_are_taken_as_given(self):
        """A custom range is its own window under every convention."""
        custom = Period.between(date(2023, 3, 3), date(2023, 5, 5))
        assert (custom, custom) == (custom.data_window(self.DECREE), custom.data_window())

    @given(periods())
    def test_calendar_window_is_the_period(self, period):
        """Under the calendar convention, the default, the window is the period itself."""
        assert (period, period) == (period.data_window(), period.data_window(Cutoff.CALENDAR))

    @given(
        periods((*TILING_KINDS, PeriodKind.PHASE)),
        st.sampled_from([Cutoff.DECREE_09_2019, Cutoff.CALENDAR])
        | st.integers(1, 28).map(lambda day: Cutoff("any", day)),
    )
    def test_windows_of_consecutive_periods_tile(self, period, cutoff):
        """Windows of consecutive periods abut: no day is missed or counted twice."""
        window, following = period.data_window(cutoff), period.next().data_window(cutoff)
        assert window.end + ONE_DAY == following.start

    @given(years, st.sampled_from(TILING_KINDS[1:]), st.integers(1, 28))
    def test_windows_of_a_tiling_tile_the_window_of_the_whole(self, year, kind, closing_day):
        """The windows of a year's quarters (halves, months) tile the year's window exactly."""
        cutoff = Cutoff("any", closing_day)
        windows = [p.data_window(cutoff) for p in Period.year(year).split(kind)]
        whole = Period.year(year).data_window(cutoff)
        assert (whole.start, whole.end, True) == (
            windows[0].start,
            windows[-1].end,
            all(a.end + ONE_DAY == b.start for a, b in pairwise(windows)),
        )

    def test_another_convention_by_closing_day(self):
        """A province closing data on the 20th gets windows from the 21st to the 20th."""
        close_20 = Cutoff("close_20", closing_day=20)
        expected = Period.between(date(2023, 6, 21), date(2023, 9, 20))
        assert expected == Period.quarter(2023, 3).data_window(close_20)

    @pytest.mark.parametrize("day", [0, 29, 31, "14"])
    def test_closing_day_must_exist_in_every_month(self, day):
        """A closing day must be 1 to 28, which every month has, or None for month end."""
        with pytest.raises(ValidationError) as error:
            Cutoff("bad", day)
        expected = f"closing_day must be None (end of month) or a day from 1 to 28, got {day!r}"
        assert expected == message(error)

    def test_conventions_name_their_source(self):
        """The decree convention cites its source document and article."""
        assert "Nghị định 09/2019/NĐ-CP, Điều 12" in Cutoff.DECREE_09_2019.source
