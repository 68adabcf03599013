"""Rich display in notebooks: HTML and text views of ledgers, reports, targets, periods, portfolios.

Jupyter shows a value through its ``_repr_html_`` method; the library's classes delegate theirs to
the functions here, which need nothing beyond the standard library. Each function takes ``lang``:
``"vi"`` or ``"en"`` for one language, ``None`` (the default, what a notebook shows) for both, every
label in Vietnamese with its English beside it. Numbers are written the way the language writes them
(vi ``4.485``, en ``4,485``); with both languages, the Vietnamese way, as the reports are Vietnamese.

A portfolio is shown as a summary (counts by level and status, budgets, programs, targets), never as
one row per task: a department's portfolio can hold a hundred thousand tasks. Every text that comes
from the data (owners, names, codes) is HTML-escaped.

>>> from stprogress import Period
>>> from stprogress.indicators import Ledger
>>> print(ledger_text(Ledger(opening=57, new=36, completed=24, closing=69), "vi"))
Chuyển tiếp từ kỳ trước   57
Mới trong kỳ              36
Tổng số quản lý           93
Hoàn thành                24
Không đạt                  0
Dừng thực hiện             0
Chuyển tiếp sang kỳ sau   69
>>> "<table" in period_html(Period.year(2023))
True

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from stprogress.formatting import format_number
from stprogress.indicators import LEDGER_ORDER, Bucket, Ledger, share_met
from stprogress.model import Portfolio, Target
from stprogress.periods import Period
from stprogress.ratio import UNDEFINED_MARK, Ratio
from stprogress.vocab import Lang, Level, Status

if TYPE_CHECKING:  # report may delegate its _repr_html_ here; the annotation needs no import cycle
    from stprogress.report import PeriodReport

__all__ = [
    "BUCKET_LABELS",
    "MAX_ROWS",
    "TargetList",
    "ledger_html",
    "ledger_text",
    "period_html",
    "period_text",
    "portfolio_html",
    "portfolio_text",
    "report_html",
    "report_text",
    "target_html",
    "targets_html",
    "targets_text",
]

MAX_ROWS = 10
"""The most programs or targets a summary lists; the rest are counted ("… và 12 mục khác")."""

BUCKET_LABELS: Mapping[Bucket, tuple[str, str]] = {
    "opening": ("Chuyển tiếp từ kỳ trước", "Carried over (opening)"),
    "new": ("Mới trong kỳ", "New"),
    "managed": ("Tổng số quản lý", "Managed"),
    "completed": ("Hoàn thành", "Completed"),
    "failed": ("Không đạt", "Failed"),
    "terminated": ("Dừng thực hiện", "Terminated"),
    "closing": ("Chuyển tiếp sang kỳ sau", "Carried forward (closing)"),
}
"""Each ledger figure's name in Vietnamese and English, in the order a ledger is read."""

_STYLE = "border-collapse:collapse;text-align:left"
_CELL = "padding:2px 8px;border-bottom:1px solid #ddd"


def _pick(pair: tuple[str, str], lang: Lang | None) -> str:
    if lang is None:
        return pair[0] if pair[0] == pair[1] else f"{pair[0]} / {pair[1]}"
    return pair[0] if lang == "vi" else pair[1]


def _pick_html(pair: tuple[str, str], lang: Lang | None) -> str:
    vi, en = (html.escape(p) for p in pair)
    if lang is None:
        return vi if vi == en else f'{vi}<br><small style="opacity:.7">{en}</small>'
    return vi if lang == "vi" else en


def _number(value: int, lang: Lang | None) -> str:
    return format_number(value, lang or "vi")


def _ratio(ratio: Ratio | None, lang: Lang | None) -> str:
    return UNDEFINED_MARK if ratio is None else ratio.format(lang or "vi")


def _table(header: Sequence[str] | None, rows: Iterable[Sequence[str]], numeric_from: int = 1) -> str:
    """An HTML table of cells already escaped; cells from ``numeric_from`` on are right-aligned."""

    def cell(tag: str, index: int, content: str) -> str:
        align = ";text-align:right" if index >= numeric_from else ""
        return f'<{tag} style="{_CELL}{align}">{content}</{tag}>'

    parts = [f'<table style="{_STYLE}">']
    if header is not None:
        parts.append(
            "<thead><tr>" + "".join(cell("th", i, h) for i, h in enumerate(header)) + "</tr></thead>"
        )
    parts.append("<tbody>")
    parts.extend("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(row)) + "</tr>" for row in rows)
    parts.append("</tbody></table>")
    return "".join(parts)


def _title(text: str) -> str:
    return f"<p><strong>{text}</strong></p>"


def _text_table(rows: Sequence[tuple[str, str]]) -> str:
    """Two aligned columns: a label, then a right-aligned figure."""
    left = max((len(label) for label, _ in rows), default=0)
    right = max((len(value) for _, value in rows), default=0)
    return "\n".join(f"{label:<{left}} {value:>{right + 2}}".rstrip() for label, value in rows)


# ----------------------------------------------------------------------------- ledger


def ledger_text(ledger: Ledger, lang: Lang | None = None) -> str:
    """The ledger as aligned lines, one per figure, ``managed`` after ``new``."""
    return _text_table(
        [(_pick(BUCKET_LABELS[b], lang), _number(ledger.count(b), lang)) for b in LEDGER_ORDER]
    )


def _ledger_rows(columns: Sequence[Ledger], lang: Lang | None) -> Iterator[list[str]]:
    for bucket in LEDGER_ORDER:
        label = _pick_html(BUCKET_LABELS[bucket], lang)
        if bucket == "managed":
            label = f"<strong>{label}</strong>"
        yield [label, *(_number(ledger.count(bucket), lang) for ledger in columns)]


def ledger_html(ledger: Ledger, lang: Lang | None = None) -> str:
    """The ledger as an HTML table, with a note when it does not balance (figures typed by hand)."""
    rows = list(_ledger_rows([ledger], lang))
    note = ""
    if not ledger.is_balanced:
        note = "<p>" + _pick_html(("Các số liệu không cân đối", "The figures do not balance"), lang) + "</p>"
    return _table(None, rows) + note


# ----------------------------------------------------------------------------- period


def period_text(period: Period, lang: Lang | None = None) -> str:
    """The period's label, code and dates in one line."""
    label = _pick((period.label("vi"), period.label("en")), lang)
    return f"{label} [{period.code}]: {period.start.isoformat()} – {period.end.isoformat()}"


def period_html(period: Period, lang: Lang | None = None) -> str:
    """The period's label, code, kind and dates as a small table."""
    rows = [
        [_pick_html(("Kỳ", "Period"), lang), _pick_html((period.label("vi"), period.label("en")), lang)],
        [_pick_html(("Mã", "Code"), lang), html.escape(period.code)],
        [
            _pick_html(("Loại kỳ", "Kind"), lang),
            _pick_html((period.kind.label_vi, period.kind.label_en), lang),
        ],
        [_pick_html(("Từ ngày", "From"), lang), period.start.isoformat()],
        [_pick_html(("Đến ngày", "To"), lang), period.end.isoformat()],
    ]
    return _table(None, rows, numeric_from=2)


# ----------------------------------------------------------------------------- targets


def _target_row(target: Target, lang: Lang | None) -> list[str]:
    met = target.is_met()
    shown_met = "—" if met is None else _pick_html(("đạt", "met") if met else ("không đạt", "not met"), lang)
    actual = "—" if target.actual is None else format_number(target.actual, lang or "vi")
    return [
        html.escape(target.code),
        html.escape(target.name),
        html.escape(target.unit),
        format_number(target.planned, lang or "vi"),
        actual,
        _ratio(target.completion(), lang),
        shown_met,
    ]


_TARGET_HEADER = (
    ("Mã", "Code"),
    ("Chỉ tiêu", "Target"),
    ("Đơn vị tính", "Unit"),
    ("Kế hoạch", "Planned"),
    ("Thực hiện", "Actual"),
    ("Tỷ lệ hoàn thành", "Completion"),
    ("Kết quả", "Result"),
)


def targets_html(targets: Iterable[Target], lang: Lang | None = None, *, max_rows: int | None = None) -> str:
    """The targets as a table, with the share of assessed targets met below it.

    ``max_rows`` limits the rows shown (the rest are counted); ``None`` shows every target.
    """
    items = list(targets)
    shown = items if max_rows is None else items[:max_rows]
    header = [_pick_html(pair, lang) for pair in _TARGET_HEADER]
    table = _table(header, (_target_row(t, lang) for t in shown), numeric_from=3)
    more = _more(len(items) - len(shown), lang)
    share = share_met(items)
    footer = _pick_html(("Tỷ lệ chỉ tiêu đạt", "Share of targets met"), lang)
    counts = f"{_number(int(share.numerator), lang)}/{_number(int(share.denominator), lang)}"
    return f"{table}{more}<p>{footer}: {_ratio(share, lang)} ({counts})</p>"


def targets_text(targets: Iterable[Target], lang: Lang | None = None) -> str:
    """One line per target (code, name, actual / planned, completion, met), then the share met."""
    items = list(targets)
    lines = []
    for t in items:
        actual = "—" if t.actual is None else format_number(t.actual, lang or "vi")
        met = t.is_met()
        result = "—" if met is None else _pick(("đạt", "met") if met else ("không đạt", "not met"), lang)
        lines.append(
            f"{t.code}  {t.name}: {actual}/{format_number(t.planned, lang or 'vi')} {t.unit}"
            f"  {_ratio(t.completion(), lang)}  {result}"
        )
    share = share_met(items)
    label = _pick(("Tỷ lệ chỉ tiêu đạt", "Share of targets met"), lang)
    lines.append(
        f"{label}: {_ratio(share, lang)} "
        f"({_number(int(share.numerator), lang)}/{_number(int(share.denominator), lang)})"
    )
    return "\n".join(lines)


def target_html(target: Target, lang: Lang | None = None) -> str:
    """One target as a one-row table."""
    header = [_pick_html(pair, lang) for pair in _TARGET_HEADER]
    return _table(header, [_target_row(target, lang)], numeric_from=3)


def _targets_tuple(values: Iterable[Target]) -> tuple[Target, ...]:
    return tuple(values)


@attrs.frozen
class TargetList:
    """A collection of targets that shows itself as a table in a notebook.

    >>> from decimal import Decimal
    >>> targets = TargetList([Target("CT-1", "Đề tài nghiệm thu", "đề tài", Decimal(9), Decimal(7))])
    >>> print(repr(targets))
    CT-1  Đề tài nghiệm thu: 7/9 đề tài  77,8%  không đạt / not met
    Tỷ lệ chỉ tiêu đạt / Share of targets met: 0,0% (0/1)
    """

    targets: tuple[Target, ...] = attrs.field(converter=_targets_tuple)

    def __iter__(self) -> Iterator[Target]:
        return iter(self.targets)

    def __len__(self) -> int:
        return len(self.targets)

    def __repr__(self) -> str:
        return targets_text(self.targets)

    def _repr_html_(self) -> str:
        return targets_html(self.targets)


# ----------------------------------------------------------------------------- portfolio


def _more(count: int, lang: Lang | None) -> str:
    if count <= 0:
        return ""
    n = _number(count, lang)
    return "<p>" + _pick_html((f"… và {n} mục khác", f"… and {n} more"), lang) + "</p>"


def _counts(portfolio: Portfolio) -> dict[tuple[Level, Status], int]:
    counts: dict[tuple[Level, Status], int] = {}
    for task in portfolio.tasks:
        key = (task.level, task.status)
        counts[key] = counts.get(key, 0) + 1
    return counts


def portfolio_text(portfolio: Portfolio, lang: Lang | None = None) -> str:
    """A few lines: owner, how many tasks (by status), programs and targets, budgets."""
    counts = _counts(portfolio)
    by_status = {s: sum(n for (_, st), n in counts.items() if st is s) for s in Status}
    statuses = ", ".join(
        f"{_pick((s.label_vi, s.label_en), lang)}: {_number(n, lang)}" for s, n in by_status.items() if n
    )
    money = _money_of(portfolio)
    tasks = _pick(("nhiệm vụ", "tasks"), lang)
    lines = [
        portfolio.owner,
        f"{_number(len(portfolio.tasks), lang)} {tasks}" + (f" ({statuses})" if statuses else ""),
        f"{_pick(('Chương trình', 'Programs'), lang)}: {_number(len(portfolio.programs), lang)}; "
        f"{_pick(('chỉ tiêu', 'targets'), lang)}: {_number(len(portfolio.targets), lang)}",
        f"{_pick(('Kinh phí NSNN', 'State budget'), lang)}: {_number(money[0], lang)} đồng; "
        f"{_pick(('nguồn khác', 'other sources'), lang)}: {_number(money[1], lang)} đồng",
    ]
    return "\n".join(lines)


def _money_of(portfolio: Portfolio) -> tuple[int, int]:
    state = other = 0
    for task in portfolio.tasks:
        if task.budget is not None:
            state += task.budget.state
            other += task.budget.other
    return state, other


def portfolio_html(portfolio: Portfolio, lang: Lang | None = None, *, max_rows: int = MAX_ROWS) -> str:
    """A summary of the portfolio: tasks by level and status, budgets, programs, targets.

    Never one row per task; programs and targets beyond ``max_rows`` are counted, not listed.
    """
    counts = _counts(portfolio)
    levels = [level for level in Level if any(lv is level for lv, _ in counts)]
    statuses = [status for status in Status if any(st is status for _, st in counts)]
    parts = [_title(html.escape(portfolio.owner))]
    total = _number(len(portfolio.tasks), lang)
    parts.append(f"<p>{_pick_html(('Số nhiệm vụ', 'Tasks'), lang)}: {total}</p>")
    if statuses:
        header = [
            _pick_html(("Cấp quản lý", "Level"), lang),
            *(_pick_html((s.label_vi, s.label_en), lang) for s in statuses),
            _pick_html(("Tổng", "Total"), lang),
        ]
        rows = [
            [
                _pick_html((lv.label_vi, lv.label_en), lang),
                *(_number(counts.get((lv, st), 0), lang) for st in statuses),
                _number(sum(counts.get((lv, st), 0) for st in statuses), lang),
            ]
            for lv in levels
        ]
        parts.append(_table(header, rows))
    state, other = _money_of(portfolio)
    budget_rows = [
        [_pick_html(("Ngân sách nhà nước (đồng)", "State budget (đồng)"), lang), _number(state, lang)],
        [_pick_html(("Nguồn khác (đồng)", "Other sources (đồng)"), lang), _number(other, lang)],
    ]
    parts.append(_table(None, budget_rows))
    if portfolio.programs:
        parts.append(_title(_pick_html(("Chương trình, đề án", "Programs and schemes"), lang)))
        header = [
            _pick_html(("Mã", "Code"), lang),
            _pick_html(("Tên", "Name"), lang),
            _pick_html(("Giai đoạn", "Phase"), lang),
        ]
        shown = portfolio.programs[:max_rows]
        rows = [
            [
                html.escape(p.code),
                html.escape(p.name),
                _pick_html((p.phase.label("vi"), p.phase.label("en")), lang),
            ]
            for p in shown
        ]
        parts.append(_table(header, rows, numeric_from=3))
        parts.append(_more(len(portfolio.programs) - len(shown), lang))
    if portfolio.targets:
        parts.append(_title(_pick_html(("Chỉ tiêu", "Targets"), lang)))
        parts.append(targets_html(portfolio.targets, lang, max_rows=max_rows))
    return "".join(parts)


# ----------------------------------------------------------------------------- report


def report_text(report: PeriodReport, lang: Lang | None = None) -> str:
    """The report's summary sentences (both languages by default), then its ledger."""
    summaries = [report.summary("vi"), report.summary("en")] if lang is None else [report.summary(lang)]
    return "\n\n".join([*summaries, ledger_text(report.ledger, lang)])


def report_html(report: PeriodReport, lang: Lang | None = None) -> str:
    """The report: period and owner, summary sentences, the ledger in total and by level, inspections."""
    period = _pick_html((report.period.label("vi"), report.period.label("en")), lang)
    owner = "" if report.owner is None else f" — {html.escape(report.owner)}"
    parts = [_title(f"{period}{owner}")]
    languages: list[Lang] = ["vi", "en"] if lang is None else [lang]
    for language in languages:
        sentences = "".join(f"<li>{html.escape(s)}</li>" for s in report.summary(language).splitlines())
        parts.append(f'<ul lang="{language}">{sentences}</ul>')
    levels = list(report.by_level)
    header = [
        "",
        _pick_html(("Tổng", "Total"), lang),
        *(_pick_html((lv.label_vi, lv.label_en), lang) for lv in levels),
    ]
    columns = [report.ledger, *(report.by_level[lv].ledger for lv in levels)]
    parts.append(_table(header, list(_ledger_rows(columns, lang))))
    inspections = report.inspections
    parts.append(
        "<p>"
        + _pick_html(("Kiểm tra tiến độ", "Progress inspections"), lang)
        + f": {_number(inspections.events, lang)} "
        + _pick_html(("lượt", "visits"), lang)
        + f", {_number(inspections.tasks, lang)} "
        + _pick_html(("nhiệm vụ", "tasks"), lang)
        + "</p>"
    )
    return "".join(parts)
