"""A deterministic synthetic portfolio at any size, as the wire-format document (plain JSON values).

The same seed and size always give the same document, byte for byte once encoded. The mix is meant to
look like a real provincial portfolio over 2012–2025: most tasks provincial or grassroots; ~80% with a
proposal on record; ~8% of proposals rejected; extensions, inspections, failed evaluations,
terminations; budgets in đồng; some tasks in programs whose phase holds their planned dates; and
ongoing tasks whose history stops at the data date. That gives ~5.7 events per task on average.

The document is generated as plain dicts so that every contender (stprogress, pydantic, msgspec,
pandas) decodes the very same JSON text.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

DATA_DATE = date(2025, 6, 30)
"""Nothing happens after this day: tasks still running have a history that stops before it."""

PROGRAMS: tuple[dict[str, Any], ...] = (
    {
        "code": "NTMN-2016-2025",
        "name": "Chương trình hỗ trợ ứng dụng, chuyển giao tiến bộ KH&CN nông thôn, miền núi",
        "level": "national",
        "phase": "2016-2025",
        "targets": [],
    },
    {
        "code": "QG-GEN-2021-2030",
        "name": "Chương trình bảo tồn và sử dụng bền vững nguồn gen",
        "level": "national",
        "phase": "2021-2030",
        "targets": [],
    },
    {
        "code": "ĐA-2021-2025",
        "name": "Đề án phát triển KH&CN của tỉnh giai đoạn 2021 - 2025",
        "level": "provincial",
        "phase": "2021-2025",
        "targets": [],
    },
)
_PHASES = {"NTMN-2016-2025": (2016, 2025), "QG-GEN-2021-2030": (2021, 2030), "ĐA-2021-2025": (2021, 2025)}

_LEVELS = (("national", 4), ("ministerial", 3), ("provincial", 55), ("grassroots", 38))
_KINDS = (
    ("research", 60),
    ("pilot_production", 12),
    ("scheme", 6),
    ("project", 12),
    ("gene_fund", 7),
    ("innovation", 3),
)
_GRADES = (("excellent", 15), ("pass", 70), ("good", 8), ("average", 2), ("fail", 5))
_TOPICS = (
    "Nghiên cứu giống lúa chịu mặn",
    "Ứng dụng công nghệ sinh học trong sản xuất nấm",
    "Xây dựng mô hình nuôi tôm tuần hoàn",
    "Bảo tồn nguồn gen cây chè Shan tuyết",
    "Chuyển đổi số trong quản lý đất đai",
    "Đánh giá chất lượng nước sông Đà",
    "Phát triển sản phẩm OCOP từ dược liệu",
    "Nghiên cứu lịch sử văn hóa làng nghề",
)
_HOSTS = (
    "Viện Khoa học Nông nghiệp",
    "Trường Đại học Nông Lâm",
    "Trung tâm Ứng dụng KH&CN",
    "Bệnh viện Đa khoa tỉnh",
)
_LEADS = (
    "TS. Nguyễn Văn An",
    "ThS. Trần Thị Bình",
    "PGS.TS. Lê Đức Cường",
    "KS. Phạm Thu Hà",
    "TS. Đỗ Minh Khoa",
)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([w[0] for w in weighted], weights=[w[1] for w in weighted])[0]


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, 28))


def _event(kind: str, on: date, **extra: Any) -> dict[str, Any]:
    return {"event": kind, "on": on.isoformat(), **extra}


def _history(
    rng: random.Random, index: int, approved_on: date, start: date, end: date
) -> list[dict[str, Any]]:
    """A legal history, cut at :data:`DATA_DATE`; the approval is always on or before it."""
    events: list[dict[str, Any]] = []
    if rng.random() < 0.8:
        events.append(_event("proposed", approved_on - timedelta(days=rng.randint(30, 200))))
    events.append(_event("approved", approved_on, ref=f"{index % 3000 + 1}/QĐ-UBND"))
    if rng.random() < 0.02:  # stopped before a contract was signed
        events.append(_event("terminated", approved_on + timedelta(days=rng.randint(20, 200))))
        return _cut(events)
    contracted = max(
        approved_on + timedelta(days=rng.randint(10, 60)), start - timedelta(days=rng.randint(0, 20))
    )
    events.append(_event("contracted", contracted, ref=f"{index % 900 + 1}/HĐ-KHCN"))
    due = end
    day = contracted
    if rng.random() < 0.03:  # terminated while in progress
        events.append(_event("terminated", contracted + timedelta(days=rng.randint(60, 400))))
        if rng.random() < 0.7:
            events.append(_event("liquidated", contracted + timedelta(days=rng.randint(401, 600))))
        return _cut(events)
    for _ in range(rng.choice((0, 1, 1, 1, 2, 2))):
        day = day + timedelta(days=rng.randint(120, 240))
        if day >= due:
            break
        events.append(_event("inspected", day))
    if rng.random() < 0.18:
        day = max(day, due - timedelta(days=rng.randint(10, 60)))
        due = _add_months(due, rng.randint(3, 12))
        events.append(_event("extended", day, until=due.isoformat(), ref=f"{index % 500 + 1}/QĐ-SKHCN"))
    evaluated = max(day, due + timedelta(days=rng.randint(-20, 60)))
    grade = _pick(rng, _GRADES)
    events.append(_event("evaluated", evaluated, grade=grade))
    if grade != "fail" and rng.random() < 0.85:
        events.append(_event("registered", evaluated + timedelta(days=rng.randint(5, 30))))
    if rng.random() < 0.6:
        events.append(_event("liquidated", evaluated + timedelta(days=rng.randint(31, 120))))
    return _cut(events)


def _cut(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    limit = DATA_DATE.isoformat()
    # Dates are non-decreasing, so the known history is a prefix.
    return [e for e in events if e["on"] <= limit]


def _rejected(rng: random.Random, approved_on: date) -> list[dict[str, Any]]:
    proposed = approved_on - timedelta(days=rng.randint(30, 200))
    return [_event("proposed", proposed), _event("rejected", proposed + timedelta(days=rng.randint(20, 90)))]


def task(rng: random.Random, index: int) -> dict[str, Any]:
    """One synthetic task as its wire-format dict."""
    approved_on = date(2012, 1, 1) + timedelta(
        days=rng.randint(0, (date(2025, 3, 31) - date(2012, 1, 1)).days)
    )
    start = approved_on + timedelta(days=rng.randint(0, 120))
    start = start.replace(day=1)
    if start < approved_on:
        start = _add_months(start, 1).replace(day=1)
    end = _add_months(start, rng.choice((12, 18, 24, 24, 30, 36))) - timedelta(days=1)
    level = _pick(rng, _LEVELS)
    kind = _pick(rng, _KINDS)
    program = None
    if rng.random() < 0.25:
        code = rng.choice(tuple(_PHASES))
        first, last = _PHASES[code]
        if first <= start.year and end.year <= last:
            program = code
    history = (
        _rejected(rng, approved_on) if rng.random() < 0.07 else _history(rng, index, approved_on, start, end)
    )
    state = rng.randrange(50, 5_000) * 1_000_000
    return {
        "code": f"NV-{approved_on.year}-{index:07d}",
        "title": f"{_TOPICS[index % len(_TOPICS)]} (đợt {index})",
        "level": level,
        "kind": kind,
        "planned_start": start.isoformat(),
        "planned_end": end.isoformat(),
        "history": history,
        "program": program,
        "field": str(rng.randint(1, 6)) if rng.random() < 0.9 else None,
        "host": rng.choice(_HOSTS),
        "lead": rng.choice(_LEADS),
        "budget": {"state": state, "other": rng.randrange(0, 500) * 1_000_000 if rng.random() < 0.3 else 0},
    }


def portfolio(size: int, *, seed: int = 20250630) -> dict[str, Any]:
    """A synthetic portfolio document of ``size`` tasks; the same ``seed`` gives the same document."""
    rng = random.Random(seed)
    return {
        "owner": "Sở Khoa học và Công nghệ tỉnh Mẫu (dữ liệu tổng hợp)",
        "tasks": [task(rng, i) for i in range(size)],
        "programs": [dict(p) for p in PROGRAMS],
        "targets": [
            {
                "code": "CT-01",
                "name": "Số nhiệm vụ được nghiệm thu",
                "unit": "nhiệm vụ",
                "planned": "120",
                "actual": "131",
                "direction": "at_least",
                "period": None,
            }
        ],
    }


def events_per_task(doc: dict[str, Any]) -> float:
    """The mean number of events per task of a document."""
    tasks = doc["tasks"]
    return sum(len(t["history"]) for t in tasks) / len(tasks)
