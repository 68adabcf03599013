"""Tests of stprogress.frames: pandas tables equal the API's figures, with the declared dtypes."""

from __future__ import annotations

import importlib
import sys
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stprogress import (
    Approved,
    Budget,
    Contracted,
    Evaluated,
    Extended,
    Grade,
    Inspected,
    Level,
    Milestone,
    Period,
    PeriodKind,
    Portfolio,
    Target,
    Task,
    TaskKind,
)
from stprogress.frames import events_frame, ledgers_frame, targets_frame, tasks_frame, to_frame
from stprogress.indicators import Ledger, breakdown, carry_over
from stprogress.strategies import periods, portfolios, targets

DAYS = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))


def _task(code: str = "ĐT-01", **changes: object) -> Task:
    values: dict[str, object] = {
        "code": code,
        "title": "Giống lúa chịu mặn",
        "level": Level.PROVINCIAL,
        "kind": TaskKind.RESEARCH,
        "planned_start": date(2023, 1, 1),
        "planned_end": date(2023, 12, 31),
        "history": [
            Approved(date(2022, 11, 20), ref="2345/QĐ-UBND"),
            Contracted(date(2023, 2, 3)),
            Inspected(date(2023, 6, 1)),
            Extended(date(2023, 11, 1), until=date(2024, 6, 30), note="chậm giống"),
            Evaluated(date(2024, 5, 10), Grade.PASS),
        ],
        "budget": Budget(1_500_000_000, 300_000_000),
    }
    values.update(changes)
    return Task(**values)  # type: ignore[arg-type]


def _nat_to_none(value: object) -> object:
    """A missing cell (``NaT``, ``NA``, a category's ``NaN``) as ``None``, any other as it is."""
    return None if pd.isna(value) else value  # type: ignore[arg-type]


class TestImport:
    def test_missing_pandas_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without pandas, importing the module says which extra to install."""
        monkeypatch.setitem(sys.modules, "pandas", None)
        monkeypatch.delitem(sys.modules, "stprogress.frames")
        with pytest.raises(ImportError) as caught:
            importlib.import_module("stprogress.frames")
        assert 'pip install "stprogress[pandas]"' in str(caught.value)

    def test_package_import_does_not_import_pandas(self) -> None:
        """Importing stprogress alone loads neither pandas nor matplotlib."""
        code = "import sys, stprogress; print('pandas' in sys.modules, 'matplotlib' in sys.modules)"
        import subprocess

        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert result.stdout.strip() == "False False"


class TestTasksFrame:
    def test_columns_and_dtypes(self) -> None:
        """Each kind of column has its declared dtype."""
        frame = tasks_frame([_task()])
        expected = {
            "code": "string",
            "level": "category",
            "status": "category",
            "planned_start": "datetime64[s]",
            "approved": "datetime64[s]",
            "started": "datetime64[s]",
            "inspections": "int64",
            "budget_state": "Int64",
            "budget_other": "Int64",
        }
        assert expected == {c: str(frame[c].dtype) for c in expected}
        assert "overdue" not in frame.columns

    def test_values_of_one_task(self) -> None:
        """A task's facts, due date, grade and milestones are in its row."""
        row = tasks_frame([_task()]).iloc[0]
        assert row["code"] == "ĐT-01"
        assert row["level"] == "provincial"
        assert row["status"] != "completed"
        assert row["status"] == "evaluated"
        assert pd.Timestamp(2024, 6, 30) == row["due"]
        assert row["grade"] == "pass"
        assert row["inspections"] == 1
        assert row["budget_state"] == 1_500_000_000
        assert pd.Timestamp(2023, 2, 3) == row["contracted"]
        assert pd.isna(row["proposed"])

    def test_as_known_on_a_day(self) -> None:
        """With ``on``, later events are not known and an overdue column appears."""
        frame = tasks_frame([_task()], on=date(2024, 1, 15), dates="date")
        row = frame.iloc[0]
        assert row["status"] == "in_progress"
        assert date(2024, 6, 30) == row["due"]
        assert not row["overdue"]
        assert row["evaluated"] is None
        assert str(frame["due"].dtype) == "object"
        assert str(frame["overdue"].dtype) == "bool"

    def test_labels_and_headers(self) -> None:
        """Vietnamese headers and labels, with every member of a vocabulary as a category."""
        frame = tasks_frame([_task(budget=None)], columns="vi", labels="vi")
        assert frame.loc[0, "Cấp quản lý"] == "cấp tỉnh"
        assert [m.label_vi for m in Level] == list(frame["Cấp quản lý"].cat.categories)
        assert pd.isna(frame.loc[0, "Kinh phí NSNN (đồng)"])
        assert "Ngày phê duyệt" in frame.columns
        english = tasks_frame([_task()], columns="en", labels="en")
        assert english.loc[0, "Kind"] == "research topic"
        assert "Terminated" in english.columns

    def test_dates_beyond_nanoseconds(self) -> None:
        """Dates past 2262, out of reach of nanosecond timestamps, are kept."""
        late = _task(
            planned_start=date(9000, 1, 1),
            planned_end=date(9001, 1, 1),
            history=[Approved(date(8999, 5, 1))],
        )
        assert pd.Timestamp(9001, 1, 1) == tasks_frame([late]).loc[0, "planned_end"]

    @given(portfolios(max_tasks=6), DAYS)
    def test_rows_equal_the_api(self, portfolio: Portfolio, day: date) -> None:
        """Every row holds the task's own answers, as known on the day."""
        frame = tasks_frame(portfolio, on=day, dates="date")
        assert len(portfolio.tasks) == len(frame)
        for task, (_, row) in zip(portfolio.tasks, frame.iterrows(), strict=True):
            status = task.status_on(day)
            assert task.code == row["code"]
            assert (None if status is None else status.value) == _nat_to_none(row["status"])
            assert task.due_on(day) == row["due"]
            assert task.is_overdue_on(day) == row["overdue"]
            for milestone in Milestone:
                reached = task.milestone(milestone)
                expected = reached if reached is not None and reached <= day else None
                assert expected == row[milestone.value]
            state = None if task.budget is None else task.budget.state
            assert state == _nat_to_none(row["budget_state"])
            assert len([e for e in task.events(Inspected) if e.on <= day]) == row["inspections"]
        assert str(frame["budget_other"].dtype) == "Int64"


class TestEventsFrame:
    def test_one_row_per_event(self) -> None:
        """Each event is a row with its kind, date, reference, note, grade and extension."""
        frame = events_frame([_task()])
        assert list(frame["event"]) == ["approved", "contracted", "inspected", "extended", "evaluated"]
        assert list(frame["position"]) == [0, 1, 2, 3, 4]
        assert frame.loc[0, "ref"] == "2345/QĐ-UBND"
        assert frame.loc[3, "note"] == "chậm giống"
        assert pd.Timestamp(2024, 6, 30) == frame.loc[3, "until"]
        assert frame.loc[4, "grade"] == "pass"
        assert pd.isna(frame.loc[0, "grade"])
        assert {c: str(frame[c].dtype) for c in ("event", "on", "position")} == {
            "event": "category",
            "on": "datetime64[s]",
            "position": "int64",
        }

    def test_english_labels(self) -> None:
        """Event kinds can be labelled in English."""
        frame = events_frame([_task()], labels="en", columns="en")
        assert frame.loc[2, "Event"] == "progress inspection"

    @given(portfolios(max_tasks=6))
    def test_rows_equal_histories(self, portfolio: Portfolio) -> None:
        """The rows are the histories, task by task, event by event."""
        frame = events_frame(portfolio.tasks, dates="date")
        expected = [(t.code, e.kind, e.on) for t in portfolio.tasks for e in t.history]
        assert expected == list(zip(frame["task"], frame["event"], frame["on"], strict=True))


class TestTargetsFrame:
    def test_exact_columns(self) -> None:
        """Values stay Decimal and completion a Fraction, in object columns."""
        frame = targets_frame(
            [
                Target("CT-1", "Đề tài nghiệm thu", "đề tài", Decimal(9), Decimal(7)),
                Target("CT-2", "Sáng kiến", "sáng kiến", Decimal(5), period=Period.half(2023, 1)),
            ]
        )
        assert Fraction(7, 9) == frame.loc[0, "completion"]
        assert Decimal("77.8") == frame.loc[0, "completion_percent"]
        assert frame.loc[1, "completion"] is None
        assert frame.loc[1, "period"] == "2023H1"
        assert {c: str(frame[c].dtype) for c in ("planned", "completion", "met")} == {
            "planned": "object",
            "completion": "object",
            "met": "boolean",
        }
        assert pd.isna(frame.loc[1, "met"])

    @given(st.lists(targets(), max_size=6))
    def test_rows_equal_the_api(self, drawn: list[Target]) -> None:
        """Completion, its percentage and met are the target's own answers."""
        frame = targets_frame(drawn, ndigits=2)
        for target, (_, row) in zip(drawn, frame.iterrows(), strict=True):
            completion = target.completion()
            assert target.planned == row["planned"]
            assert target.actual == row["actual"]
            assert (None if completion is None else completion.value) == row["completion"]
            assert (None if completion is None else completion.percent(2)) == row["completion_percent"]
            assert target.is_met() == _nat_to_none(row["met"])
            assert all(isinstance(v, Fraction) for v in frame["completion"].dropna())


class TestLedgersFrame:
    def test_headers_in_both_languages(self) -> None:
        """Ledger columns are named in Vietnamese or English."""
        ledger = Ledger(opening=57, new=36, completed=24, closing=69)
        vi = ledgers_frame({Period.year(2023): ledger}, columns="vi")
        en = ledgers_frame({Period.year(2023): ledger}, columns="en", labels="en")
        assert vi.loc["2023", "Tổng số quản lý"] == 93
        assert en.loc["2023", "Carried forward (closing)"] == 69
        assert vi.index.name == "Kỳ"
        assert str(vi["Chuyển tiếp từ kỳ trước"].dtype) == "int64"

    def test_breakdown_keys(self) -> None:
        """Keys that are vocabulary members, codes or None become text, None missing."""
        frame = ledgers_frame(
            [(Level.NATIONAL, Ledger(new=1, closing=1)), ("NTMN", Ledger()), (None, Ledger())],
            labels="vi",
        )
        assert list(frame.index[:2]) == ["cấp quốc gia", "NTMN"]
        assert pd.isna(frame.index[2])
        assert frame.index.name == "key"

    @given(
        portfolios(max_tasks=8),
        periods(kinds={PeriodKind.YEAR, PeriodKind.QUARTER}, min_year=2015, max_year=2030),
    )
    def test_breakdown_rows_equal_the_api(self, portfolio: Portfolio, period: Period) -> None:
        """A breakdown's table holds each group's ledger."""
        groups = breakdown(portfolio, period, by="level")
        frame = to_frame(groups)
        assert [k.value for k in groups] == list(frame.index)
        for key, ledger in groups.items():
            row = frame.loc[key.value]  # type: ignore[attr-defined]
            assert [ledger.count(c) for c in frame.columns] == list(row)

    @given(portfolios(max_tasks=8), st.integers(2015, 2030))
    def test_series_over_quarters(self, portfolio: Portfolio, year: int) -> None:
        """A series over quarters has one row per quarter, each the carry-over of that quarter."""
        quarters = [Period.quarter(year, q) for q in (1, 2, 3, 4)]
        frame = to_frame([(q, carry_over(portfolio, q)) for q in quarters])
        assert [q.code for q in quarters] == list(frame.index)
        assert [carry_over(portfolio, q).closing for q in quarters] == list(frame["closing"])
        assert frame.index.name == "period"


class TestToFrame:
    def test_dispatch(self) -> None:
        """A portfolio, tasks, events, targets, a ledger and an empty list each give their table."""
        target = Target("CT-1", "Đề tài", "đề tài", Decimal(2), Decimal(2))
        portfolio = Portfolio("Sở KH&CN", [_task()], targets=[target])
        assert list(to_frame(portfolio)["code"]) == ["ĐT-01"]
        assert len(to_frame(portfolio, "events")) == 5
        assert list(to_frame(portfolio, "targets")["met"]) == [True]
        assert [Fraction(1)] == list(to_frame([target])["completion"])
        assert list(to_frame([_task()], "events")["position"][-1:]) == [4]
        assert list(to_frame(Ledger(opening=57, new=36, closing=93))["managed"]) == [93]
        assert len(to_frame([])) == 0
        assert len(to_frame([], "targets")) == 0
        assert pd.Timestamp(2024, 6, 30) == to_frame([_task()], on=date(2023, 12, 1)).loc[0, "due"]

    @pytest.mark.parametrize("data", ["ĐT-01", 42, [1, 2]])
    def test_refuses_what_it_cannot_read(self, data: object) -> None:
        """Text, numbers and lists of anything else are refused with a TypeError."""
        with pytest.raises(TypeError, match="to_frame reads"):
            to_frame(data)
