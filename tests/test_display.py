"""Tests of stprogress.display: bilingual HTML and text views, summaries not rows, escaping."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

from hypothesis import given

from stprogress import Approved, Budget, Contracted, Level, Period, Portfolio, Program, Target, Task, TaskKind
from stprogress.display import (
    MAX_ROWS,
    TargetList,
    ledger_html,
    ledger_text,
    period_html,
    period_text,
    portfolio_html,
    portfolio_text,
    report_html,
    report_text,
    target_html,
    targets_html,
    targets_text,
)
from stprogress.indicators import Ledger
from stprogress.report import report
from stprogress.strategies import portfolios


class _Cells(HTMLParser):
    """The text of every table cell, and whether every opened tag was closed."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.text: list[str] = []
        self.open: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag != "br":
            self.open.append(tag)
        if tag in {"td", "th"}:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag
        if tag in {"td", "th"} and self._cell is not None:
            self.cells.append(" ".join(self._cell))
            self._cell = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def _parse(markup: str) -> _Cells:
    parser = _Cells()
    parser.feed(markup)
    parser.close()
    assert [] == parser.open
    return parser


def _task(code: str, level: Level = Level.PROVINCIAL, budget: Budget | None = None) -> Task:
    return Task(
        code,
        "Giống lúa chịu mặn",
        level,
        TaskKind.RESEARCH,
        date(2023, 1, 1),
        date(2023, 12, 31),
        [Approved(date(2022, 11, 20)), Contracted(date(2023, 2, 3))],
        budget=budget,
    )


LEDGER = Ledger(opening=57, new=36, completed=24, closing=69)
TARGETS = (
    Target("CT-1", "Đề tài nghiệm thu", "đề tài", Decimal(9), Decimal(7)),
    Target("CT-2", "Sáng kiến", "sáng kiến", Decimal(4), Decimal(5)),
    Target("CT-3", "Doanh nghiệp KH&CN", "doanh nghiệp", Decimal(2)),
)


class TestLedger:
    def test_html_cells_bilingual(self) -> None:
        """The table holds every figure, each named in Vietnamese with its English."""
        cells = _parse(ledger_html(LEDGER)).cells
        expected = ["Chuyển tiếp từ kỳ trước Carried over (opening)", "57", "Mới trong kỳ New", "36"]
        assert expected == cells[:4]
        assert ["Tổng số quản lý Managed", "93"] == cells[4:6]

    def test_html_one_language(self) -> None:
        """One language names the figures in it alone."""
        assert "Carried over (opening)" == _parse(ledger_html(LEDGER, "en")).cells[0]
        assert "Mới trong kỳ" == _parse(ledger_html(LEDGER, "vi")).cells[2]

    def test_unbalanced_is_said(self) -> None:
        """A ledger typed by hand that does not balance says so."""
        assert "The figures do not balance" in ledger_html(Ledger(opening=1), "en")
        assert "không cân đối" not in ledger_html(LEDGER)

    def test_text(self) -> None:
        """The text view aligns labels and figures, in English on request, both by default."""
        lines = ledger_text(Ledger(opening=1234), "en").splitlines()
        assert "Carried over (opening)      1,234" == lines[0]
        assert "Carried forward (closing)       0" == lines[-1]
        assert ledger_text(LEDGER).startswith("Chuyển tiếp từ kỳ trước / Carried over (opening)")


class TestPeriod:
    def test_html_and_text(self) -> None:
        """A period shows its labels, code, kind and dates."""
        cells = _parse(period_html(Period.quarter(2023, 3))).cells
        assert ["Kỳ Period", "quý III/2023 Q3 2023"] == cells[:2]
        assert "2023-09-30" == cells[-1]
        assert "quý III/2023 [2023Q3]: 2023-07-01 – 2023-09-30" == period_text(Period.quarter(2023, 3), "vi")
        assert "năm 2023 / 2023 [2023]: 2023-01-01 – 2023-12-31" == period_text(Period.year(2023))


class TestTargets:
    def test_table_and_share(self) -> None:
        """Each target is a row; the share of assessed targets met follows."""
        markup = targets_html(TARGETS, "vi")
        cells = _parse(markup).cells
        assert ["CT-1", "Đề tài nghiệm thu", "đề tài", "9", "7", "77,8%", "không đạt"] == cells[7:14]
        assert ["CT-3", "Doanh nghiệp KH&CN"] == cells[21:23]
        assert "—" == cells[25]
        assert "Tỷ lệ chỉ tiêu đạt: 50,0% (1/2)" in markup

    def test_rows_limited(self) -> None:
        """Beyond max_rows, targets are counted, not listed."""
        markup = targets_html(TARGETS, "en", max_rows=1)
        assert 14 == len(_parse(markup).cells)
        assert "… and 2 more" in markup

    def test_text(self) -> None:
        """The text view has one line per target then the share."""
        lines = targets_text(TARGETS, "en").splitlines()
        assert "CT-2  Sáng kiến: 5/4 sáng kiến  125.0%  met" == lines[1]
        assert "CT-3  Doanh nghiệp KH&CN: —/2 doanh nghiệp  —  —" == lines[2]
        assert "Share of targets met: 50.0% (1/2)" == lines[3]

    def test_target_list_and_target(self) -> None:
        """A TargetList and a Target show themselves in a notebook."""
        listed = TargetList(TARGETS)
        assert 3 == len(listed)
        assert list(TARGETS) == list(listed)
        assert targets_html(TARGETS) == listed._repr_html_()
        assert targets_text(TARGETS) == repr(listed)
        assert target_html(TARGETS[0]) == TARGETS[0]._repr_html_()
        assert "77,8%" in _parse(TARGETS[0]._repr_html_()).cells

    def test_escaped(self) -> None:
        """Text from the data is escaped, never markup."""
        markup = target_html(Target("<b>", "a & <i>b</i>", "x", Decimal(1)))
        assert "<b>" not in markup
        assert "a &amp; &lt;i&gt;b&lt;/i&gt;" in markup


class TestPortfolio:
    def test_summary_counts(self) -> None:
        """Tasks are counted by level and status, budgets summed, programs and targets listed."""
        portfolio = Portfolio(
            "Sở KH&CN <Thái Nguyên>",
            [
                _task("A", budget=Budget(1_000_000, 5)),
                _task("B", budget=Budget(2_000_000)),
                _task("C", Level.NATIONAL),
            ],
            programs=[Program("NTMN", "Nông thôn miền núi", Level.NATIONAL, Period.phase(2016, 2025))],
            targets=TARGETS,
        )
        markup = portfolio._repr_html_()
        assert markup == portfolio_html(portfolio)
        parsed = _parse(markup)
        assert "Sở KH&CN <Thái Nguyên>" == parsed.text[0]
        assert ["cấp quốc gia national", "1", "1"] == parsed.cells[3:6]
        assert ["cấp tỉnh provincial", "2", "2"] == parsed.cells[6:9]
        assert "3.000.000" in parsed.cells
        assert "giai đoạn 2016–2025 2016–2025 phase" in parsed.cells
        lines = portfolio_text(portfolio, "en").splitlines()
        assert "3 tasks (in progress: 3)" == lines[1]
        assert "Programs: 1; targets: 3" == lines[2]
        assert "State budget: 3,000,000 đồng; other sources: 5 đồng" == lines[3]

    def test_many_tasks_are_a_summary(self) -> None:
        """A large portfolio is shown in a few rows, not one per task."""
        portfolio = Portfolio("Sở", [_task(f"T-{i}") for i in range(500)])
        markup = portfolio_html(portfolio, "en")
        assert "T-1" not in markup
        assert ["provincial", "500", "500"] == _parse(markup).cells[3:6]
        assert "Tasks: 500" in markup

    def test_programs_limited(self) -> None:
        """Programs beyond max_rows are counted."""
        programs = [Program(f"P-{i}", "Đề án", Level.PROVINCIAL, Period.phase(2021, 2025)) for i in range(12)]
        markup = portfolio_html(Portfolio("Sở", [], programs=programs), "vi")
        assert f"… và {12 - MAX_ROWS} mục khác" in markup
        assert "P-11" not in markup

    @given(portfolios(max_tasks=8))
    def test_counts_add_up(self, portfolio: Portfolio) -> None:
        """The level totals add up to the number of tasks, for any portfolio."""
        cells = _parse(portfolio_html(portfolio, "en", max_rows=0)).cells
        statuses = len({t.status for t in portfolio.tasks})
        levels = len({t.level for t in portfolio.tasks})
        width = statuses + 2
        totals = [int(cells[width * (row + 1) + width - 1].replace(",", "")) for row in range(levels)]
        assert len(portfolio.tasks) == sum(totals)


class TestReport:
    def test_html_and_text(self) -> None:
        """A report shows its period, owner, both summaries and its ledger in total and by level."""
        portfolio = Portfolio("Sở KH&CN", [_task("A"), _task("B", Level.NATIONAL)])
        r = report(portfolio, Period.year(2023))
        markup = report_html(r)
        parsed = _parse(markup)
        assert "năm 2023" in parsed.text[0]
        assert r.summary("vi").splitlines()[0] in parsed.text
        assert r.summary("en").splitlines()[0] in parsed.text
        assert ["Chuyển tiếp từ kỳ trước Carried over (opening)", "2", "1", "1"] == parsed.cells[4:8]
        assert "Progress inspections" in markup
        assert report_text(r).startswith(r.summary("vi") + "\n\n" + r.summary("en"))
        english = report_text(r, "en")
        assert english.startswith(r.summary("en") + "\n\nCarried over (opening)")
        assert "lượt" not in report_html(r, "en")


class TestNotebookHooks:
    """Values show themselves in Jupyter through ``_repr_html_`` and read well in ``repr()``."""

    def test_ledger_period_and_report_delegate_to_display(self):
        """Ledger, Period and PeriodReport render the display module's HTML."""
        from stprogress import display
        from stprogress.demo import demo_case

        case = demo_case("thai_nguyen_2023")
        result = case.report()
        assert display.ledger_html(result.ledger) == result.ledger._repr_html_()
        assert display.period_html(case.period) == case.period._repr_html_()
        assert display.report_html(result) == result._repr_html_()

    def test_report_repr_names_the_report_not_every_code(self):
        """A report's repr states its period, bases, owner and ledger, not thousands of codes."""
        from stprogress.demo import demo_case

        result = demo_case("thai_nguyen_2023").report()
        assert repr(result) == (
            "PeriodReport(period=Period.parse('2023'), enters=approved, exits=registered, "
            "owner='Sở KH&CN tỉnh Thái Nguyên (dữ liệu minh họa)', "
            "ledger=Ledger(opening=57, new=36, completed=24, failed=1, terminated=1, closing=67), "
            "targets=Ratio(numerator=Fraction(0, 1), denominator=Fraction(0, 1)))"
        )

    def test_large_portfolio_repr_is_a_summary_small_one_in_full(self):
        """Above REPR_MAX_TASKS tasks a portfolio's repr counts; below it, it shows everything."""
        import attrs

        from stprogress.demo import demo_case
        from stprogress.model import REPR_MAX_TASKS

        big = demo_case("thai_nguyen_2023").portfolio
        assert len(big.tasks) > REPR_MAX_TASKS
        assert repr(big) == (
            "Portfolio(owner='Sở KH&CN tỉnh Thái Nguyên (dữ liệu minh họa)', tasks=<111 tasks>, "
            "programs=<2 programs>, targets=<0 targets>)"
        )
        first = attrs.evolve(big.tasks[0], program=None)
        small = attrs.evolve(big, tasks=(first,), programs=())
        assert repr(small) == (
            f"Portfolio(owner={small.owner!r}, tasks={small.tasks!r}, programs=(), targets=())"
        )
