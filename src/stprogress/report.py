"""The period report: every indicator of a period in one value, computed in one pass over the tasks.

>>> from stprogress.demo import demo_case
>>> case = demo_case("thai_nguyen_2023")
>>> r = report(case.portfolio, case.period, enters=case.enters, exits=case.exits)
>>> print(r.summary("vi").splitlines()[0])  # doctest: +NORMALIZE_WHITESPACE
Năm 2023, quản lý 93 nhiệm vụ KH&CN, trong đó 57 nhiệm vụ chuyển tiếp, 36 nhiệm vụ phê duyệt mới;
kiểm tra tiến độ 45 lượt; nghiệm thu và đăng ký kết quả 24 nhiệm vụ.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from typing import ClassVar

import attrs

from stprogress.formatting import format_number
from stprogress.indicators import (
    BUCKETS,
    Bucket,
    EventCount,
    Ledger,
    LedgerTally,
    Pipeline,
    Tasks,
    check_bases,
    disposition,
    grouping,
    is_overdue,
    place,
    scan,
    share_met,
    sort_groups,
)
from stprogress.lifecycle import EVENT_TYPES, Event, Inspected
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
    """Figures being counted, task by task."""

    __slots__ = ("events", "ledger", "overdue", "pipeline", "touched")

    def __init__(self, codes: bool) -> None:
        self.ledger = LedgerTally(codes=codes, money=True)
        self.pipeline = [0, 0, 0]
        self.events = dict.fromkeys(EVENT_TYPES, 0)
        self.touched: dict[type[Event], list[str]] = {k: [] for k in EVENT_TYPES}
        self.overdue: list[str] = []

    def add(
        self, task: Task, buckets: tuple[int, int] | None, state: int | None, late: bool, within: list[Event]
    ) -> None:
        if buckets is not None:
            self.ledger.add(task, buckets)
        if state is not None:
            self.pipeline[state] += 1
        if late:
            self.overdue.append(task.code)
        seen: set[type[Event]] = set()
        for event in within:
            kind = type(event)
            self.events[kind] += 1
            if kind not in seen:
                seen.add(kind)
                self.touched[kind].append(task.code)

    def figures(self) -> Figures:
        p = self.pipeline
        return Figures(
            self.ledger.ledger(),
            Pipeline(sum(p), p[1], p[2]),
            {k: EventCount(self.events[k], self.touched[k]) for k in EVENT_TYPES},
            self.ledger.budgets(),
            frozenset(self.overdue),
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
    window = (start, end)
    program_key, _ = grouping("program")
    if isinstance(portfolio_or_tasks, Portfolio):
        tasks: Iterable[Task] = portfolio_or_tasks.tasks
        owner: str | None = portfolio_or_tasks.owner
        assessed = _targets_for(portfolio_or_tasks.targets, period)
        objectives = _objectives(portfolio_or_tasks.programs, period)
    else:
        tasks, owner, assessed, objectives = portfolio_or_tasks, None, [], ()
    levels: dict[Hashable, _FiguresTally] = {}
    programs: dict[Hashable, _FiguresTally] = {}
    for task in tasks:
        dates = scan(task, window)
        buckets = place(task, dates, start, end, enters=enters, exits=exits)
        state = disposition(dates, start, end)
        late = is_overdue(task, dates, end)
        if buckets is None and state is None and not late and not dates.within:
            continue  # the task has no figure in this period
        for groups, key in ((levels, task.level), (programs, program_key(task))):
            tally = groups.get(key)
            if tally is None:
                tally = groups[key] = _FiguresTally(codes)
            tally.add(task, buckets, state, late, dates.within)
    by_level = sort_groups({k: t.figures() for k, t in levels.items()}, True)
    total = Figures.ZERO
    for figures in by_level.values():
        total += figures
    return PeriodReport(
        period=period,
        enters=enters,
        exits=exits,
        owner=owner,
        total=total,
        by_level=by_level,  # type: ignore[arg-type]  # keys are the tasks' levels
        by_program=sort_groups({k: t.figures() for k, t in programs.items()}, True),  # type: ignore[arg-type]
        targets=share_met(assessed if targets is None else targets),
        objectives=objectives,
    )
