"""pandas tables of tasks, events, targets and ledgers, for analysts who continue in a notebook.

Needs the ``pandas`` extra (``pip install "stprogress[pandas]"``); nothing else in the library
imports this module. Every column has a declared type, so a table never turns an exact figure into a
float behind the user's back:

- dates are ``datetime64[s]`` (second resolution reaches every year a :class:`~stprogress.Period`
  can hold, 1 to 9999, which nanoseconds do not), or ``datetime.date`` objects with ``dates="date"``;
- money is nullable ``Int64`` đồng, counts are ``int64``;
- vocabulary (level, kind, field, status, grade, ...) is ``category`` with every member of the
  vocabulary as a category, in the vocabulary's order, as wire codes or as labels (``labels="vi"``);
- exact values stay exact in ``object`` columns: target values as ``Decimal``, ratios as ``Fraction``
  (``None`` when undefined or not assessed); a ``*_percent`` column is the ``Decimal`` percentage
  rounded half-up, as a report writes it;
- text is the nullable ``string`` dtype.

Column names are stable snake_case codes by default, or headers in Vietnamese or English
(``columns="vi"`` / ``"en"``).

>>> from datetime import date
>>> from stprogress import Approved, Contracted, Level, Task, TaskKind
>>> task = Task(
...     "ĐT-01",
...     "Giống lúa chịu mặn",
...     Level.PROVINCIAL,
...     TaskKind.RESEARCH,
...     date(2023, 1, 1),
...     date(2024, 12, 31),
...     [Approved(date(2022, 11, 20)), Contracted(date(2023, 2, 3))],
... )
>>> frame = to_frame([task])
>>> frame.loc[0, "contracted"]
Timestamp('2023-02-03 00:00:00')
>>> str(frame["level"].dtype), str(frame["approved"].dtype)
('category', 'datetime64[s]')
>>> to_frame([task], columns="vi", labels="vi").loc[0, "Cấp quản lý"]
'cấp tỉnh'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from datetime import date
from enum import Enum
from fractions import Fraction
from typing import Any, Literal

try:
    import pandas as pd
except ImportError as error:  # the message is the point: say which extra brings pandas
    raise ImportError(
        'stprogress.frames needs pandas, which is an optional extra: pip install "stprogress[pandas]"'
    ) from error

from stprogress.display import BUCKET_LABELS
from stprogress.indicators import LEDGER_ORDER, Ledger
from stprogress.lifecycle import EVENT_TYPES, Evaluated, Event, Extended, Inspected
from stprogress.model import Portfolio, Target, Task
from stprogress.periods import Period
from stprogress.ratio import Ratio
from stprogress.vocab import Direction, Field, Grade, Lang, Level, Milestone, Status, TaskKind

__all__ = ["Columns", "Dates", "events_frame", "ledgers_frame", "targets_frame", "tasks_frame", "to_frame"]

Columns = Literal["code", "vi", "en"]
"""How columns are named: stable snake_case codes, or Vietnamese or English headers."""

Dates = Literal["datetime64", "date"]
"""How dates are held: ``datetime64[s]`` (with ``NaT``), or ``datetime.date`` objects (with ``None``)."""

_DATE_DTYPE = "datetime64[s]"

# Column code -> (Vietnamese header, English header).
_HEADERS: dict[str, tuple[str, str]] = {
    "code": ("Mã", "Code"),
    "title": ("Tên nhiệm vụ", "Title"),
    "level": ("Cấp quản lý", "Level"),
    "kind": ("Loại", "Kind"),
    "program": ("Chương trình", "Program"),
    "field": ("Lĩnh vực", "Field"),
    "host": ("Tổ chức chủ trì", "Host"),
    "lead": ("Chủ nhiệm", "Lead"),
    "planned_start": ("Bắt đầu theo kế hoạch", "Planned start"),
    "planned_end": ("Kết thúc theo kế hoạch", "Planned end"),
    "due": ("Hạn kết thúc", "Due"),
    "status": ("Tình trạng", "Status"),
    "overdue": ("Quá hạn", "Overdue"),
    "grade": ("Xếp loại nghiệm thu", "Grade"),
    "inspections": ("Số lượt kiểm tra", "Inspections"),
    "budget_state": ("Kinh phí NSNN (đồng)", "State budget (đồng)"),
    "budget_other": ("Kinh phí nguồn khác (đồng)", "Other sources (đồng)"),
    "task": ("Mã nhiệm vụ", "Task"),
    "position": ("Thứ tự", "Position"),
    "event": ("Sự kiện", "Event"),
    "on": ("Ngày", "Date"),
    "ref": ("Số văn bản", "Reference"),
    "note": ("Ghi chú", "Note"),
    "until": ("Gia hạn đến", "Extended until"),
    "name": ("Tên chỉ tiêu", "Name"),
    "unit": ("Đơn vị tính", "Unit"),
    "planned": ("Kế hoạch", "Planned"),
    "actual": ("Thực hiện", "Actual"),
    "direction": ("Chiều đánh giá", "Direction"),
    "period": ("Kỳ", "Period"),
    "completion": ("Tỷ lệ hoàn thành", "Completion"),
    "completion_percent": ("Tỷ lệ hoàn thành (%)", "Completion (%)"),
    "met": ("Đạt", "Met"),
    "key": ("Nhóm", "Group"),
}
for _milestone in Milestone:
    _HEADERS.setdefault(_milestone.value, ("Ngày " + _milestone.label_vi, _milestone.label_en.capitalize()))
# Ledger figures are named as everywhere else (display, plots); "terminated" is a milestone's column
# too, and both read the same.
_HEADERS.update({str(k): v for k, v in BUCKET_LABELS.items()})


def _header(code: str, columns: Columns) -> str:
    if columns == "code":
        return code
    vi, en = _HEADERS[code]
    return vi if columns == "vi" else en


def _frame(data: Mapping[str, pd.Series[Any]], columns: Columns) -> pd.DataFrame:
    frame: pd.DataFrame = pd.DataFrame({code: series.reset_index(drop=True) for code, series in data.items()})
    if columns != "code":
        frame.columns = pd.Index([_header(str(c), columns) for c in frame.columns])
    return frame


def _series(values: Iterable[object], dtype: Any) -> pd.Series[Any]:
    items: list[Any] = list(values)
    series: pd.Series[Any] = pd.Series(items, dtype=dtype)
    return series


def _dates(values: Iterable[date | None], dates: Dates) -> pd.Series[Any]:
    return _series(values, object if dates == "date" else _DATE_DTYPE)


def _text(values: Iterable[str | None]) -> pd.Series[Any]:
    return _series(values, "string")


def _vocabulary(values: Iterable[Enum | None], enum: Iterable[Any], labels: Lang | None) -> pd.Series[Any]:
    """A category column holding every member of ``enum`` as a category, in declaration order."""

    def name(member: Any) -> str:
        return str(member.value) if labels is None else str(member.label(labels))

    categories = [name(member) for member in enum]
    shown: list[Any] = [None if v is None else name(v) for v in values]
    series: pd.Series[Any] = pd.Series(pd.Categorical(shown, categories=categories))
    return series


def _money(values: Iterable[int | None]) -> pd.Series[Any]:
    return _series(values, "Int64")


def _exact(values: Iterable[object]) -> pd.Series[Any]:
    return _series(values, object)


def _tasks(tasks: Portfolio | Iterable[Task]) -> list[Task]:
    return list(tasks.tasks if isinstance(tasks, Portfolio) else tasks)


def tasks_frame(
    tasks: Portfolio | Iterable[Task],
    *,
    on: date | None = None,
    columns: Columns = "code",
    labels: Lang | None = None,
    dates: Dates = "datetime64",
) -> pd.DataFrame:
    """One row per task: its facts, its status and due date, and the date it reached each milestone.

    Args:
        tasks: a :class:`~stprogress.Portfolio` or any iterable of tasks.
        on: the table as known at the end of this day: status, due date and milestones count only
            the events up to it, and an ``overdue`` column says whether the task is overdue on it.
            ``None`` (the default) uses the whole history and has no ``overdue`` column.
        columns: ``"code"`` for snake_case column names, ``"vi"`` or ``"en"`` for headers.
        labels: ``None`` for wire codes in the vocabulary columns, ``"vi"``/``"en"`` for labels.
        dates: ``"datetime64"`` (``datetime64[s]``) or ``"date"`` (``datetime.date`` objects).

    Columns: code, title, level, kind, program, field, host, lead, planned_start, planned_end, due,
    status, [overdue], grade, inspections, budget_state, budget_other, then one date per
    :class:`~stprogress.Milestone` (proposed, rejected, approved, contracted, started, evaluated,
    registered, liquidated, terminated). The total budget is left to the user
    (``budget_state + budget_other``): it can exceed the ``Int64`` range, where pandas wraps silently.
    """
    rows = _tasks(tasks)
    day = date.max if on is None else on

    def known(task: Task) -> list[Event]:
        return [e for e in task.history if e.on <= day]

    histories = [known(t) for t in rows]
    grades: list[Grade | None] = []
    for history in histories:
        evaluations = [e for e in history if isinstance(e, Evaluated)]
        grades.append(evaluations[-1].grade if evaluations else None)
    data: dict[str, pd.Series[Any]] = {
        "code": _text([t.code for t in rows]),
        "title": _text([t.title for t in rows]),
        "level": _vocabulary([t.level for t in rows], Level, labels),
        "kind": _vocabulary([t.kind for t in rows], TaskKind, labels),
        "program": _text([t.program for t in rows]),
        "field": _vocabulary([t.field for t in rows], Field, labels),
        "host": _text([t.host for t in rows]),
        "lead": _text([t.lead for t in rows]),
        "planned_start": _dates([t.planned_start for t in rows], dates),
        "planned_end": _dates([t.planned_end for t in rows], dates),
        "due": _dates([t.due_on(day) for t in rows], dates),
        "status": _vocabulary([t.status_on(day) for t in rows], Status, labels),
    }
    if on is not None:
        data["overdue"] = _series([t.is_overdue_on(on) for t in rows], bool)
    data["grade"] = _vocabulary(grades, Grade, labels)
    data["inspections"] = _series([sum(isinstance(e, Inspected) for e in h) for h in histories], "int64")
    data["budget_state"] = _money([None if t.budget is None else t.budget.state for t in rows])
    data["budget_other"] = _money([None if t.budget is None else t.budget.other for t in rows])
    for milestone in Milestone:
        reached = [t.milestone(milestone) for t in rows]
        data[milestone.value] = _dates([None if d is None or d > day else d for d in reached], dates)
    return _frame(data, columns)


def events_frame(
    tasks: Portfolio | Iterable[Task],
    *,
    columns: Columns = "code",
    labels: Lang | None = None,
    dates: Dates = "datetime64",
) -> pd.DataFrame:
    """One row per event of every task's history, in the order of the tasks and of their histories.

    Columns: task (its code), position (in the history, from 0), event (the kind:
    ``proposed``, ``approved``, ... or its label), on, ref, note, grade (evaluations only),
    until (extensions only).

    >>> from datetime import date
    >>> from stprogress import Approved, Level, Task, TaskKind
    >>> task = Task(
    ...     "DA-02",
    ...     "Nuôi cá",
    ...     Level.GRASSROOTS,
    ...     TaskKind.PROJECT,
    ...     date(2023, 1, 1),
    ...     date(2023, 12, 31),
    ...     [Approved(date(2022, 12, 1))],
    ... )
    >>> events_frame([task], labels="vi")[["task", "event"]].values.tolist()
    [['DA-02', 'phê duyệt']]
    """
    codes: list[str] = []
    positions: list[int] = []
    events: list[Event] = []
    for task in _tasks(tasks):
        for position, event in enumerate(task.history):
            codes.append(task.code)
            positions.append(position)
            events.append(event)
    kinds = [
        cls.kind if labels is None else cls.label_vi if labels == "vi" else cls.label_en
        for cls in EVENT_TYPES
    ]
    shown = [e.kind if labels is None else e.label(labels) for e in events]
    data: dict[str, pd.Series[Any]] = {
        "task": _text(codes),
        "position": _series(positions, "int64"),
        "event": pd.Series(pd.Categorical(shown, categories=kinds)),
        "on": _dates([e.on for e in events], dates),
        "ref": _text([e.ref for e in events]),
        "note": _text([e.note for e in events]),
        "grade": _vocabulary([e.grade if isinstance(e, Evaluated) else None for e in events], Grade, labels),
        "until": _dates([e.until if isinstance(e, Extended) else None for e in events], dates),
    }
    return _frame(data, columns)


def _ratio_value(ratio: Ratio | None) -> Fraction | None:
    return None if ratio is None else ratio.value


def targets_frame(
    targets: Iterable[Target],
    *,
    columns: Columns = "code",
    labels: Lang | None = None,
    ndigits: int = 1,
) -> pd.DataFrame:
    """One row per target: planned and actual values, completion and whether it is met.

    Columns: code, name, unit, planned and actual (``Decimal``, ``None`` until assessed), direction,
    period (its code, when the target is assigned for a period), completion (the exact ``Fraction``,
    ``None`` when not assessed or undefined), completion_percent (``Decimal`` rounded half-up to
    ``ndigits``), met (nullable ``boolean``).

    >>> from decimal import Decimal
    >>> from stprogress import Target
    >>> frame = targets_frame([Target("CT-1", "Đề tài nghiệm thu", "đề tài", Decimal(9), Decimal(7))])
    >>> frame.loc[0, "completion"], frame.loc[0, "completion_percent"], bool(frame.loc[0, "met"])
    (Fraction(7, 9), Decimal('77.8'), False)
    """
    rows = list(targets)
    completions = [t.completion() for t in rows]
    data: dict[str, pd.Series[Any]] = {
        "code": _text([t.code for t in rows]),
        "name": _text([t.name for t in rows]),
        "unit": _text([t.unit for t in rows]),
        "planned": _exact([t.planned for t in rows]),
        "actual": _exact([t.actual for t in rows]),
        "direction": _vocabulary([t.direction for t in rows], Direction, labels),
        "period": _text([None if t.period is None else t.period.code for t in rows]),
        "completion": _exact([_ratio_value(c) for c in completions]),
        "completion_percent": _exact([None if c is None else c.percent(ndigits) for c in completions]),
        "met": _series([t.is_met() for t in rows], "boolean"),
    }
    return _frame(data, columns)


def _key_text(key: Hashable, labels: Lang | None) -> str | None:
    if key is None:
        return None
    if isinstance(key, Period):
        return key.code if labels is None else key.label(labels)
    if isinstance(key, Enum):
        label = getattr(key, "label", None)
        if labels is not None and callable(label):
            return str(label(labels))
        return str(key.value)
    return str(key)


def ledgers_frame(
    ledgers: Mapping[Hashable, Ledger] | Iterable[tuple[Hashable, Ledger]],
    *,
    columns: Columns = "code",
    labels: Lang | None = None,
) -> pd.DataFrame:
    """One row per ledger: per period (a series over periods) or per group (a :func:`breakdown`).

    The index holds the keys as text: a period's code (or its label with ``labels``), a
    vocabulary member's code (or label), a program code; a ``None`` key (no program, no field) is
    missing. It is named ``period`` when every key is a :class:`~stprogress.Period`, else ``key``.
    Columns (``int64``): opening, new, managed, completed, failed, terminated, closing.

    >>> from stprogress import Period
    >>> from stprogress.indicators import Ledger
    >>> frame = ledgers_frame(
    ...     {Period.year(2023): Ledger(opening=57, new=36, completed=24, closing=69)},
    ...     columns="vi",
    ...     labels="vi",
    ... )
    >>> frame.loc["năm 2023", ["Chuyển tiếp từ kỳ trước", "Mới trong kỳ", "Tổng số quản lý"]].tolist()
    [57, 36, 93]
    """
    pairs = list(ledgers.items() if isinstance(ledgers, Mapping) else ledgers)
    keys = [k for k, _ in pairs]
    name = "period" if keys and all(isinstance(k, Period) for k in keys) else "key"
    data: dict[str, pd.Series[Any]] = {
        column: _series([ledger.count(column) for _, ledger in pairs], "int64") for column in LEDGER_ORDER
    }
    frame = _frame(data, columns)
    frame.index = pd.Index(_text([_key_text(k, labels) for k in keys]), name=_header(name, columns))
    return frame


_WHAT = Literal["tasks", "events", "targets", "ledgers"]


def to_frame(
    data: object,
    what: _WHAT | None = None,
    *,
    columns: Columns = "code",
    labels: Lang | None = None,
    **options: Any,
) -> pd.DataFrame:
    """The table of ``data``, whatever it holds: the one entry point for notebooks.

    - a :class:`~stprogress.Portfolio`: its tasks (:func:`tasks_frame`), or with ``what="events"``
      its events (:func:`events_frame`), with ``what="targets"`` its targets (:func:`targets_frame`);
    - tasks, targets: :func:`tasks_frame` (``what="events"`` for :func:`events_frame`),
      :func:`targets_frame`;
    - a :class:`~stprogress.indicators.Ledger`: a one-row :func:`ledgers_frame`; a mapping of keys to
      ledgers (from :func:`~stprogress.indicators.breakdown`, or periods to ledgers), or
      ``(key, ledger)`` pairs: :func:`ledgers_frame`.

    ``options`` go to the function chosen (``on=``, ``dates=``, ``ndigits=``). An empty iterable is a
    table of tasks unless ``what`` says otherwise.

    Raises:
        TypeError: if ``data`` is none of these.
    """
    if isinstance(data, Portfolio):
        if what == "targets":
            return targets_frame(data.targets, columns=columns, labels=labels, **options)
        data = _tasks(data)
    if isinstance(data, Ledger):
        data = [("", data)]
    if isinstance(data, Mapping):
        data = list(data.items())
    if not isinstance(data, Iterable) or isinstance(data, (str, bytes)):
        raise TypeError(f"to_frame reads tasks, targets, a portfolio or ledgers, not {type(data).__name__}")
    items = list(data)
    chosen = what or _guess(items)
    if chosen == "tasks":
        return tasks_frame(items, columns=columns, labels=labels, **options)
    if chosen == "events":
        return events_frame(items, columns=columns, labels=labels, **options)
    if chosen == "targets":
        return targets_frame(items, columns=columns, labels=labels, **options)
    return ledgers_frame(items, columns=columns, labels=labels, **options)


def _guess(items: Sequence[object]) -> _WHAT:
    first = items[0] if items else None
    if first is None or isinstance(first, Task):
        return "tasks"
    if isinstance(first, Target):
        return "targets"
    if isinstance(first, tuple) and len(first) == 2 and isinstance(first[1], Ledger):
        return "ledgers"
    raise TypeError(f"to_frame reads tasks, targets, a portfolio or ledgers, not {type(first).__name__}")
