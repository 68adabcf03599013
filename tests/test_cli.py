"""Tests of the ``stprogress`` command: every subcommand in a subprocess and in-process."""

from __future__ import annotations

import contextlib
import csv
import importlib
import io
import json
import os
import random
import runpy
import shutil
import subprocess
import sys
import tempfile
import threading
import zipfile
from collections.abc import Hashable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from stprogress import Cutoff, Level, Milestone, Period, Portfolio, cli
from stprogress._version import __version__
from stprogress.demo import DEMO_NOTICE, SeedFigure, demo_case, demo_cases
from stprogress.indicators import Ledger, breakdown
from stprogress.io import csv as csv_bundle
from stprogress.report import PeriodReport, report
from stprogress.serialize import dumps, json_schema, loads
from stprogress.validation import ValidationError
from test_serialize import portfolios  # public portfolios, widened where the wire format is at stake

_BUCKETS = ("opening", "new", "managed", "completed", "failed", "terminated", "closing")
_CASE = "thai_nguyen_2023"


def run(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``python -m stprogress ARGS`` in a subprocess, as a user would, and capture its output."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "stprogress", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        check=False,
        timeout=300,
    )


def one_line_error(stderr: str) -> str:
    """The single error line of ``stderr``; fails if there is more, or a traceback."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    assert lines[0].startswith("stprogress: error: ")
    return lines[0]


def ledger_dict(ledger: Ledger) -> dict[str, int]:
    """The ledger's figures by name, from the library's own attributes."""
    return {
        "opening": ledger.opening,
        "new": ledger.new,
        "managed": ledger.managed,
        "completed": ledger.completed,
        "failed": ledger.failed,
        "terminated": ledger.terminated,
        "closing": ledger.closing,
    }


@pytest.fixture(scope="module")
def portfolio() -> Portfolio:
    """The bundled Thái Nguyên demo portfolio."""
    return demo_case(_CASE).portfolio


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory, portfolio: Portfolio) -> Path:
    """The Thái Nguyên demo portfolio saved as a JSON document."""
    path = tmp_path_factory.mktemp("demo") / "thai_nguyen.json"
    path.write_text(dumps(portfolio), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def invalid_file(tmp_path_factory: pytest.TempPathFactory, portfolio: Portfolio) -> Path:
    """The demo document broken in two places: an unknown key and a date that does not exist."""
    document = json.loads(dumps(portfolio))
    document["tasks"][3]["colour"] = "red"
    document["tasks"][5]["history"][0]["on"] = "2023-02-30"
    path = tmp_path_factory.mktemp("bad") / "invalid.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def not_json_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A file that is not JSON at all (a truncated document)."""
    path = tmp_path_factory.mktemp("bad") / "truncated.json"
    path.write_text('{"schema": "stprogress/portfolio", "version": 1, "tasks": [', encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def bad_bundle(tmp_path_factory: pytest.TempPathFactory, portfolio: Portfolio) -> Path:
    """The demo portfolio as a zipped CSV bundle broken in two places: two dates that do not exist."""
    files = csv_bundle.to_files(portfolio)
    tasks = files["tasks.csv"].splitlines(keepends=True)
    tasks[4] = tasks[4].replace(portfolio.tasks[3].planned_start.isoformat(), "2023-02-30", 1)
    events = files["events.csv"].splitlines(keepends=True)
    events[2] = events[2].replace(portfolio.tasks[0].history[1].on.isoformat(), "2023-13-01", 1)
    path = tmp_path_factory.mktemp("bad") / "invalid.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in {**files, "tasks.csv": "".join(tasks), "events.csv": "".join(events)}.items():
            archive.writestr(name, text)
    return path


# --------------------------------------------------------------------------------- entry points


class TestEntryPoints:
    def test_version(self) -> None:
        """``--version`` prints the package version and exits 0."""
        done = run("--version")
        assert (0, f"stprogress {__version__}\n") == (done.returncode, done.stdout)

    def test_help_has_examples_in_both_languages(self) -> None:
        """``--help`` lists every command and gives examples in Vietnamese and English."""
        done = run("--help")
        assert 0 == done.returncode
        for word in ("demo", "validate", "report", "schema", "convert", "Ví dụ (examples)", "exit status"):
            assert word in done.stdout

    @pytest.mark.parametrize("command", ["demo", "validate", "report", "schema", "convert"])
    def test_every_command_has_help_with_examples(self, command: str) -> None:
        """Every subcommand's ``--help`` exits 0 and shows examples of that command."""
        assert 0 == cli.main([command, "--help"])

    def test_subcommand_help_text(self, capsys: pytest.CaptureFixture[str]) -> None:
        """The report's help names the period forms a report writes."""
        cli.main(["report", "--help"])
        out = capsys.readouterr().out
        assert "quý III/2023" in out
        assert "stprogress report portfolio.json --period" in out

    def test_no_command_is_a_usage_error(self) -> None:
        """Running without a command prints one line and exits 2."""
        done = run()
        assert 2 == done.returncode
        assert "COMMAND" in one_line_error(done.stderr)

    def test_unknown_option_is_a_usage_error(self) -> None:
        """An unknown option prints one line naming it and exits 2."""
        done = run("schema", "--colour")
        assert 2 == done.returncode
        assert "--colour" in one_line_error(done.stderr)

    def test_unknown_command_is_a_usage_error(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown command exits 2 with one line."""
        assert 2 == cli.main(["publish"])
        assert "publish" in one_line_error(capsys.readouterr().err)

    def test_options_are_not_abbreviated(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A prefix of an option is not taken for it, so scripts do not depend on guesses."""
        assert 2 == cli.main(["demo", "--la", "en"])
        one_line_error(capsys.readouterr().err)

    def test_python_dash_m_runs_main(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``python -m stprogress`` exits with the status main returns."""
        monkeypatch.setattr(sys, "argv", ["stprogress", "--version"])
        # Run it afresh: an earlier test may have imported the module, and runpy warns about that.
        monkeypatch.delitem(sys.modules, "stprogress.__main__", raising=False)
        main_file = Path(cli.__file__).with_name("__main__.py")
        with pytest.raises(SystemExit) as exited:
            runpy.run_path(str(main_file), run_name="__main__")
        assert 0 == exited.value.code
        assert f"stprogress {__version__}\n" == capsys.readouterr().out

    def test_importing_main_module_runs_nothing(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Importing ``stprogress.__main__`` (not running it) prints nothing."""
        monkeypatch.delitem(sys.modules, "stprogress.__main__", raising=False)
        module = importlib.import_module("stprogress.__main__")
        assert cli.main is module.main
        assert "" == capsys.readouterr().out

    def test_console_script_exit_status(self, tmp_path: Path) -> None:
        """The installed ``stprogress`` script returns main's status (2 for a missing file)."""
        script = shutil.which("stprogress")
        if script is None:
            pytest.skip("the package is not installed with its console script")
        done = subprocess.run(
            [script, "validate", str(tmp_path / "missing.json")],
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=False,
        )
        assert 2 == done.returncode
        one_line_error(done.stderr)


# --------------------------------------------------------------------------------- demo


class TestDemo:
    def test_demo_reports_every_case_and_says_data_is_constructed(self) -> None:
        """``demo`` exits 0, states the data is constructed and shows each case with its figures."""
        done = run("demo")
        assert 0 == done.returncode, done.stderr
        assert done.stdout.startswith(DEMO_NOTICE["vi"])
        for case in demo_cases():
            assert case.title in done.stdout
            assert case.report().summary("vi") in done.stdout
        assert "✗" not in done.stdout
        assert "" == done.stderr

    def test_demo_in_english(self) -> None:
        """``demo --lang en`` writes the notice and the summaries in English."""
        done = run("demo", "--lang", "en", "--case", "bac_giang_2023h1")
        assert 0 == done.returncode
        case = demo_case("bac_giang_2023h1")
        assert DEMO_NOTICE["en"] in done.stdout
        assert case.report().summary("en") in done.stdout
        assert "published 77,8%, computed 77.8% (7/9)" in done.stdout

    def test_unknown_case(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown case is a usage error naming the cases there are."""
        assert 2 == cli.main(["demo", "--case", "ha_noi_2030"])
        assert "thai_nguyen_2023" in one_line_error(capsys.readouterr().err)

    def test_figure_that_does_not_hold_exits_1(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A published figure the demo does not reproduce is marked ✗ and the run exits 1."""
        wrong = SeedFigure("kiểm tra 45 lượt", "45", 44, holds=False)
        monkeypatch.setattr(type(demo_case(_CASE)), "figures", lambda self: (wrong,))
        assert 1 == cli.main(["demo", "--case", _CASE])
        assert "✗ kiểm tra 45 lượt: công bố 45, tính được 44" in capsys.readouterr().out

    def test_save_writes_the_portfolio(self, tmp_path: Path, portfolio: Portfolio) -> None:
        """``demo --save`` writes the case's portfolio, which loads back equal."""
        done = run("demo", "--case", _CASE, "--save", "tn.json", cwd=tmp_path)
        assert 0 == done.returncode, done.stderr
        assert portfolio == loads((tmp_path / "tn.json").read_bytes())

    def test_save_without_case_writes_the_first(self, tmp_path: Path) -> None:
        """Without ``--case``, ``--save`` writes the first case's portfolio."""
        target = tmp_path / "first.json"
        assert 0 == cli.main(["demo", "--save", str(target)])
        assert demo_cases()[0].portfolio == loads(target.read_bytes())

    def test_save_refuses_to_replace_a_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An existing file is kept (exit 2) unless ``--force`` is given."""
        target = tmp_path / "kept.json"
        target.write_text("keep me", encoding="utf-8")
        assert 2 == cli.main(["demo", "--save", str(target)])
        assert "--force" in one_line_error(capsys.readouterr().err)
        assert "keep me" == target.read_text(encoding="utf-8")
        assert 0 == cli.main(["demo", "--save", str(target), "--force"])
        assert demo_cases()[0].portfolio == loads(target.read_bytes())

    def test_save_to_unwritable_place(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A file that cannot be written is a one-line error, exit 2."""
        assert 2 == cli.main(["demo", "--save", str(tmp_path / "no" / "such" / "dir.json")])
        assert "cannot write" in one_line_error(capsys.readouterr().err)


# --------------------------------------------------------------------------------- validate


class TestValidate:
    def test_valid_file(self, demo_file: Path, portfolio: Portfolio) -> None:
        """A valid document exits 0 and is described by its counts."""
        done = run("validate", str(demo_file))
        assert 0 == done.returncode
        expected = f"{demo_file}: valid ({len(portfolio.tasks)} tasks, 2 programs, 0 targets)\n"
        assert expected == done.stdout

    def test_invalid_file_lists_every_problem(self, invalid_file: Path) -> None:
        """An invalid document exits 1 and lists every problem the loader finds, with its path."""
        with pytest.raises(ValidationError) as caught:
            loads(invalid_file.read_bytes())
        done = run("validate", str(invalid_file))
        assert 1 == done.returncode
        problems = caught.value.problems
        expected = [f"{invalid_file}: {len(problems)} problems", *(f"  {p}" for p in problems)]
        assert expected == done.stdout.splitlines()
        assert "$.tasks[3]" in done.stdout
        assert "$.tasks[5].history[0].on" in done.stdout

    def test_not_json(self, not_json_file: Path) -> None:
        """A file that is not JSON is invalid data (exit 1), with one problem saying so."""
        done = run("validate", str(not_json_file))
        assert 1 == done.returncode
        assert "1 problem" in done.stdout
        assert "not valid JSON" in done.stdout

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file exits 2 with one line on stderr and no traceback."""
        done = run("validate", str(tmp_path / "missing.json"))
        assert 2 == done.returncode
        assert "cannot read" in one_line_error(done.stderr)
        assert "" == done.stdout

    @pytest.mark.parametrize("name", ["bundle.zip", "bundle"])
    def test_csv_bundle_is_valid(
        self, name: str, portfolio: Portfolio, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A CSV bundle, zip or folder, is read like a JSON document: valid, exit 0, with its counts."""
        csv_bundle.write(portfolio, tmp_path / name)
        assert 0 == cli.main(["validate", str(tmp_path / name)])
        out = capsys.readouterr().out
        expected = (
            f"{tmp_path / name}: valid ({len(portfolio.tasks)} tasks, {len(portfolio.programs)} programs"
        )
        assert out.startswith(expected)

    def test_invalid_csv_bundle_lists_every_problem(self, bad_bundle: Path) -> None:
        """An invalid bundle exits 1 and lists every problem located by file, row and column."""
        done = run("validate", str(bad_bundle))
        assert (1, "") == (done.returncode, done.stderr)
        lines = done.stdout.splitlines()
        assert f"{bad_bundle}: 2 problems" == lines[0]
        # The library renders a file location as a path of one segment: "$.tasks.csv:row 5:...".
        located = sorted(line.split(": ", 1)[0].strip() for line in lines[1:])
        assert ["$.events.csv:row 3:on", "$.tasks.csv:row 5:planned_start"] == located

    @pytest.mark.parametrize(
        ("name", "message"),
        [
            ("empty", "no CSV file of a bundle"),
            ("broken.zip", "not a readable zip file"),
            ("missing.zip", "cannot read"),
            ("tasks.csv", "not one .csv file"),
        ],
    )
    def test_unreadable_csv_bundle(
        self, name: str, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A bundle that cannot be read, or a lone .csv file, is exit 2 with one line, not invalid data."""
        (tmp_path / "empty").mkdir()
        (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04")
        (tmp_path / "tasks.csv").write_text("code\n", encoding="utf-8")
        assert 2 == cli.main(["validate", str(tmp_path / name)])
        captured = capsys.readouterr()
        assert message in one_line_error(captured.err)
        assert "" == captured.out

    def test_unreadable_file(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A path through a file (not a folder) cannot be read: exit 2, one line."""
        (tmp_path / "file.json").write_text("{}", encoding="utf-8")
        assert 2 == cli.main(["validate", str(tmp_path / "file.json" / "inner.json")])
        assert "cannot read" in one_line_error(capsys.readouterr().err)

    def test_worst_status_wins(self, demo_file: Path, invalid_file: Path, tmp_path: Path) -> None:
        """Of several files, the run exits with the worst status: unreadable (2) over invalid (1)."""
        assert 1 == run("validate", str(demo_file), str(invalid_file)).returncode
        done = run("validate", str(invalid_file), str(tmp_path / "missing.json"), str(demo_file))
        assert 2 == done.returncode
        assert f"{demo_file}: valid" in done.stdout
        assert f"{invalid_file}: 2 problems" in done.stdout

    def test_json_output(self, demo_file: Path, invalid_file: Path, tmp_path: Path) -> None:
        """``--format json`` gives every file's verdict and problems for other programs."""
        missing = tmp_path / "missing.json"
        done = run("validate", str(demo_file), str(invalid_file), str(missing), "--format", "json")
        assert 2 == done.returncode
        document = json.loads(done.stdout)
        with pytest.raises(ValidationError) as caught:
            loads(invalid_file.read_bytes())
        expected_problems = [{"path": p.location, "message": p.message} for p in caught.value.problems]
        assert document["valid"] is False
        valid, invalid, unreadable = document["files"]
        assert {
            "file": str(demo_file),
            "valid": True,
            "problems": [],
            "tasks": 111,
            "programs": 2,
            "targets": 0,
        } == valid
        assert {"file": str(invalid_file), "valid": False, "problems": expected_problems} == invalid
        assert str(missing) == unreadable["file"]
        assert unreadable["valid"] is None
        assert "cannot read" in unreadable["error"]

    def test_json_output_all_valid(self, demo_file: Path) -> None:
        """``--format json`` says ``valid: true`` when every file is valid."""
        done = run("validate", str(demo_file), "--format", "json")
        assert (0, True) == (done.returncode, json.loads(done.stdout)["valid"])

    def test_standard_input(self, demo_file: Path) -> None:
        """``-`` reads the document from standard input."""
        done = run("validate", "-", stdin=demo_file.read_text(encoding="utf-8"))
        assert 0 == done.returncode
        assert done.stdout.startswith("-: valid (111 tasks")

    def test_requires_a_file(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``validate`` with no file is a usage error."""
        assert 2 == cli.main(["validate"])
        assert "FILE" in one_line_error(capsys.readouterr().err)


# --------------------------------------------------------------------------------- report


def _api(
    portfolio: Portfolio,
    period: Period,
    *,
    enters: Milestone = Milestone.APPROVED,
    exits: Milestone = Milestone.EVALUATED,
) -> PeriodReport:
    return report(portfolio, period, enters=enters, exits=exits)


class TestReport:
    @pytest.mark.parametrize("name", ["bundle.zip", "bundle"])
    def test_csv_bundle_report_equals_json_report(
        self, name: str, demo_file: Path, portfolio: Portfolio, tmp_path: Path
    ) -> None:
        """The report of a CSV bundle, zip or folder, is the very report of the same JSON document."""
        csv_bundle.write(portfolio, tmp_path / name)
        args = ("--period", "2023", "--by", "level", "--format", "json")
        from_json = run("report", str(demo_file), *args)
        from_bundle = run("report", str(tmp_path / name), *args)
        assert (0, "") == (from_bundle.returncode, from_bundle.stderr)
        assert from_json.stdout == from_bundle.stdout

    def test_invalid_csv_bundle(self, bad_bundle: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """An invalid bundle exits 1 with one line: its first located problem and how to see all."""
        assert 1 == cli.main(["report", str(bad_bundle), "--period", "2023"])
        line = one_line_error(capsys.readouterr().err)
        assert "$.events.csv:row 3:on" in line
        assert "(and 1 more)" in line

    def test_text_equals_api(self, demo_file: Path, portfolio: Portfolio) -> None:
        """The text report holds the API's summary and ledger for the same file and period."""
        done = run("report", str(demo_file), "--period", "năm 2023", "--exits", "registered")
        assert 0 == done.returncode, done.stderr
        expected = _api(portfolio, Period.year(2023), exits=Milestone.REGISTERED)
        assert expected.summary("vi") in done.stdout
        assert (
            "quản lý 93 nhiệm vụ KH&CN, trong đó 57 nhiệm vụ chuyển tiếp, 36 nhiệm vụ phê duyệt mới"
            in done.stdout
        )
        assert f"Chuyển tiếp sang kỳ sau   {expected.ledger.closing}" in done.stdout
        assert done.stdout.startswith(f"{portfolio.owner} — năm 2023\n")

    def test_json_equals_api(self, demo_file: Path, portfolio: Portfolio) -> None:
        """Every figure of the JSON report equals the API's, for the same file, period and bases."""
        done = run(
            "report", str(demo_file), "--period", "2023", "--enters", "contracted", "--exits", "liquidated",
            "--format", "json", "--lang", "en",
        )  # fmt: skip
        assert 0 == done.returncode, done.stderr
        got = json.loads(done.stdout)
        api = _api(portfolio, Period.year(2023), enters=Milestone.CONTRACTED, exits=Milestone.LIQUIDATED)
        assert ledger_dict(api.ledger) == got["ledger"]
        assert {"code": "2023", "label": "2023", "start": "2023-01-01", "end": "2023-12-31"} == got["period"]
        assert got["period"] == got["window"]
        assert ("calendar", "contracted", "liquidated") == (got["cutoff"], got["enters"], got["exits"])
        assert api.inspections.events == got["events"]["inspected"]["events"]
        assert api.inspections.tasks == got["events"]["inspected"]["tasks"]
        assert {cls.kind: c.events for cls, c in api.events.items()} == {
            k: v["events"] for k, v in got["events"].items()
        }
        pipe = api.pipeline
        assert [pipe.proposed, pipe.approved, pipe.rejected, pipe.pending] == [
            got["pipeline"][k] for k in ("proposed", "approved", "rejected", "pending")
        ]
        assert {b: [m.state, m.other] for b, m in api.budgets.items()} == {
            b: [m["state"], m["other"]] for b, m in got["budgets"].items()
        }
        assert sorted(api.overdue) == sorted(got["overdue"])
        assert api.summary("en") == got["summary"]
        assert portfolio.owner == got["owner"]
        assert "by" not in got

    def test_ratios_are_exact_in_json(self, tmp_path: Path) -> None:
        """Target completion is given as exact parts and the half-up percent, as text."""
        case = demo_case("bac_giang_2023h1")
        path = tmp_path / "bg.json"
        path.write_text(dumps(case.portfolio), encoding="utf-8")
        done = run("report", str(path), "--period", "6 tháng đầu năm 2023", "--format", "json")
        got = json.loads(done.stdout)
        assert {"numerator": 7, "denominator": 9, "percent": "77.8"} == got["targets"]
        assert "Hoàn thành 77,8% chỉ tiêu được giao (7/9)." in got["summary"]

    def test_objectives_and_undefined_rates(self, tmp_path: Path) -> None:
        """A scheme's objectives are reported by program; an undefined rate has a null percent."""
        case = demo_case("thai_binh_2022")
        path = tmp_path / "tb.json"
        path.write_text(dumps(case.portfolio), encoding="utf-8")
        got = json.loads(run("report", str(path), "--period", "2022", "--format", "json").stdout)
        api = report(case.portfolio, Period.year(2022))
        assert [(o.code, int(o.share.numerator), int(o.share.denominator)) for o in api.objectives] == [
            (o["code"], o["share"]["numerator"], o["share"]["denominator"]) for o in got["objectives"]
        ]
        assert {"numerator": 0, "denominator": 0, "percent": None} == got["targets"]
        rate = api.pipeline.approval_rate
        assert [int(rate.numerator), int(rate.denominator)] == [
            got["pipeline"]["approval_rate"]["numerator"],
            got["pipeline"]["approval_rate"]["denominator"],
        ]

    @pytest.mark.parametrize("by", ["level", "kind", "program", "field"])
    def test_breakdown_json_equals_api(self, by: str, demo_file: Path, portfolio: Portfolio) -> None:
        """``--by`` gives each group's ledger equal to the API's breakdown, in its order."""
        done = run("report", str(demo_file), "--period", "2023", "--by", by, "--format", "json")
        assert 0 == done.returncode, done.stderr
        got = json.loads(done.stdout)
        groups = breakdown(portfolio, Period.year(2023), by=by)  # type: ignore[arg-type]
        expected = [(_key(k), ledger_dict(v)) for k, v in groups.items()]
        assert expected == [(g["key"], g["ledger"]) for g in got["groups"]]
        assert by == got["by"]

    @pytest.mark.parametrize("by", ["level", "kind", "program", "field"])
    def test_breakdown_csv_equals_api(self, by: str, demo_file: Path, portfolio: Portfolio) -> None:
        """The CSV report has one row per group and a total row, equal to the API's ledgers."""
        done = run("report", str(demo_file), "--period", "quý II/2023", "--by", by, "--format", "csv")
        assert 0 == done.returncode, done.stderr
        rows = list(csv.DictReader(io.StringIO(done.stdout)))
        period = Period.quarter(2023, 2)
        groups = breakdown(portfolio, period, by=by)  # type: ignore[arg-type]
        expected = [(_key(k) or "", ledger_dict(v)) for k, v in groups.items()]
        expected.append(("total", ledger_dict(report(portfolio, period).ledger)))
        assert expected == [(r["group"], {b: int(r[b]) for b in _BUCKETS}) for r in rows]
        assert "Tổng số" == rows[-1]["label"]

    def test_csv_without_breakdown_is_the_total(self, demo_file: Path, portfolio: Portfolio) -> None:
        """Without ``--by`` the CSV report is the header and the total row."""
        done = run("report", str(demo_file), "--period", "2023H2", "--format", "csv", "--lang", "en")
        rows = list(csv.reader(io.StringIO(done.stdout)))
        ledger = report(portfolio, Period.half(2023, 2)).ledger
        assert [
            ["group", "label", *_BUCKETS],
            ["total", "Total", *map(str, ledger_dict(ledger).values())],
        ] == rows

    def test_text_breakdown_table(self, demo_file: Path, portfolio: Portfolio) -> None:
        """The text report with ``--by level`` has a row per level and a total, in the chosen language."""
        done = run("report", str(demo_file), "--period", "2023", "--by", "level", "--lang", "en")
        lines = done.stdout.splitlines()
        start = lines.index("By level")
        header, *rows = lines[start + 1 :]
        assert header.split() == ["Opening", "New", "Managed", "Completed", "Failed", "Terminated", "Closing"]
        groups = breakdown(portfolio, Period.year(2023), by="level")
        expected = [
            [*k.label_en.split(), *map(str, ledger_dict(v).values())]  # type: ignore[attr-defined]
            for k, v in groups.items()
        ]
        expected.append(
            ["Total", *map(str, ledger_dict(report(portfolio, Period.year(2023)).ledger).values())]
        )
        assert expected == [row.split() for row in rows]

    def test_text_breakdown_labels_groups_without_a_key(self, demo_file: Path) -> None:
        """Tasks outside every program are a group of their own, named in the report's language."""
        done = run("report", str(demo_file), "--period", "2023", "--by", "program")
        assert "(không thuộc chương trình)" in done.stdout
        assert "Chương trình Nông thôn miền núi" in done.stdout

    def test_number_format_follows_language(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Figures of thousands are written 1.234 in Vietnamese and 1,234 in English."""
        path = tmp_path / "big.json"
        path.write_text(json.dumps(_document(1200, seed=7), ensure_ascii=False), encoding="utf-8")
        api = report(loads(path.read_bytes()), Period.phase(2015, 2024))
        managed = api.ledger.managed
        assert managed >= 1000
        assert 0 == cli.main(["report", str(path), "--period", "2015-2024", "--by", "field"])
        vi = capsys.readouterr().out
        assert f"{managed // 1000}.{managed % 1000:03d}" in vi
        assert 0 == cli.main(["report", str(path), "--period", "2015-2024", "--by", "field", "--lang", "en"])
        assert f"{managed // 1000},{managed % 1000:03d}" in capsys.readouterr().out

    def test_decree_cutoff(self, demo_file: Path, portfolio: Portfolio) -> None:
        """``--cutoff decree-09-2019`` reports over the decree's data window, and says so."""
        done = run(
            "report", str(demo_file), "--period", "năm 2023", "--cutoff", "decree-09-2019", "--format", "json"
        )
        got = json.loads(done.stdout)
        window = Period.year(2023).data_window(Cutoff.DECREE_09_2019)
        assert ledger_dict(report(portfolio, window).ledger) == got["ledger"]
        assert ("2022-12-15", "2023-12-14") == (got["window"]["start"], got["window"]["end"])
        assert ("2023", "decree_09_2019") == (got["period"]["code"], got["cutoff"])
        text = run("report", str(demo_file), "--period", "năm 2023", "--cutoff", "decree-09-2019").stdout
        assert "Số liệu từ 15/12/2022 đến 14/12/2023 — Nghị định 09/2019/NĐ-CP" in text
        english = run(
            "report", str(demo_file), "--period", "2023", "--cutoff", "decree-09-2019", "--lang", "en"
        ).stdout
        assert "Data from 15 December 2022 to 14 December 2023 — Nghị định 09/2019/NĐ-CP" in english

    def test_cutoff_keeps_targets_of_the_named_period(self, tmp_path: Path) -> None:
        """Under the decree's window, the targets assigned for the named period are still assessed."""
        case = demo_case("bac_giang_2023h1")
        path = tmp_path / "bg.json"
        path.write_text(dumps(case.portfolio), encoding="utf-8")
        got = json.loads(
            run(
                "report", str(path), "--period", "2023H1", "--cutoff", "decree-09-2019", "--format", "json"
            ).stdout
        )
        assert {"numerator": 7, "denominator": 9, "percent": "77.8"} == got["targets"]

    def test_report_without_owner_heading(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """The heading is the period, capitalised, and then the bases the figures are counted on."""
        path = tmp_path / "p.json"
        path.write_text(json.dumps(_document(5, seed=1), ensure_ascii=False), encoding="utf-8")
        assert 0 == cli.main(["report", str(path), "--period", "quý I/2020", "--enters", "started"])
        lines = capsys.readouterr().out.splitlines()
        assert lines[0].endswith(" — quý I/2020")
        assert "Cơ sở tính: nhiệm vụ mới tính từ mốc “bắt đầu thực hiện”" in lines[1]

    @pytest.mark.parametrize("text", ["quý V/2023", "năm", "last year", "2023-13"])
    def test_bad_period_text(self, text: str, demo_file: Path) -> None:
        """A period the parser cannot read is a usage error (exit 2), one line naming the text."""
        done = run("report", str(demo_file), "--period", text)
        assert 2 == done.returncode
        assert "--period" in one_line_error(done.stderr)

    def test_missing_period(self, demo_file: Path) -> None:
        """``--period`` is required."""
        done = run("report", str(demo_file))
        assert 2 == done.returncode
        assert "--period" in one_line_error(done.stderr)

    @pytest.mark.parametrize(
        "option",
        [["--by", "province"], ["--enters", "evaluated"], ["--exits", "approved"], ["--cutoff", "monthly"]],
    )
    def test_bad_choice(self, option: list[str], demo_file: Path) -> None:
        """A value outside an option's choices is a usage error naming the choices."""
        done = run("report", str(demo_file), "--period", "2023", *option)
        assert 2 == done.returncode
        assert "invalid choice" in one_line_error(done.stderr)

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file exits 2 with one line, nothing on stdout."""
        done = run("report", str(tmp_path / "missing.json"), "--period", "2023")
        assert (2, "") == (done.returncode, done.stdout)
        assert "missing.json" in one_line_error(done.stderr)

    def test_invalid_data(self, invalid_file: Path) -> None:
        """An invalid file exits 1 with one line: the first problem, the count, how to see all."""
        done = run("report", str(invalid_file), "--period", "2023")
        assert (1, "") == (done.returncode, done.stdout)
        line = one_line_error(done.stderr)
        assert "$.tasks[3]" in line
        assert "(and 1 more)" in line
        assert f"stprogress validate {invalid_file}" in line

    def test_not_json(self, not_json_file: Path) -> None:
        """A file that is not JSON exits 1 with one line saying so."""
        done = run("report", str(not_json_file), "--period", "2023")
        assert 1 == done.returncode
        line = one_line_error(done.stderr)
        assert "not valid JSON" in line
        assert "more)" not in line

    def test_standard_input(self, demo_file: Path, portfolio: Portfolio) -> None:
        """``-`` reads the document from standard input."""
        done = run("report", "-", "--period", "2023", "--format", "csv", stdin=demo_file.read_text("utf-8"))
        assert f"total,Tổng số,{report(portfolio, Period.year(2023)).ledger.opening}," in done.stdout


def _key(key: Hashable) -> str | None:
    if key is None:
        return None
    value = getattr(key, "value", key)
    return str(value)


# --------------------------------------------------------------------------------- schema, convert


class TestInProcess:
    """``main`` called in-process writes what the command writes in a subprocess."""

    @pytest.mark.parametrize(
        "args",
        [
            ["report", "{demo}", "--period", "2023", "--by", "program", "--format", "json"],
            ["report", "{demo}", "--period", "2023", "--by", "field", "--format", "csv"],
            ["report", "{demo}", "--period", "2023", "--by", "kind", "--lang", "en"],
            ["report", "{demo}", "--period", "2023", "--cutoff", "decree-09-2019"],
            ["validate", "{demo}", "{invalid}", "--format", "json"],
            ["convert", "{invalid}", "{out}"],
        ],
    )
    def test_same_output(
        self,
        args: list[str],
        demo_file: Path,
        invalid_file: Path,
        tmp_path: Path,
        capsys: pytest.CaptureFixture[str],
    ) -> None:
        """Exit status, standard output and standard error are the same in-process and in a subprocess."""
        names = {"demo": demo_file, "invalid": invalid_file, "out": tmp_path / "out.json"}
        argv = [a.format(**names) for a in args]
        done = run(*argv)
        status = cli.main(argv)
        captured = capsys.readouterr()
        assert (done.returncode, done.stdout, done.stderr) == (status, captured.out, captured.err)

    def test_standard_input(
        self, demo_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``-`` reads standard input's bytes."""
        stdin = io.TextIOWrapper(io.BytesIO(demo_file.read_bytes()), encoding="utf-8")
        monkeypatch.setattr(sys, "stdin", stdin)
        assert 0 == cli.main(["validate", "-"])
        assert capsys.readouterr().out.startswith("-: valid (111 tasks")


class TestSchema:
    def test_schema_is_the_library_schema(self) -> None:
        """``schema`` prints the library's JSON Schema as JSON, Vietnamese unescaped."""
        done = run("schema")
        assert 0 == done.returncode
        assert json_schema() == json.loads(done.stdout)
        assert "nhiệm vụ KH&CN" in done.stdout

    def test_closed_pipe_is_not_an_error(self) -> None:
        """A reader that stops early (``stprogress schema | head -1``) is not an error."""
        process = subprocess.Popen(
            [sys.executable, "-m", "stprogress", "schema"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.read(1)
        process.stdout.close()
        _, err = process.communicate(timeout=60)
        assert 0 == process.returncode
        assert b"" == err


class TestConvert:
    def test_json_to_json(self, demo_file: Path, tmp_path: Path, portfolio: Portfolio) -> None:
        """Converting a document writes an equal portfolio, indented for reading."""
        target = tmp_path / "copy.json"
        done = run("convert", str(demo_file), str(target))
        assert (0, "", "") == (done.returncode, done.stdout, done.stderr)
        assert portfolio == loads(target.read_bytes())
        assert target.read_text(encoding="utf-8").startswith('{\n  "schema": "stprogress/portfolio"')

    def test_refuses_to_replace(self, demo_file: Path, tmp_path: Path) -> None:
        """An existing output file is kept unless ``--force`` is given."""
        target = tmp_path / "exists.json"
        target.write_text("{}", encoding="utf-8")
        done = run("convert", str(demo_file), str(target))
        assert 2 == done.returncode
        assert "exists" in one_line_error(done.stderr)
        assert "{}" == target.read_text(encoding="utf-8")
        assert 0 == run("convert", str(demo_file), str(target), "--force").returncode

    def test_invalid_input(self, invalid_file: Path, tmp_path: Path) -> None:
        """Invalid input exits 1 and writes nothing."""
        target = tmp_path / "out.json"
        done = run("convert", str(invalid_file), str(target))
        assert 1 == done.returncode
        one_line_error(done.stderr)
        assert not target.exists()

    def test_missing_input(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A missing input file exits 2."""
        assert 2 == cli.main(["convert", str(tmp_path / "in.json"), str(tmp_path / "out.json")])
        assert "cannot read" in one_line_error(capsys.readouterr().err)

    @pytest.mark.parametrize("bundle", ["portfolio.zip", "bundle/", "bundle"])
    def test_json_to_csv_and_back_is_lossless(
        self,
        bundle: str,
        demo_file: Path,
        portfolio: Portfolio,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
    ) -> None:
        """JSON to a CSV bundle (zip, folder) and back gives an equal portfolio and identical JSON."""
        monkeypatch.chdir(tmp_path)
        assert 0 == cli.main(["convert", str(demo_file), bundle])
        assert portfolio == csv_bundle.read(bundle)
        assert 0 == cli.main(["convert", bundle, "back.json"])
        assert portfolio == loads(Path("back.json").read_bytes())
        assert dumps(portfolio, indent=2) + "\n" == Path("back.json").read_text(encoding="utf-8")

    def test_bundle_to_unnamed_output_is_json(self, portfolio: Portfolio, tmp_path: Path) -> None:
        """A bundle converted to a name without a telling suffix becomes a JSON document."""
        csv_bundle.write(portfolio, tmp_path / "bundle")
        done = run("convert", "bundle", "portfolio.txt", cwd=tmp_path)
        assert (0, "", "") == (done.returncode, done.stdout, done.stderr)
        assert portfolio == loads((tmp_path / "portfolio.txt").read_bytes())

    def test_bundle_is_not_replaced_without_force(
        self, demo_file: Path, portfolio: Portfolio, tmp_path: Path
    ) -> None:
        """An existing folder or zip is kept unless ``--force`` is given, then it holds the portfolio."""
        for name in ("folder", "out.zip"):
            if name == "folder":
                (tmp_path / name).mkdir()
            else:
                (tmp_path / name).write_bytes(b"")
            done = run("convert", str(demo_file), name, cwd=tmp_path)
            assert 2 == done.returncode
            assert "exists" in one_line_error(done.stderr)
            assert 0 == run("convert", str(demo_file), name, "--force", cwd=tmp_path).returncode
            assert portfolio == csv_bundle.read(tmp_path / name)

    def test_invalid_bundle_writes_nothing(self, bad_bundle: Path, tmp_path: Path) -> None:
        """An invalid bundle exits 1 with one line naming a located problem, and writes nothing."""
        done = run("convert", str(bad_bundle), "out.json", cwd=tmp_path)
        assert 1 == done.returncode
        assert "$.events.csv:row 3:on" in one_line_error(done.stderr)
        assert not (tmp_path / "out.json").exists()

    def test_lone_csv_file_is_refused(self, demo_file: Path, tmp_path: Path) -> None:
        """A single ``.csv`` output is refused in one line (exit 2): a bundle is a folder or a zip."""
        done = run("convert", str(demo_file), "tasks.csv", cwd=tmp_path)
        assert 2 == done.returncode
        assert "not one .csv file" in one_line_error(done.stderr)
        assert not (tmp_path / "tasks.csv").exists()

    def test_bundle_that_cannot_be_written(
        self, demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A bundle whose place cannot be written to exits 2 with one line."""
        (tmp_path / "file").write_text("", encoding="utf-8")
        assert 2 == cli.main(["convert", str(demo_file), str(tmp_path / "file" / "out.zip")])
        assert "cannot write" in one_line_error(capsys.readouterr().err)

    @given(portfolios())
    def test_round_trip_property(self, portfolio: Portfolio) -> None:
        """For any portfolio, JSON to a zipped bundle and back to JSON writes the very same document."""
        with tempfile.TemporaryDirectory() as folder:
            source, bundle, back = (Path(folder) / n for n in ("in.json", "b.zip", "back.json"))
            source.write_text(dumps(portfolio, indent=2) + "\n", encoding="utf-8")
            with contextlib.redirect_stderr(io.StringIO()):
                assert 0 == cli.main(["convert", str(source), str(bundle)])
                assert 0 == cli.main(["convert", str(bundle), str(back)])
            assert source.read_text(encoding="utf-8") == back.read_text(encoding="utf-8")

    def test_needs_both_files(self, capsys: pytest.CaptureFixture[str]) -> None:
        """``convert`` with one file is a usage error."""
        assert 2 == cli.main(["convert", "in.json"])
        assert "OUT" in one_line_error(capsys.readouterr().err)


# --------------------------------------------------------------------------------- failures, progress


class TestFailures:
    def test_broken_pipe(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """A closed standard output ends the run quietly with status 0."""

        def broken(*_: object) -> int:
            raise BrokenPipeError

        monkeypatch.setattr(cli, "_schema", broken)
        with (tmp_path / "stdout").open("w", encoding="utf-8") as stdout:
            monkeypatch.setattr(sys, "stdout", stdout)
            assert 0 == cli.main(["schema"])

    def test_interrupt(self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        """Ctrl-C ends the run with one line and status 130, not a traceback."""

        def interrupted(*_: object) -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr(cli, "_schema", interrupted)
        assert 130 == cli.main(["schema"])
        assert "stprogress: error: interrupted\n" == capsys.readouterr().err


class _Terminal(io.StringIO):
    """A text stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class _Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class TestProgress:
    def test_silent_when_not_a_terminal(self) -> None:
        """A pipe or file never gets the status line, however long the run."""
        stream, clock = io.StringIO(), _Clock()
        with cli.Progress(stream, clock=clock) as progress:
            progress.step("reading big.json")
            clock.now = 100.0
            progress.tick()
        assert (False, "") == (progress.enabled, stream.getvalue())

    def test_silent_for_short_runs(self) -> None:
        """A run shorter than the delay shows nothing on a terminal."""
        stream, clock = _Terminal(), _Clock()
        with cli.Progress(stream, clock=clock, delay=1.0, interval=60) as progress:
            clock.now = 0.5
            progress.tick()
        assert (True, "") == (progress.enabled, stream.getvalue())

    def test_long_run_shows_step_then_erases_it(self) -> None:
        """After the delay the step and the time elapsed are shown, and erased at the end."""
        stream, clock = _Terminal(), _Clock()
        with cli.Progress(stream, clock=clock, delay=1.0, interval=60) as progress:
            progress.step("computing the report")
            clock.now = 3.2
            progress.tick()
            shown = stream.getvalue()
        assert "\r\x1b[Kstprogress: computing the report… 3 s" == shown
        assert shown + "\r\x1b[K" == stream.getvalue()

    def test_same_line_is_not_rewritten(self) -> None:
        """The line is rewritten only when the step or the whole seconds change."""
        stream, clock = _Terminal(), _Clock()
        with cli.Progress(stream, clock=clock, delay=0.0, interval=60) as progress:
            progress.step("reading")
            clock.now = 2.1
            progress.tick()
            clock.now = 2.3
            progress.tick()
            first = stream.getvalue()
            clock.now = 3.0
            progress.tick()
        assert "\r\x1b[Kstprogress: reading… 2 s" == first
        assert first + "\r\x1b[Kstprogress: reading… 3 s\r\x1b[K" == stream.getvalue()

    def test_background_thread_ticks(self) -> None:
        """On a terminal a background thread rewrites the line while the run works."""
        written = threading.Event()

        class Watched(_Terminal):
            def write(self, text: str) -> int:
                written.set()
                return super().write(text)

        stream = Watched()
        with cli.Progress(stream, delay=0.0, interval=0.01) as progress:
            progress.step("reading")
            assert written.wait(10)
        assert stream.getvalue().endswith("\r\x1b[K")

    def test_stream_without_isatty(self) -> None:
        """A stream that cannot say whether it is a terminal is taken as not one."""

        class Closed(io.StringIO):
            def isatty(self) -> bool:
                raise ValueError("I/O operation on closed file")

        assert cli.Progress(Closed()).enabled is False


# --------------------------------------------------------------------------------- large files


def _document(size: int, *, seed: int) -> dict[str, Any]:
    """A deterministic portfolio document of ``size`` tasks with legal histories over 2015–2024."""
    rng = random.Random(seed)
    levels = [level.value for level in Level]
    tasks = [_task(rng, index, levels) for index in range(size)]
    return {
        "schema": "stprogress/portfolio",
        "version": 1,
        "owner": "Sở KH&CN tỉnh Mẫu (dữ liệu sinh tự động cho kiểm thử)",
        "tasks": tasks,
        "programs": [],
        "targets": [],
    }


def _event(kind: str, on: date, **extra: str) -> dict[str, Any]:
    return {"event": kind, "on": on.isoformat(), "ref": None, "note": None, **extra}


def _task(rng: random.Random, index: int, levels: list[str]) -> dict[str, Any]:
    approved = date(2015, 1, 1) + timedelta(days=rng.randrange(3650))
    start = approved + timedelta(days=rng.randrange(1, 90))
    end = start + timedelta(days=rng.choice((365, 540, 730)))
    history = [_event("approved", approved)]
    day = start
    if rng.random() < 0.95:
        history.append(_event("contracted", day))
        for _ in range(rng.randrange(3)):
            day += timedelta(days=rng.randrange(60, 200))
            history.append(_event("inspected", day))
        day = max(day, end) + timedelta(days=rng.randrange(1, 60))
        if rng.random() < 0.05:
            history.append(_event("terminated", day))
        else:
            history.append(_event("evaluated", day, grade=rng.choice(("pass", "pass", "excellent", "fail"))))
            if history[-1]["grade"] != "fail" and rng.random() < 0.8:
                history.append(_event("registered", day + timedelta(days=rng.randrange(1, 30))))
    # Histories stop at the data date, as a live portfolio's do.
    history = [e for e in history if e["on"] <= "2024-12-31"]
    return {
        "code": f"NV-{index:06d}",
        "title": f"Nhiệm vụ thử nghiệm số {index}",
        "level": rng.choice(levels),
        "kind": "research",
        "planned_start": start.isoformat(),
        "planned_end": end.isoformat(),
        "history": history,
        "program": None,
        "field": str(rng.randrange(1, 7)),
        "host": None,
        "lead": None,
        "budget": {"state": rng.randrange(50, 5000) * 1_000_000, "other": 0},
    }


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 100,000-task document, the same on every run."""
    path = tmp_path_factory.mktemp("large") / "large.json"
    path.write_text(json.dumps(_document(100_000, seed=20240101), ensure_ascii=False), encoding="utf-8")
    return path


_API_SCRIPT = """
import json, sys
from stprogress import Period
from stprogress.indicators import breakdown
from stprogress.report import report
from stprogress.serialize import loads

def ledger(led):
    names = ("opening", "new", "completed", "failed", "terminated", "closing")
    return {**{n: getattr(led, n) for n in names}, "managed": led.managed}

portfolio = loads(open(sys.argv[1], "rb").read())
year = Period.year(2022)
api = report(portfolio, year)
print(json.dumps({
    "tasks": len(portfolio.tasks),
    "managed": api.ledger.managed,
    "ledger": ledger(api.ledger),
    "inspections": api.inspections.events,
    "budgets": {b: m.state for b, m in api.budgets.items()},
    "groups": [[k.value, ledger(v)] for k, v in breakdown(portfolio, year, by="level").items()],
}))
"""


def _drain(fd: int, chunks: list[bytes]) -> None:
    """Read a pseudo-terminal until the other side closes it."""
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # EIO: the child closed the terminal (Linux)
            return
        if not chunk:
            return
        chunks.append(chunk)


@pytest.mark.slow
class TestLargeFile:
    def test_report_of_100000_tasks_equals_api(self, large_file: Path) -> None:
        """``report`` on a 100,000-task file finishes, shows progress on a terminal, and equals the API."""
        pty = pytest.importorskip("pty")  # Unix: a pseudo-terminal stands for the user's terminal
        master, slave = pty.openpty()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "stprogress",
                "report",
                str(large_file),
                "--period",
                "năm 2022",
                "--by",
                "level",
                "--format",
                "json",
            ],
            stdout=subprocess.PIPE,
            stderr=slave,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
        os.close(slave)
        chunks: list[bytes] = []
        reader = threading.Thread(target=_drain, args=(master, chunks))
        reader.start()
        # The API reads the same file in another process while the command runs: the test waits
        # for one load, not two, and the API is not slowed down by the coverage tracer.
        api = json.loads(
            subprocess.run(
                [sys.executable, "-c", _API_SCRIPT, str(large_file)],
                capture_output=True,
                check=True,
                timeout=600,
            ).stdout
        )
        out, _ = process.communicate(timeout=600)
        reader.join(timeout=60)
        os.close(master)
        assert 0 == process.returncode
        got = json.loads(out.decode("utf-8"))
        assert 100_000 == api["tasks"]
        assert api["managed"] > 10_000
        assert api["ledger"] == got["ledger"]
        assert api["inspections"] == got["events"]["inspected"]["events"]
        assert api["budgets"] == {b: m["state"] for b, m in got["budgets"].items()}
        assert api["groups"] == [[g["key"], g["ledger"]] for g in got["groups"]]
        progress = b"".join(chunks).decode("utf-8")
        assert f"stprogress: checking {large_file}…" in progress
        assert progress.endswith("\r\x1b[K")  # the status line is erased before the run ends
