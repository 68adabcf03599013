"""Tests of the fast reader (extra ``fast``): the same values and the same problems as the default path."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies_serialize import portfolios

from stprogress import (
    Approved,
    Budget,
    Contracted,
    Evaluated,
    Extended,
    Grade,
    Level,
    Portfolio,
    Program,
    Proposed,
    Target,
    Task,
    TaskKind,
    ValidationError,
    _fast,
    dumps,
    loads,
    serialize,
    to_dict,
)
from stprogress.demo import DemoCase, demo_cases
from stprogress.periods import Period


def _portfolio() -> Portfolio:
    task = Task(
        "ĐT-01",
        "Giống lúa chịu mặn",
        Level.PROVINCIAL,
        TaskKind.RESEARCH,
        date(2023, 1, 1),
        date(2024, 12, 31),
        [
            Proposed(date(2022, 6, 1), note='đề xuất "đặt hàng"'),
            Approved(date(2022, 11, 20), ref="12/QĐ-UBND"),
            Contracted(date(2023, 2, 3)),
            Extended(date(2024, 6, 1), until=date(2025, 6, 30)),
            Evaluated(date(2025, 7, 1), grade=Grade.GOOD),
        ],
        program="NTM",
        budget=Budget(1_500_000_000, 300_000_000),
    )
    target = Target("CT-01", "Số đề tài", "đề tài", planned=Decimal("12.5"))
    program = Program("NTM", "Nông thôn mới", Level.NATIONAL, Period.phase(2021, 2025), [target])
    return Portfolio("Sở KH&CN tỉnh Bến Tre", [task], [program], [target])


PORTFOLIO = _portfolio()
TEXT = dumps(PORTFOLIO)


def _fast_read(text: str) -> Portfolio | None:
    return _fast.read(
        text.encode(),
        serialize.CURRENT_VERSION,
        serialize._structure_decimal,
        serialize._structure_period,
        serialize._WireError,
    )


def _outcome(text: str | bytes) -> tuple[str, Any]:
    """What ``loads`` gives: the value, or the problems as the user reads them."""
    try:
        return ("value", loads(text))
    except ValidationError as error:
        return ("problems", [str(p) for p in error.problems])


def _default_outcome(text: str | bytes) -> tuple[str, Any]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(serialize, "_msgspec", None)
        return _outcome(text)


@pytest.fixture
def no_default_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the default path fail loudly, so a test shows the fast reader answered alone."""

    def refuse(text: str) -> Any:
        raise AssertionError("the default path was used")

    monkeypatch.setattr(serialize, "_parse", refuse)


_TRICKY = st.sampled_from(
    [
        '"',
        ":",
        ",",
        "{",
        "}",
        "[",
        "]",
        "\\",
        " ",
        "1",
        "1.0",
        "-1",
        "null",
        "true",
        "NaN",
        "Infinity",
        "1e400",
        "123456789012345678901234567890",
        "\\ud800",
        '\\"',
        '"on":"2023-01-01",',
        '"ref":null,',
        '"x":1,',
        "é",
        "\ud800",
    ]
)


@st.composite
def _edited(draw: st.DrawFn) -> str:
    """A valid document with a few edits at random places: inserted, replaced, deleted or repeated text."""
    text = dumps(draw(portfolios(max_tasks=3)), indent=draw(st.sampled_from([None, None, 1])))
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        how = draw(st.integers(0, 3))
        if how == 0:
            text = text[:at] + draw(_TRICKY) + text[at:]
        elif how == 1:
            text = text[:at] + draw(_TRICKY) + text[at + 1 :]
        elif how == 2:
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        else:
            end = at + draw(st.integers(1, 40))
            text = text[:end] + text[at:end] + text[end:]
    return text


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=12,
)


@st.composite
def _replaced_values(draw: st.DrawFn) -> str:
    """A valid document in which one value anywhere (or a key) is replaced by any JSON value, or removed."""
    data = to_dict(draw(portfolios(max_tasks=3)))
    objects: list[dict[str, Any]] = []

    def collect(value: Any) -> None:
        if isinstance(value, dict):
            objects.append(value)
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(data)
    target = draw(st.sampled_from(objects))
    key = draw(st.sampled_from(sorted(target)))
    if draw(st.booleans()):
        del target[key]
    else:
        target[key] = draw(_JSON)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class TestSameResult:
    @given(portfolios(), st.sampled_from([None, 0, 1, 2]))
    def test_valid_documents(self, portfolio: Portfolio, indent: int | None) -> None:
        """A valid document reads, by the fast reader alone, as the value the default path reads."""
        text = dumps(portfolio, indent=indent)
        assert ("value", portfolio) == _default_outcome(text)
        assert portfolio == _fast_read(text)
        assert ("value", portfolio) == _outcome(text)

    @given(_edited())
    def test_edited_documents(self, text: str) -> None:
        """A document with random edits gives the same value or the same problems as the default path."""
        assert _default_outcome(text) == _outcome(text)

    @given(_replaced_values())
    def test_replaced_values(self, text: str) -> None:
        """A document with any value replaced or removed gives the same outcome as the default path."""
        assert _default_outcome(text) == _outcome(text)

    @given(_edited())
    def test_bytes(self, text: str) -> None:
        """As UTF-8 bytes, an edited document gives the same outcome either way."""
        data = text.encode("utf-8", "surrogatepass")
        assert _default_outcome(data) == _outcome(data)

    def test_absent_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without the extra, the default path reads the same value."""
        monkeypatch.setattr(serialize, "_msgspec", None)
        assert PORTFOLIO == loads(TEXT)

    def test_fast_reader_answers_alone(self, no_default_path: None) -> None:
        """A document as dumps writes it, escaped quotes included, is read without the default path."""
        assert '\\"' in TEXT
        assert PORTFOLIO == loads(TEXT)
        assert PORTFOLIO == loads(TEXT.encode())
        assert PORTFOLIO == loads(dumps(PORTFOLIO, indent=2))

    @pytest.mark.parametrize(
        "text", ["\ufeff" + TEXT, b"\xef\xbb\xbf" + TEXT.encode(), bytearray(TEXT.encode())]
    )
    def test_byte_order_mark_and_bytearray(self, text: str | bytes, no_default_path: None) -> None:
        """A leading byte order mark, as text or as bytes, and a bytearray are read by the fast reader."""
        assert PORTFOLIO == loads(text)

    def test_text_is_not_left_holding_its_encoding(self) -> None:
        """Reading ``str`` leaves no UTF-8 copy of the document cached with the caller's string."""
        text = TEXT.replace("Bến", "Bến" * 2000)
        before = sys.getsizeof(text)
        loads(text)
        assert before == sys.getsizeof(text)

    def test_lone_surrogate_in_text(self) -> None:
        """Text that is not Unicode goes to the default path, which says where the surrogate is."""
        text = TEXT.replace("Bến Tre", "B\ud800")
        assert _default_outcome(text) == _outcome(text)
        [problem] = _outcome(text)[1]
        assert problem.startswith("$.owner: ")
        assert problem.endswith("(it holds a lone surrogate)")

    def test_other_types_use_the_default_path(self) -> None:
        """Only whole portfolios go through the fast reader; a task is read by the converter."""
        (task,) = PORTFOLIO.tasks
        assert task == loads(dumps(task), Task)


class TestFallsBack:
    @pytest.mark.parametrize(
        ("edit", "problem"),
        [
            (lambda t: t.replace('"on":"2023-02-03"', '"on":"2023-02-03","on":"2023-02-04"'), "repeat a key"),
            (lambda t: t.replace('"on":"2023-02-03"', '"on"  :"2023-02-03","on" :"2023-02-04"'), "repeat"),
            (lambda t: t.replace('"state":1500000000', '"state":1' + "0" * 30), "too large"),
            (lambda t: t.replace('"state":1500000000', '"state":1' + "0" * 19), "below 2**63"),
            (lambda t: t.replace('"state":1500000000', '"state":NaN'), "NaN"),
            (lambda t: t.replace('"state":1500000000', '"state":1.5'), "whole number"),
            (lambda t: t.replace('"ref":"12/QĐ-UBND"', '"ref":"\\ud800"'), "surrogate"),
            (lambda t: t.replace('"planned":"12.5"', '"planned":"Infinity"'), "finite"),
            (lambda t: t.replace('"phase":"2021-2025"', '"phase":"2021 - 2025"'), "period code"),
            (lambda t: t.replace('"owner":"Sở', '"owner":" Sở'), None),
            (lambda t: t.replace('"planned_end":"2024-12-31"', '"planned_end":"2022-12-31"'), "before"),
            (lambda t: t.replace('"version":1', '"version":true'), "version"),
        ],
    )
    def test_same_problems(self, edit: Any, problem: str | None) -> None:
        """A document the fast reader refuses or doubts gets the default path's value or problems."""
        text = edit(TEXT)
        assert text != TEXT
        expected = _default_outcome(text)
        assert expected == _outcome(text)
        if problem is not None:
            assert "problems" == expected[0]
            assert any(problem in p for p in expected[1])

    def test_missing_optional_key(self) -> None:
        """A document that leaves out an optional key is read by the default path, to the same value."""
        text = TEXT.replace('"note":null,', "", 1)
        assert _fast_read(text) is None
        assert PORTFOLIO == loads(text)

    def test_bad_utf8(self) -> None:
        """Bytes that are not UTF-8 get the default path's problem."""
        data = TEXT.encode().replace("Bến".encode(), b"B\xff")
        assert _default_outcome(data) == _outcome(data)

    def test_older_version_is_migrated(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A document of an older version is left to the default path, which migrates it."""
        monkeypatch.setattr(serialize, "CURRENT_VERSION", 2)
        monkeypatch.setattr(serialize, "MIGRATIONS", {1: lambda body: {**body, "owner": "Sở mới"}})
        assert (
            _fast.read(TEXT.encode(), 2, serialize._structure_decimal, serialize._structure_period, Exception)
            is None
        )
        assert "Sở mới" == loads(TEXT).owner


class TestRepeatedKeys:
    @given(portfolios(max_tasks=2), st.data())
    def test_any_repeated_key_is_refused(self, portfolio: Portfolio, data: st.DataObject) -> None:
        """A key repeated anywhere, with its value or another, sends the document to the default path."""
        text = dumps(portfolio)
        keys = [m.start() for m in re.finditer(r'(?<=[{,])"[a-z_]+":', text)]
        at = data.draw(st.sampled_from(keys))
        end = text.index(":", at)
        key = text[at : end + 1]
        value = data.draw(st.sampled_from(["null", '"x"', "1", '"2023-01-01"', "[]"]))
        edited = text[:at] + key + value + "," + text[at:]
        assert _fast_read(edited) is None
        assert _default_outcome(edited) == _outcome(edited)

    def test_spaced_repeated_key(self) -> None:
        """A repeated key is found whatever the whitespace around it."""
        text = TEXT.replace('"on":"2023-02-03"', '"on" : "2023-02-03" ,\n "on"\t:"2023-02-03"')
        assert _fast_read(text) is None
        assert "problems" == _outcome(text)[0]

    def test_whitespace_alone_is_read(self, no_default_path: None) -> None:
        """Whitespace outside strings does not keep a document from the fast reader."""
        text = TEXT.replace('"on":"2023-02-03"', ' "on" :\t"2023-02-03" ') + "\n"
        assert PORTFOLIO == loads(text)

    def test_other_escapes_go_to_the_default_path(self) -> None:
        """Text with escapes msgspec would not write is read by the default path, to the same value."""
        text = TEXT.replace("Bến", "B\\u1ebfn")
        assert _fast_read(text) is None
        assert PORTFOLIO == loads(text)


class TestWrite:
    @given(portfolios(), st.sampled_from([None, 0, 1, 2]))
    def test_same_bytes_as_the_default_writer(self, portfolio: Portfolio, indent: int | None) -> None:
        """The fast writer writes, for any portfolio and indentation, the default writer's text."""
        assert dumps(portfolio, indent=indent, fast=False) == dumps(portfolio, indent=indent)

    def test_writes_from_the_values(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A portfolio is written without going through the converter's plain data."""

        def refuse(obj: object) -> Any:
            raise AssertionError("to_dict was used")

        monkeypatch.setattr(serialize, "to_dict", refuse)
        assert TEXT.encode() == _fast.write(PORTFOLIO, serialize.CURRENT_VERSION)
        assert TEXT == dumps(PORTFOLIO)

    def test_lone_surrogate(self) -> None:
        """Text msgspec cannot encode is written by the standard library, as the default writer does."""
        portfolio = Portfolio("Sở \ud800", [])
        assert dumps(portfolio, fast=False) == dumps(portfolio)

    def test_schema_name(self) -> None:
        """The fast reader and writer name the document as the converter does."""
        assert serialize.DOCUMENT_SCHEMA == _fast.SCHEMA

    def test_fast_false_reads_with_the_converter(self, no_default_path: None) -> None:
        """With fast=False, loads reads with the converter alone."""
        with pytest.raises(AssertionError, match="default path"):
            loads(TEXT, fast=False)


class TestPlainWriter:
    @given(portfolios(), st.sampled_from([None, 0, 2]))
    def test_same_text_without_the_extra(self, portfolio: Portfolio, indent: int | None) -> None:
        """Without the extra, dumps writes the converter's text."""
        expected = dumps(portfolio, indent=indent, fast=False)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(serialize, "_msgspec", None)
            assert expected == dumps(portfolio, indent=indent)

    @pytest.mark.parametrize(
        "text", ['"quoted" \\ back', "tab\there\nline", "\x00\x1f\x7f", "\u2028\u2029", "𝔸 Đề tài", "\ud800"]
    )
    def test_escapes_as_json_does(self, text: str) -> None:
        """The direct writer escapes every text as the standard library writes it."""
        text = f"a {text} b"
        task = Task(
            "ĐT-01",
            text,
            Level.PROVINCIAL,
            TaskKind.RESEARCH,
            date(2023, 1, 1),
            date(2023, 12, 31),
            [Proposed(date(2022, 5, 1), ref=text, note=text)],
        )
        portfolio = Portfolio(text, [attrs.evolve(task, host=text, lead=text)])
        expected = json.dumps(to_dict(portfolio), ensure_ascii=False, separators=(",", ":"))
        assert expected == serialize._portfolio_text(portfolio)

    @pytest.mark.parametrize("indent", [None, 0, 2])
    @pytest.mark.parametrize("case", demo_cases(), ids=lambda case: case.key)
    def test_demo_portfolios(
        self, case: DemoCase, indent: int | None, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Every kind of event, budgets, fields, programs and targets are written as json writes them."""
        layout: dict[str, Any] = {"separators": (",", ":")} if indent is None else {"indent": indent}
        expected = json.dumps(to_dict(case.portfolio), ensure_ascii=False, **layout)
        monkeypatch.setattr(serialize, "_msgspec", None)
        assert expected == dumps(case.portfolio, indent=indent)
