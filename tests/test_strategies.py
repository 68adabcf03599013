"""The Hypothesis strategies: sound, covering the vocabulary, constrained as asked, shrinking small."""

from __future__ import annotations

import functools
import importlib
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import stprogress
from stprogress import (
    Approved,
    Budget,
    Direction,
    Evaluated,
    Event,
    Extended,
    Field,
    Grade,
    GradeScale,
    Level,
    Milestone,
    Period,
    PeriodKind,
    Portfolio,
    Program,
    Status,
    Target,
    Task,
    TaskKind,
    ValidationError,
)
from stprogress import strategies as sp
from stprogress._hypothesis_plugin import _hypothesis_setup_hook
from stprogress.lifecycle import EVENT_TYPES, status_after
from stprogress.serialize import dumps, from_dict, loads, to_dict
from stprogress.validation import render_path

# Samples and searches are derandomized, so what they reach (and so coverage) does not depend on
# luck; searches skip the explain phase, which only words a failure for people.
SEARCH = settings(database=None, derandomize=True, max_examples=500, phases=[Phase.generate, Phase.shrink])
OPEN = {Status.APPROVED, Status.IN_PROGRESS}
PHASE = Period.phase(2021, 2025)
PROGRAM = Program("NTMN", "Chương trình Nông thôn miền núi", Level.NATIONAL, PHASE)


def sample(strategy: st.SearchStrategy[Any], count: int) -> list[Any]:
    """``count`` values of ``strategy``, the same on every run (generated, never shrunk)."""
    drawn: list[Any] = []

    @settings(max_examples=count, database=None, derandomize=True, phases=[Phase.generate])
    @given(strategy)
    def collect(value: Any) -> None:
        drawn.append(value)

    collect()
    return drawn


@functools.cache
def samples(name: str) -> list[Any]:
    """One shared sample per strategy, so the coverage tests draw each only once."""
    strategy = {
        "portfolios": sp.portfolios(),
        "tasks": sp.tasks(),
        "histories": sp.histories(),
        "events": sp.events(),
        "periods": sp.periods(),
        "targets": sp.targets(),
        "programs": sp.programs(),
    }[name]
    return sample(strategy, 400)


def reach(name: str, condition: Callable[[Any], bool]) -> Any:
    """A value of the sample of strategy ``name`` meeting ``condition``, or ``None``."""
    return next((v for v in samples(name) if condition(v)), None)


def all_tasks(value: Any) -> list[Task]:
    """The tasks of a task or a portfolio."""
    return list(value.tasks) if isinstance(value, Portfolio) else [value]


def grades_of(value: Any) -> set[Grade]:
    """Every grade given in the histories of a task or a portfolio."""
    return {e.grade for t in all_tasks(value) for e in t.history if hasattr(e, "grade")}


def kinds_of(value: Any) -> set[str]:
    """Every event kind in the histories of a task or a portfolio."""
    return {e.kind for t in all_tasks(value) for e in t.history}


class TestImport:
    """How the module is imported, and what happens without Hypothesis."""

    def test_missing_hypothesis_names_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without Hypothesis, importing the module raises an ImportError naming the testing extra."""
        monkeypatch.setitem(sys.modules, "hypothesis", None)  # type: ignore[arg-type]
        monkeypatch.delitem(sys.modules, "stprogress.strategies")
        with pytest.raises(ImportError) as raised:
            importlib.import_module("stprogress.strategies")
        assert 'pip install "stprogress[testing]"' in str(raised.value)

    def test_missing_hypothesis_in_a_fresh_interpreter(self) -> None:
        """In a fresh interpreter without Hypothesis, stprogress imports and the strategies say why not."""
        code = (
            "import sys; sys.modules['hypothesis'] = None\n"
            "import stprogress, stprogress._hypothesis_plugin\n"
            "try:\n    import stprogress.strategies\n"
            "except ImportError as e:\n    print(e)\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        expected = "stprogress.strategies needs Hypothesis, which the 'testing' extra installs: "
        assert expected + 'pip install "stprogress[testing]"\n' == result.stdout

    def test_package_does_not_import_strategies(self) -> None:
        """``import stprogress`` imports neither the strategies nor Hypothesis."""
        code = (
            "import sys, stprogress\n"
            "print('stprogress.strategies' in sys.modules, 'hypothesis' in sys.modules)"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert "False False\n" == result.stdout
        assert not hasattr(stprogress, "strategies") or "strategies" not in stprogress.__all__

    def test_strategies_imported_before_hypothesis(self) -> None:
        """Importing the strategies first (so Hypothesis's hook sees it half-built) still registers types."""
        code = (
            "import stprogress.strategies\n"
            "from hypothesis import strategies as st\n"
            "from stprogress import Task\n"
            "print(type(st.from_type(Task).example()).__name__)\n"
        )
        result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert "Task\n" == result.stdout


class TestRegistration:
    """The hypothesis entry point and ``register_type_strategies``."""

    def test_hook_leaves_an_imported_module_alone(self) -> None:
        """The hook does not import the strategies again once they are imported."""
        before = sys.modules["stprogress.strategies"]
        _hypothesis_setup_hook()
        assert before is sys.modules["stprogress.strategies"]

    def test_hook_imports_the_strategies(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The hook imports the strategies module when it is not imported yet, which registers the types."""
        monkeypatch.delitem(sys.modules, "stprogress.strategies")
        _hypothesis_setup_hook()
        assert "stprogress.strategies" in sys.modules
        assert all(isinstance(t, Task) for t in sample(st.from_type(Task), 3))

    @pytest.mark.parametrize(
        "cls", [Period, Budget, Target, Program, Task, Portfolio, *EVENT_TYPES], ids=lambda c: c.__name__
    )
    def test_from_type_draws_valid_values(self, cls: type[Any]) -> None:
        """``st.from_type`` of each registered type draws a value of that type."""
        assert [cls] * 5 == [type(v) for v in sample(st.from_type(cls), 5)]

    def test_registering_again_is_harmless(self) -> None:
        """Registering twice leaves ``st.from_type`` working."""
        sp.register_type_strategies()
        assert all(isinstance(p, Period) for p in sample(st.from_type(Period), 3))

    @given(st.from_type(Event))
    def test_event_union(self, event: Event) -> None:
        """``st.from_type(Event)`` draws events of every class through the union."""
        assert isinstance(event, EVENT_TYPES)

    def test_builds_of_a_user_class(self) -> None:
        """``st.builds`` of a user's class holding a portfolio and a task fills them with valid values."""

        @dataclass
        class Snapshot:
            portfolio: Portfolio
            task: Task
            when: Period

        snapshots = sample(st.builds(Snapshot), 20)
        assert all(s.portfolio.validate() is s.portfolio for s in snapshots)
        assert any(len(s.portfolio.tasks) > 1 for s in snapshots)


class TestPortfolios:
    """Whole portfolios: sound, round-tripping, constrained, shrinking small."""

    @settings(max_examples=1000)
    @given(st.from_type(Portfolio))
    def test_thousand_portfolios_validate_and_round_trip(self, portfolio: Portfolio) -> None:
        """Every portfolio of ``st.from_type(Portfolio)`` validates and round-trips through JSON."""
        assert portfolio is portfolio.validate()
        assert portfolio == loads(dumps(portfolio))

    @given(
        sp.portfolios(
            min_tasks=2, max_tasks=4, owner="Sở KH&CN tỉnh Lạng Sơn", grades=GradeScale.NATIONAL, max_events=3
        )
    )
    def test_constraints(self, portfolio: Portfolio) -> None:
        """Task counts, owner, grade scale and history length are as asked."""
        assert 2 <= len(portfolio.tasks) <= 4
        assert "Sở KH&CN tỉnh Lạng Sơn" == portfolio.owner
        assert portfolio is portfolio.validate(grade_scale=GradeScale.NATIONAL)
        assert all(len(t.history) <= 3 for t in portfolio.tasks)

    def test_tasks_in_programs(self) -> None:
        """Portfolios hold tasks that name a program, in another case, planned inside its phase."""
        portfolio = reach(
            "portfolios",
            lambda p: any(t.program is not None and t.program != p.program(t.program).code for t in p.tasks),
        )
        task = next(t for t in portfolio.tasks if t.program is not None)
        phase = portfolio.program(task.program).phase
        assert (True, True) == (task.planned_start in phase, task.planned_end in phase)

    @pytest.mark.parametrize(
        ("name", "condition"),
        [
            *[(f"level {m.value}", lambda p, m=m: any(t.level is m for t in p.tasks)) for m in Level],
            *[(f"kind {m.value}", lambda p, m=m: any(t.kind is m for t in p.tasks)) for m in TaskKind],
            *[(f"grade {m.value}", lambda p, m=m: m in grades_of(p)) for m in Grade],
            *[(f"event {c.kind}", lambda p, c=c: c.kind in kinds_of(p)) for c in EVENT_TYPES],
            ("programs and targets", lambda p: bool(p.programs) and bool(p.targets)),
        ],
    )
    def test_reaches_every_member(self, name: str, condition: Callable[[Portfolio], bool]) -> None:
        """Portfolios reach every level, kind, grade and event kind."""
        assert reach("portfolios", condition) is not None

    def test_failing_property_shrinks_to_few_tasks(self) -> None:
        """A property failing on any failed task shrinks to at most 3 tasks with short histories."""
        falsifying: list[Portfolio] = []

        @SEARCH
        @given(sp.portfolios())
        def no_task_fails(portfolio: Portfolio) -> None:
            falsifying.append(portfolio)
            assert all(t.status is not Status.FAILED for t in portfolio.tasks)

        with pytest.raises(AssertionError):
            no_task_fails()
        minimal = falsifying[-1]  # Hypothesis runs the shrunk example last
        assert len(minimal.tasks) <= 3
        assert all(len(t.history) <= 4 for t in minimal.tasks)

    def test_find_shrinks_to_a_short_history(self) -> None:
        """The smallest portfolio with a failed task found by ``find`` has few tasks and a short history."""
        minimal = find(
            sp.portfolios(), lambda p: any(t.status is Status.FAILED for t in p.tasks), settings=SEARCH
        )
        assert len(minimal.tasks) <= 3
        failed = next(t for t in minimal.tasks if t.status is Status.FAILED)
        assert ["approved", "contracted"] == [e.kind for e in failed.history][-3:-1]
        assert len(failed.history) <= 4


class TestTasks:
    """Tasks and their constraints."""

    @given(sp.tasks())
    def test_sound(self, task: Task) -> None:
        """Every task is legal inside a portfolio of its own."""
        assert Portfolio("Sở KH&CN", [task]).validate().tasks == (task,)

    @pytest.mark.parametrize(
        ("name", "condition"),
        [
            *[(f"level {m.value}", lambda t, m=m: t.level is m) for m in Level],
            *[(f"kind {m.value}", lambda t, m=m: t.kind is m) for m in TaskKind],
            *[(f"field {m.value}", lambda t, m=m: t.field is m) for m in Field],
            *[(f"grade {m.value}", lambda t, m=m: m in grades_of(t)) for m in Grade],
            *[(f"event {c.kind}", lambda t, c=c: c.kind in kinds_of(t)) for c in EVENT_TYPES],
            *[(f"status {s.value}", lambda t, s=s: t.status is s) for s in Status],
            ("no field", lambda t: t.field is None),
            ("budget", lambda t: t.budget is not None and t.host is not None and t.lead is not None),
            ("two extensions", lambda t: len(t.events(Extended)) >= 2),
        ],
    )
    def test_reaches_every_member(self, name: str, condition: Callable[[Task], bool]) -> None:
        """Tasks reach every level, kind, field, grade, event kind and status."""
        assert reach("tasks", condition) is not None

    @given(
        sp.tasks(
            levels={Level.PROVINCIAL},
            kinds=[TaskKind.RESEARCH, TaskKind.INNOVATION],
            fields={Field.AGRICULTURAL, None},
            statuses={Status.IN_PROGRESS, Status.COMPLETED},
        )
    )
    def test_members_as_asked(self, task: Task) -> None:
        """Levels, kinds, fields and final statuses are drawn from those asked for."""
        assert Level.PROVINCIAL is task.level
        assert task.kind in {TaskKind.RESEARCH, TaskKind.INNOVATION}
        assert task.field in {Field.AGRICULTURAL, None}
        assert task.status in {Status.IN_PROGRESS, Status.COMPLETED}

    @given(st.data(), sp.periods(kinds={PeriodKind.YEAR, PeriodKind.QUARTER, PeriodKind.MONTH}))
    def test_open_during(self, data: st.DataObject, period: Period) -> None:
        """Tasks drawn ``open_during`` a period are approved or in progress on one of its days."""
        task = data.draw(sp.tasks(open_during=period))
        days = {period.start} | {e.on for e in task.history if e.on in period}
        assert any(task.status_on(d) in OPEN for d in days)

    @given(sp.tasks(open_during=Period.half(2023, 1), before=date(2023, 7, 1), reached=Milestone.CONTRACTED))
    def test_open_during_before(self, task: Task) -> None:
        """Open tasks under a date limit and a milestone still meet all three."""
        days = {date(2023, 1, 1)} | {e.on for e in task.history if e.on in Period.half(2023, 1)}
        assert any(task.status_on(d) in OPEN for d in days)
        assert all(e.on < date(2023, 7, 1) for e in task.history)
        assert task.milestone(Milestone.CONTRACTED) is not None

    @pytest.mark.parametrize("milestone", list(Milestone), ids=str)
    def test_reached_before(self, milestone: Milestone) -> None:
        """Tasks reach the milestone asked for, before the date asked for."""

        @settings(max_examples=20)
        @given(sp.tasks(reached=milestone, before=date(2024, 1, 1)))
        def reached(task: Task) -> None:
            day = task.milestone(milestone)
            assert day is not None
            assert day < date(2024, 1, 1)
            assert all(e.on < date(2024, 1, 1) for e in task.history)

        reached()

    @given(sp.tasks(program=PROGRAM))
    def test_in_a_program(self, task: Task) -> None:
        """Tasks of a program name it and are planned inside its phase."""
        assert Portfolio("Sở KH&CN", [task], [PROGRAM]).validate().tasks == (task,)
        assert (True, True) == (task.planned_start in PHASE, task.planned_end in PHASE)

    @given(sp.tasks(min_date=date(2023, 1, 1), max_date=date(2023, 12, 31), max_events=2))
    def test_date_window(self, task: Task) -> None:
        """Events and planned starts fall inside the date window; histories are as short as asked."""
        assert all(date(2023, 1, 1) <= e.on <= date(2023, 12, 31) for e in task.history)
        assert date(2023, 1, 1) <= task.planned_start <= date(2023, 12, 31)
        assert len(task.history) <= 2


class TestHistories:
    """Histories walk the transition table."""

    @given(st.data(), st.dates(date(2015, 1, 1), date(2030, 1, 1)))
    def test_legal_for_the_planned_end(self, data: st.DataObject, planned_end: date) -> None:
        """A history drawn for a planned end is legal for a task with that planned end."""
        history = data.draw(sp.histories(planned_end=planned_end))
        task = Task(
            "ĐT-01", "Đề tài", Level.PROVINCIAL, TaskKind.RESEARCH, date(2015, 1, 1), planned_end, history
        )
        assert history == task.history
        assert [e.on for e in history] == sorted(e.on for e in history)

    @given(sp.histories(grades={Grade.FAIL}, reached=Milestone.EVALUATED, statuses={Status.FAILED}))
    def test_failing_scale(self, history: tuple[Event, ...]) -> None:
        """With only a failing grade, evaluated histories end failed."""
        assert Status.FAILED is status_after(history)

    @given(sp.histories(grades=GradeScale.POINTS, min_date=date(2020, 1, 1), max_date=date(2020, 12, 31)))
    def test_window_and_scale(self, history: tuple[Event, ...]) -> None:
        """Dates stay in the window and grades on the scale."""
        assert all(date(2020, 1, 1) <= e.on <= date(2020, 12, 31) for e in history)
        assert all(GradeScale.POINTS.allows(e.grade) for e in history if hasattr(e, "grade"))

    def test_reaches_every_event_kind_and_grade(self) -> None:
        """Histories reach every event kind, and evaluations every grade."""
        drawn = {type(e) for h in samples("histories") for e in h}
        assert set(EVENT_TYPES) == drawn
        assert set(Grade) == {e.grade for h in samples("histories") for e in h if isinstance(e, Evaluated)}

    @given(sp.histories(open_during=Period.year(2022), max_date=date(2022, 12, 31)))
    def test_open_at_the_end_of_the_window(self, history: tuple[Event, ...]) -> None:
        """Open histories fit a window that ends with the period."""
        assert any(
            status_after(e for e in history if e.on <= d) in OPEN
            for d in [date(2022, 1, 1), *(e.on for e in history)]
        )


class TestValues:
    """Periods, events, budgets, targets and programs."""

    @given(sp.periods())
    def test_periods_round_trip_their_codes(self, period: Period) -> None:
        """Every period is read back from its code."""
        assert period == Period.parse(period.code)

    @given(sp.periods(kinds={PeriodKind.PHASE, PeriodKind.CUSTOM}, min_year=2021, max_year=2022))
    def test_periods_as_asked(self, period: Period) -> None:
        """Periods are of the kinds asked for, inside the years asked for."""
        assert period.kind in {PeriodKind.PHASE, PeriodKind.CUSTOM}
        assert date(2021, 1, 1) <= period.start <= period.end <= date(2022, 12, 31)

    @pytest.mark.parametrize("kind", list(PeriodKind), ids=str)
    def test_periods_reach_every_kind(self, kind: PeriodKind) -> None:
        """Periods reach every kind."""
        assert reach("periods", lambda p, k=kind: p.kind is k) is not None

    def test_phases_with_and_without_horizon(self) -> None:
        """Phases come with and without an orientation year."""
        phases = sample(sp.periods(kinds={PeriodKind.PHASE}), 50)
        assert {True, False} == {p.horizon is None for p in phases}

    @given(sp.events(kinds=[Extended], min_date=date(2023, 1, 1), max_date=date(2023, 1, 31)))
    def test_events_as_asked(self, event: Event) -> None:
        """Events are of the classes asked for, in the window."""
        assert isinstance(event, Extended)
        assert date(2023, 1, 1) <= event.on <= date(2023, 1, 31)
        assert event.on < event.until

    def test_extension_at_the_end_of_the_calendar(self) -> None:
        """An extension drawn on the last usable day still has a later end."""
        last = date(9899, 12, 31)
        assert all(
            last < e.until for e in sample(sp.events(kinds=[Extended], min_date=last, max_date=last), 5)
        )

    @pytest.mark.parametrize(
        ("name", "condition"),
        [
            *[(f"event {c.kind}", lambda e, c=c: type(e) is c) for c in EVENT_TYPES],
            *[(f"grade {g.value}", lambda e, g=g: getattr(e, "grade", None) is g) for g in Grade],
        ],
    )
    def test_events_reach_every_kind_and_grade(self, name: str, condition: Callable[[Event], bool]) -> None:
        """Events reach every class and every grade."""
        assert reach("events", condition) is not None

    @given(sp.budgets(max_amount=1000))
    def test_budgets(self, budget: Budget) -> None:
        """Budgets stay within the amount asked for."""
        assert 0 <= budget.state <= 1000
        assert 0 <= budget.other <= 1000

    @given(sp.targets(directions={Direction.AT_MOST}, assessed=True, period=Period.half(2023, 1)))
    def test_targets_as_asked(self, target: Target) -> None:
        """Targets have the direction, assessment and period asked for."""
        assert (Direction.AT_MOST, True, Period.half(2023, 1)) == (
            target.direction,
            target.actual is not None,
            target.period,
        )

    @given(sp.targets(assessed=False))
    def test_unassessed_targets(self, target: Target) -> None:
        """Unassessed targets have no actual value."""
        assert target.actual is None

    @pytest.mark.parametrize(
        ("name", "condition"),
        [
            ("assessed", lambda t: t.actual is not None),
            ("not assessed", lambda t: t.actual is None),
            ("with a period", lambda t: t.period is not None),
            *[(f"direction {d.value}", lambda t, d=d: t.direction is d) for d in Direction],
        ],
    )
    def test_targets_reach(self, name: str, condition: Callable[[Target], bool]) -> None:
        """Targets come assessed or not, with or without a period, in each direction."""
        assert reach("targets", condition) is not None

    @given(sp.programs(levels={Level.NATIONAL}, phase=PHASE, max_targets=1))
    def test_programs_as_asked(self, program: Program) -> None:
        """Programs have the level, phase and number of targets asked for."""
        assert (Level.NATIONAL, PHASE) == (program.level, program.phase)
        assert len(program.targets) <= 1

    @pytest.mark.parametrize("level", list(Level), ids=str)
    def test_programs_reach_every_level(self, level: Level) -> None:
        """Programs reach every level."""
        assert reach("programs", lambda p, m=level: p.level is m) is not None


class TestInvalidDocuments:
    """Documents a loader must reject."""

    @settings(max_examples=500, derandomize=True, database=None)
    @given(sp.invalid_documents())
    def test_rejected_where_described(self, invalid: sp.InvalidDocument) -> None:
        """Every invalid document is rejected, with a problem where the strategy says the defect is."""
        with pytest.raises(ValidationError) as raised:
            from_dict(invalid.document, Portfolio)
        locations = [p.location for p in raised.value.problems]
        assert any(loc.startswith(invalid.location) or invalid.location.startswith(loc) for loc in locations)
        with pytest.raises(ValidationError):
            loads(json.dumps(invalid.document))
        assert invalid.defect in sp.DEFECTS
        assert invalid.description

    @pytest.mark.parametrize("defect", sp.DEFECTS)
    def test_reaches_every_defect(self, defect: str) -> None:
        """Each defect is drawn, alone when asked for alone."""
        assert [defect] * 3 == [
            d.defect for d in sample(sp.invalid_documents(defects=[defect], max_tasks=1), 3)
        ]


def scripted(*values: Any) -> Callable[[Any], Any]:
    """A ``draw`` that returns ``values`` in turn, whatever it is asked to draw from."""
    answers = iter(values)
    return lambda _strategy: next(answers)


def one_task_document() -> dict[str, Any]:
    """The document of a portfolio of one task with one event, no targets and no programs."""
    task = Task(
        "ĐT-01",
        "Đề tài",
        Level.PROVINCIAL,
        TaskKind.RESEARCH,
        date(2023, 1, 1),
        date(2024, 12, 31),
        [Approved(date(2022, 11, 20))],
    )
    return to_dict(Portfolio("Sở KH&CN tỉnh Thái Bình", [task]))


class TestDefectBranches:
    """Each way a defect is made, chosen by a scripted draw so every one is exercised every run."""

    @pytest.mark.parametrize(
        ("mutate", "answers", "expected"),
        [
            (sp._missing_key, (0, 0, 0), "$.owner"),
            (sp._missing_key, (0, 1, 0), "$.tasks[0].code"),
            (sp._missing_key, (0, 2), "$.tasks[0].history[0].on"),
            (sp._impossible_date, (0, 0, True), "$.tasks[0].planned_start"),
            (sp._impossible_date, (0, 0, False), "$.tasks[0].history[0].on"),
            (sp._events_out_of_order, (0, 5), "$.tasks[0].history[1]"),
            (sp._extension_not_later, (0, 0), "$.tasks[0].history[1].until"),
            (sp._non_finite_number, (Target("CT-01", "Chỉ tiêu", "%", 5), 0, 0), "$.targets[0].planned"),
        ],
        ids=lambda v: getattr(v, "__name__", None),
    )
    def test_branch(self, mutate: Callable[..., Any], answers: tuple[Any, ...], expected: str) -> None:
        """The defect lands where it says, and the document is rejected there."""
        document = one_task_document()
        path, _ = mutate(scripted(*answers), document)
        assert expected == render_path(path)
        with pytest.raises(ValidationError) as raised:
            from_dict(document, Portfolio)
        assert any(p.location.startswith(expected) for p in raised.value.problems)

    def test_existing_extension_is_broken(self) -> None:
        """An extension already in the history is made not to extend."""
        document = one_task_document()
        document["tasks"][0]["history"] += [
            {"event": "contracted", "on": "2023-01-05", "ref": None, "note": None},
            {"event": "extended", "on": "2024-06-01", "ref": None, "note": None, "until": "2025-06-30"},
        ]
        path, _ = sp._extension_not_later(scripted(0, 0), document)
        assert "$.tasks[0].history[2].until" == render_path(path)
        assert "2024-12-31" == document["tasks"][0]["history"][2]["until"]


MISUSES: list[tuple[Callable[..., Any], dict[str, Any]]] = [
    (sp.periods, {"kinds": PeriodKind.YEAR}),
    (sp.periods, {"kinds": ["year"]}),
    (sp.periods, {"kinds": []}),
    (sp.periods, {"min_year": 0}),
    (sp.periods, {"max_year": True}),
    (sp.periods, {"max_year": 9999}),
    (sp.periods, {"min_year": 2025, "max_year": 2024}),
    (sp.periods, {"kinds": {PeriodKind.PHASE}, "min_year": 2025, "max_year": 2025}),
    (sp.events, {"kinds": Extended}),
    (sp.events, {"kinds": ["extended"]}),
    (sp.events, {"kinds": set()}),
    (sp.events, {"grades": GradeScale("none", set())}),
    (sp.events, {"min_date": datetime(2020, 1, 1)}),
    (sp.events, {"max_date": "2020-01-01"}),
    (sp.events, {"max_date": date(9900, 1, 1)}),
    (sp.events, {"min_date": date(2021, 1, 1), "max_date": date(2020, 1, 1)}),
    (sp.histories, {"before": date(2010, 1, 1)}),
    (sp.histories, {"planned_end": datetime(2020, 1, 1)}),
    (sp.histories, {"reached": "evaluated"}),
    (sp.histories, {"statuses": []}),
    (sp.histories, {"max_events": 0}),
    (sp.histories, {"reached": Milestone.REGISTERED, "max_events": 3}),
    (sp.histories, {"reached": Milestone.REGISTERED, "grades": {Grade.FAIL}}),
    (sp.histories, {"reached": Milestone.REJECTED, "statuses": {Status.COMPLETED}}),
    (sp.histories, {"open_during": "2023"}),
    (sp.histories, {"open_during": Period.year(2040)}),
    (
        sp.histories,
        {"open_during": Period.year(2023), "min_date": date(2023, 12, 31), "max_date": date(2023, 12, 31)},
    ),
    (sp.budgets, {"max_amount": -1}),
    (sp.budgets, {"max_amount": 2**63}),
    (sp.targets, {"directions": []}),
    (sp.targets, {"assessed": "yes"}),
    (sp.targets, {"period": "2023"}),
    (sp.programs, {"levels": [Level.NATIONAL, "provincial"]}),
    (sp.programs, {"phase": "2021-2025"}),
    (sp.programs, {"max_targets": -1}),
    (sp.tasks, {"levels": []}),
    (sp.tasks, {"kinds": TaskKind.RESEARCH}),
    (sp.tasks, {"fields": Field.NATURAL}),
    (sp.tasks, {"fields": []}),
    (sp.tasks, {"fields": ["1"]}),
    (sp.tasks, {"program": "NTMN"}),
    (sp.tasks, {"program": PROGRAM, "before": date(2021, 1, 1)}),
    (sp.tasks, {"before": date(2010, 1, 1)}),
    (sp.tasks, {"reached": Milestone.LIQUIDATED, "max_events": 2}),
    (sp.portfolios, {"min_tasks": -1}),
    (sp.portfolios, {"min_tasks": 3, "max_tasks": 2}),
    (sp.portfolios, {"owner": "  "}),
    (sp.portfolios, {"owner": 5}),
    (sp.portfolios, {"max_programs": -1}),
    (sp.portfolios, {"max_targets": 1.5}),
    (sp.portfolios, {"kinds": []}),
    (sp.invalid_documents, {"defects": "wrong_type"}),
    (sp.invalid_documents, {"defects": ["wrong_type", "typo"]}),
    (sp.invalid_documents, {"defects": []}),
    (sp.invalid_documents, {"max_tasks": 0}),
]


class TestInvalidArgument:
    """Misuse is refused when the strategy is asked for."""

    @pytest.mark.parametrize(("strategy", "kwargs"), MISUSES, ids=lambda v: getattr(v, "__name__", repr(v)))
    def test_misuse_raises(self, strategy: Callable[..., Any], kwargs: dict[str, Any]) -> None:
        """Each wrong argument raises InvalidArgument at once."""
        with pytest.raises(InvalidArgument):
            strategy(**kwargs)
