"""Tests of the CSV files of a portfolio: lossless round trips, the formula escape, located problems."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.test_serialize import PORTFOLIO

from stprogress import Portfolio, ValidationError
from stprogress.io import csv as pcsv
from test_serialize import portfolios  # public portfolios, widened where the wire format is at stake

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _problems(files: dict[str, str | bytes]) -> list[str]:
    with pytest.raises(ValidationError) as caught:
        pcsv.from_files(files)
    return [str(p) for p in caught.value.problems]


def _edit(name: str, old: str, new: str, headers: pcsv.Headers = "en") -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = dict(pcsv.to_files(PORTFOLIO, headers=headers))
    text = files[name]
    assert isinstance(text, str)
    assert old in text
    files[name] = text.replace(old, new, 1)
    return files


class TestEscape:
    @given(st.text())
    def test_round_trip(self, text: str) -> None:
        """Unescaping an escaped cell gives back the exact text, the empty text included."""
        assert text == pcsv.unescape_cell(pcsv.escape_cell(text))

    @given(st.text())
    def test_never_a_formula(self, text: str) -> None:
        """An escaped cell never starts with a character a spreadsheet reads as a formula."""
        assert not pcsv.escape_cell(text).startswith(_TRIGGERS)

    @given(st.text())
    def test_unambiguous(self, text: str) -> None:
        """An escaped cell is never empty, so an empty cell always means "no value"."""
        assert "" != pcsv.escape_cell(text)
        assert pcsv.unescape_cell("") is None

    def test_examples(self) -> None:
        """Formula-like text and text that starts with an apostrophe get one apostrophe more."""
        assert ["'=SUM(A1)", "''x", "'", "'-5", "abc"] == [
            pcsv.escape_cell(t) for t in ("=SUM(A1)", "'x", "", "-5", "abc")
        ]


class TestRoundTrip:
    @given(portfolios(), st.sampled_from(["en", "vi"]))
    def test_files(self, portfolio: Portfolio, headers: pcsv.Headers) -> None:
        """A portfolio written as CSV files reads back equal, with either headers."""
        assert portfolio == pcsv.from_files(pcsv.to_files(portfolio, headers=headers))

    def test_bom_and_bytes(self) -> None:
        """Every file starts with a byte order mark, and UTF-8 bytes read back."""
        files = pcsv.to_files(PORTFOLIO)
        assert all(text.startswith("\ufeff") for text in files.values())
        assert PORTFOLIO == pcsv.from_files({k: v.encode() for k, v in files.items()})

    def test_vietnamese_headers(self) -> None:
        """Vietnamese headers are written on request."""
        header = pcsv.to_files(PORTFOLIO, headers="vi")["tasks.csv"].splitlines()[0]
        assert header.startswith("\ufeffmã,tên nhiệm vụ,cấp,loại,")

    def test_folder_and_zip(self, tmp_path: Path) -> None:
        """A folder and a zip both round-trip."""
        pcsv.write(PORTFOLIO, tmp_path / "folder")
        pcsv.write(PORTFOLIO, tmp_path / "portfolio.zip", headers="vi")
        assert sorted(pcsv.FILES) == sorted(p.name for p in (tmp_path / "folder").iterdir())
        assert (PORTFOLIO, PORTFOLIO) == (
            pcsv.read(tmp_path / "folder"),
            pcsv.read(tmp_path / "portfolio.zip"),
        )


class TestBadCsv:
    def test_bad_date(self) -> None:
        """A bad cell is located by file, row and column."""
        files = _edit("tasks.csv", "2024-12-31", "2024-02-30")
        assert ['$.tasks.csv:row 2:planned_end: "2024-02-30" is not a date'] == _problems(files)

    def test_bad_event(self) -> None:
        """An event problem is located in events.csv."""
        files = _edit("events.csv", "approved", "approve")
        assert [
            '$.events.csv:row 3:event: "approve" is not a kind of event (one of: proposed, rejected, '
            "approved, contracted, inspected, extended, evaluated, registered, liquidated, terminated)"
        ] == _problems(files)

    def test_history_problem(self) -> None:
        """A task's history problem points at the row of the event."""
        files = _edit("events.csv", "2022-11-20", "2022-01-01")
        assert ["$.events.csv:row 3: Approved on 2022-01-01 before Proposed on 2022-06-01"] == _problems(
            files
        )

    def test_budget_not_a_number(self) -> None:
        """A budget cell that is not a whole number is refused in its column."""
        files = _edit("tasks.csv", "1500000000", "1.5e9")
        assert ['$.tasks.csv:row 2:budget_state: expected a whole number, got "1.5e9"'] == _problems(files)

    def test_unknown_task(self) -> None:
        """An event of a task that is not in tasks.csv is refused."""
        files = _edit("events.csv", "ĐT-04", "ĐT-99")
        assert ["$.events.csv:row 11:task: no task 'ĐT-99' in tasks.csv"] == _problems(files)

    def test_unknown_program_of_target(self) -> None:
        """A target of a program that is not in programs.csv is refused."""
        files = _edit("targets.csv", "\r\n,CT-01", "\r\nXX,CT-01")
        assert ["$.targets.csv:row 2:program: no program 'XX' in programs.csv"] == _problems(files)

    def test_columns(self) -> None:
        """Unknown and missing columns are named."""
        files = _edit("programs.csv", "phase", "colour")
        assert [
            "$.programs.csv:row 1:colour: unknown column",
            "$.programs.csv:row 1: the column 'phase' is missing",
        ] == _problems(files)

    def test_ragged_row(self) -> None:
        """A row with more cells than the header is refused."""
        files = _edit("tasks.csv", "\r\n", "\r\nextra,", headers="en")
        assert ["$.tasks.csv:row 2: has 13 cells, the header 12"] == _problems(files)

    def test_missing_and_empty_files(self) -> None:
        """A missing file, an empty file and bad UTF-8 are each named."""
        files: dict[str, str | bytes] = dict(pcsv.to_files(PORTFOLIO))
        del files["events.csv"]
        files["targets.csv"] = ""
        files["programs.csv"] = b"\xff"
        assert [
            "$.programs.csv: not valid UTF-8: byte 0xff at offset 0",
            "$.targets.csv: the file is empty; its first row names the columns",
            "$.events.csv: the file is missing",
        ] == _problems(files)

    def test_portfolio_rows(self) -> None:
        """portfolio.csv holds exactly one row of data."""
        files = _edit("portfolio.csv", "\r\n", "\r\nstprogress/portfolio,1,again\r\n")
        assert ["$.portfolio.csv: must have one row of data, has 2"] == _problems(files)

    def test_owner_missing(self) -> None:
        """An empty owner cell is located in portfolio.csv."""
        files = _edit("portfolio.csv", "Sở KH&CN tỉnh Bến Tre", "")
        assert ["$.portfolio.csv:row 2:owner: required key is missing"] == _problems(files)

    def test_not_an_archive(self, tmp_path: Path) -> None:
        """A path that is neither a folder nor a zip is refused."""
        bad = tmp_path / "x.zip"
        bad.write_bytes(b"not a zip")
        with pytest.raises(ValidationError) as caught:
            pcsv.read(bad)
        assert "x.zip: not a folder or a zip file of CSV files" in str(caught.value.problems[0])

    def test_zip_missing_file(self, tmp_path: Path) -> None:
        """A zip without one of the files names it."""
        path = tmp_path / "p.zip"
        with zipfile.ZipFile(path, "w") as archive:
            for name, text in pcsv.to_files(PORTFOLIO).items():
                if name != "tasks.csv":
                    archive.writestr(name, text)
        with pytest.raises(ValidationError) as caught:
            pcsv.read(path)
        assert ["$.tasks.csv: the file is missing"] == [str(p) for p in caught.value.problems]

    def test_portfolio_level_problem(self) -> None:
        """A dangling program reference, a portfolio-wide problem, is located in tasks.csv."""
        files = _edit("tasks.csv", "2024-12-31,,", "2024-12-31,XX,")
        assert ["$.tasks.csv:row 2:program: refers to program 'XX', which is not in the portfolio"] == (
            _problems(files)
        )
