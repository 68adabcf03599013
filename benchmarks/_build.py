"""Build stprogress objects straight from a generated document (no JSON decoding involved).

Used for the benchmarks that start from objects, and to check that the generator only produces valid
portfolios. The serialization layer's loader is what the decoding benchmarks measure.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from stprogress import Budget, Field, Level, Period, Portfolio, Program, Target, Task, TaskKind
from stprogress.lifecycle import EVENT_BY_KIND
from stprogress.vocab import Direction, Grade

_d = date.fromisoformat


def event(data: dict[str, Any]) -> Any:
    """One event object from its wire dict."""
    cls = EVENT_BY_KIND[data["event"]]
    kwargs: dict[str, Any] = {"ref": data.get("ref"), "note": data.get("note")}
    if "until" in data:
        kwargs["until"] = _d(data["until"])
    if "grade" in data:
        kwargs["grade"] = Grade(data["grade"])
    return cls(_d(data["on"]), **kwargs)


def task(data: dict[str, Any]) -> Task:
    """One task object from its wire dict."""
    budget = data["budget"]
    return Task(
        data["code"],
        data["title"],
        Level(data["level"]),
        TaskKind(data["kind"]),
        _d(data["planned_start"]),
        _d(data["planned_end"]),
        tuple(event(e) for e in data["history"]),
        program=data["program"],
        field=None if data["field"] is None else Field(data["field"]),
        host=data["host"],
        lead=data["lead"],
        budget=None if budget is None else Budget(budget["state"], budget["other"]),
    )


def portfolio(doc: dict[str, Any]) -> Portfolio:
    """The portfolio object of a generated document."""
    return Portfolio(
        doc["owner"],
        [task(t) for t in doc["tasks"]],
        [Program(p["code"], p["name"], Level(p["level"]), Period.parse(p["phase"])) for p in doc["programs"]],
        [
            Target(
                t["code"],
                t["name"],
                t["unit"],
                Decimal(t["planned"]),
                Decimal(t["actual"]),
                Direction(t["direction"]),
            )
            for t in doc["targets"]
        ],
    )
