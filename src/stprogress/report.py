"""The period report: every indicator of a period in one value, computed in one pass over the tasks.

>>> from stprogress.demo import demo_case
>>> case = demo_case("thai_nguyen_2023")
>>> r = report(case.portfolio, case.period, enters=case.enters, exits=case.exits)
>>> print(r.summary("vi").splitlines()[0])  # doctest: +NORMALIZE_WHITESPACE
Năm 2023, quản lý 93 nhiệm vụ KH&CN, trong đó 57 nhiệm vụ chuyển tiếp, 36 nhiệm vụ phê duyệt mới;
kiểm tra tiến độ 45 lượt; nghiệm thu và đăng ký kết quả 24 nhiệm vụ.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from datetime import date
from itertools import chain
from typing import ClassVar

import attrs

from stprogress._collector import paused
from stprogress.formatting import format_number
from stprogress.indicators import (
    _CLOSED_FOR_GOOD,
    _CLOSING,
    _COMPLETED,
    _FAILED,
    _NEW,
    _OPENING,
    _TERMINATED,
    BUCKETS,
    Bucket,
    EventCount,
    Ledger,
    LedgerCodes,
    LedgerTally,
    Pipeline,
    Tasks,
    check_bases,
    repeated_codes,
    share_met,
    sort_groups,
)
from stprogress.lifecycle import (
    _FAILING_GRADES,
    EVENT_TYPES,
    Approved,
    Contracted,
    Evaluated,
    Event,
    Extended,
    Inspected,
    Liquidated,
    Proposed,
    Registered,
    Terminated,
)
from stprogress.model import Budget, Portfolio, Program, Target, Task
from stprogress.periods import Period
from stprogress.ratio import Ratio
from stprogress.validation import ValidationError
from stprogress.vocab import Lang, Level, Milestone

__all__ = ["Figures", "ObjectiveShare", "PeriodReport", "report"]


def _zero_events() -> dict[type[Event], EventCount]:
    return dict.fromkeys(EVENT_TYPES, EventCount.ZERO)


def _zero_budgets() -> dict[Bucket, Budget]:
    return dict.fromkeys((*BUCKETS[:2], "managed", *BUCKETS[2:]), Budget(0))


@attrs.frozen(eq=True)
class Figures:
    """Every figure of one set of tasks for a period: ledger, proposals, events, budgets, overdue.

    Figures of disjoint sets of tasks add up (``+``), with :attr:`ZERO` as the neutral element.
    """

    ledger: Ledger = Ledger.ZERO
    pipeline: Pipeline = Pipeline.ZERO
    events: Mapping[type[Event], EventCount] = attrs.field(factory=_zero_events)
    """Events dated within the period, by event class (every class present, zero when none)."""
    budgets: Mapping[Bucket, Budget] = attrs.field(factory=_zero_budgets)
    """Approved budgets by source of the tasks in each ledger bucket, ``managed`` included."""
    overdue: frozenset[str] = frozenset()
    """Codes of the tasks open after their due date on the period's last day."""

    ZERO: ClassVar[Figures]

    def __add__(self, other: Figures) -> Figures:
        """The figures of two disjoint sets of tasks."""
        if not isinstance(other, Figures):
            return NotImplemented
        return Figures(
            self.ledger + other.ledger,
            self.pipeline + other.pipeline,
            {k: self.events[k] + other.events[k] for k in EVENT_TYPES},
            {b: self.budgets[b] + other.budgets[b] for b in self.budgets},
            self.overdue | other.overdue,
        )


Figures.ZERO = Figures()


class _FiguresTally:
    """Figures being counted, task by task, as plain lists (merged per level and per program after)."""

    __slots__ = ("counts", "events", "lists", "money", "overdue", "pipeline", "touched")

    def __init__(self, codes: bool) -> None:
        self.counts = [0] * 6
        self.lists: list[list[str]] | None = [[] for _ in range(6)] if codes else None
        # Budgets by bucket, flat: state of bucket b at 2*b, other at 2*b + 1.
        self.money = [0] * 12
        self.pipeline = [0, 0, 0]
        self.events = dict.fromkeys(EVENT_TYPES, 0)
        self.touched: dict[type[Event], list[str]] = {k: [] for k in EVENT_TYPES}
        self.overdue: list[str] = []


def _merge(parts: list[_FiguresTally]) -> Figures:
    """The figures of the tasks counted by ``parts``, sets of tasks with no task in two of them.

    Each set of codes is built once, straight from the parts' lists. Building each part's sets and
    then their unions would touch every code twice more: once to build each part's set and once
    to free it. At 10⁶ tasks the codes lie all over memory, and each touch of one is a cache miss.

    Raises:
        ValidationError: if a code is twice in a bucket of the ledger (as :func:`carry_over` does);
            codes touched by events or overdue are counted once.
    """
    counts = [sum(part.counts[b] for part in parts) for b in range(6)]
    codes = None
    lists = [part.lists for part in parts if part.lists is not None]
    if lists:  # every part keeps its codes, or none does
        sets = []
        for b, bucket in enumerate(BUCKETS):
            found = frozenset(chain.from_iterable(listed[b] for listed in lists))
            if len(found) != counts[b]:  # each count has its code listed
                raise repeated_codes(Counter(chain.from_iterable(listed[b] for listed in lists)), bucket)
            sets.append(found)
        codes = LedgerCodes(*sets)
    # Budgets by bucket, flat in each part: state of bucket b at 2*b, other at 2*b + 1.
    money = [sum(part.money[i] for part in parts) for i in range(12)]
    budgets = LedgerTally(codes=False, money=True)
    budgets.money = [[money[2 * b], money[2 * b + 1]] for b in range(6)]
    pipeline = [sum(part.pipeline[i] for part in parts) for i in range(3)]
    return Figures(
        Ledger(*counts, codes=codes),
        Pipeline(sum(pipeline), pipeline[1], pipeline[2]),
        {
            kind: EventCount(
                sum(part.events[kind] for part in parts),
                frozenset(chain.from_iterable(part.touched[kind] for part in parts)),
            )
            for kind in EVENT_TYPES
        },
        budgets.budgets(),
        frozenset(chain.from_iterable(part.overdue for part in parts)),
    )


@attrs.frozen
class ObjectiveShare:
    """The share of a program's (or scheme's) assessed objectives that are met."""

    code: str
    name: str
    share: Ratio


@attrs.frozen(repr=False)
class PeriodReport:
    """The figures of a period, as a department reports them, with the bases they were counted on.

    ``total`` holds every figure of all the tasks; ``by_level`` and ``by_program`` the same figures
    per level and per program (``None``: no program), which add up to ``total``. ``targets`` is the
    share of the portfolio's assessed targets for the period that are met; ``objectives`` the same
    share for each program whose phase overlaps the period and that has objectives.
    """

    period: Period
    enters: Milestone
    exits: Milestone
    owner: str | None
    total: Figures
    by_level: Mapping[Level, Figures]
    by_program: Mapping[str | None, Figures]
    targets: Ratio
    objectives: tuple[ObjectiveShare, ...] = ()

    def __repr__(self) -> str:
        # The figures hold every task code of every bucket; the repr names what the report is.
        return (
            f"PeriodReport(period={self.period!r}, enters={self.enters.value}, "
            f"exits={self.exits.value}, owner={self.owner!r}, ledger={self.ledger!r}, "
            f"targets={self.targets!r})"
        )

    def _repr_html_(self) -> str:
        from stprogress.display import report_html  # noqa: PLC0415 - display imports report

        return report_html(self)

    @property
    def ledger(self) -> Ledger:
        """The carry-over ledger of all the tasks."""
        return self.total.ledger

    @property
    def pipeline(self) -> Pipeline:
        """The proposals of the period and their disposition at its end."""
        return self.total.pipeline

    @property
    def events(self) -> Mapping[type[Event], EventCount]:
        """Events within the period, by event class."""
        return self.total.events

    @property
    def inspections(self) -> EventCount:
        """Progress inspections within the period ("lượt")."""
        return self.total.events[Inspected]

    @property
    def budgets(self) -> Mapping[Bucket, Budget]:
        """Budget totals by source for each ledger bucket."""
        return self.total.budgets

    @property
    def overdue(self) -> frozenset[str]:
        """Codes of the tasks overdue on the period's last day."""
        return self.total.overdue

    def summary(self, lang: Lang = "vi") -> str:
        """The sentences a department would publish, in ``lang``, numbers written its way.

        The first sentence carries the ledger, inspections and completions; the next ones what else
        is not zero: failures and terminations, tasks carried to the next period, proposals,
        overdue tasks, targets and objectives.
        """
        return "\n".join(_sentences_vi(self) if lang == "vi" else _sentences_en(self))


def _n(value: int, lang: Lang) -> str:
    return format_number(value, lang)


def _tasks_en(value: int) -> str:
    return f"{_n(value, 'en')} task{'' if value == 1 else 's'}"


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


_NEW_VI = {
    Milestone.APPROVED: "phê duyệt mới",
    Milestone.CONTRACTED: "ký hợp đồng mới",
    Milestone.STARTED: "mở mới",
}
_NEW_EN = {
    Milestone.APPROVED: "newly approved",
    Milestone.CONTRACTED: "newly contracted",
    Milestone.STARTED: "newly started",
}
_DONE_VI = {
    Milestone.EVALUATED: "nghiệm thu",
    Milestone.REGISTERED: "nghiệm thu và đăng ký kết quả",
    Milestone.LIQUIDATED: "nghiệm thu và thanh lý hợp đồng",
}
_DONE_EN = {
    Milestone.EVALUATED: "accepted",
    Milestone.REGISTERED: "accepted with results registered",
    Milestone.LIQUIDATED: "accepted and liquidated",
}


def _sentences_vi(r: PeriodReport) -> list[str]:
    led = r.ledger
    lang: Lang = "vi"
    lines = [
        f"{_capitalised(r.period.label('vi'))}, quản lý {_n(led.managed, lang)} nhiệm vụ KH&CN, trong đó "
        f"{_n(led.opening, lang)} nhiệm vụ chuyển tiếp, {_n(led.new, lang)} nhiệm vụ {_NEW_VI[r.enters]}; "
        f"kiểm tra tiến độ {_n(r.inspections.events, lang)} lượt; "
        f"{_DONE_VI[r.exits]} {_n(led.completed, lang)} nhiệm vụ."
    ]
    if led.failed or led.terminated:
        lines.append(
            f"Không đạt {_n(led.failed, lang)} nhiệm vụ; dừng thực hiện {_n(led.terminated, lang)} nhiệm vụ."
        )
    lines.append(f"Chuyển tiếp sang kỳ sau {_n(led.closing, lang)} nhiệm vụ.")
    p = r.pipeline
    if p.proposed:
        lines.append(
            f"Tổng hợp {_n(p.proposed, lang)} đề xuất, trong đó phê duyệt {_n(p.approved, lang)} "
            f"({p.approval_rate.format(lang)}), không phê duyệt {_n(p.rejected, lang)}, "
            f"đang xem xét {_n(p.pending, lang)}."
        )
    if r.overdue:
        lines.append(f"Quá hạn tại ngày {r.period.end:%d/%m/%Y}: {_n(len(r.overdue), lang)} nhiệm vụ.")
    if r.targets.is_defined:
        lines.append(
            f"Hoàn thành {r.targets.format(lang)} chỉ tiêu được giao "
            f"({_n(int(r.targets.numerator), lang)}/{_n(int(r.targets.denominator), lang)})."
        )
    lines.extend(f"{o.name}: hoàn thành {o.share.format(lang)} mục tiêu." for o in r.objectives)
    return lines


def _sentences_en(r: PeriodReport) -> list[str]:
    led = r.ledger
    lang: Lang = "en"
    lines = [
        f"{_capitalised(r.period.label('en'))}: {_n(led.managed, lang)} S&T tasks managed, of which "
        f"{_n(led.opening, lang)} carried over and {_n(led.new, lang)} {_NEW_EN[r.enters]}; "
        f"{_n(r.inspections.events, lang)} progress inspections; "
        f"{_tasks_en(led.completed)} {_DONE_EN[r.exits]}."
    ]
    if led.failed or led.terminated:
        lines.append(f"{_n(led.failed, lang)} failed; {_n(led.terminated, lang)} terminated.")
    lines.append(f"{_tasks_en(led.closing)} carried over to the next period.")
    p = r.pipeline
    if p.proposed:
        lines.append(
            f"{_n(p.proposed, lang)} proposals: {_n(p.approved, lang)} approved "
            f"({p.approval_rate.format(lang)}), {_n(p.rejected, lang)} rejected, "
            f"{_n(p.pending, lang)} pending."
        )
    if r.overdue:
        lines.append(f"Overdue on {r.period.end.isoformat()}: {_tasks_en(len(r.overdue))}.")
    if r.targets.is_defined:
        lines.append(
            f"{r.targets.format(lang)} of assigned targets met "
            f"({_n(int(r.targets.numerator), lang)}/{_n(int(r.targets.denominator), lang)})."
        )
    lines.extend(f"{o.name}: {o.share.format(lang)} of objectives met." for o in r.objectives)
    return lines


def _targets_for(targets: Iterable[Target], period: Period) -> list[Target]:
    # A target assigned for a period is assessed in the reports of periods that contain it; one
    # assigned without a period is assessed in every report.
    return [t for t in targets if t.period is None or period.contains(t.period)]


def _objectives(programs: Iterable[Program], period: Period) -> tuple[ObjectiveShare, ...]:
    return tuple(
        ObjectiveShare(p.code, p.name, share_met(p.targets))
        for p in programs
        if p.targets and p.phase.overlaps(period)
    )


def _tally(  # noqa: PLR0915 - one fused loop on purpose: a call per task costs more than its work
    tasks: Iterable[Task], *, start: date, end: date, enters: Milestone, exits: Milestone, codes: bool
) -> dict[Level, dict[str | None, _FiguresTally]]:
    """The figures of ``tasks`` counted per level and program, in one pass over each history.

    This is :func:`~stprogress.indicators.scan`, :func:`~stprogress.indicators.place`,
    :func:`~stprogress.indicators.disposition` and :func:`~stprogress.indicators.is_overdue` fused
    into one loop with local names only: the report reads every task, and at 10^6 tasks each Python
    step per task costs about a tenth of a second. Each pair is counted once rather than once per
    level and once per program; the pairs are merged into levels and programs afterwards.
    """
    by_approval = enters is Milestone.APPROVED
    by_contract = enters is Milestone.CONTRACTED
    on_evaluation = exits is Milestone.EVALUATED
    on_registration = exits is Milestone.REGISTERED
    closed = _CLOSED_FOR_GOOD[exits]
    pairs: dict[Level, dict[str | None, _FiguresTally]] = {}
    for task in tasks:
        history = task.history
        # Tasks with no figure in the period, told apart without reading their history: dates in a
        # history never go back, so one that begins after the period ends is not in it yet, and
        # one whose last event, before the period, closed it on this basis (_CLOSED_FOR_GOOD, or
        # a failing evaluation) has left it: neither entered nor proposed nor open within the
        # period (nor overdue: it was evaluated, terminated or never approved), nor any event in it.
        if history[0].on > end:
            continue
        final = history[-1]
        if final.on < start:
            kind = type(final)
            if kind in closed or (kind is Evaluated and final.grade in _FAILING_GRADES):  # type: ignore[union-attr]
                continue
        proposed = rejected = approved = contracted = evaluated = None
        registered = liquidated = terminated = None
        grade = None
        due = task.planned_end
        extending = True  # extensions move the due date until the first one after the period
        within: list[Event] | None = None
        for event in history:
            cls = type(event)
            on = event.on
            if start <= on <= end:
                if within is None:
                    within = [event]
                else:
                    within.append(event)
            # A legal history holds each of these at most once, so the one seen is the first.
            # The commonest classes are tested first.
            if cls is Approved:
                approved = on
            elif cls is Inspected:
                pass  # it counts only as an event within the period
            elif cls is Contracted:
                contracted = on
            elif cls is Proposed:
                proposed = on
            elif cls is Evaluated:
                evaluated = on
                grade = event.grade  # type: ignore[union-attr]  # cls is Evaluated
            elif cls is Registered:
                registered = on
            elif cls is Liquidated:
                liquidated = on
            elif cls is Extended:
                if extending and on <= end:
                    due = event.until  # type: ignore[union-attr]  # cls is Extended
                else:
                    extending = False
            elif cls is Terminated:
                terminated = on
            else:  # Rejected: a Task holds events of exactly the classes of EVENT_TYPES, no other
                rejected = on
        # The ledger buckets (indicators.place).
        first = last = -1
        if by_approval:
            entered = approved
        elif by_contract:
            entered = contracted
        else:
            entered = None if approved is None else max(approved, task.planned_start)
        if entered is not None and entered <= end:
            left: date | None
            if terminated is not None:
                left, outcome = terminated, _TERMINATED
            elif evaluated is not None and grade in _FAILING_GRADES:
                left, outcome = evaluated, _FAILED
            elif evaluated is not None and on_evaluation:
                left, outcome = evaluated, _COMPLETED
            elif on_registration:
                left, outcome = (registered or liquidated), _COMPLETED
            else:
                left, outcome = liquidated, _COMPLETED
            if left is None or (left >= entered and left >= start):
                first = _OPENING if entered < start else _NEW
                last = outcome if left is not None and left <= end else _CLOSING
        # The proposal's disposition (indicators.disposition).
        state = -1
        if proposed is not None and start <= proposed <= end:
            if approved is not None and approved <= end:
                state = 1
            elif rejected is not None and rejected <= end:
                state = 2
            else:
                state = 0
        # Overdue on the last day (indicators.is_overdue).
        late = (
            approved is not None
            and approved <= end
            and (evaluated is None or evaluated > end)
            and (terminated is None or terminated > end)
            and end > due
        )
        if first < 0 and state < 0 and not late and within is None:
            continue  # the task has no figure in this period
        # Nested dicts rather than a (level, program) key: no tuple allocated per task.
        programs = pairs.get(task.level)
        if programs is None:
            programs = pairs[task.level] = {}
        tally = programs.get(task.program)
        if tally is None:
            tally = programs[task.program] = _FiguresTally(codes)
        code = task.code
        if first >= 0:
            counts = tally.counts
            counts[first] += 1
            counts[last] += 1
            lists = tally.lists
            if lists is not None:
                lists[first].append(code)
                lists[last].append(code)
            budget = task.budget
            if budget is not None:
                money = tally.money
                money[2 * first] += budget.state
                money[2 * first + 1] += budget.other
                money[2 * last] += budget.state
                money[2 * last + 1] += budget.other
        if state >= 0:
            tally.pipeline[state] += 1
        if late:
            tally.overdue.append(code)
        if within is not None:
            events = tally.events
            touched = tally.touched
            for event in within:
                kind = type(event)
                events[kind] += 1
                # A code listed twice (two inspections) is one task: EventCount keeps a set of codes.
                touched[kind].append(code)
    return pairs


def report(
    portfolio_or_tasks: Tasks,
    period: Period,
    *,
    enters: Milestone = Milestone.APPROVED,
    exits: Milestone = Milestone.EVALUATED,
    targets: Iterable[Target] | None = None,
    codes: bool = True,
) -> PeriodReport:
    """Every figure of ``period`` in one value, from one pass over the tasks.

    Args:
        portfolio_or_tasks: a portfolio (its owner, targets and programs are used too) or any
            iterable of tasks, read once.
        period: any period, including a data window.
        enters, exits: the bases of the ledger (see :func:`~stprogress.carry_over`).
        targets: the targets to assess; by default the portfolio's targets with no period or a
            period inside ``period``.
        codes: whether ledgers keep the codes of their tasks.

    Raises:
        ValidationError: if a basis is not allowed or ``period`` is not a period.
    """
    enters, exits = check_bases(enters, exits)
    if not isinstance(period, Period):
        raise ValidationError.single(f"must be a Period, got {type(period).__name__}", "period")
    start, end = period.start, period.end
    if isinstance(portfolio_or_tasks, Portfolio):
        tasks: Iterable[Task] = portfolio_or_tasks.tasks
        owner: str | None = portfolio_or_tasks.owner
        assessed = _targets_for(portfolio_or_tasks.targets, period)
        objectives = _objectives(portfolio_or_tasks.programs, period)
    else:
        tasks, owner, assessed, objectives = portfolio_or_tasks, None, [], ()
    with paused():  # sets of 10⁵ codes, no cycles: see stprogress._collector
        pairs = _tally(tasks, start=start, end=end, enters=enters, exits=exits, codes=codes)
        # Each level's, each program's and the total's sets are built once, from its pairs' lists.
        levels: dict[Hashable, list[_FiguresTally]] = {}
        programs: dict[Hashable, list[_FiguresTally]] = {}
        every: list[_FiguresTally] = []
        for level, by_program in pairs.items():
            for program, counted in by_program.items():
                levels.setdefault(level, []).append(counted)
                programs.setdefault(program, []).append(counted)
                every.append(counted)
        by_level = sort_groups({k: _merge(parts) for k, parts in levels.items()}, True)
        of_programs = sort_groups({k: _merge(parts) for k, parts in programs.items()}, True)
        total = _merge(every) if every else Figures.ZERO
        # Free the per-pair lists now: the collection that follows the pause would
        # otherwise traverse them, code by code.
        del pairs, levels, programs, every
    return PeriodReport(
        period=period,
        enters=enters,
        exits=exits,
        owner=owner,
        total=total,
        by_level=by_level,  # type: ignore[arg-type]  # keys are the tasks' levels
        by_program=of_programs,  # type: ignore[arg-type]  # keys are the tasks' program codes
        targets=share_met(assessed if targets is None else targets),
        objectives=objectives,
    )
