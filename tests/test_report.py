"""The period report: every figure in one pass, and the sentences a department publishes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stprogress import (
    Approved,
    Contracted,
    Evaluated,
    EventCount,
    Extended,
    Figures,
    Grade,
    Inspected,
    Ledger,
    Level,
    Liquidated,
    Milestone,
    Period,
    Portfolio,
    Program,
    Proposed,
    Ratio,
    Registered,
    Rejected,
    Target,
    Terminated,
    ValidationError,
    breakdown,
    budgets,
    carry_over,
    count_events,
    overdue,
    pipeline,
    report,
)
from stprogress.demo import demo_case
from stprogress.lifecycle import EVENT_TYPES

# The same tasks and periods as the ledger properties (dates held to where the periods are drawn).
from test_indicators import Once, periods, task, task_lists

ENTERS = st.sampled_from([Milestone.APPROVED, Milestone.CONTRACTED, Milestone.STARTED])
EXITS = st.sampled_from([Milestone.EVALUATED, Milestone.REGISTERED, Milestone.LIQUIDATED])


def assert_agrees(ts, period, enters, exits):
    """Every figure of the report of ``ts`` equals the indicator computed on its own."""
    r = report(Once(ts), period, enters=enters, exits=exits)
    assert carry_over(ts, period, enters=enters, exits=exits) == r.ledger
    assert pipeline(ts, period) == r.pipeline
    assert budgets(ts, period, enters=enters, exits=exits) == r.budgets
    assert frozenset(t.code for t in overdue(ts, period.end)) == r.overdue
    assert {k: count_events(ts, period, k) for k in EVENT_TYPES} == r.events
    by_level = breakdown(ts, period, "level", enters=enters, exits=exits)
    assert by_level == {k: f.ledger for k, f in r.by_level.items() if f.ledger.managed}
    assert r.ledger == Ledger.total(f.ledger for f in r.by_program.values())
    assert r.total == sum(r.by_program.values(), Figures.ZERO)
    return r


class TestReport:
    @given(task_lists(), periods(), ENTERS, EXITS)
    def test_agrees_with_each_indicator(self, ts, period, enters, exits):
        """Every figure of the report equals the indicator computed on its own."""
        assert_agrees(ts, period, enters, exits)

    @pytest.mark.parametrize("exits", [Milestone.EVALUATED, Milestone.REGISTERED, Milestone.LIQUIDATED])
    def test_closed_before_and_begun_after(self, exits):
        """Tasks closed on the basis before the period, or begun after it, are in none of its figures."""
        begun = Approved(date(2020, 1, 10)), Contracted(date(2020, 2, 1))
        evaluated = (*begun, Evaluated(date(2021, 12, 1), Grade.PASS))
        passed = (*evaluated, Registered(date(2022, 1, 15)))
        ts = [
            task("LIQ", *passed, Liquidated(date(2022, 3, 1)), start=date(2020, 2, 1)),
            task("TER", *begun, Terminated(date(2021, 5, 1)), Liquidated(date(2021, 6, 1))),
            task("TER-OPEN", *begun, Terminated(date(2021, 5, 1))),  # terminated: out on every basis
            task("FAIL", *begun, Evaluated(date(2021, 12, 1), Grade.FAIL)),  # out on every basis
            task("REJ", Proposed(date(2021, 1, 2)), Rejected(date(2021, 3, 1))),
            task("REG", *passed, start=date(2020, 2, 1)),  # open under LIQUIDATED: its exit is to come
            task("EVAL", *evaluated, start=date(2020, 2, 1)),  # open unless the basis is the evaluation
            task("LATER", Proposed(date(2024, 1, 2)), Approved(date(2024, 3, 1))),
        ]
        r = assert_agrees(ts, Period.year(2023), Milestone.APPROVED, exits)
        open_ = {
            Milestone.EVALUATED: set(),
            Milestone.REGISTERED: {"EVAL"},
            Milestone.LIQUIDATED: {"REG", "EVAL"},
        }[exits]
        assert r.ledger.codes is not None
        assert (open_, open_) == (r.ledger.codes.opening, r.ledger.codes.closing)

    def test_read_but_outside_the_ledger(self):
        """A task read for its events in the period but gone before it is in no bucket; an extension
        after the period leaves the due date of its last day as it was."""
        ts = [
            task(
                "LATE-REG",
                Approved(date(2021, 1, 10)),
                Contracted(date(2021, 2, 1)),
                Evaluated(date(2022, 12, 1), Grade.PASS),
                Registered(date(2023, 3, 1)),  # within the period, after the exit on the evaluation
                start=date(2021, 1, 1),
            ),
            task(
                "EXT-AFTER",
                Approved(date(2022, 1, 10)),
                Contracted(date(2022, 2, 1)),
                Extended(date(2024, 2, 1), date(2025, 6, 30)),
                start=date(2022, 1, 1),
                end=date(2023, 6, 30),
            ),
        ]
        r = assert_agrees(ts, Period.year(2023), Milestone.APPROVED, Milestone.EVALUATED)
        assert r.ledger.codes is not None
        assert ({"EXT-AFTER"}, {"EXT-AFTER"}) == (r.ledger.codes.opening, r.ledger.codes.closing)
        assert {"LATE-REG"} == r.events[Registered].codes
        assert {"EXT-AFTER"} == r.overdue  # due 2023-06-30 on 2023-12-31: the extension came later

    def test_demo_summary_vi(self):
        """The Vietnamese summary writes the department's sentence."""
        lines = demo_case("thai_nguyen_2023").report().summary("vi").splitlines()
        assert [
            "Năm 2023, quản lý 93 nhiệm vụ KH&CN, trong đó 57 nhiệm vụ chuyển tiếp, "
            "36 nhiệm vụ phê duyệt mới; kiểm tra tiến độ 45 lượt; nghiệm thu và đăng ký kết quả 24 nhiệm vụ.",
            "Không đạt 1 nhiệm vụ; dừng thực hiện 1 nhiệm vụ.",
            "Chuyển tiếp sang kỳ sau 67 nhiệm vụ.",
            "Tổng hợp 8 đề xuất, trong đó phê duyệt 0 (0,0%), không phê duyệt 8, đang xem xét 0.",
            "Quá hạn tại ngày 31/12/2023: 1 nhiệm vụ.",
        ] == lines

    def test_demo_summary_en(self):
        """The English summary says the same."""
        lines = demo_case("thai_nguyen_2023").report().summary("en").splitlines()
        assert (
            "2023: 93 S&T tasks managed, of which 57 carried over and 36 newly approved; "
            "45 progress inspections; 24 tasks accepted with results registered."
        ) == lines[0]
        assert "Overdue on 2023-12-31: 1 task." == lines[-1]

    @pytest.mark.parametrize("lang", ["vi", "en"])
    def test_summary_targets_and_objectives(self, lang):
        """Targets and objectives are stated when assessed, numbers in the language's format."""
        thai_binh = demo_case("thai_binh_2022").report().summary(lang)
        bac_giang = demo_case("bac_giang_2023h1").report().summary(lang)
        if lang == "vi":
            assert "Tổng hợp 104 đề xuất, trong đó phê duyệt 35 (33,7%)" in thai_binh
            assert "hoàn thành 58,3% mục tiêu." in thai_binh
            assert "Hoàn thành 77,8% chỉ tiêu được giao (7/9)." in bac_giang
            assert bac_giang.startswith("6 tháng đầu năm 2023, quản lý 12 nhiệm vụ")
        else:
            assert "104 proposals: 35 approved (33.7%)" in thai_binh
            assert "58.3% of objectives met." in thai_binh
            assert "77.8% of assigned targets met (7/9)." in bac_giang
            assert "0 failed" not in bac_giang

    def test_thousands_in_vietnamese(self):
        """Counts of thousands are written with a dot in Vietnamese."""
        ts = [t for c in ("thai_binh_2022",) for t in demo_case(c).portfolio.tasks]
        r = report(ts * 1, Period.year(2022), codes=False)
        assert r.owner is None
        assert "quản lý 57 nhiệm vụ" in r.summary("vi")

    def test_bases_in_words(self):
        """The words for new and completed tasks follow the bases."""
        case = demo_case("dong_thap_2021")
        text = report(
            case.portfolio, case.period, enters=Milestone.STARTED, exits=Milestone.LIQUIDATED
        ).summary()
        assert "nhiệm vụ mở mới" in text
        assert "nghiệm thu và thanh lý hợp đồng" in text
        text = case.report().summary("en")
        assert "newly contracted" in text

    def test_targets_chosen(self):
        """Portfolio targets of periods inside the report's are assessed; others can be given."""
        half = Period.half(2023, 1)
        targets = [
            Target("A", "a", "x", Decimal(1), Decimal(1), period=half),
            Target("B", "b", "x", Decimal(1), Decimal(0), period=Period.year(2023)),
            Target("C", "c", "x", Decimal(1), Decimal(0)),
        ]
        p = Portfolio("Sở", [], targets=targets)
        assert Ratio(1, 2) == report(p, half).targets
        assert Ratio(1, 3) == report(p, Period.year(2023)).targets
        assert Ratio(0, 1) == report(p, half, targets=targets[1:2]).targets

    def test_objectives_of_overlapping_programs(self):
        """Objectives are assessed for programs whose phase overlaps the period."""
        goal = Target("M", "m", "x", Decimal(1), Decimal(1))
        programs = [
            Program("P", "Đề án P", Level.PROVINCIAL, Period.phase(2021, 2025), [goal]),
            Program("Q", "Đề án Q", Level.PROVINCIAL, Period.phase(2016, 2020), [goal]),
            Program("R", "Đề án R", Level.PROVINCIAL, Period.phase(2021, 2025)),
        ]
        r = report(Portfolio("Sở", [], programs), Period.year(2022))
        assert [("P", Ratio(1, 1))] == [(o.code, o.share) for o in r.objectives]

    def test_duplicate_codes_named_as_carry_over_names_them(self):
        """With codes repeated within a pair and across pairs, the report names the ones carry_over names."""
        ts = [
            task("A", Approved(date(2022, 1, 1))),
            task("A", Approved(date(2023, 2, 1))),
            task("B", Approved(date(2022, 1, 1))),
            attrs.evolve(task("B", Approved(date(2022, 1, 1))), program="CT-01"),
        ]
        with pytest.raises(ValidationError) as direct:
            carry_over(ts, Period.year(2023))
        with pytest.raises(ValidationError) as reported:
            report(ts, Period.year(2023))
        assert str(direct.value) == str(reported.value)

    def test_invalid(self):
        """Bad bases and periods are refused."""
        with pytest.raises(ValidationError):
            report([], Period.year(2023), enters=Milestone.EVALUATED)
        with pytest.raises(ValidationError, match="must be a Period"):
            report([], "2023")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "other",
        [
            {},
            {"level": Level.GRASSROOTS},
            {"program": "CT-01"},
            {"level": Level.GRASSROOTS, "program": "CT-01"},
        ],
    )
    def test_duplicate_codes(self, other):
        """As carry_over: a code twice in a bucket is refused with codes, counted without them."""
        first = task(
            "A", Approved(date(2023, 2, 1)), Contracted(date(2023, 3, 1)), Inspected(date(2023, 5, 1))
        )
        second = attrs.evolve(first, **other)  # the same code in its pair, another level or program, both
        with pytest.raises(ValidationError, match="A more than once in new"):
            carry_over([first, second], Period.year(2023))
        with pytest.raises(ValidationError, match="A more than once in new"):
            report([first, second], Period.year(2023))
        r = report([first, second], Period.year(2023), codes=False)
        assert (2, 2, None) == (r.ledger.new, r.ledger.closing, r.ledger.codes)
        # Events are counted as count_events counts them: two inspections, one code.
        assert (
            EventCount(2, {"A"}) == r.events[Inspected] == count_events([first, second], r.period, Inspected)
        )

    def test_inspections_and_figures_add(self):
        """Inspections are read from the events; figures of other types are not added."""
        r = demo_case("thai_nguyen_2023").report()
        assert EventCount(45, r.inspections.codes) == r.events[Inspected]
        assert 38 == r.inspections.tasks
        assert NotImplemented == r.total.__add__(1)  # type: ignore[operator]
        assert Figures.ZERO == report([], Period.year(2023)).total
        assert date(2023, 12, 31) == r.period.end
