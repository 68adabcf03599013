"""Charts of the indicators with matplotlib: carry-over of a period, ledgers over periods, targets.

Needs the ``plot`` extra (``pip install "stprogress[plot]"``). Importing this module draws nothing
and chooses no backend: pyplot is imported only when a chart is asked for without an ``ax`` to draw
on. Every function returns the matplotlib :class:`~matplotlib.axes.Axes` it drew on (its figure is
``ax.figure``), so a chart can be restyled, annotated, saved, or drawn into a figure of the user's.

Labels are Vietnamese by default (``lang="en"`` for English) and keep their diacritics: the default
font, DejaVu Sans, has every Vietnamese letter. Figures are exact counts; a completion is drawn at
its exact value and labelled rounded half-up, as a report writes it.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

try:
    from matplotlib.axes import Axes
except ImportError as error:  # the message is the point: say which extra brings matplotlib
    raise ImportError(
        'stprogress.plot needs matplotlib, which is an optional extra: pip install "stprogress[plot]"'
    ) from error

import textwrap
from collections.abc import Iterable, Mapping, Sequence

from stprogress.display import BUCKET_LABELS
from stprogress.formatting import format_number
from stprogress.indicators import Bucket, Ledger, share_met
from stprogress.model import Target
from stprogress.periods import Period
from stprogress.report import PeriodReport
from stprogress.vocab import Lang

__all__ = ["INFLOW", "OUTFLOW", "STOCK", "carry_over_chart", "ledger_series_chart", "targets_chart"]

STOCK = "#4c72b0"
"""Colour of the stocks of tasks: opening, managed, closing (and of met targets)."""
INFLOW = "#55a868"
"""Colour of tasks entering the ledger: new."""
OUTFLOW = "#c44e52"
"""Colour of tasks leaving it: completed, failed, terminated (and of targets not met)."""

_EXIT_COLOURS = {"completed": "#8172b3", "failed": OUTFLOW, "terminated": "#937860"}


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # noqa: PLC0415 - pyplot only on demand: no backend chosen on import

    _, created = plt.subplots(figsize=size, layout="constrained")
    return created


def _wrap(text: str, width: int = 14) -> str:
    return "\n".join(textwrap.wrap(text, width))


def _label(bucket: Bucket, lang: Lang) -> str:
    vi, en = BUCKET_LABELS[bucket]
    return vi if lang == "vi" else en


def carry_over_chart(
    ledger: Ledger | PeriodReport,
    *,
    period: Period | None = None,
    lang: Lang = "vi",
    ax: Axes | None = None,
) -> Axes:
    """The carry-over of a period as a waterfall: opening + new = managed -> exits -> closing.

    Bars, left to right: opening (from 0), new (on top of opening), managed (from 0), then completed,
    failed and terminated each hanging down from what is left, and closing (from 0). Each bar is
    labelled with its count. A :class:`~stprogress.report.PeriodReport` brings its ledger and period.

    Args:
        ledger: the ledger, or a report whose ledger and period are drawn.
        period: names the period in the title (a report's own period by default).
        lang: ``"vi"`` or ``"en"`` labels and number format.
        ax: the Axes to draw on; a new figure's by default.

    Returns:
        The Axes; its seven bars are ``ax.patches`` in the order above.
    """
    if isinstance(ledger, PeriodReport):
        period = period or ledger.period
        ledger = ledger.ledger
    ax = _axes(ax, (8, 4.5))
    left = ledger.managed
    steps: list[tuple[Bucket, int, int, str]] = [
        ("opening", 0, ledger.opening, STOCK),
        ("new", ledger.opening, ledger.new, INFLOW),
        ("managed", 0, ledger.managed, STOCK),
    ]
    for bucket in ("completed", "failed", "terminated"):
        count = ledger.count(bucket)
        left -= count
        steps.append((bucket, left, count, _EXIT_COLOURS[bucket]))
    steps.append(("closing", 0, ledger.closing, STOCK))
    positions = range(len(steps))
    ax.bar(
        positions,
        [height for _, _, height, _ in steps],
        bottom=[bottom for _, bottom, _, _ in steps],
        color=[colour for _, _, _, colour in steps],
        width=0.6,
    )
    for x, (_, bottom, height, _) in enumerate(steps):
        ax.annotate(
            format_number(height, lang),
            (x, bottom + height),
            xytext=(0, 3),
            textcoords="offset points",
            ha="center",
            va="bottom",
        )
    ax.set_xticks(list(positions), [_wrap(_label(b, lang)) for b, _, _, _ in steps])
    ax.set_ylabel("Số nhiệm vụ" if lang == "vi" else "Tasks")
    title = "Nhiệm vụ chuyển tiếp" if lang == "vi" else "Carry-over of tasks"
    if period is not None:
        title = f"{title} — {period.label(lang)}"
    ax.set_title(title)
    ax.set_ylim(0, max(ledger.managed, ledger.closing, 1) * 1.15)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def ledger_series_chart(
    ledgers: Mapping[Period, Ledger] | Iterable[tuple[Period, Ledger]],
    *,
    buckets: Sequence[Bucket] = ("opening", "new", "completed", "closing"),
    lang: Lang = "vi",
    ax: Axes | None = None,
) -> Axes:
    """Ledgers of consecutive periods side by side: one group of bars per period, one bar per figure.

    Args:
        ledgers: periods and their ledgers, in the order drawn (e.g. the quarters of a year, each
            ``carry_over(tasks, quarter)``).
        buckets: the figures drawn for each period, in order (``"managed"`` allowed).
        lang: ``"vi"`` or ``"en"`` labels.
        ax: the Axes to draw on; a new figure's by default.

    Returns:
        The Axes; ``ax.patches`` hold the bars bucket by bucket (every period's bar of the first
        bucket, then of the second, ...), and the legend names the buckets.
    """
    pairs = list(ledgers.items() if isinstance(ledgers, Mapping) else ledgers)
    ax = _axes(ax, (max(6.0, 1.6 * len(pairs)), 4.5))
    width = 0.8 / max(len(buckets), 1)
    colours = {"opening": STOCK, "new": INFLOW, "managed": "#64b5cd", "closing": "#8c8c8c", **_EXIT_COLOURS}
    for index, bucket in enumerate(buckets):
        offsets = [p + (index - (len(buckets) - 1) / 2) * width for p in range(len(pairs))]
        heights = [ledger.count(bucket) for _, ledger in pairs]
        bars = ax.bar(offsets, heights, width=width, label=_label(bucket, lang), color=colours[bucket])
        ax.bar_label(bars, labels=[format_number(h, lang) for h in heights], padding=2, fontsize="small")
    ax.set_xticks(list(range(len(pairs))), [_wrap(period.label(lang), 16) for period, _ in pairs])
    ax.set_ylabel("Số nhiệm vụ" if lang == "vi" else "Tasks")
    ax.set_title("Nhiệm vụ theo kỳ" if lang == "vi" else "Tasks by period")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1, 1))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def targets_chart(
    targets: Iterable[Target],
    *,
    lang: Lang = "vi",
    ax: Axes | None = None,
) -> Axes:
    """Completion of each target as a horizontal bar, with the line where a target is met (100%).

    Met targets are drawn in :data:`STOCK`, the others in :data:`OUTFLOW`; each bar is labelled with
    its completion as a report writes it. A target not assessed yet, or whose completion is
    undefined, has no bar and is labelled "—". The title gives the share of assessed targets met
    (:func:`~stprogress.indicators.share_met`).

    Returns:
        The Axes; ``ax.patches`` hold one bar per target with a defined completion, top to bottom in
        the order given, each as wide as the completion in percent.
    """
    items = list(targets)
    ax = _axes(ax, (8, max(2.5, 0.45 * len(items) + 1.2)))
    rows = list(range(len(items)))
    shown = [(row, t) for row, t in enumerate(items) if _percent(t) is not None]
    widths = [_percent(t) or 0.0 for _, t in shown]
    colours = [STOCK if t.is_met() else OUTFLOW for _, t in shown]
    ax.barh([row for row, _ in shown], widths, color=colours, height=0.6)
    for row, target in enumerate(items):
        completion = target.completion()
        text = "—" if completion is None else completion.format(lang)
        ax.annotate(
            text,
            (_percent(target) or 0.0, row),
            xytext=(3, 0),
            textcoords="offset points",
            va="center",
        )
    met_line = "Mức đạt (100%)" if lang == "vi" else "Met (100%)"
    ax.axvline(100, color="#333333", linestyle="--", linewidth=1, label=met_line)
    ax.legend(loc="lower right", frameon=False)
    ax.set_yticks(rows, [_wrap(f"{t.code} {t.name}", 40) for t in items])
    ax.invert_yaxis()
    ax.set_xlabel("Tỷ lệ hoàn thành (%)" if lang == "vi" else "Completion (%)")
    share = share_met(items)
    counts = f"{format_number(int(share.numerator), lang)}/{format_number(int(share.denominator), lang)}"
    prefix = "Tỷ lệ chỉ tiêu đạt" if lang == "vi" else "Share of targets met"
    ax.set_title(f"{prefix}: {share.format(lang)} ({counts})")
    ax.set_xlim(0, max([120.0, *(w * 1.15 for w in widths)]))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _percent(target: Target) -> float | None:
    # A float only to place a bar: every label is written from the exact ratio.
    completion = target.completion()
    value = None if completion is None else completion.value
    return None if value is None else float(value * 100)
