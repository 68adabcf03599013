"""A portfolio as a small set of CSV files, in a folder or one zip, for spreadsheets.

Five files, UTF-8 with a byte order mark so that Excel opens Vietnamese correctly:

- ``portfolio.csv``: one row, the document's ``schema``, ``version`` and ``owner``;
- ``programs.csv``: one row per program;
- ``targets.csv``: one row per target; ``program`` names the program a target belongs to, empty for
  the portfolio's own targets;
- ``tasks.csv``: one row per task, the budget in two columns;
- ``events.csv``: one row per event, ``task`` naming its task, in the order of the task's history.

Headers are the wire keys (``headers="en"``) or Vietnamese (``headers="vi"``); either is read back.
An empty cell is "no value" (``null``). A cell that a spreadsheet would take for a formula (starting
with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading apostrophe;
so that the escape is unambiguous, text that itself starts with an apostrophe gets one too, and the
empty text is written as a lone apostrophe. Reading removes exactly one leading apostrophe, so the
round trip gives back the very same portfolio.

>>> from datetime import date
>>> from stprogress import Approved, Level, Portfolio, Task, TaskKind
>>> task = Task(
...     "ĐT-01",
...     "=Giống lúa",
...     Level.PROVINCIAL,
...     TaskKind.RESEARCH,
...     date(2023, 1, 1),
...     date(2024, 12, 31),
...     [Approved(date(2022, 11, 20))],
... )
>>> files = to_files(Portfolio("Sở KH&CN", [task]), headers="vi")
>>> files["tasks.csv"].splitlines()[1][:40]
"ĐT-01,'=Giống lúa,provincial,research,20"
>>> from_files(files).tasks[0].title
'=Giống lúa'
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Final, Literal

from stprogress.model import Portfolio
from stprogress.serialize import from_dict, to_dict
from stprogress.validation import PathSegment, Problem, ValidationError

__all__ = ["FILES", "escape_cell", "from_files", "read", "to_files", "unescape_cell", "write"]

Headers = Literal["en", "vi"]

_COLUMNS: Final[dict[str, tuple[tuple[str, str], ...]]] = {
    "portfolio.csv": (("schema", "lược đồ"), ("version", "phiên bản"), ("owner", "đơn vị quản lý")),
    "programs.csv": (("code", "mã"), ("name", "tên chương trình"), ("level", "cấp"), ("phase", "giai đoạn")),
    "targets.csv": (
        ("program", "chương trình"),
        ("code", "mã"),
        ("name", "tên chỉ tiêu"),
        ("unit", "đơn vị tính"),
        ("planned", "kế hoạch"),
        ("actual", "thực hiện"),
        ("direction", "chiều đánh giá"),
        ("period", "kỳ"),
    ),
    "tasks.csv": (
        ("code", "mã"),
        ("title", "tên nhiệm vụ"),
        ("level", "cấp"),
        ("kind", "loại"),
        ("planned_start", "bắt đầu theo kế hoạch"),
        ("planned_end", "kết thúc theo kế hoạch"),
        ("program", "chương trình"),
        ("field", "lĩnh vực"),
        ("host", "tổ chức chủ trì"),
        ("lead", "chủ nhiệm"),
        ("budget_state", "kinh phí ngân sách nhà nước"),
        ("budget_other", "kinh phí nguồn khác"),
    ),
    "events.csv": (
        ("task", "mã nhiệm vụ"),
        ("event", "sự kiện"),
        ("on", "ngày"),
        ("until", "gia hạn đến"),
        ("grade", "xếp loại"),
        ("ref", "số văn bản"),
        ("note", "ghi chú"),
    ),
}

FILES: Final = tuple(_COLUMNS)
"""The files of a portfolio in CSV, in the order they are written."""

_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r", "'")
_BOM: Final = "\ufeff"
_WHOLE: Final = re.compile(r"[0-9]+", re.ASCII)


def escape_cell(text: str) -> str:
    """Text as written in a cell: a leading apostrophe if a spreadsheet could run it (or it is empty).

    >>> [escape_cell(t) for t in ("=1+1", "'a", "", "ĐT-01")]
    ["'=1+1", "''a", "'", 'ĐT-01']
    """
    return "'" + text if not text or text.startswith(_TRIGGERS) else text


def unescape_cell(cell: str) -> str | None:
    """The text a cell holds: ``None`` for an empty cell, else without one leading apostrophe."""
    if not cell:
        return None
    return cell[1:] if cell.startswith("'") else cell


# ----------------------------------------------------------------------------------- writing


def _cell(value: object) -> str:
    return "" if value is None else escape_cell(str(value))


def _table(name: str, rows: Iterable[Mapping[str, object]], headers: Headers) -> str:
    columns = _COLUMNS[name]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([vi if headers == "vi" else en for en, vi in columns])
    writer.writerows([_cell(row.get(en)) for en, _ in columns] for row in rows)
    return _BOM + out.getvalue()


def to_files(portfolio: Portfolio, *, headers: Headers = "en") -> dict[str, str]:
    """The CSV files of ``portfolio``, by file name, each text starting with a byte order mark."""
    doc = to_dict(portfolio)
    tasks: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    for task in doc["tasks"]:
        budget = task.pop("budget") or {}
        tasks.append({**task, "budget_state": budget.get("state"), "budget_other": budget.get("other")})
        events.extend({**event, "task": task["code"]} for event in task["history"])
    targets = [{**t, "program": None} for t in doc["targets"]]
    for program in doc["programs"]:
        targets.extend({**t, "program": program["code"]} for t in program["targets"])
    rows = {
        "portfolio.csv": [doc],
        "programs.csv": doc["programs"],
        "targets.csv": targets,
        "tasks.csv": tasks,
        "events.csv": events,
    }
    return {name: _table(name, rows[name], headers) for name in FILES}


def write(portfolio: Portfolio, path: str | Path, *, headers: Headers = "en") -> None:
    """Write ``portfolio`` as CSV files into the folder ``path``, or into one zip if it ends in ``.zip``."""
    files = to_files(portfolio, headers=headers)
    target = Path(path)
    if target.suffix.lower() == ".zip":
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in files.items():
                archive.writestr(name, text.encode("utf-8"))
        return
    target.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (target / name).write_bytes(text.encode("utf-8"))


# ----------------------------------------------------------------------------------- reading


class _Rows:
    """The rows of one file as dicts keyed by wire names, with each row's spreadsheet row number."""

    def __init__(self, name: str, text: str | bytes | None, problems: list[Problem]) -> None:
        self.name = name
        self.rows: list[tuple[int, dict[str, str | None]]] = []
        if text is None:
            problems.append(Problem((f"{name}",), "the file is missing"))
            return
        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8")
            except UnicodeDecodeError as error:
                problems.append(
                    Problem(
                        (name,), f"not valid UTF-8: byte 0x{text[error.start]:02x} at offset {error.start}"
                    )
                )
                return
        lines = list(csv.reader(io.StringIO(text.removeprefix(_BOM), newline="")))
        if not lines:
            problems.append(Problem((name,), "the file is empty; its first row names the columns"))
            return
        by_header = {h: en for en, vi in _COLUMNS[name] for h in (en, vi)}
        header = lines[0]
        known = [by_header.get(h) for h in header]
        for h, en in zip(header, known, strict=True):
            if en is None:
                problems.append(Problem((f"{name}:row 1:{h}",), "unknown column"))
        missing = {en for en, _ in _COLUMNS[name]} - set(known)
        for en, _ in _COLUMNS[name]:
            if en in missing:
                problems.append(Problem((f"{name}:row 1",), f"the column {en!r} is missing"))
        for number, line in enumerate(lines[1:], start=2):
            if len(line) != len(header):
                problems.append(
                    Problem((f"{name}:row {number}",), f"has {len(line)} cells, the header {len(header)}")
                )
                continue
            row = {en: unescape_cell(cell) for en, cell in zip(known, line, strict=True) if en is not None}
            self.rows.append((number, row))

    def where(self, number: int, column: str | None = None) -> str:
        return f"{self.name}:row {number}" + ("" if column is None else f":{column}")


def _number(cell: str | None) -> object:
    # Whole numbers are read as such; anything else stays text for the converter to refuse by name.
    return int(cell) if cell is not None and _WHOLE.fullmatch(cell) and len(cell) <= 20 else cell


def _present(row: Mapping[str, str | None], columns: Iterable[str]) -> dict[str, Any]:
    return {c: row[c] for c in columns if row.get(c) is not None}


def from_files(files: Mapping[str, str | bytes]) -> Portfolio:  # noqa: PLR0915 - one pass per file, in dependency order
    """The portfolio that CSV files (by file name, as text or UTF-8 bytes) hold.

    Raises:
        ValidationError: every problem, located as ``tasks.csv:row 5:planned_start``.
    """
    problems: list[Problem] = []
    tables = {name: _Rows(name, files.get(name), problems) for name in FILES}
    if problems:
        raise ValidationError(problems)
    where: dict[tuple[PathSegment, ...], str] = {
        (): "portfolio.csv",
        ("tasks",): "tasks.csv",
        ("programs",): "programs.csv",
        ("targets",): "targets.csv",
    }

    head = tables["portfolio.csv"]
    if len(head.rows) != 1:
        raise ValidationError(
            [Problem(("portfolio.csv",), f"must have one row of data, has {len(head.rows)}")]
        )
    number, row = head.rows[0]
    doc: dict[str, Any] = {**_present(row, ("schema", "owner")), "version": _number(row["version"])}
    for key in ("schema", "version", "owner"):
        where[(key,)] = head.where(number, key)

    programs: dict[str, dict[str, Any]] = {}
    doc["programs"] = []
    for number, row in tables["programs.csv"].rows:
        index = len(doc["programs"])
        program = {**_present(row, ("code", "name", "level", "phase")), "targets": []}
        doc["programs"].append(program)
        programs.setdefault(row["code"] or "", program)
        where[("programs", index)] = tables["programs.csv"].where(number)
        for key in program:
            where[("programs", index, key)] = tables["programs.csv"].where(number, key)

    doc["targets"] = []
    target_columns = ("code", "name", "unit", "planned", "actual", "direction", "period")
    for number, row in tables["targets.csv"].rows:
        owner = row["program"]
        if owner is None:
            base: tuple[PathSegment, ...] = ("targets", len(doc["targets"]))
            doc["targets"].append(_present(row, target_columns))
        elif owner in programs:
            index = doc["programs"].index(programs[owner])
            base = ("programs", index, "targets", len(programs[owner]["targets"]))
            programs[owner]["targets"].append(_present(row, target_columns))
        else:
            problems.append(
                Problem(
                    (tables["targets.csv"].where(number, "program"),), f"no program {owner!r} in programs.csv"
                )
            )
            continue
        where[base] = tables["targets.csv"].where(number)
        for key in target_columns:
            key_path: tuple[PathSegment, ...] = (*base, key)
            where[key_path] = tables["targets.csv"].where(number, key)

    tasks: dict[str, dict[str, Any]] = {}
    doc["tasks"] = []
    task_columns = (
        "code",
        "title",
        "level",
        "kind",
        "planned_start",
        "planned_end",
        "program",
        "field",
        "host",
        "lead",
    )
    for number, row in tables["tasks.csv"].rows:
        index = len(doc["tasks"])
        task = {**_present(row, task_columns), "history": []}
        if row["budget_state"] is not None or row["budget_other"] is not None:
            task["budget"] = {"state": _number(row["budget_state"]), "other": _number(row["budget_other"])}
            where[("tasks", index, "budget", "state")] = tables["tasks.csv"].where(number, "budget_state")
            where[("tasks", index, "budget", "other")] = tables["tasks.csv"].where(number, "budget_other")
        doc["tasks"].append(task)
        tasks.setdefault(row["code"] or "", task)
        where[("tasks", index)] = tables["tasks.csv"].where(number)
        for key in (*task_columns, "history", "budget"):
            where[("tasks", index, key)] = tables["tasks.csv"].where(number, key)

    event_columns = ("event", "on", "until", "grade", "ref", "note")
    for number, row in tables["events.csv"].rows:
        owner = row["task"]
        if owner not in tasks:
            problems.append(
                Problem((tables["events.csv"].where(number, "task"),), f"no task {owner!r} in tasks.csv")
            )
            continue
        index = doc["tasks"].index(tasks[owner])
        base = ("tasks", index, "history", len(tasks[owner]["history"]))
        tasks[owner]["history"].append(_present(row, event_columns))
        where[base] = tables["events.csv"].where(number)
        for key in event_columns:
            key_path = (*base, key)
            where[key_path] = tables["events.csv"].where(number, key)

    try:
        portfolio = from_dict(doc, Portfolio)
    except ValidationError as error:
        problems.extend(_relocated(p, where) for p in error.problems)
    if problems:
        raise ValidationError(problems)
    return portfolio


def _relocated(problem: Problem, where: Mapping[tuple[PathSegment, ...], str]) -> Problem:
    """A problem of the assembled document, located in the CSV file, row and column it came from."""
    path = problem.path
    # The document's root is mapped too, so some prefix of every path is always found.
    cut = next(c for c in range(len(path), -1, -1) if path[:c] in where)
    rest = "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in path[cut:])
    return Problem((where[path[:cut]] + rest,), problem.message)


def read(path: str | Path) -> Portfolio:
    """Read a portfolio from the CSV files in the folder ``path``, or in the zip file ``path``.

    Raises:
        ValidationError: every problem, located as ``tasks.csv:row 5:planned_start``.
    """
    source = Path(path)
    files: dict[str, str | bytes] = {}
    if source.is_dir():
        files = {name: (source / name).read_bytes() for name in FILES if (source / name).is_file()}
    else:
        try:
            with zipfile.ZipFile(source) as archive:
                names = set(archive.namelist())
                files = {name: archive.read(name) for name in FILES if name in names}
        except (OSError, zipfile.BadZipFile) as error:
            raise ValidationError.single(
                f"{source.name}: not a folder or a zip file of CSV files ({error})"
            ) from None
    return from_files(files)
