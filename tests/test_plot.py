"""Tests of stprogress.plot: the charts hold the right bars and labels, rendered with Agg."""

from __future__ import annotations

import importlib
import io
import sys
from collections.abc import Iterator
from decimal import Decimal

import matplotlib as mpl

mpl.use("Agg")

import matplotlib.pyplot as plt
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation

from stprogress import Direction, Level, Period, Portfolio, Target
from stprogress.indicators import Ledger, carry_over, share_met
from stprogress.plot import INFLOW, OUTFLOW, STOCK, carry_over_chart, ledger_series_chart, targets_chart
from stprogress.report import report
from stprogress.strategies import portfolios, targets


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    """Close every figure a test opened, so pyplot never warns of too many."""
    yield
    plt.close("all")


def _bars(ax: Axes) -> list[tuple[float, float]]:
    """(bottom, height) of each vertical bar, in drawing order."""
    return [(p.get_y(), p.get_height()) for p in ax.patches if isinstance(p, Rectangle)]


def _annotations(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts if isinstance(t, Annotation)]


def _render(ax: Axes) -> bytes:
    """The figure as PNG bytes (drawing it checks every glyph exists: warnings are errors)."""
    buffer = io.BytesIO()
    ax.figure.savefig(buffer, format="png")
    return buffer.getvalue()


LEDGER = Ledger(opening=57, new=36, completed=20, failed=2, terminated=2, closing=69)


class TestImport:
    def test_missing_matplotlib_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without matplotlib, importing the module says which extra to install."""
        monkeypatch.setitem(sys.modules, "matplotlib.axes", None)
        monkeypatch.delitem(sys.modules, "stprogress.plot")
        with pytest.raises(ImportError) as caught:
            importlib.import_module("stprogress.plot")
        assert 'pip install "stprogress[plot]"' in str(caught.value)

    def test_import_does_not_load_pyplot(self) -> None:
        """Importing the module chooses no backend: pyplot is not loaded."""
        import subprocess

        code = "import sys, stprogress.plot; print('matplotlib.pyplot' in sys.modules)"
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert "False" == result.stdout.strip()


class TestCarryOverChart:
    def test_waterfall_bars(self) -> None:
        """Opening, new on top, managed, exits hanging from what is left, closing."""
        ax = carry_over_chart(LEDGER, period=Period.year(2023))
        expected = [(0, 57), (57, 36), (0, 93), (73, 20), (71, 2), (69, 2), (0, 69)]
        assert expected == _bars(ax)
        assert ["57", "36", "93", "20", "2", "2", "69"] == _annotations(ax)
        assert _render(ax).startswith(b"\x89PNG")

    def test_vietnamese_labels(self) -> None:
        """Labels and title are Vietnamese, with diacritics, by default."""
        ax = carry_over_chart(LEDGER, period=Period.year(2023))
        ticks = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
        assert "Chuyển tiếp từ kỳ trước" == ticks[0]
        assert "Chuyển tiếp sang kỳ sau" == ticks[-1]
        assert "Nhiệm vụ chuyển tiếp — năm 2023" == ax.get_title()
        assert "Số nhiệm vụ" == ax.get_ylabel()
        colours = [p.get_facecolor() for p in ax.patches]
        assert mpl.colors.to_rgba(STOCK) == colours[0]
        assert mpl.colors.to_rgba(INFLOW) == colours[1]
        assert mpl.colors.to_rgba(OUTFLOW) == colours[4]

    def test_report_brings_its_period(self) -> None:
        """A report is drawn with its own ledger and period, in English on request."""
        portfolio = Portfolio("Sở KH&CN", [])
        r = report(portfolio, Period.quarter(2023, 3))
        ax = carry_over_chart(r, lang="en")
        assert "Carry-over of tasks — Q3 2023" == ax.get_title()
        assert [0.0] * 7 == [h for _, h in _bars(ax)]
        assert "Tasks" == ax.get_ylabel()

    def test_draws_on_a_given_axes(self) -> None:
        """Given an Axes, the chart is drawn there and that Axes is returned."""
        _, (left, right) = plt.subplots(1, 2)
        assert right is carry_over_chart(LEDGER, ax=right)
        assert [] == list(left.patches)
        assert "Nhiệm vụ chuyển tiếp" == right.get_title()

    @given(portfolios(max_tasks=6), st.integers(2018, 2026))
    def test_bars_equal_the_ledger(self, portfolio: Portfolio, year: int) -> None:
        """For any portfolio, the bars are the ledger's figures and the last one is closing."""
        ledger = carry_over(portfolio, Period.year(year))
        ax = carry_over_chart(ledger)
        heights = [h for _, h in _bars(ax)]
        expected = [ledger.opening, ledger.new, ledger.managed, ledger.completed, ledger.failed]
        assert [*expected, ledger.terminated, ledger.closing] == heights
        bottom_of_last_exit = _bars(ax)[5][0]
        assert ledger.closing == bottom_of_last_exit
        plt.close("all")


class TestLedgerSeriesChart:
    def test_grouped_bars(self) -> None:
        """One bar per period and figure, grouped by figure, labelled with periods and a legend."""
        quarters = [Period.quarter(2023, q) for q in (1, 2)]
        series = {
            quarters[0]: Ledger(opening=3, new=1, completed=2, closing=2),
            quarters[1]: Ledger(opening=2, new=4, closing=6),
        }
        ax = ledger_series_chart(series, buckets=("opening", "closing"), lang="en")
        assert [3, 2, 2, 6] == [h for _, h in _bars(ax)]
        assert ["Q1 2023", "Q2 2023"] == [t.get_text() for t in ax.get_xticklabels()]
        legend = ax.get_legend()
        assert legend is not None
        assert ["Carried over (opening)", "Carried forward (closing)"] == [
            t.get_text() for t in legend.get_texts()
        ]
        assert ["3", "2", "2", "6"] == [t.get_text() for t in ax.texts]
        assert _render(ax).startswith(b"\x89PNG")

    def test_pairs_and_vietnamese(self) -> None:
        """Pairs are accepted; labels are Vietnamese by default."""
        ax = ledger_series_chart([(Period.half(2023, 1), LEDGER)])
        assert "6 tháng đầu năm 2023" == ax.get_xticklabels()[0].get_text().replace("\n", " ")
        assert [57, 36, 20, 69] == [h for _, h in _bars(ax)]
        assert "Nhiệm vụ theo kỳ" == ax.get_title()


class TestTargetsChart:
    def test_bars_and_met_line(self) -> None:
        """Each assessed target is a bar as wide as its completion; the met line is at 100%."""
        items = [
            Target("CT-1", "Đề tài nghiệm thu", "đề tài", Decimal(9), Decimal(7)),
            Target("CT-2", "Sáng kiến được công nhận", "sáng kiến", Decimal(4), Decimal(5)),
            Target("CT-3", "Doanh nghiệp KH&CN", "doanh nghiệp", Decimal(2)),
            Target("CT-4", "Tỷ lệ hồ sơ trễ hạn", "%", Decimal(5), Decimal(4), Direction.AT_MOST),
        ]
        ax = targets_chart(items)
        widths = [p.get_width() for p in ax.patches if isinstance(p, Rectangle)]
        assert [pytest.approx(700 / 9), 125.0, 125.0] == widths
        assert ["77,8%", "125,0%", "—", "125,0%"] == _annotations(ax)
        lines = [line.get_xdata()[0] for line in ax.get_lines()]
        assert [100] == lines
        assert "Tỷ lệ chỉ tiêu đạt: 66,7% (2/3)" == ax.get_title()
        assert "CT-3 Doanh nghiệp KH&CN" == ax.get_yticklabels()[2].get_text()
        colours = [p.get_facecolor() for p in ax.patches]
        assert [mpl.colors.to_rgba(c) for c in (OUTFLOW, STOCK, STOCK)] == colours
        assert _render(ax).startswith(b"\x89PNG")

    def test_english(self) -> None:
        """English labels on request."""
        ax = targets_chart([Target("CT-1", "Topics", "topic", Decimal(2), Decimal(1))], lang="en")
        assert "Share of targets met: 0.0% (0/1)" == ax.get_title()
        assert "Completion (%)" == ax.get_xlabel()

    @given(st.lists(targets(), max_size=6, unique_by=lambda t: t.code))
    def test_title_is_share_met(self, drawn: list[Target]) -> None:
        """The title states share_met of the targets, and one bar is drawn per defined completion."""
        ax = targets_chart(drawn)
        share = share_met(drawn)
        assert share.format("vi") in ax.get_title()
        defined = [t for t in drawn if t.completion() is not None and t.completion().is_defined]  # type: ignore[union-attr]
        assert len(defined) == len(ax.patches)
        plt.close("all")


class TestGlyphs:
    def test_vietnamese_labels_render(self) -> None:
        """Every Vietnamese level label renders without a missing glyph (which would warn)."""
        _, ax = plt.subplots()
        ax.set_title(", ".join(level.label_vi for level in Level) + " — đề tài, dự án")
        assert _render(ax).startswith(b"\x89PNG")
