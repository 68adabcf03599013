"""The carry-over ledger, breakdowns, event counts, the pipeline, overdue tasks, budgets, targets."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stprogress import (
    Approved,
    Budget,
    Contracted,
    Cutoff,
    Direction,
    Evaluated,
    EventCount,
    Field,
    Grade,
    Inspected,
    Ledger,
    LedgerCodes,
    Level,
    Liquidated,
    Milestone,
    Period,
    Pipeline,
    Portfolio,
    Proposed,
    Ratio,
    Registered,
    Rejected,
    Target,
    Task,
    TaskKind,
    Terminated,
    ValidationError,
    breakdown,
    budgets,
    carry_over,
    count_events,
    overdue,
    pipeline,
    share_met,
)
from stprogress.strategies import periods as any_periods
from stprogress.strategies import programs, tasks

FIRST_DAY = date(2019, 1, 1)
LAST_DAY = date(2026, 12, 31)

# The ledger properties are only worth checking on tasks whose events fall in and around the periods
# drawn, so the dates are held to 2019–2026 and the periods to 2019–2025 (``portfolios()`` spreads
# them over 2010–2035 and cannot be narrowed), histories run to eight events, lists to fifteen tasks,
# and some tasks belong to programs (as a breakdown by program needs). Everything else (levels, kinds,
# fields, grades, budgets, codes) is the public strategies' own.
WINDOW = {"min_date": FIRST_DAY, "max_date": LAST_DAY, "max_events": 8}
window_tasks = tasks(**WINDOW)


def periods() -> st.SearchStrategy[Period]:
    """Periods of every kind inside 2019–2025."""
    return any_periods(min_year=2019, max_year=2025)


# Programs with phases inside the window, so their tasks' planned dates stay in it too.
window_programs = st.one_of(
    programs(phase=Period.phase(2019, 2023)), programs(phase=Period.phase(2021, 2025))
)


@st.composite
def task_lists(draw: st.DrawFn, max_size: int = 15) -> list[Task]:
    """Up to ``max_size`` tasks dated 2019–2026 with unique codes, some in one of up to two programs."""
    groups = draw(st.lists(window_programs, max_size=2, unique_by=lambda p: p.code_key))
    each = st.one_of(window_tasks, *(tasks(program=g, **WINDOW) for g in groups))
    return draw(st.lists(each, max_size=max_size, unique_by=lambda t: t.code_key))


class Once:
    """An iterable that may be iterated only once, to show a function makes one pass."""

    def __init__(self, items: list[Task]) -> None:
        self.items = items
        self.used = False

    def __iter__(self):
        if self.used:
            raise AssertionError("iterated a second time")
        self.used = True
        return iter(self.items)


ENTERS = st.sampled_from([Milestone.APPROVED, Milestone.CONTRACTED, Milestone.STARTED])
EXITS = st.sampled_from([Milestone.EVALUATED, Milestone.REGISTERED, Milestone.LIQUIDATED])
Y2023 = Period.year(2023)


def task(code: str, *history, start: date = date(2023, 1, 1), end: date = date(2024, 12, 31), **kw) -> Task:
    """A provincial research task with the given history."""
    return Task(code, "Đề tài thử", Level.PROVINCIAL, TaskKind.RESEARCH, start, end, history, **kw)


def buckets(ledger: Ledger) -> dict[str, frozenset[str]]:
    """The non-empty buckets of a ledger's drill-down."""
    assert ledger.codes is not None
    return {
        b: ledger.codes[b]
        for b in ("opening", "new", "completed", "failed", "terminated", "closing")
        if ledger.codes[b]
    }


class TestLedgerProperties:
    @given(task_lists(), periods(), ENTERS, EXITS)
    def test_identity(self, ts, period, enters, exits):
        """Opening + new equals completed + failed + terminated + closing, for any tasks and period."""
        ledger = carry_over(ts, period, enters=enters, exits=exits)
        assert ledger is ledger.check()
        assert ledger.managed == ledger.exited + ledger.closing

    @given(task_lists(), periods(), ENTERS, EXITS)
    def test_closing_is_next_opening(self, ts, period, enters, exits):
        """The closing of a period is the opening of the period that follows it, codes included."""
        # "First n months" steps to the same months of the next year, not to the adjacent days;
        # the period that follows is the one starting the day after this one ends.
        following = Period.between(period.end + timedelta(days=1), period.next().end)
        now = carry_over(ts, period, enters=enters, exits=exits)
        after = carry_over(ts, following, enters=enters, exits=exits)
        assert now.codes.closing == after.codes.opening
        assert now.closing == after.opening

    @given(task_lists(), st.integers(0, 25), periods(), ENTERS, EXITS)
    def test_split_portfolio_sums(self, ts, cut, period, enters, exits):
        """The ledgers of two halves of a set of tasks add up to the ledger of the whole."""
        whole = carry_over(ts, period, enters=enters, exits=exits)
        parts = carry_over(ts[:cut], period, enters=enters, exits=exits) + carry_over(
            ts[cut:], period, enters=enters, exits=exits
        )
        assert whole == parts

    @given(task_lists(), st.integers(2019, 2025), ENTERS, EXITS, st.booleans())
    def test_year_is_chained_quarters(self, ts, year, enters, exits, window):
        """The ledger of a year is the chain of its quarters' ledgers, under any cut-off too."""
        cutoff = Cutoff.DECREE_09_2019 if window else Cutoff.CALENDAR
        quarters = [q.data_window(cutoff) for q in Period.year(year).split("quarter")]
        chained = Ledger.chain(carry_over(ts, q, enters=enters, exits=exits) for q in quarters)
        assert carry_over(ts, Period.year(year).data_window(cutoff), enters=enters, exits=exits) == chained

    @given(task_lists(), periods(), ENTERS, EXITS)
    def test_counts_without_codes(self, ts, period, enters, exits):
        """Without codes the counts are the same."""
        full = carry_over(ts, period, enters=enters, exits=exits)
        bare = carry_over(ts, period, enters=enters, exits=exits, codes=False)
        assert attrs_counts(full) == attrs_counts(bare)


def attrs_counts(ledger: Ledger) -> tuple[int, ...]:
    """The six counts of a ledger."""
    return (ledger.opening, ledger.new, ledger.completed, ledger.failed, ledger.terminated, ledger.closing)


class TestCarryOver:
    def test_buckets(self):
        """Each bucket holds the tasks its definition names."""
        ts = [
            task("OPEN", Approved(date(2022, 5, 1)), Contracted(date(2022, 6, 1))),
            task("NEW", Approved(date(2023, 5, 1))),
            task(
                "DONE",
                Approved(date(2022, 1, 3)),
                Contracted(date(2022, 2, 1)),
                Evaluated(date(2023, 3, 1), Grade.PASS),
            ),
            task(
                "FAIL",
                Approved(date(2022, 1, 3)),
                Contracted(date(2022, 2, 1)),
                Evaluated(date(2023, 3, 1), Grade.FAIL),
            ),
            task("STOP", Approved(date(2023, 1, 3)), Terminated(date(2023, 3, 1))),
            task(
                "GONE",
                Approved(date(2021, 1, 3)),
                Contracted(date(2021, 2, 1)),
                Evaluated(date(2022, 3, 1), Grade.PASS),
            ),
            task("LATER", Approved(date(2024, 1, 3))),
            task("PROP", Proposed(date(2023, 1, 3))),
        ]
        expected = {
            "opening": {"OPEN", "DONE", "FAIL"},
            "new": {"NEW", "STOP"},
            "completed": {"DONE"},
            "failed": {"FAIL"},
            "terminated": {"STOP"},
            "closing": {"OPEN", "NEW"},
        }
        assert expected == buckets(carry_over(ts, Y2023))

    def test_approved_not_contracted_is_outside_on_contracted(self):
        """A task approved then stopped before its contract never enters a ledger counted by contract."""
        t = task("A", Approved(date(2023, 2, 1)), Terminated(date(2023, 5, 1)))
        assert Ledger.ZERO == carry_over([t], Y2023, enters=Milestone.CONTRACTED)
        assert {"new": {"A"}, "terminated": {"A"}} == buckets(carry_over([t], Y2023))

    def test_same_day_entry_and_exit(self):
        """A task that enters and exits on one day is new and exited in that day's period."""
        day = date(2023, 4, 1)
        t = task("A", Approved(day), Terminated(day))
        assert {"new": {"A"}, "terminated": {"A"}} == buckets(carry_over([t], Y2023))
        assert Ledger.ZERO == carry_over([t], Period.year(2024))

    def test_exit_before_start_is_outside(self):
        """Under STARTED, a task stopped before its planned start never entered."""
        t = task("A", Approved(date(2022, 10, 1)), Terminated(date(2022, 12, 1)), start=date(2023, 1, 1))
        for year in (2022, 2023):
            assert Ledger.ZERO == carry_over([t], Period.year(year), enters=Milestone.STARTED)

    def test_started_is_later_of_approval_and_planned_start(self):
        """Under STARTED, a task approved in 2022 to run from 2023 is new in 2023."""
        t = task("A", Approved(date(2022, 12, 15)), start=date(2023, 1, 1))
        assert 1 == carry_over([t], Y2023, enters=Milestone.STARTED).new
        assert 0 == carry_over([t], Period.year(2022), enters=Milestone.STARTED).managed

    def test_exit_bases(self):
        """A passed task completes on the date of the exit milestone chosen."""
        t = task(
            "A",
            Approved(date(2021, 1, 1)),
            Contracted(date(2021, 2, 1)),
            Evaluated(date(2022, 12, 20), Grade.PASS),
            Registered(date(2023, 1, 10)),
            Liquidated(date(2024, 2, 1)),
        )
        assert 0 == carry_over([t], Y2023).managed
        assert 1 == carry_over([t], Y2023, exits=Milestone.REGISTERED).completed
        assert 1 == carry_over([t], Y2023, exits=Milestone.LIQUIDATED).closing

    def test_liquidated_without_registration_completes_on_registered(self):
        """Under REGISTERED, a passed task liquidated unregistered completes on its liquidation."""
        t = task(
            "A",
            Approved(date(2021, 1, 1)),
            Contracted(date(2021, 2, 1)),
            Evaluated(date(2022, 12, 20), Grade.PASS),
            Liquidated(date(2023, 3, 1)),
        )
        assert 1 == carry_over([t], Y2023, exits=Milestone.REGISTERED).completed

    def test_failure_exits_whatever_the_basis(self):
        """A failed evaluation exits on its date even when completion is counted by liquidation."""
        t = task(
            "A",
            Approved(date(2021, 1, 1)),
            Contracted(date(2021, 2, 1)),
            Evaluated(date(2023, 6, 1), Grade.FAIL),
            Liquidated(date(2024, 3, 1)),
        )
        assert 1 == carry_over([t], Y2023, exits=Milestone.LIQUIDATED).failed

    def test_data_window(self):
        """A data window counts by its own dates: approval on 20/12/2022 is new in the 2023 window."""
        t = task("A", Approved(date(2022, 12, 20)))
        window = Y2023.data_window(Cutoff.DECREE_09_2019)
        assert 1 == carry_over([t], window).new
        assert 1 == carry_over([t], Y2023).opening

    def test_portfolio(self):
        """A portfolio is read through its tasks."""
        t = task("A", Approved(date(2023, 2, 1)))
        assert carry_over([t], Y2023) == carry_over(Portfolio("Sở", [t]), Y2023)

    @pytest.mark.parametrize(
        ("name", "value"),
        [("enters", Milestone.EVALUATED), ("exits", Milestone.APPROVED), ("enters", "approved")],
    )
    def test_bad_basis(self, name, value):
        """A basis that is not allowed is refused, naming the allowed ones."""
        with pytest.raises(ValidationError) as info:
            carry_over([], Y2023, **{name: value})
        assert f"$.{name}" == info.value.problems[0].location
        assert "Milestone." in info.value.problems[0].message

    def test_bad_period(self):
        """A period must be a Period."""
        with pytest.raises(ValidationError, match="must be a Period"):
            carry_over([], "2023")  # type: ignore[arg-type]

    def test_duplicate_codes(self):
        """Codes must be unique to drill down; without codes the counts are still given."""
        ts = [task("A", Approved(date(2023, 2, 1))), task("A", Approved(date(2023, 3, 1)))]
        with pytest.raises(ValidationError, match="A more than once in new"):
            carry_over(ts, Y2023)
        assert 2 == carry_over(ts, Y2023, codes=False).new

    def test_one_pass(self):
        """The tasks are iterated once."""
        ts = [task("A", Approved(date(2023, 2, 1)))]
        assert 1 == carry_over(Once(ts), Y2023).new


class TestLedger:
    def test_zero(self):
        """The zero is neutral and equals an empty ledger."""
        ledger = Ledger(1, 2, 1, 0, 0, 2)
        assert ledger == ledger + Ledger.ZERO
        assert Ledger() == Ledger.ZERO
        assert LedgerCodes.EMPTY == Ledger().codes
        assert Ledger.ZERO == Ledger.total([])

    def test_unbalanced(self):
        """A ledger of published figures that do not add up is reported plainly."""
        ledger = Ledger(opening=57, new=36, completed=24, closing=60)
        assert not ledger.is_balanced
        with pytest.raises(ValidationError, match=r"57 \+ 36 = 93, but .* = 84"):
            ledger.check()

    def test_invalid_counts(self):
        """Counts are non-negative whole numbers matching their codes."""
        with pytest.raises(ValidationError) as info:
            Ledger(opening=-1, new=True)  # type: ignore[arg-type]
        assert ["$.opening", "$.new"] == [p.location for p in info.value.problems]
        with pytest.raises(ValidationError, match=r"\$\.codes\.new: holds 1 codes for a count of 2"):
            Ledger(new=2, closing=2, codes=LedgerCodes(new={"A"}, closing={"A", "B"}))
        with pytest.raises(ValidationError, match="must be LedgerCodes"):
            Ledger(codes={})  # type: ignore[arg-type]

    def test_add_overlapping(self):
        """Ledgers of overlapping task sets are not added."""
        a = Ledger(new=1, closing=1, codes=LedgerCodes(new={"A"}, closing={"A"}))
        with pytest.raises(ValidationError, match="codes in both: A"):
            a + a
        assert Ledger(new=2, closing=2) == a + Ledger(new=1, closing=1) + Ledger(new=0)
        assert NotImplemented == a.__add__(1)  # type: ignore[operator]
        assert NotImplemented == LedgerCodes.EMPTY.__add__(1)  # type: ignore[operator]

    def test_count_and_codes_by_name(self):
        """Buckets are read by name, managed included; other names are refused."""
        ledger = carry_over([task("A", Approved(date(2023, 2, 1)))], Y2023)
        assert (1, 1, frozenset({"A"})) == (
            ledger.count("new"),
            ledger.count("managed"),
            ledger.codes["managed"],
        )
        with pytest.raises(ValidationError):
            ledger.count("old")  # type: ignore[arg-type]
        with pytest.raises(ValidationError):
            ledger.codes["old"]  # type: ignore[index]

    def test_chain_errors(self):
        """A chain needs ledgers, each closing carried to the next opening."""
        with pytest.raises(ValidationError, match="at least one"):
            Ledger.chain([])
        with pytest.raises(ValidationError, match=r"\$\[1\]: closing 1 does not carry over to opening 0"):
            Ledger.chain([Ledger(new=1, closing=1), Ledger()])
        with_codes = Ledger(new=1, closing=1, codes=LedgerCodes(new={"A"}, closing={"A"}))
        other = Ledger(opening=1, closing=1, codes=LedgerCodes(opening={"B"}, closing={"B"}))
        with pytest.raises(ValidationError):
            Ledger.chain([with_codes, other])
        assert Ledger(new=1, closing=1) == Ledger.chain([with_codes, Ledger(opening=1, closing=1)])


class TestBreakdown:
    @given(task_lists(), periods(), st.sampled_from(["level", "kind", "program", "field"]))
    def test_sums_to_whole(self, ts, period, by):
        """The ledgers of the groups add up to the ledger of all the tasks."""
        assert carry_over(ts, period) == Ledger.total(breakdown(ts, period, by).values())

    def test_groups_and_order(self):
        """Named groupings follow the vocabulary, None last; a function's groups come as met."""
        ts = [
            task("A", Approved(date(2023, 2, 1)), program="Z"),
            Task(
                "B",
                "x",
                Level.NATIONAL,
                TaskKind.PROJECT,
                date(2023, 1, 1),
                date(2023, 9, 1),
                [Approved(date(2023, 1, 2))],
                field=Field.MEDICAL,
            ),
            task("C", Approved(date(2023, 2, 1)), program="A", field=Field.NATURAL),
            task("D", Proposed(date(2023, 2, 1))),
        ]
        assert [Level.NATIONAL, Level.PROVINCIAL] == list(breakdown(ts, Y2023))
        assert ["A", "Z", None] == list(breakdown(ts, Y2023, "program"))
        assert [Field.NATURAL, Field.MEDICAL, None] == list(breakdown(ts, Y2023, "field"))
        assert [TaskKind.RESEARCH, TaskKind.PROJECT] == list(breakdown(ts, Y2023, "kind"))
        assert ["Đề tài thử", "x"] == list(breakdown(ts, Y2023, lambda t: t.title, codes=False))

    def test_bad_grouping(self):
        """Only the named attributes or a function group tasks."""
        with pytest.raises(ValidationError, match=r"\$\.by: must be one of 'level'"):
            breakdown([], Y2023, "host")  # type: ignore[arg-type]

    def test_one_pass(self):
        """The tasks are iterated once."""
        assert 1 == len(breakdown(Once([task("A", Approved(date(2023, 2, 1)))]), Y2023))


class TestCountEvents:
    def test_events_and_tasks(self):
        """Inspections count as events ("lượt") and as distinct tasks."""
        ts = [
            task(
                "A",
                Approved(date(2022, 1, 1)),
                Contracted(date(2022, 2, 1)),
                Inspected(date(2022, 12, 1)),
                Inspected(date(2023, 3, 1)),
                Inspected(date(2023, 9, 1)),
            ),
            task("B", Approved(date(2022, 1, 1)), Contracted(date(2022, 2, 1)), Inspected(date(2023, 5, 1))),
            task("C", Approved(date(2022, 1, 1))),
        ]
        count = count_events(ts, Y2023, Inspected)
        assert (3, 2, frozenset({"A", "B"})) == (count.events, count.tasks, count.codes)

    def test_bad_kind(self):
        """The kind must be an event class."""
        with pytest.raises(ValidationError, match="must be an event class"):
            count_events([], Y2023, Task)  # type: ignore[arg-type]

    def test_add(self):
        """Counts of disjoint task sets add; overlapping ones are refused."""
        a, b = EventCount(2, {"A"}), EventCount(1, {"B"})
        assert EventCount(3, {"A", "B"}) == a + b + EventCount.ZERO
        with pytest.raises(ValidationError, match="codes in both"):
            a + a
        assert NotImplemented == a.__add__(1)  # type: ignore[operator]

    def test_invalid(self):
        """Fewer events than tasks, or a negative count, is refused."""
        with pytest.raises(ValidationError, match="cannot touch"):
            EventCount(1, {"A", "B"})
        with pytest.raises(ValidationError, match="negative"):
            EventCount(-1, set())


class TestPipeline:
    def test_disposition_at_period_end(self):
        """Proposals of the period are approved, rejected or pending as of its last day."""
        ts = [
            task("A", Proposed(date(2022, 3, 1)), Approved(date(2022, 12, 15))),
            task("B", Proposed(date(2022, 3, 1)), Rejected(date(2022, 11, 1))),
            task("C", Proposed(date(2022, 3, 1)), Approved(date(2023, 1, 15))),
            task("D", Proposed(date(2022, 3, 1))),
            task("E", Proposed(date(2021, 3, 1)), Approved(date(2022, 2, 1))),
            task("F", Approved(date(2022, 2, 1))),
        ]
        p = pipeline(ts, Period.year(2022))
        assert (4, 1, 1, 2) == (p.proposed, p.approved, p.rejected, p.pending)
        assert Ratio(1, 4) == p.approval_rate

    def test_add_and_invalid(self):
        """Pipelines add; more decisions than proposals are refused."""
        assert Pipeline(3, 1, 1) == Pipeline(1, 1) + Pipeline(2, 0, 1) + Pipeline.ZERO
        with pytest.raises(ValidationError, match="exceed"):
            Pipeline(1, 1, 1)
        with pytest.raises(ValidationError):
            Pipeline(-1)
        assert NotImplemented == Pipeline().__add__(1)  # type: ignore[operator]


class TestOverdue:
    @given(st.lists(window_tasks, max_size=10), st.dates(FIRST_DAY, LAST_DAY))
    def test_agrees_with_task(self, ts, day):
        """The tasks overdue on a day are those the task itself says are overdue."""
        assert [t for t in ts if t.is_overdue_on(day)] == list(overdue(ts, day))


class TestBudgets:
    def test_by_bucket(self):
        """Budgets add up by source per bucket; a task without a budget adds nothing."""
        ts = [
            task("A", Approved(date(2022, 2, 1)), budget=Budget(100, 10)),
            task("B", Approved(date(2023, 2, 1)), budget=Budget(50)),
            task("C", Approved(date(2023, 2, 1))),
        ]
        found = budgets(ts, Y2023)
        assert Budget(100, 10) == found["opening"]
        assert Budget(50) == found["new"]
        assert Budget(150, 10) == found["managed"] == found["closing"]
        assert Budget(0) == found["completed"]

    @given(task_lists(), periods())
    def test_managed_is_opening_plus_new(self, ts, period):
        """The budget managed is the opening one plus the new one, and also the exits plus closing."""
        found = budgets(ts, period)
        assert found["managed"] == found["opening"] + found["new"]
        assert (
            found["managed"] == found["completed"] + found["failed"] + found["terminated"] + found["closing"]
        )


class TestShareMet:
    def test_assessed_only(self):
        """Only assessed targets count, in their direction."""
        ts = [
            Target("1", "a", "x", Decimal(5), Decimal(6)),
            Target("2", "b", "x", Decimal(5), Decimal(4)),
            Target("3", "c", "%", Decimal(2), Decimal(0), Direction.AT_MOST),
            Target("4", "d", "x", Decimal(5)),
        ]
        assert Ratio(2, 3) == share_met(ts)
        assert not share_met([]).is_defined
