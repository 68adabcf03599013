"""Tasks, budgets, targets, programs and portfolios: construction checks and derived facts."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stprogress import (
    Approved,
    Budget,
    Contracted,
    Direction,
    Evaluated,
    Extended,
    Field,
    Grade,
    GradeScale,
    Inspected,
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
    Status,
    Target,
    Task,
    TaskKind,
    Terminated,
    ValidationError,
)
from stprogress.model import MONEY_LIMIT, _amount_problems, code_key


def task(code="ĐT-01", *, history=None, start=date(2023, 1, 1), end=date(2024, 12, 31), **kw):
    """A provincial research task approved in late 2022 and contracted in 2023, unless told."""
    if history is None:
        history = [Approved(date(2022, 11, 20)), Contracted(date(2023, 2, 3))]
    return Task(code, "Nghiên cứu giống lúa", Level.PROVINCIAL, TaskKind.RESEARCH, start, end, history, **kw)


def problems(call):
    with pytest.raises(ValidationError) as info:
        call()
    return [str(p) for p in info.value.problems]


class TestBudget:
    def test_total_and_sum(self):
        """A budget adds up its sources, and budgets add per source."""
        a, b = Budget(1_000, 200), Budget(state=5)
        assert a.total == 1_200
        assert a + b == Budget(1_005, 200)
        assert a.__add__(3) is NotImplemented

    @pytest.mark.parametrize(
        ("state", "other", "expected"),
        [
            (-1, 0, ["$.state: must not be negative, got -1"]),
            (MONEY_LIMIT, 0, [f"$.state: must be below 2**63 đồng, got {MONEY_LIMIT}"]),
            (
                1.5,
                True,
                [
                    "$.state: must be a whole number of đồng, got float",
                    "$.other: must be a whole number of đồng, got bool",
                ],
            ),
        ],
    )
    def test_bad_amounts(self, state, other, expected):
        """Money is a whole, non-negative number of đồng below 2**63; every bad amount is reported."""
        assert problems(lambda: Budget(state, other)) == expected

    def test_largest_amount(self):
        """The largest amount that fits 64 bits is accepted."""
        assert Budget(MONEY_LIMIT - 1).state == 2**63 - 1


class TestTarget:
    def test_at_least(self):
        """Higher is better: completion is actual over planned."""
        t = Target("CT-1", "Số đề tài nghiệm thu", "đề tài", Decimal(20), Decimal(18))
        assert t.completion() == Ratio(18, 20)
        assert t.is_met() is False
        assert attrs.evolve(t, actual=Decimal(20)).is_met() is True

    def test_at_most(self):
        """Lower is better: completion is planned over actual, undefined when actual is 0."""
        t = Target("CT-2", "Tỷ lệ hồ sơ trễ hạn", "%", Decimal("5"), Decimal("4"), Direction.AT_MOST)
        assert t.completion() == Ratio(5, 4)
        assert t.is_met() is True
        zero = attrs.evolve(t, actual=Decimal(0))
        assert zero.completion() == Ratio(5, 0)
        assert zero.completion().percent() is None
        assert zero.is_met() is True
        assert attrs.evolve(t, actual=Decimal(6)).is_met() is False

    def test_unassessed(self):
        """A target without an actual value is not assessed."""
        t = Target("CT-3", "Chỉ tiêu", "cái", 3)
        assert t.planned == Decimal(3)
        assert t.completion() is None
        assert t.is_met() is None

    def test_bad_values(self):
        """Floats, infinities and wrong types are refused, each reported."""
        assert problems(lambda: Target(" CT", "", 5, 0.5, Decimal("NaN"), "at_least", period="2023")) == [
            "$.code: must not begin or end with spaces, got ' CT'",
            "$.name: must not be empty",
            "$.unit: must be text, got int",
            "$.planned: must be a Decimal, got float (use Decimal('...'): a float is not exact)",
            "$.actual: must be a finite number, got NaN",
            "$.direction: must be a Direction, got str",
            "$.period: must be a Period, got str",
        ]

    def test_period(self):
        """A target may be assigned for a period."""
        t = Target("CT-4", "Chỉ tiêu", "cái", 1, period=Period.half(2023, 1))
        assert t.period == Period.half(2023, 1)


class TestTaskConstruction:
    def test_valid_task(self):
        """A task built from facts keeps them, history as a tuple."""
        t = task(program="NTMN", field=Field.AGRICULTURAL, host="Viện", lead="TS. A", budget=Budget(1))
        assert isinstance(t.history, tuple)
        assert t.program == "NTMN"

    def test_text_is_nfc(self):
        """NFD input is stored in NFC, so equal text compares equal."""
        nfd = unicodedata.normalize("NFD", "ĐT-01")
        assert task(nfd) == task("ĐT-01")
        assert task(nfd).code == "ĐT-01"

    def test_code_key(self):
        """Codes compare NFC and case-folded."""
        assert code_key("ĐT-01") == code_key("đt-01")
        assert task("ĐT-01").code_key == task("đt-01").code_key

    def test_every_field_problem_is_reported(self):
        """Wrong types in every field are reported together, located from the task."""
        found = problems(
            lambda: Task(
                "",
                None,
                "provincial",
                TaskKind.RESEARCH,
                datetime(2023, 1, 1),
                "2024",
                (Approved(date(2023, 1, 1)),),
                program="",
                field="4",
                host=3,
                lead=" ",
                budget=5,
            )
        )
        assert found == [
            "$.code: must not be empty",
            "$.title: must be text, got null",
            "$.level: must be a Level, got str",
            "$.planned_start: must be a date, got datetime",
            "$.planned_end: must be a date, got str",
            "$.program: must not be empty",
            "$.field: must be a Field, got str",
            "$.host: must be text or null, got int",
            "$.lead: must not be empty",
            "$.budget: must be a Budget, got int",
        ]

    def test_end_before_start(self):
        """The planned end cannot come before the planned start."""
        assert problems(lambda: task(start=date(2024, 1, 1), end=date(2023, 12, 31))) == [
            "$.planned_end: 2023-12-31 is before planned_start 2024-01-01"
        ]

    def test_history_problems_start_at_the_task(self):
        """An illegal history is reported with paths from the task."""
        h = [Approved(date(2023, 2, 1)), Contracted(date(2023, 1, 5))]
        assert problems(lambda: task(history=h)) == [
            "$.history[1]: Contracted on 2023-01-05 before Approved on 2023-02-01"
        ]

    def test_extension_compared_with_planned_end(self):
        """The first extension must move the planned end later."""
        h = [
            Approved(date(2023, 1, 1)),
            Contracted(date(2023, 2, 1)),
            Extended(date(2024, 6, 1), date(2024, 12, 31)),
        ]
        assert problems(lambda: task(history=h)) == [
            "$.history[2].until: extension to 2024-12-31 does not move the end (2024-12-31) later"
        ]

    def test_bad_history_values(self):
        """A history must be a non-empty list of events."""
        assert problems(lambda: task(history=[])) == [
            "$.history: must hold at least one event (Proposed or Approved)"
        ]
        assert problems(lambda: task(history="approved")) == ["$.history: must be a list of events, got str"]
        assert problems(lambda: task(history=[Approved(date(2023, 1, 1)), "x"])) == [
            "$.history[1]: must be an event (Proposed, Rejected, Approved, Contracted, Inspected, "
            "Extended, Evaluated, Registered, Liquidated, Terminated), got str"
        ]

    def test_event_subclasses_are_refused(self):
        """A subclass of an event class is not an event: its extra facts would be lost on the wire."""

        @attrs.frozen
        class SignedApproval(Approved):
            signer: str = "Chủ tịch UBND tỉnh"

        assert problems(lambda: task(history=[SignedApproval(date(2023, 1, 1))])) == [
            "$.history[0]: must be an event (Proposed, Rejected, Approved, Contracted, Inspected, "
            "Extended, Evaluated, Registered, Liquidated, Terminated), got SignedApproval"
        ]

    def test_contract_after_planned_start_is_normal(self):
        """Planned dates and event dates are independent facts."""
        t = task(history=[Approved(date(2023, 3, 1)), Contracted(date(2023, 9, 1))])
        assert t.status_on(date(2023, 9, 1)) is Status.IN_PROGRESS


class TestDerivedFacts:
    def test_status_on(self):
        """Status follows the history date by date; None before the first event."""
        t = task(
            history=[
                Proposed(date(2022, 5, 1)),
                Approved(date(2022, 11, 20)),
                Contracted(date(2023, 2, 3)),
                Evaluated(date(2024, 12, 20), Grade.PASS),
                Registered(date(2025, 1, 10)),
            ]
        )
        assert t.status_on(date(2022, 4, 30)) is None
        assert t.status_on(date(2022, 5, 1)) is Status.PROPOSED
        assert t.status_on(date(2023, 1, 1)) is Status.APPROVED
        assert t.status_on(date(2023, 6, 1)) is Status.IN_PROGRESS
        assert t.status_on(date(2024, 12, 31)) is Status.EVALUATED
        assert t.status_on(date(2025, 1, 10)) is Status.COMPLETED
        assert t.status is Status.COMPLETED

    def test_milestones(self):
        """Milestones are the dates events happened; STARTED is approval or planned start, later."""
        t = task(
            history=[
                Proposed(date(2022, 5, 1)),
                Approved(date(2022, 11, 20)),
                Contracted(date(2023, 2, 3)),
                Evaluated(date(2024, 12, 20), Grade.FAIL),
                Liquidated(date(2025, 2, 1)),
            ]
        )
        assert t.milestone(Milestone.PROPOSED) == date(2022, 5, 1)
        assert t.milestone(Milestone.APPROVED) == date(2022, 11, 20)
        assert t.milestone(Milestone.STARTED) == date(2023, 1, 1)
        assert t.milestone(Milestone.CONTRACTED) == date(2023, 2, 3)
        assert t.milestone(Milestone.EVALUATED) == date(2024, 12, 20)
        assert t.milestone(Milestone.LIQUIDATED) == date(2025, 2, 1)
        assert t.milestone(Milestone.REGISTERED) is None
        assert t.milestone(Milestone.TERMINATED) is None
        late = task(history=[Approved(date(2023, 3, 1))])
        assert late.milestone(Milestone.STARTED) == date(2023, 3, 1)
        rejected = task(history=[Proposed(date(2022, 5, 1)), Rejected(date(2022, 6, 1))])
        assert rejected.milestone(Milestone.REJECTED) == date(2022, 6, 1)
        assert rejected.milestone(Milestone.STARTED) is None

    def test_due_and_overdue(self):
        """Extensions move the due date from the day they are known; overdue needs an open task."""
        t = task(
            history=[
                Approved(date(2022, 11, 20)),
                Contracted(date(2023, 2, 3)),
                Extended(date(2024, 11, 1), date(2025, 6, 30)),
                Inspected(date(2025, 3, 1)),
            ]
        )
        assert t.due_on(date(2024, 10, 31)) == date(2024, 12, 31)
        assert t.due_on(date(2024, 11, 1)) == date(2025, 6, 30)
        assert not t.is_overdue_on(date(2025, 6, 30))
        assert t.is_overdue_on(date(2025, 7, 1))
        assert t.events(Inspected) == (Inspected(date(2025, 3, 1)),)
        assert t.first(Terminated) is None
        stopped = task(history=[Approved(date(2022, 11, 20)), Terminated(date(2023, 1, 5))])
        assert not stopped.is_overdue_on(date(2026, 1, 1))


NTMN_PHASE = Period.phase(2016, 2025)


def program(code="NTMN", phase=NTMN_PHASE, **kw):
    return Program(code, "Chương trình Nông thôn miền núi", Level.NATIONAL, phase, **kw)


class TestProgram:
    def test_program(self):
        """A program has a phase and its own objectives."""
        p = program(targets=[Target("MT-1", "Mục tiêu", "%", 50)])
        assert p.targets[0].code == "MT-1"
        assert p.code_key == "ntmn"

    def test_bad_program(self):
        """A program checks its fields and its objectives' codes."""
        dup = [Target("MT-1", "a", "%", 1), Target("mt-1", "b", "%", 1), "x"]
        assert problems(lambda: Program("P", "", "national", (2021, 2025), dup)) == [
            "$.name: must not be empty",
            "$.level: must be a Level, got str",
            "$.phase: must be a Period, got tuple",
            "$.targets[2]: must be a Target, got str",
            "$.targets[1].code: duplicate code 'mt-1', already used at $.targets[0]",
        ]
        assert problems(lambda: program(targets="x")) == ["$.targets: must be a list of Target, got str"]


class TestPortfolio:
    def test_lookup(self):
        """Tasks and programs are found by normalised code."""
        p = Portfolio("Sở KH&CN", [task("ĐT-01", program="NTMN")], [program()])
        assert p.task("đt-01").code == "ĐT-01"
        assert p.program("ntmn").code == "NTMN"
        with pytest.raises(KeyError):
            p.task("x")
        with pytest.raises(KeyError):
            p.program("x")
        assert p.validate() is p

    def test_every_portfolio_problem_is_reported(self):
        """Duplicates, dangling references and dates outside a phase are all listed with paths."""
        found = problems(
            lambda: Portfolio(
                "",
                [
                    task("ĐT-01", program="NTMN", start=date(2015, 6, 1)),
                    task("đt-01"),
                    task("ĐT-02", program="KHÁC"),
                    "task",
                ],
                [program(), program("ntmn")],
                [Target("CT", "a", "b", 1), Target("CT", "a", "b", 1)],
            )
        )
        assert found == [
            "$.owner: must not be empty",
            "$.tasks[3]: must be a Task, got str",
            "$.tasks[1].code: duplicate code 'đt-01', already used at $.tasks[0]",
            "$.programs[1].code: duplicate code 'ntmn', already used at $.programs[0]",
            "$.targets[1].code: duplicate code 'CT', already used at $.targets[0]",
            "$.tasks[0].planned_start: 2015-06-01 is outside the phase of program 'NTMN' "
            "(2016-01-01 to 2025-12-31)",
            "$.tasks[2].program: refers to program 'KHÁC', which is not in the portfolio",
        ]

    def test_wrong_containers(self):
        """Collections that are not lists are reported, not iterated."""
        assert problems(lambda: Portfolio("S", "tasks", None)) == [
            "$.tasks: must be a list of Task, got str",
            "$.programs: must be a list of Program, got null",
        ]
        assert problems(lambda: Portfolio("S", [task()], ["NTMN"])) == [
            "$.programs[0]: must be a Program, got str"
        ]

    def test_grade_scale(self):
        """A portfolio can be checked against the grade scale its rules use."""
        h = [
            Approved(date(2022, 1, 1)),
            Contracted(date(2022, 2, 1)),
            Evaluated(date(2023, 1, 1), Grade.GOOD),
        ]
        p = Portfolio("S", [task(history=h)])
        assert p.validate(grade_scale=GradeScale.POINTS) is p
        assert [str(x) for x in p.problems(grade_scale=GradeScale.NATIONAL)] == [
            "$.tasks[0].history[2].grade: grade good is not on the national scale"
        ]
        with pytest.raises(ValidationError):
            p.validate(grade_scale=GradeScale.NATIONAL)


class TestSeedVocabulary:
    """Each seed's vocabulary is expressible: its kinds, levels and events build valid tasks."""

    def test_thai_binh_2022(self):
        """Thái Bình: proposals for tasks to run from 2023, approvals, a 2021–2025 scheme."""
        proposal = task("TB-DX-01", history=[Proposed(date(2022, 6, 1))])
        approved = task("TB-2023-01", history=[Proposed(date(2022, 6, 1)), Approved(date(2022, 12, 15))])
        scheme = Program(
            "TB-DA",
            "Đề án phát triển KH-CN tỉnh Thái Bình",
            Level.PROVINCIAL,
            Period.parse("giai đoạn 2021 - 2025, định hướng đến năm 2030"),
            [Target("MT-1", "Mục tiêu", "%", 100, 60)],
        )
        assert proposal.status is Status.PROPOSED
        assert approved.milestone(Milestone.STARTED) == date(2023, 1, 1)
        assert scheme.phase.end == date(2025, 12, 31)

    def test_thai_nguyen_2023(self):
        """Thái Nguyên: provincial, gene-fund and Nông thôn miền núi tasks, inspections, acceptance."""
        gene = Task(
            "TN-QG-01",
            "Bảo tồn nguồn gen chè",
            Level.PROVINCIAL,
            TaskKind.GENE_FUND,
            date(2022, 1, 1),
            date(2023, 12, 31),
            [
                Approved(date(2021, 12, 1)),
                Contracted(date(2022, 1, 10)),
                Inspected(date(2023, 5, 1)),
                Evaluated(date(2023, 11, 1), Grade.PASS),
                Registered(date(2023, 11, 20)),
            ],
        )
        pilot = Task(
            "TN-NTMN-01",
            "Dự án chuyển giao",
            Level.NATIONAL,
            TaskKind.PILOT_PRODUCTION,
            date(2023, 1, 1),
            date(2025, 12, 31),
            [Approved(date(2023, 3, 1))],
            program="NTMN",
        )
        p = Portfolio("Sở KH&CN tỉnh Thái Nguyên", [gene, pilot], [program()])
        assert gene.status is Status.COMPLETED
        assert p.task("tn-ntmn-01").kind is TaskKind.PILOT_PRODUCTION

    def test_dong_thap_2021(self):
        """Đồng Tháp: national tasks ordered, provincial contracts, grassroots tasks followed."""
        national = Task(
            "DT-QG-01",
            "Nhiệm vụ đặt hàng",
            Level.NATIONAL,
            TaskKind.PROJECT,
            date(2022, 1, 1),
            date(2023, 12, 31),
            [Proposed(date(2021, 5, 1))],
        )
        grassroots = Task(
            "DT-CS-01",
            "Nhiệm vụ cấp cơ sở",
            Level.GRASSROOTS,
            TaskKind.RESEARCH,
            date(2021, 1, 1),
            date(2021, 12, 31),
            [Approved(date(2020, 12, 1)), Contracted(date(2021, 1, 5))],
        )
        assert national.status is Status.PROPOSED
        assert grassroots.status_on(date(2021, 6, 1)) is Status.IN_PROGRESS

    def test_bac_giang_and_lang_son(self):
        """Bắc Giang: targets assigned for the first half; Lạng Sơn: a 2021–2025 plan."""
        t = Target(
            "BG-CT-1", "Chỉ tiêu được giao", "chỉ tiêu", 1, 1, period=Period.parse("6 tháng đầu năm 2023")
        )
        assert t.is_met() is True
        scheme = Program(
            "LS-KN",
            "Hỗ trợ hệ sinh thái khởi nghiệp đổi mới sáng tạo",
            Level.PROVINCIAL,
            Period.parse("giai đoạn 2021-2025"),
        )
        innovation = Task(
            "LS-DMST-01",
            "Nhiệm vụ đổi mới sáng tạo",
            Level.PROVINCIAL,
            TaskKind.INNOVATION,
            date(2025, 10, 1),
            date(2025, 12, 31),
            [Approved(date(2025, 10, 1))],
            program="LS-KN",
        )
        assert (
            Portfolio("Sở KH&CN tỉnh Lạng Sơn", [innovation], [scheme]).validate().tasks[0].kind
            is TaskKind.INNOVATION
        )


class _Text(str):
    """Text of a subclass of ``str``: accepted by the checks, but not by their cheap common case."""


class _Amount(int):
    """A whole number of a subclass of ``int``, accepted as money."""


def _unchecked(cls, values):
    """An instance of ``cls`` holding ``values`` (through its converters) without running its checks."""
    obj = object.__new__(cls)
    for f in attrs.fields(cls):
        value = values.get(f.name, f.default)
        object.__setattr__(obj, f.name, f.converter(value) if f.converter is not None else value)
    return obj


def _outcome_of_post_init(obj):
    try:
        obj.__attrs_post_init__()
    except ValidationError as error:
        return [str(p) for p in error.problems]
    return []


_DAYS = st.dates(date(2022, 1, 1), date(2025, 12, 31))
_ANY_DAY = _DAYS | st.sampled_from([datetime(2023, 1, 1), "2023-01-01", None])
_TEXTS = st.sampled_from(["ĐT-01", " ĐT-01", "ĐT-01 ", "", "  ", 5, None, _Text("ĐT-01"), _Text(" x")])
_OPTIONAL_TEXTS = st.sampled_from([None, "NTM", " NTM", "", " ", 5, _Text("NTM"), _Text(" NTM")])


@st.composite
def _any_events(draw):
    cls = draw(st.sampled_from([Proposed, Approved, Contracted, Inspected, Extended, Evaluated, Liquidated]))
    values = {"on": draw(_ANY_DAY), "ref": draw(_OPTIONAL_TEXTS), "note": draw(_OPTIONAL_TEXTS)}
    if cls is Extended:
        values["until"] = draw(_ANY_DAY)
    if cls is Evaluated:
        values["grade"] = draw(st.sampled_from([Grade.GOOD, Grade.FAIL, "good", None]))
    return _unchecked(cls, values)


class TestCheapChecks:
    @given(_any_events())
    def test_event_checks_are_the_full_checks(self, event):
        """An event's construction check refuses exactly what its full check finds, with the same words."""
        assert [str(p) for p in event._problems()] == _outcome_of_post_init(event)

    @given(
        st.sampled_from([0, 1, -1, MONEY_LIMIT - 1, MONEY_LIMIT, True, 1.0, None, _Amount(5), _Amount(-5)]),
        st.booleans(),
    )
    def test_budget_checks_are_the_full_checks(self, amount, as_other):
        """A budget's construction check refuses exactly what the amount checks find, in the same words."""
        state, other = (1, amount) if as_other else (amount, 0)
        expected = [str(p) for p in (*_amount_problems("state", state), *_amount_problems("other", other))]
        assert expected == _outcome_of_post_init(_unchecked(Budget, {"state": state, "other": other}))

    @given(
        st.fixed_dictionaries(
            {
                "code": _TEXTS,
                "title": _TEXTS,
                "level": st.sampled_from([Level.PROVINCIAL, "provincial"]),
                "kind": st.sampled_from([TaskKind.RESEARCH, "research"]),
                "planned_start": _ANY_DAY,
                "planned_end": _ANY_DAY,
                "history": st.lists(_any_events(), max_size=5).map(
                    lambda events: [e for e in events if not _outcome_of_post_init(e)]
                )
                | st.sampled_from(["x", [5]]),
                "program": _OPTIONAL_TEXTS,
                "field": st.sampled_from([None, Field.NATURAL, "1"]),
                "host": _OPTIONAL_TEXTS,
                "lead": _OPTIONAL_TEXTS,
                "budget": st.sampled_from([None, Budget(1), 5]),
            }
        )
    )
    def test_task_checks_are_the_full_checks(self, values):
        """A task's cheap check passes only tasks the full check finds nothing wrong with."""
        task = _unchecked(Task, values)
        found = [str(p) for p in task._problems()]
        assert found == _outcome_of_post_init(task)
        if task._plainly_valid():
            assert [] == found

    def test_text_subclasses_are_accepted(self):
        """Values of subclasses of str and int pass the full checks when the cheap ones cannot tell."""
        assert "Viện" == task(host=_Text("Viện")).host
        built = task(
            _Text("ĐT-01"),
            host=_Text("Viện"),
            history=[Approved(date(2022, 11, 20), ref=_Text("1/QĐ"))],
            budget=Budget(_Amount(5)),
        )
        assert "ĐT-01" == built.code
