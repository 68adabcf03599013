"""The ``stprogress`` command (also ``python -m stprogress``).

Not every provincial tool is written in Python: a clerk, or a script in another language, validates a
portfolio file and gets the period report from the command line. The commands are

- ``stprogress demo``: the report of the bundled illustrative portfolio;
- ``stprogress validate FILE...``: every problem of a JSON document or CSV bundle, with its location;
- ``stprogress report FILE --period TEXT``: the figures of a reporting period;
- ``stprogress schema``: the JSON Schema of the file format;
- ``stprogress convert IN OUT``: a JSON document to a CSV bundle, or back.

Exit status: 0 when the run succeeded (for ``validate``: every file is valid), 1 when the data is
invalid, 2 for a usage error (unknown option, bad period text) or a file that cannot be read or
written. A user error prints one line on standard error, never a traceback.

:func:`main` is the whole command; it takes the arguments (``sys.argv[1:]`` by default) and returns
the exit status, so it can be called in-process:

>>> main(["--version"])  # doctest: +ELLIPSIS
stprogress ...
0
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import threading
import time
import zipfile
import zlib
from collections.abc import Callable, Hashable, Mapping, Sequence
from enum import Enum
from fractions import Fraction
from pathlib import Path
from types import TracebackType
from typing import Any, NoReturn, TextIO

import attrs

from stprogress._version import __version__
from stprogress.demo import DEMO_NOTICE, demo_case, demo_cases
from stprogress.display import ledger_text
from stprogress.formatting import format_number
from stprogress.indicators import ENTRY_MILESTONES, EXIT_MILESTONES, Bucket, Ledger, breakdown
from stprogress.io import csv as csv_bundle
from stprogress.model import Portfolio, code_key
from stprogress.periods import Cutoff, Period
from stprogress.ratio import Ratio
from stprogress.report import PeriodReport, report
from stprogress.serialize import dumps, json_schema, loads
from stprogress.validation import ValidationError
from stprogress.vocab import Field, Lang, Level, Milestone, TaskKind

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
"""The run succeeded; for ``validate``, every file is valid."""
EXIT_INVALID = 1
"""The data is invalid: at least one problem was found in a file."""
EXIT_USAGE = 2
"""The command was used wrongly, or a file could not be read or written."""

_PROG = "stprogress"

_Handler = Callable[[argparse.Namespace, TextIO, TextIO], int]


class UsageError(Exception):
    """A mistake in how the command was called, or a file it cannot read or write (exit 2).

    The message is one line, shown after ``stprogress: error:``.
    """


# --------------------------------------------------------------------------------- progress


class Progress:
    """Says on standard error what a long run is doing, and only when standard error is a terminal.

    Short runs stay silent: the status line appears once a run has taken ``delay`` seconds and is
    rewritten every ``interval`` seconds with the current step and the time elapsed, from a
    background thread, because the steps themselves (reading, checking, computing) are single
    library calls. On exit the line is erased, so the command's own output is never mixed with it.
    Scripts and pipes (standard error not a terminal) never see it.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        delay: float = 1.0,
        interval: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._delay = delay
        self._interval = interval
        self._clock = clock
        self._enabled = _is_terminal(stream)
        self._step = ""
        self._started = clock()
        self._line = ""
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def enabled(self) -> bool:
        """Whether the status line may be shown at all (standard error is a terminal)."""
        return self._enabled

    def step(self, text: str) -> None:
        """Name the step the run is now in, e.g. ``"reading portfolio.json"``."""
        with self._lock:
            self._step = text

    def tick(self) -> None:
        """Rewrite the status line if the run has been going on for long enough."""
        elapsed = self._clock() - self._started
        if not self._enabled or elapsed < self._delay:
            return
        with self._lock:
            line = f"{_PROG}: {self._step}… {elapsed:.0f} s"
            if line == self._line:
                return  # nothing new to say: spare a slow (remote) terminal the rewrite
            # "\r" returns to the line start and "\x1b[K" erases the rest of a longer previous line.
            self._stream.write(f"\r\x1b[K{line}")
            self._stream.flush()
            self._line = line

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.tick()

    def __enter__(self) -> Progress:
        self._started = self._clock()
        if self._enabled:
            self._thread = threading.Thread(target=self._run, name="stprogress-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._line:
            self._stream.write("\r\x1b[K")
            self._stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or file-like stream without isatty
        return False


# --------------------------------------------------------------------------------- files


def _refuse_csv_file(name: str) -> None:
    """A lone ``.csv`` file is refused in one line: a CSV bundle is the folder or zip of its files."""
    if Path(name).suffix.lower() == ".csv":
        raise UsageError(
            f"{name}: a CSV bundle is the folder or the .zip holding {', '.join(csv_bundle.FILES)}, "
            "not one .csv file"
        )


def _is_bundle(name: str) -> bool:
    """Whether input ``name`` is a CSV bundle (a ``.zip`` or a folder) rather than a JSON document."""
    return name != "-" and (Path(name).suffix.lower() == ".zip" or Path(name).is_dir())


def _read_bytes(name: str) -> bytes:
    """The bytes of file ``name`` (``-``: standard input), or a :class:`UsageError` saying why not."""
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read {name}: {error.strerror or error}") from None


def _read_bundle(name: str) -> dict[str, str | bytes]:
    """The CSV files of bundle ``name`` by file name, or a :class:`UsageError` saying why not.

    Read here rather than by :func:`stprogress.io.csv.read`, which reports an unreadable zip as
    invalid data: for this command a bundle that cannot be opened is exit 2, like a missing file.
    A missing file of the bundle is left to :func:`stprogress.io.csv.from_files` to report (exit 1),
    but a bundle holding none of them is not a CSV bundle at all.
    """
    path = Path(name)
    try:
        if path.is_dir():
            files: dict[str, str | bytes] = {
                f: (path / f).read_bytes() for f in csv_bundle.FILES if (path / f).is_file()
            }
        else:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
                files = {f: archive.read(f) for f in csv_bundle.FILES if f in names}
    except OSError as error:
        raise UsageError(f"cannot read {name}: {error.strerror or error}") from None
    except (zipfile.BadZipFile, zlib.error, RuntimeError) as error:  # RuntimeError: an encrypted member
        raise UsageError(f"cannot read {name}: not a readable zip file ({error})") from None
    if not files:
        raise UsageError(f"cannot read {name}: no CSV file of a bundle in it ({', '.join(csv_bundle.FILES)})")
    return files


def _read(name: str, progress: Progress) -> Portfolio:
    """The portfolio in file or CSV bundle ``name``; :class:`ValidationError` if it is not a valid one."""
    progress.step(f"reading {name}")
    _refuse_csv_file(name)
    if _is_bundle(name):
        files = _read_bundle(name)
        progress.step(f"checking {name}")
        return csv_bundle.from_files(files)
    data = _read_bytes(name)
    progress.step(f"checking {name}")
    return loads(data)


def _output_format(name: str, default: str) -> str:
    """How output ``name`` is written, ``"json"``, ``"zip"`` or ``"folder"``: as named, else ``default``."""
    _refuse_csv_file(name)
    suffix = Path(name).suffix.lower()
    if suffix in (".json", ".zip"):
        return suffix[1:]
    if name.endswith(("/", os.sep)) or Path(name).is_dir():
        return "folder"
    return default


def _write_text(name: str, text: str) -> None:
    try:
        Path(name).write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write {name}: {error.strerror or error}") from None


def _write(portfolio: Portfolio, name: str, *, force: bool, default: str = "json") -> None:
    """Write ``portfolio`` to ``name``, refusing to replace an existing file unless ``force``.

    ``name`` ending in ``.json`` is a JSON document, in ``.zip`` a zipped CSV bundle, and an
    existing folder (or a name ending in ``/``) a CSV bundle in that folder; any other name is
    written in the ``default`` format.
    """
    kind = _output_format(name, default)
    if not force and Path(name).exists():
        raise UsageError(f"{name} exists; choose another name or pass --force to replace it")
    if kind == "json":
        _write_text(name, dumps(portfolio, indent=2) + "\n")
        return
    try:
        csv_bundle.write(portfolio, name)
    except OSError as error:
        raise UsageError(f"cannot write {name}: {error.strerror or error}") from None


def _invalid_line(name: str, error: ValidationError) -> str:
    """One line for a command that needs valid data: the first problem, and how to see them all."""
    count = len(error.problems)
    more = "" if count == 1 else f" (and {count - 1} more)"
    return f"{name} is not a valid portfolio: {error.problems[0]}{more}; run 'stprogress validate {name}'"


# --------------------------------------------------------------------------------- demo


_SEED_WORDS: Mapping[Lang, tuple[str, str]] = {
    "vi": ("công bố", "tính được"),
    "en": ("published", "computed"),
}
_BASIS_WORDS: Mapping[Lang, str] = {
    "vi": "Cơ sở tính: nhiệm vụ mới tính từ mốc “{}”, hoàn thành tính ở mốc “{}”.",
    "en": "Bases: a task is new from “{}” and done at “{}”.",
}


def _demo(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    lang: Lang = args.lang
    if args.case is None:
        cases = demo_cases()
    else:
        try:
            cases = (demo_case(args.case),)
        except KeyError as error:
            raise UsageError(str(error.args[0])) from None
    if args.save is not None:
        _write(cases[0].portfolio, args.save, force=args.force)
        err.write(f"{_PROG}: wrote {cases[0].key} to {args.save}\n")
        return EXIT_OK
    published, computed = _SEED_WORDS[lang]
    lines = [DEMO_NOTICE[lang]]
    holds = True
    for case in cases:
        lines += ["", f"== {case.title} [{case.key}] ==", case.source]
        lines.append(_basis(case.enters, case.exits, lang))
        lines.append(case.report().summary(lang))
        for figure in case.figures():
            holds = holds and figure.holds
            mark = "✓" if figure.holds else "✗"
            lines.append(
                f"  {mark} {figure.quote}: {published} {figure.published}, "
                f"{computed} {figure.computed_text(lang)}"
            )
    lines += ["", DEMO_NOTICE[lang]]
    out.write("\n".join(lines) + "\n")
    return EXIT_OK if holds else EXIT_INVALID


def _basis(enters: Milestone, exits: Milestone, lang: Lang) -> str:
    return _BASIS_WORDS[lang].format(enters.label(lang), exits.label(lang))


# --------------------------------------------------------------------------------- validate


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    status = EXIT_OK
    results: list[dict[str, Any]] = []
    with Progress(err) as progress:
        for name in args.files:
            entry: dict[str, Any] = {"file": name}
            try:
                portfolio = _read(name, progress)
            except UsageError as error:
                _print_error(err, str(error))
                entry.update(valid=None, error=str(error))
                status = EXIT_USAGE
            except ValidationError as error:
                entry.update(
                    valid=False,
                    problems=[{"path": p.location, "message": p.message} for p in error.problems],
                )
                status = max(status, EXIT_INVALID)
            else:
                entry.update(
                    valid=True,
                    problems=[],
                    tasks=len(portfolio.tasks),
                    programs=len(portfolio.programs),
                    targets=len(portfolio.targets),
                )
            results.append(entry)
    if args.format == "json":
        document = {"valid": status == EXIT_OK, "files": results}
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
        return status
    for entry in results:
        if entry["valid"]:
            out.write(
                f"{entry['file']}: valid ({entry['tasks']} tasks, {entry['programs']} programs, "
                f"{entry['targets']} targets)\n"
            )
        elif entry["valid"] is False:
            problems = entry["problems"]
            count = len(problems)
            out.write(f"{entry['file']}: {count} problem{'' if count == 1 else 's'}\n")
            out.writelines(f"  {p['path']}: {p['message']}\n" for p in problems)
    return status


# --------------------------------------------------------------------------------- report

_CUTOFFS: Mapping[str, Cutoff] = {"calendar": Cutoff.CALENDAR, "decree-09-2019": Cutoff.DECREE_09_2019}
_ENTERS = {m.value: m for m in ENTRY_MILESTONES}
_EXITS = {m.value: m for m in EXIT_MILESTONES}
_GROUPINGS = ("level", "kind", "program", "field")
_COLUMNS: tuple[Bucket, ...] = ("opening", "new", "managed", "completed", "failed", "terminated", "closing")
_SHORT_LABELS: Mapping[Lang, tuple[str, ...]] = {
    "vi": ("Chuyển tiếp", "Mới", "Quản lý", "Hoàn thành", "Không đạt", "Dừng", "Sang kỳ sau"),
    "en": ("Opening", "New", "Managed", "Completed", "Failed", "Terminated", "Closing"),
}
_BY_TITLES: Mapping[str, tuple[str, str]] = {
    "level": ("Theo cấp quản lý", "By level"),
    "kind": ("Theo loại nhiệm vụ", "By kind of task"),
    "program": ("Theo chương trình", "By program"),
    "field": ("Theo lĩnh vực", "By field of science"),
}
_NO_GROUP: Mapping[str, tuple[str, str]] = {
    "program": ("(không thuộc chương trình)", "(no program)"),
    "field": ("(chưa xác định lĩnh vực)", "(no field)"),
}
_TOTAL_LABEL = ("Tổng số", "Total")


def _period(text: str) -> Period:
    try:
        return Period.parse(text)
    except ValidationError as error:
        raise argparse.ArgumentTypeError(error.problems[0].message) from None


@attrs.frozen
class _Computed:
    """A computed report with what its output needs: the named period, the convention, the groups."""

    result: PeriodReport
    period: Period
    cutoff: Cutoff
    lang: Lang
    by: str | None = None
    groups: Mapping[Hashable, Ledger] = attrs.field(factory=dict)
    names: Mapping[str, str] = attrs.field(factory=dict)
    """Program names by code, to label program groups."""

    def label(self, key: Hashable) -> str:
        """The name of group ``key`` in the output's language."""
        if key is None:
            return _pick(_NO_GROUP[self.by or ""], self.lang)
        if isinstance(key, (Level, TaskKind, Field)):
            return key.label(self.lang)
        return self.names.get(str(key), str(key))


def _report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    period: Period = args.period
    cutoff = _CUTOFFS[args.cutoff]
    window = period.data_window(cutoff)
    enters, exits = _ENTERS[args.enters], _EXITS[args.exits]
    with Progress(err) as progress:
        try:
            portfolio = _read(args.file, progress)
        except ValidationError as error:
            _print_error(err, _invalid_line(args.file, error))
            return EXIT_INVALID
        progress.step("computing the report")
        # Targets are assigned for the named period, not for its data window: select them by the
        # period (for the calendar convention this is what report() itself selects).
        targets = [t for t in portfolio.targets if t.period is None or period.contains(t.period)]
        result = report(portfolio, window, enters=enters, exits=exits, targets=targets)
        computed = _Computed(result, period, cutoff, args.lang)
        if args.by is not None:
            computed = attrs.evolve(
                computed,
                by=args.by,
                groups=breakdown(portfolio, window, by=args.by, enters=enters, exits=exits),
                names={p.code: p.name for p in portfolio.programs},
            )
    if args.format == "json":
        out.write(json.dumps(_report_json(computed), ensure_ascii=False, indent=2) + "\n")
    elif args.format == "csv":
        _report_csv(out, computed)
    else:
        out.write(_report_text(computed) + "\n")
    return EXIT_OK


def _group_key(key: Hashable) -> str | None:
    if key is None:
        return None
    return key.value if isinstance(key, Enum) else str(key)


def _pick(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "vi" else pair[1]


def _ledger_row(ledger: Ledger) -> list[int]:
    return [ledger.managed if b == "managed" else getattr(ledger, b) for b in _COLUMNS]


def _ledger_json(ledger: Ledger) -> dict[str, int]:
    return dict(zip(_COLUMNS, _ledger_row(ledger), strict=True))


def _ratio_json(ratio: Ratio) -> dict[str, object]:
    percent = ratio.percent()
    return {
        "numerator": _fraction_json(ratio.numerator),
        "denominator": _fraction_json(ratio.denominator),
        "percent": None if percent is None else str(percent),
    }


def _fraction_json(value: Fraction) -> int | str:
    # Counts are whole; a fraction stays exact as "p/q" text rather than a rounded float.
    return int(value) if value.denominator == 1 else str(value)


def _period_json(period: Period, lang: Lang) -> dict[str, str]:
    return {
        "code": period.code,
        "label": period.label(lang),
        "start": period.start.isoformat(),
        "end": period.end.isoformat(),
    }


def _report_json(computed: _Computed) -> dict[str, object]:
    result, lang = computed.result, computed.lang
    pipeline = result.pipeline
    document: dict[str, object] = {
        "owner": result.owner,
        "period": _period_json(computed.period, lang),
        "cutoff": computed.cutoff.name,
        "window": _period_json(result.period, lang),
        "enters": result.enters.value,
        "exits": result.exits.value,
        "ledger": _ledger_json(result.ledger),
        "events": {
            cls.kind: {"events": count.events, "tasks": count.tasks} for cls, count in result.events.items()
        },
        "pipeline": {
            "proposed": pipeline.proposed,
            "approved": pipeline.approved,
            "rejected": pipeline.rejected,
            "pending": pipeline.pending,
            "approval_rate": _ratio_json(pipeline.approval_rate),
        },
        "budgets": {
            bucket: {"state": budget.state, "other": budget.other}
            for bucket, budget in result.budgets.items()
        },
        "overdue": sorted(result.overdue, key=code_key),
        "targets": _ratio_json(result.targets),
        "objectives": [
            {"code": o.code, "name": o.name, "share": _ratio_json(o.share)} for o in result.objectives
        ],
        "summary": result.summary(lang),
    }
    if computed.by is not None:
        document["by"] = computed.by
        document["groups"] = [
            {"key": _group_key(key), "label": computed.label(key), "ledger": _ledger_json(ledger)}
            for key, ledger in computed.groups.items()
        ]
    return document


def _report_csv(out: TextIO, computed: _Computed) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["group", "label", *_COLUMNS])
    for key, ledger in computed.groups.items():
        writer.writerow([_group_key(key) or "", computed.label(key), *_ledger_row(ledger)])
    total = computed.result.ledger
    writer.writerow(["total", _pick(_TOTAL_LABEL, computed.lang), *_ledger_row(total)])


def _report_text(computed: _Computed) -> str:
    result, period, lang = computed.result, computed.period, computed.lang
    title = period.label(lang)
    heading = title[:1].upper() + title[1:] if result.owner is None else f"{result.owner} — {title}"
    lines = [heading]
    if result.period != period:
        window, source = result.period.label(lang), computed.cutoff.source
        lines.append(f"Số liệu {window} — {source}." if lang == "vi" else f"Data {window} — {source}.")
    lines += [_basis(result.enters, result.exits, lang), "", result.summary(lang), ""]
    if computed.by is None:
        lines.append(ledger_text(result.ledger, lang))
        return "\n".join(lines)
    rows = [
        [computed.label(key), *(format_number(n, lang) for n in _ledger_row(ledger))]
        for key, ledger in computed.groups.items()
    ]
    rows.append([_pick(_TOTAL_LABEL, lang), *(format_number(n, lang) for n in _ledger_row(result.ledger))])
    lines.append(_pick(_BY_TITLES[computed.by], lang))
    lines.append(_table(["", *_SHORT_LABELS[lang]], rows))
    return "\n".join(lines)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A plain-text table: the first column left-aligned, the figures right-aligned."""
    table = [header, *rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    return "\n".join(
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()
        for row in table
    )


# --------------------------------------------------------------------------------- schema, convert


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    out.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
    return EXIT_OK


def _convert(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    with Progress(err) as progress:
        try:
            portfolio = _read(args.source, progress)
        except ValidationError as error:
            _print_error(err, _invalid_line(args.source, error))
            return EXIT_INVALID
        progress.step(f"writing {args.target}")
        # Without a telling name, OUT is the other format than IN: JSON becomes a folder of CSV files.
        default = "json" if _is_bundle(args.source) else "folder"
        _write(portfolio, args.target, force=args.force, default=default)
    return EXIT_OK


# --------------------------------------------------------------------------------- parser


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports a usage error as :class:`UsageError` instead of exiting.

    argparse would print the usage block and call ``sys.exit(2)``; raising lets :func:`main` print
    the one-line message and return the status, also when it is called in-process.
    """

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


_FORMATTER = argparse.RawDescriptionHelpFormatter

_MAIN_EPILOG = """\
Ví dụ (examples):
  stprogress demo                                   báo cáo của dữ liệu minh họa (tự dựng)
  stprogress demo --lang en                         the demo report, in English
  stprogress validate portfolio.json                kiểm tra tệp, nêu mọi lỗi và vị trí của lỗi
  stprogress report portfolio.json --period "6 tháng đầu năm 2024"
  stprogress report portfolio.json --period 2023 --by level --format csv
  stprogress schema > stprogress.schema.json        JSON Schema of the file format
  stprogress validate portfolio.zip                 bộ tệp CSV (zip hoặc thư mục) / a CSV bundle
  stprogress convert portfolio.json portfolio.zip   JSON sang bộ tệp CSV / JSON to a CSV bundle

Mã thoát (exit status): 0 thành công / success; 1 dữ liệu không hợp lệ / invalid data;
2 sai cú pháp lệnh hoặc không đọc, ghi được tệp / usage error, or a file not readable or writable.
"""

_DEMO_EPILOG = """\
Ví dụ (examples):
  stprogress demo                                   mọi trường hợp, tiếng Việt
  stprogress demo --lang en --case bac_giang_2023h1 one case, in English
  stprogress demo --case thai_nguyen_2023 --save thai_nguyen.json
                                                    lưu danh mục minh họa / save the demo portfolio
  stprogress report thai_nguyen.json --period "năm 2023" --exits registered
"""

_VALIDATE_EPILOG = """\
Ví dụ (examples):
  stprogress validate portfolio.json                mọi lỗi, mỗi lỗi một dòng / every problem, one a line
  stprogress validate a.json b.json --format json   cho chương trình khác đọc / for other programs
  stprogress validate portfolio.zip bang_tinh/      bộ tệp CSV: zip hoặc thư mục / CSV bundles
  cat portfolio.json | stprogress validate -        đọc từ đầu vào chuẩn / read standard input

Mã thoát (exit status): 0 mọi tệp hợp lệ / every file valid; 1 có lỗi dữ liệu / a problem found;
2 không đọc được tệp / a file cannot be read.
"""

_REPORT_EPILOG = """\
Kỳ báo cáo (--period) viết như trong báo cáo hoặc theo mã / written as reports write it, or a code:
  "năm 2023", "6 tháng đầu năm 2023", "quý III/2023", "tháng 6/2023", "9 tháng đầu năm 2023",
  "giai đoạn 2021 - 2025"; 2023, 2023H1, 2023Q3, 2023-06, 2023M9, 2021-2025

Ví dụ (examples):
  stprogress report portfolio.json --period "năm 2023"
  stprogress report portfolio.json --period 2023 --enters contracted --exits registered
  stprogress report portfolio.json --period "6 tháng đầu năm 2023" --cutoff decree-09-2019
  stprogress report portfolio.json --period 2023Q3 --by level --lang en
  stprogress report portfolio.zip --period 2023     từ bộ tệp CSV / from a CSV bundle
  stprogress report portfolio.json --period 2023 --by program --format csv > theo_chuong_trinh.csv
"""

_SCHEMA_EPILOG = """\
Ví dụ (examples):
  stprogress schema > stprogress.schema.json
"""

_CONVERT_EPILOG = """\
OUT có đuôi .json là tệp JSON, .zip là bộ tệp CSV nén, thư mục (hoặc kết thúc bằng /) là bộ tệp CSV;
tên khác: định dạng còn lại so với IN (JSON thành thư mục CSV, bộ tệp CSV thành JSON).
OUT ending in .json is a JSON document, in .zip a zipped CSV bundle, a folder (or ending in /) a CSV
bundle; any other name: the other format than IN (JSON to a folder of CSV files, a bundle to JSON).

Ví dụ (examples):
  stprogress convert portfolio.json portfolio.zip   JSON sang bộ tệp CSV nén / JSON to a zipped CSV bundle
  stprogress convert portfolio.json bang_tinh       JSON sang thư mục CSV / JSON to a folder of CSV files
  stprogress convert bang_tinh portfolio.json       bộ tệp CSV sang JSON / a CSV bundle to JSON
  stprogress convert export.json portfolio.json     kiểm tra và ghi lại (thụt lề) / check, rewrite indented
  stprogress convert export.json portfolio.json --force   ghi đè / replace an existing file
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``stprogress`` command, with every subcommand."""
    parser = _Parser(
        prog=_PROG,
        description=(
            "Exact indicators of S&T tasks for Vietnamese provincial reports.\n"
            "Chỉ số chính xác về nhiệm vụ KH&CN cho báo cáo của Sở KH&CN."
        ),
        epilog=_MAIN_EPILOG,
        formatter_class=_FORMATTER,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"{_PROG} {__version__}")
    commands = parser.add_subparsers(
        title="commands (lệnh)", dest="command", metavar="COMMAND", required=True
    )

    def command(name: str, summary: str, epilog: str, handler: _Handler) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = commands.add_parser(
            name,
            help=summary,
            description=summary,
            epilog=epilog,
            formatter_class=_FORMATTER,
            allow_abbrev=False,
        )
        sub.set_defaults(handler=handler)
        return sub

    lang = {"choices": ("vi", "en"), "default": "vi", "help": "ngôn ngữ / language (default: vi)"}

    demo = command(
        "demo",
        "báo cáo của dữ liệu minh họa, tự dựng / the report of the bundled, constructed demo data",
        _DEMO_EPILOG,
        _demo,
    )
    demo.add_argument("--lang", **lang)  # type: ignore[arg-type]
    demo.add_argument(
        "--case", metavar="KEY", help="chỉ một trường hợp / one case only, e.g. thai_nguyen_2023"
    )
    demo.add_argument(
        "--save",
        metavar="FILE",
        help="lưu danh mục của trường hợp (mặc định trường hợp đầu) thành tệp JSON / "
        "save the case's portfolio (default: the first case) as a JSON file (a .zip or folder/: "
        "a CSV bundle), instead of the report",
    )
    demo.add_argument("--force", action="store_true", help="ghi đè tệp đã có / replace an existing file")

    validate = command(
        "validate",
        "kiểm tra tệp dữ liệu / check data files, listing every problem with its location",
        _VALIDATE_EPILOG,
        _validate,
    )
    validate.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="tệp JSON hoặc bộ tệp CSV / a JSON document ('-': stdin) or a CSV bundle (.zip or folder)",
    )
    validate.add_argument(
        "--format", choices=("text", "json"), default="text", help="định dạng kết quả / output format"
    )

    rep = command(
        "report",
        "số liệu của một kỳ báo cáo / the figures of a reporting period",
        _REPORT_EPILOG,
        _report,
    )
    rep.add_argument(
        "file",
        metavar="FILE",
        help="tệp JSON hoặc bộ tệp CSV / a JSON document ('-': stdin) or a CSV bundle (.zip or folder)",
    )
    rep.add_argument(
        "--period", required=True, type=_period, metavar="TEXT", help="kỳ báo cáo / the reporting period"
    )
    rep.add_argument(
        "--enters",
        choices=tuple(_ENTERS),
        default=Milestone.APPROVED.value,
        help="nhiệm vụ mới tính từ mốc / a task is new from (default: approved)",
    )
    rep.add_argument(
        "--exits",
        choices=tuple(_EXITS),
        default=Milestone.EVALUATED.value,
        help="hoàn thành tính ở mốc / a task is done at (default: evaluated)",
    )
    rep.add_argument(
        "--cutoff",
        choices=tuple(_CUTOFFS),
        default="calendar",
        help="thời gian chốt số liệu / data window: the calendar period, or Nghị định 09/2019/NĐ-CP "
        "(15th of the previous month to the 14th) (default: calendar)",
    )
    rep.add_argument("--by", choices=_GROUPINGS, help="chia theo / break the ledger down by")
    rep.add_argument("--lang", **lang)  # type: ignore[arg-type]
    rep.add_argument(
        "--format", choices=("text", "json", "csv"), default="text", help="định dạng / output format"
    )

    command(
        "schema",
        "in JSON Schema của định dạng tệp / print the JSON Schema of the file format",
        _SCHEMA_EPILOG,
        _schema,
    )

    convert = command(
        "convert",
        "chuyển JSON sang bộ tệp CSV và ngược lại / check a portfolio and write it as JSON or a CSV bundle",
        _CONVERT_EPILOG,
        _convert,
    )
    convert.add_argument("source", metavar="IN", help="tệp vào / input: JSON, .zip or folder")
    convert.add_argument("target", metavar="OUT", help="tệp ra / output: .json, .zip or folder")
    convert.add_argument("--force", action="store_true", help="ghi đè tệp đã có / replace an existing file")
    return parser


# --------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``stprogress`` command with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    Args:
        argv: the arguments after the program name.

    Returns:
        0 on success, 1 for invalid data, 2 for a usage error or a file that cannot be read or
        written.
    """
    out, err = sys.stdout, sys.stderr
    try:
        args = build_parser().parse_args(argv)
        handler: _Handler = args.handler
        return handler(args, out, err)
    except SystemExit as done:  # --help and --version print, then exit 0
        return done.code if isinstance(done.code, int) else EXIT_OK
    except UsageError as error:
        _print_error(err, str(error))
        return EXIT_USAGE
    except BrokenPipeError:
        # The reader went away (``stprogress schema | head``): nothing more can be written, and
        # Python would complain again when it flushes stdout at exit, so point stdout at devnull.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        _print_error(err, "interrupted")
        return 130


def _print_error(stream: TextIO, message: str) -> None:
    stream.write(f"{_PROG}: error: {message}\n")
