"""The constructed demo portfolios reproduce every seed figure through the public API."""

from __future__ import annotations

import pytest

from stprogress import (
    Inspected,
    Level,
    Milestone,
    Period,
    Ratio,
    carry_over,
    count_events,
    pipeline,
    report,
    share_met,
)
from stprogress.demo import DEMO_NOTICE, demo_case, demo_cases, demo_portfolio


class TestThaiNguyen2023:
    def test_ledger(self):
        """93 tasks managed in 2023: 57 carried over, 36 approved in 2023; 24 accepted and registered."""
        ledger = carry_over(demo_portfolio("thai_nguyen_2023"), Period.year(2023), exits=Milestone.REGISTERED)
        assert (93, 57, 36, 24) == (ledger.managed, ledger.opening, ledger.new, ledger.completed)
        assert ledger is ledger.check()

    def test_inspections(self):
        """45 progress inspections ("lượt") in 2023, on 38 distinct tasks."""
        count = count_events(demo_portfolio("thai_nguyen_2023"), Period.parse("năm 2023"), Inspected)
        assert (45, 38) == (count.events, count.tasks)

    def test_exit_basis_matters(self):
        """Counted by evaluation, tasks accepted in December 2022 are no longer carried into 2023."""
        assert 54 == carry_over(demo_portfolio(), Period.year(2023)).opening


class TestThaiBinh2022:
    def test_proposals(self):
        """More than 100 proposals in 2022, of which 35 approved by its end."""
        p = pipeline(demo_portfolio("thai_binh_2022"), Period.year(2022))
        assert p.proposed > 100
        assert 35 == p.approved

    def test_approved_to_run_from_2023(self):
        """35 tasks approved to run from 2023: new in 2023 counted by the year they start."""
        portfolio = demo_portfolio("thai_binh_2022")
        assert 35 == carry_over(portfolio, Period.year(2023), enters=Milestone.STARTED).new
        assert 0 == carry_over(portfolio, Period.year(2022), enters=Milestone.STARTED).new

    def test_scheme_objectives(self):
        """More than 50% of the scheme's objectives met."""
        scheme = demo_portfolio("thai_binh_2022").program("ĐA-KHCN-TB")
        share = share_met(scheme.targets)
        assert share.value is not None
        assert share.value > Ratio(1, 2).value
        assert "giai đoạn 2021–2025, định hướng đến năm 2030" == scheme.phase.label("vi")


class TestDongThap2021:
    def test_by_level_and_program(self):
        """4 national tasks ordered, 1 Nông thôn miền núi project, 27 provincial contracted, 19 grassroots."""
        r = report(demo_portfolio("dong_thap_2021"), Period.year(2021), enters=Milestone.CONTRACTED)
        assert 4 == r.by_level[Level.NATIONAL].pipeline.proposed
        assert 1 == r.by_program["NTMN"].ledger.managed
        assert 27 == r.by_level[Level.PROVINCIAL].ledger.new
        assert 19 == r.by_level[Level.GRASSROOTS].ledger.managed

    def test_approved_not_contracted_outside(self):
        """Twelve tasks approved in December 2021 but contracted later are outside the ledger by contract."""
        portfolio = demo_portfolio("dong_thap_2021")
        by_contract = carry_over(portfolio, Period.year(2021), enters=Milestone.CONTRACTED)
        by_approval = carry_over(portfolio, Period.year(2021))
        assert 12 == len(by_approval.codes.closing - by_contract.codes.closing)


class TestBacGiang2023H1:
    def test_share_of_targets(self):
        """7 of 9 targets assigned for the first half of 2023 met: 77,8%."""
        r = report(demo_portfolio("bac_giang_2023h1"), Period.parse("6 tháng đầu năm 2023"))
        assert Ratio(7, 9) == r.targets
        assert "77,8%" == r.targets.format("vi")


class TestCases:
    @pytest.mark.parametrize("case", demo_cases(), ids=lambda c: c.key)
    def test_every_figure_holds(self, case):
        """Every published figure agrees with the computed one, and the data says it is constructed."""
        figures = case.figures()
        assert figures
        assert all(f.holds for f in figures), [str(f) for f in figures if not f.holds]
        assert "minh họa" in case.portfolio.owner
        assert all("minh họa" in t.title for t in case.portfolio.tasks)
        assert case.report().ledger.is_balanced

    def test_figure_text(self):
        """A figure reads as the published and computed values with a mark."""
        figure = demo_case("thai_binh_2022").figures()[0]
        assert (
            "tổng hợp hơn 100 đề xuất nhiệm vụ KH-CN cấp tỉnh thực hiện từ năm 2023: "
            "published hơn 100, computed 104 ✓" == str(figure)
        )
        assert "104" == figure.computed_text("en")
        assert "77.8% (7/9)" == demo_case("bac_giang_2023h1").figures()[0].computed_text("en")

    def test_unknown_case(self):
        """An unknown key names the known ones."""
        with pytest.raises(KeyError, match="thai_nguyen_2023"):
            demo_case("ha_noi")

    def test_notice(self):
        """The notice says the data is constructed, in both languages."""
        assert "tự dựng" in DEMO_NOTICE["vi"]
        assert "constructed" in DEMO_NOTICE["en"]
