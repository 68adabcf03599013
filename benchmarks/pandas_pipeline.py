"""The idiomatic pandas pipeline an analyst would write instead: events long, milestones wide, masks.

From the JSON document: ``pd.json_normalize`` the histories into one row per event, pivot the first
date of each event kind into one row per task, then compute each figure with vectorised masks. The
rules are those of :mod:`stprogress.indicators` (entry and exit bases, failed and terminated exits
whatever the basis, a task that leaves before it enters is outside), so the figures agree.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

COMPLETED, FAILED, TERMINATED = 2, 3, 4
_MILESTONES = (
    "proposed",
    "rejected",
    "approved",
    "contracted",
    "evaluated",
    "registered",
    "liquidated",
    "terminated",
)


def frames(doc: dict[str, Any]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(tasks: one row per task with its milestone dates, events: one row per event)."""
    events = pd.json_normalize(doc["tasks"], record_path="history", meta=["code"])
    events["on"] = pd.to_datetime(events["on"])
    events["until"] = pd.to_datetime(events["until"])
    firsts = events.groupby(["code", "event"])["on"].min().unstack()
    failed = events.loc[(events["event"] == "evaluated") & (events["grade"] == "fail"), "code"]
    tasks = pd.json_normalize(doc["tasks"], max_level=1).drop(columns=["history", "title", "host", "lead"])
    tasks = tasks.set_index("code")
    for column in ("planned_start", "planned_end"):
        tasks[column] = pd.to_datetime(tasks[column])
    tasks = tasks.join(firsts.reindex(columns=list(_MILESTONES)))
    tasks["failed"] = tasks.index.isin(failed)
    tasks["budget.state"] = tasks["budget.state"].fillna(0).astype("int64")
    tasks["budget.other"] = tasks["budget.other"].fillna(0).astype("int64")
    return tasks, events


def frames_from_file(path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The frames of a JSON document on disk."""
    with path.open(encoding="utf-8") as file:
        return frames(json.load(file))


def bases(tasks: pd.DataFrame, enters: str = "approved", exits: str = "evaluated") -> pd.DataFrame:
    """Entry day, exit day and exit bucket of each task in the ledger on these bases."""
    if enters == "started":
        entry = tasks["approved"].where(
            tasks["approved"].isna(), np.maximum(tasks["approved"], tasks["planned_start"])
        )
    else:
        entry = tasks[enters]
    terminated, evaluated, failed = tasks["terminated"], tasks["evaluated"], tasks["failed"]
    completion = (
        tasks["registered"].fillna(tasks["liquidated"]) if exits == "registered" else tasks["liquidated"]
    )
    conditions = [terminated.notna(), evaluated.notna() & failed, evaluated.notna() & (exits == "evaluated")]
    left = pd.Series(
        np.select(
            conditions, [terminated.values, evaluated.values, evaluated.values], default=completion.values
        ),
        index=tasks.index,
    )
    outcome = np.select(conditions, [TERMINATED, FAILED, COMPLETED], default=COMPLETED)
    keep = entry.notna() & ~(left < entry)
    return pd.DataFrame({"entry": entry, "left": left, "outcome": outcome})[keep]


def masks(b: pd.DataFrame, start: date, end: date) -> pd.DataFrame:
    """The six bucket masks of a period over the frame of :func:`bases`."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    entry, left, outcome = b["entry"], b["left"], b["outcome"]
    inside = (entry <= e) & (left.isna() | (left >= s))
    out = inside & (left <= e)
    return pd.DataFrame(
        {
            "opening": inside & (entry < s),
            "new": inside & (entry >= s),
            "completed": out & (outcome == COMPLETED),
            "failed": out & (outcome == FAILED),
            "terminated": out & (outcome == TERMINATED),
            "closing": inside & ~out,
        }
    )


def ledger(
    tasks: pd.DataFrame, start: date, end: date, enters: str = "approved", exits: str = "evaluated"
) -> pd.Series:
    """The carry-over counts of a period."""
    return masks(bases(tasks, enters, exits), start, end).sum()


def breakdown(tasks: pd.DataFrame, start: date, end: date, by: str = "level") -> pd.DataFrame:
    """The carry-over counts of each group."""
    b = bases(tasks)
    m = masks(b, start, end)
    grouped = m.groupby(tasks.loc[b.index, by], dropna=False).sum()
    return grouped[(grouped["opening"] + grouped["new"]) > 0]


def series(tasks: pd.DataFrame, periods: list[tuple[date, date]]) -> list[pd.Series]:
    """The carry-over counts of each period (bases computed once)."""
    b = bases(tasks)
    return [masks(b, s, e).sum() for s, e in periods]


def report(tasks: pd.DataFrame, events: pd.DataFrame, start: date, end: date) -> dict[str, Any]:
    """The figures of stprogress's period report: ledger by level and program, events, proposals,
    budgets by bucket, overdue tasks."""
    s, e = pd.Timestamp(start), pd.Timestamp(end)
    b = bases(tasks)
    m = masks(b, start, end)
    keys = tasks.loc[b.index, ["level", "program", "budget.state", "budget.other"]]
    by_level = m.groupby(keys["level"]).sum()
    by_program = m.groupby(keys["program"], dropna=False).sum()
    money = {bucket: keys.loc[m[bucket], ["budget.state", "budget.other"]].sum() for bucket in m.columns}
    within = events[(events["on"] >= s) & (events["on"] <= e)]
    counted = within.groupby("event")["code"].agg(["size", "nunique"])
    proposed = tasks["proposed"].between(s, e)
    pipeline = {
        "proposed": int(proposed.sum()),
        "approved": int((proposed & (tasks["approved"] <= e)).sum()),
        "rejected": int((proposed & (tasks["rejected"] <= e)).sum()),
    }
    extended = events[(events["event"] == "extended") & (events["on"] <= e)].groupby("code")["until"].max()
    due = extended.reindex(tasks.index).fillna(tasks["planned_end"])
    still_open = (tasks["approved"] <= e) & ~(tasks["terminated"] <= e) & ~(tasks["evaluated"] <= e)
    overdue = tasks.index[still_open & (due < e)]
    return {
        "ledger": m.sum(),
        "by_level": by_level,
        "by_program": by_program,
        "budgets": money,
        "events": counted,
        "pipeline": pipeline,
        "overdue": overdue,
    }
