"""Tests of the JSON edge: round trips, strictness, located errors, envelope and migrations, fast path."""

from __future__ import annotations

import copy
import gc
import json
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stprogress
from stprogress import (
    Approved,
    Budget,
    Contracted,
    Evaluated,
    Event,
    Extended,
    Grade,
    Level,
    Period,
    Portfolio,
    Problem,
    Program,
    Proposed,
    Target,
    Task,
    TaskKind,
    ValidationError,
    dumps,
    from_dict,
    loads,
    serialize,
    to_dict,
)
from stprogress.model import MONEY_LIMIT, code_key
from stprogress.strategies import events as public_events
from stprogress.strategies import periods as any_periods
from stprogress.strategies import portfolios as public_portfolios
from stprogress.strategies import programs as public_programs
from stprogress.strategies import targets as public_targets
from stprogress.strategies import tasks as public_tasks

# The public strategies draw realistic values and sometimes arbitrary text; the wire format is where
# the hard cases matter, so every value they draw is widened here (not replaced: the structure,
# histories, unique codes and program references stay the public strategies' own). Text can be any
# Unicode but lone surrogates and the cells a spreadsheet reads as formulas; decimals come in every
# sign and exponent form; money goes up to the limit; references and notes can be any text.
_CHARS = st.characters(exclude_categories=("Cs",))
_TRICKY = st.sampled_from(["=1+1", "+84", "-5", "@SUM(A1)", "\tx", "\rx", "'=x", "''", "a,b", 'q"q', "x\ny"])
_TEXTS = st.one_of(st.text(_CHARS, min_size=1, max_size=20), _TRICKY).filter(lambda s: bool(s.strip()))
_CODES = _TEXTS.filter(lambda s: s == s.strip())
_FREE_TEXTS = st.none() | st.text(_CHARS, max_size=12) | _TRICKY
_DECIMALS = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False).filter(
        lambda d: len(str(d)) <= 100 and abs(d.adjusted()) <= 1000
    ),
    st.sampled_from([Decimal("-0"), Decimal("1E+3"), Decimal("0E-10"), Decimal("1.50"), Decimal("12.5")]),
)
_MONEY = st.integers(0, MONEY_LIMIT - 1)
wide_budgets = st.builds(Budget, _MONEY, _MONEY)
_WIDE_PERIODS = any_periods(min_year=1990, max_year=2060)


def _maybe(draw: st.DrawFn, strategy: st.SearchStrategy[Any], value: Any) -> Any:
    """``value``, or (as often) a value drawn from ``strategy``: shrinks back to the public value."""
    return draw(strategy) if draw(st.booleans()) else value


def _widen_target(draw: st.DrawFn, target: Target) -> Target:
    return attrs.evolve(
        target,
        name=_maybe(draw, _TEXTS, target.name),
        unit=_maybe(draw, _TEXTS, target.unit),
        planned=_maybe(draw, _DECIMALS, target.planned),
        actual=_maybe(draw, st.none() | _DECIMALS, target.actual),
        period=_maybe(draw, st.none() | _WIDE_PERIODS, target.period),
    )


def _widen_event(draw: st.DrawFn, event: Event) -> Event:
    return attrs.evolve(
        event, ref=_maybe(draw, _FREE_TEXTS, event.ref), note=_maybe(draw, _FREE_TEXTS, event.note)
    )


def _widen_task(draw: st.DrawFn, task: Task) -> Task:
    return attrs.evolve(
        task,
        title=_maybe(draw, _TEXTS, task.title),
        history=[_widen_event(draw, e) for e in task.history],
        host=_maybe(draw, st.none() | _TEXTS, task.host),
        lead=_maybe(draw, st.none() | _TEXTS, task.lead),
        budget=_maybe(draw, st.none() | wide_budgets, task.budget),
    )


def _widen_targets(draw: st.DrawFn, own: tuple[Target, ...], most: int) -> list[Target]:
    """The targets widened, and up to ``most`` in all with wide codes that do not repeat theirs."""
    extra = draw(
        st.lists(wide_targets(), max_size=max(0, most - len(own)), unique_by=lambda t: code_key(t.code))
    )
    used = {code_key(t.code) for t in own}
    return [_widen_target(draw, t) for t in own] + [t for t in extra if code_key(t.code) not in used]


@st.composite
def wide_targets(draw: st.DrawFn) -> Target:
    """A public target, widened, its code any text."""
    target = _widen_target(draw, draw(public_targets()))
    return attrs.evolve(target, code=_maybe(draw, _CODES, target.code))


@st.composite
def _wide_events(draw: st.DrawFn) -> Event:
    return _widen_event(draw, draw(public_events()))


wide_events = _wide_events()


@st.composite
def wide_tasks(draw: st.DrawFn) -> Task:
    """A public task, widened, its code any text."""
    task = _widen_task(draw, draw(public_tasks()))
    return attrs.evolve(task, code=_maybe(draw, _CODES, task.code))


@st.composite
def wide_programs(draw: st.DrawFn) -> Program:
    """A public program, widened, with up to two targets."""
    program = draw(public_programs(phase=None))
    return attrs.evolve(
        program, name=_maybe(draw, _TEXTS, program.name), targets=_widen_targets(draw, program.targets, 2)
    )


@st.composite
def portfolios(draw: st.DrawFn, max_tasks: int = 5) -> Portfolio:
    """A public portfolio of up to ``max_tasks`` tasks, widened, with up to three targets of its own."""
    base = draw(public_portfolios(max_tasks=max_tasks, max_programs=2, max_targets=3))
    groups = [
        attrs.evolve(p, name=_maybe(draw, _TEXTS, p.name), targets=_widen_targets(draw, p.targets, 2))
        for p in base.programs
    ]
    used = {t.code_key for t in base.tasks}
    tasks = []
    for task in base.tasks:
        # A wide code only where it repeats no other task's (programs keep theirs: tasks name them).
        code = _maybe(draw, _CODES, task.code)
        if code_key(code) in used:
            code = task.code
        used.add(code_key(code))
        tasks.append(_widen_task(draw, attrs.evolve(task, code=code)))
    return Portfolio(
        _maybe(draw, _TEXTS, base.owner),
        tasks,
        groups,
        _widen_targets(draw, base.targets, 3),
    )


def _task(code: str, *, program: str | None = None) -> Task:
    return Task(
        code,
        f"Đề tài {code}",
        Level.PROVINCIAL,
        TaskKind.RESEARCH,
        date(2023, 1, 1),
        date(2024, 12, 31),
        [Proposed(date(2022, 6, 1)), Approved(date(2022, 11, 20)), Contracted(date(2023, 2, 3))],
        program=program,
        budget=Budget(1_500_000_000, 300_000_000),
    )


PORTFOLIO = Portfolio(
    "Sở KH&CN tỉnh Bến Tre",
    [_task("ĐT-01"), _task("ĐT-02"), _task("ĐT-03", program="NTM"), _task("ĐT-04")],
    [Program("NTM", "Chương trình nông thôn mới", Level.PROVINCIAL, Period.phase(2021, 2025))],
    [Target("CT-01", "Số đề tài nghiệm thu", "đề tài", Decimal("20"), Decimal("18.5"))],
)


def _doc() -> dict[str, Any]:
    result: dict[str, Any] = copy.deepcopy(to_dict(PORTFOLIO))
    return result


def _problems(text: str | bytes | dict[str, Any]) -> list[str]:
    document = json.dumps(text, ensure_ascii=False) if isinstance(text, dict) else text
    with pytest.raises(ValidationError) as caught:
        loads(document)
    return [str(p) for p in caught.value.problems]


def load_problems(document: str | bytes) -> tuple[Problem, ...]:
    """The problems of a document that loads or not: none when it loads."""
    try:
        loads(document)
    except ValidationError as error:
        return error.problems
    return ()


class TestRoundTrip:
    @given(portfolios())
    def test_portfolio_json(self, portfolio: Portfolio) -> None:
        """A portfolio written as JSON reads back equal."""
        assert portfolio == loads(dumps(portfolio))

    @given(portfolios())
    def test_portfolio_plain_data(self, portfolio: Portfolio) -> None:
        """A portfolio turned into plain data and back is equal."""
        assert portfolio == from_dict(to_dict(portfolio), Portfolio)

    @given(
        st.one_of(
            wide_tasks().map(lambda v: (v, Task)),
            wide_events.map(lambda v: (v, Event)),
            wide_events.map(lambda v: (v, type(v))),
            wide_budgets.map(lambda v: (v, Budget)),
            wide_targets().map(lambda v: (v, Target)),
            wide_programs().map(lambda v: (v, Program)),
            _WIDE_PERIODS.map(lambda v: (v, Period)),
        )
    )
    def test_every_public_type(self, value_and_type: tuple[Any, Any]) -> None:
        """Every public model type round-trips through plain data and through JSON text."""
        value, cls = value_and_type
        assert value == from_dict(to_dict(value), cls)
        assert value == loads(dumps(value), cls)

    def test_period_is_its_code(self) -> None:
        """A period travels as its canonical code, a phase's horizon included."""
        assert "2021-2025>2030" == to_dict(Period.phase(2021, 2025, horizon=2030))

    def test_event_is_tagged(self) -> None:
        """An event carries its kind under "event", first."""
        assert {
            "event": "evaluated",
            "on": "2024-12-20",
            "ref": None,
            "note": None,
            "grade": "good",
        } == to_dict(Evaluated(date(2024, 12, 20), grade=Grade.GOOD))

    def test_optional_keys_may_be_omitted(self) -> None:
        """Keys with a default may be left out of the input."""
        expected = Approved(date(2023, 1, 2))
        assert expected == from_dict({"event": "approved", "on": "2023-01-02"}, Event)

    def test_decimal_keeps_its_form(self) -> None:
        """A decimal travels as its exact text, trailing zeros and exponent kept."""
        data = to_dict(Target("T", "n", "u", Decimal("1.50"), Decimal("1E+3")))
        assert ("1.50", "1E+3") == (data["planned"], data["actual"])

    def test_nfd_text_loads_as_nfc(self) -> None:
        """An NFD title loads equal to its NFC form."""
        doc = _doc()
        doc["tasks"][0]["title"] = unicodedata.normalize("NFD", PORTFOLIO.tasks[0].title)
        assert doc["tasks"][0]["title"] != PORTFOLIO.tasks[0].title
        assert PORTFOLIO == loads(json.dumps(doc))

    def test_bytes_with_bom(self) -> None:
        """UTF-8 bytes load, and a leading byte order mark is ignored."""
        assert PORTFOLIO == loads(b"\xef\xbb\xbf" + dumps(PORTFOLIO).encode())

    def test_indent(self) -> None:
        """Indented output is the standard library's indentation of the same data."""
        assert json.dumps(to_dict(PORTFOLIO), ensure_ascii=False, indent=4) == dumps(PORTFOLIO, indent=4)


class TestFastPath:
    @given(portfolios(), st.sampled_from([None, 0, 1, 2]))
    def test_byte_identical(self, portfolio: Portfolio, indent: int | None) -> None:
        """With msgspec and without, the output is the same bytes."""
        fast = dumps(portfolio, indent=indent)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(serialize, "_msgspec", None)
            slow = dumps(portfolio, indent=indent)
        assert slow == fast

    def test_extra_is_used(self) -> None:
        """With the extra installed, msgspec writes the output."""
        assert serialize._msgspec is not None

    def test_absent_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without the extra, dumps and loads still work."""
        monkeypatch.setattr(serialize, "_msgspec", None)
        assert PORTFOLIO == loads(dumps(PORTFOLIO))

    def test_lone_surrogate_falls_back(self) -> None:
        """Text msgspec cannot encode is written by the standard library, and the loader refuses it."""
        event = Approved(date(2023, 1, 2), note="\ud800")
        text = dumps(event)
        assert '{"event":"approved","on":"2023-01-02","ref":null,"note":"\ud800"}' == text
        with pytest.raises(ValidationError) as caught:
            from_dict(to_dict(event), Event)
        assert ['$.note: "\\ud800" is not valid Unicode text (it holds a lone surrogate)'] == [
            str(p) for p in caught.value.problems
        ]


class TestBadInput:
    def test_bad_utf8(self) -> None:
        """Bytes that are not UTF-8 are refused with their offset."""
        assert ["$: the document is not valid UTF-8: byte 0xff at offset 9"] == _problems(b'{"owner":\xff}')

    def test_lone_surrogate_escape(self) -> None:
        """A lone surrogate escape is not text."""
        doc = json.dumps(_doc()).replace('"S\\u1edf KH&CN t\\u1ec9nh B\\u1ebfn Tre"', '"\\ud800"')
        assert ['$.owner: "\\ud800" is not valid Unicode text (it holds a lone surrogate)'] == _problems(doc)

    def test_truncated(self) -> None:
        """A document cut short says so."""
        text = dumps(PORTFOLIO)[:50]
        assert ["$: the document is not valid JSON: it ends too early, at line 1 column 51 (truncated?)"] == (
            _problems(text)
        )

    def test_syntax_error(self) -> None:
        """Broken JSON gives the parser's reason and place."""
        assert ["$: the document is not valid JSON: Expecting value at line 1 column 11"] == _problems(
            '{"owner": ]  '
        )

    @pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity"])
    def test_non_finite_literal(self, literal: str) -> None:
        """NaN and Infinity are not JSON numbers and are refused where they stand."""
        doc = json.dumps(_doc()).replace('"state": 1500000000', f'"state": {literal}', 1)
        assert [f"$.tasks[0].budget.state: expected a whole number, got {literal} (not a JSON number)"] == (
            _problems(doc)
        )

    @pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity", "sNaN", "inf"])
    def test_non_finite_decimal_text(self, text: str) -> None:
        """A decimal written as "NaN" or "Infinity" is refused."""
        doc = _doc()
        doc["targets"][0]["planned"] = text
        assert [f'$.targets[0].planned: "{text}" is not a finite decimal number'] == _problems(doc)

    @pytest.mark.parametrize("text", ["1,5", " 1", "+1", "1_000", "١", ".5", "1."])
    def test_malformed_decimal(self, text: str) -> None:
        """A decimal must be written plainly, in ASCII digits."""
        doc = _doc()
        doc["targets"][0]["actual"] = text
        shown = json.dumps(text, ensure_ascii=False)
        assert [
            f'$.targets[0].actual: {shown} is not a decimal number (expected text like "12.5")'
        ] == _problems(doc)

    @pytest.mark.parametrize("text", ["1E+1001", "1E-1001", "1E-99999999999999999999"])
    def test_decimal_exponent_limit(self, text: str) -> None:
        """A decimal with a huge exponent is refused before any arithmetic on it."""
        doc = _doc()
        doc["targets"][0]["planned"] = text
        assert [
            f'$.targets[0].planned: "{text}" is out of range (decimal exponents run from -1000 to 1000)'
        ] == _problems(doc)

    def test_money_too_large(self) -> None:
        """Money of 2**63 đồng or more is refused by the model's limit."""
        doc = _doc()
        doc["tasks"][1]["budget"]["other"] = 2**63
        assert [f"$.tasks[1].budget.other: must be below 2**63 đồng, got {2**63}"] == _problems(doc)

    def test_integer_beyond_interchange(self) -> None:
        """An integer longer than any 64-bit integer never reaches Python's int parser."""
        doc = json.dumps(_doc()).replace('"state": 1500000000', '"state": ' + "9" * 5000, 1)
        assert [
            "$.tasks[0].budget.state: expected a whole number, got an integer of 5000 digits (too large)"
        ] == (_problems(doc))

    def test_negative_money(self) -> None:
        """Negative money is refused."""
        doc = _doc()
        doc["tasks"][3]["budget"]["state"] = -1
        assert ["$.tasks[3].budget.state: must not be negative, got -1"] == _problems(doc)

    @pytest.mark.parametrize(
        ("value", "shown"), [(1.5, "1.5"), ("5", '"5"'), (True, "true"), (1.0, "1.0"), (None, "null")]
    )
    def test_no_coercion_to_int(self, value: object, shown: str) -> None:
        """1.5, "5", true and 1.0 are not whole numbers."""
        doc = _doc()
        doc["tasks"][0]["budget"]["state"] = value
        assert [f"$.tasks[0].budget.state: expected a whole number, got {shown}"] == _problems(doc)

    def test_no_coercion_to_text(self) -> None:
        """123 is not text."""
        doc = _doc()
        doc["tasks"][2]["title"] = 123
        assert ["$.tasks[2].title: expected text, got 123"] == _problems(doc)

    def test_number_for_decimal(self) -> None:
        """A JSON number where a decimal is expected is refused: decimals travel as text."""
        doc = _doc()
        doc["targets"][0]["planned"] = 20
        assert ['$.targets[0].planned: expected a decimal number as text, e.g. "12.5", got 20'] == _problems(
            doc
        )

    def test_unknown_event_kind(self) -> None:
        """An unknown kind of event names the known ones."""
        doc = _doc()
        doc["tasks"][3]["history"][1]["event"] = "signed"
        assert [
            '$.tasks[3].history[1].event: "signed" is not a kind of event (one of: proposed, rejected, '
            "approved, contracted, inspected, extended, evaluated, registered, liquidated, terminated)"
        ] == _problems(doc)

    def test_missing_event_kind(self) -> None:
        """An event without its kind says which key is missing."""
        doc = _doc()
        del doc["tasks"][3]["history"][1]["event"]
        assert [
            "$.tasks[3].history[1].event: required key is missing (the kind of event: one of proposed, "
            "rejected, approved, contracted, inspected, extended, evaluated, registered, liquidated, "
            "terminated)"
        ] == _problems(doc)

    def test_date_that_does_not_exist(self) -> None:
        """30 February is not a date."""
        doc = _doc()
        doc["tasks"][3]["history"][1]["on"] = "2023-02-30"
        assert ['$.tasks[3].history[1].on: "2023-02-30" is not a date'] == _problems(doc)

    @pytest.mark.parametrize(
        "text", ["20230101", "2023-1-01", "01/02/2023", "2023-01-01T00:00", "２０２３-01-01"]
    )
    def test_date_not_iso(self, text: str) -> None:
        """Only YYYY-MM-DD is a date."""
        doc = _doc()
        doc["tasks"][0]["planned_start"] = text
        shown = json.dumps(text, ensure_ascii=False)
        assert [f"$.tasks[0].planned_start: {shown} is not a date"] == _problems(doc)

    def test_date_not_text(self) -> None:
        """A number is not a date."""
        doc = _doc()
        doc["tasks"][0]["planned_end"] = 20230101
        assert ['$.tasks[0].planned_end: expected a date as text "YYYY-MM-DD", got 20230101'] == _problems(
            doc
        )

    def test_end_before_start(self) -> None:
        """A planned end before the start is the model's problem, located in the document."""
        doc = _doc()
        doc["tasks"][2]["planned_end"] = "2022-12-31"
        assert ["$.tasks[2].planned_end: 2022-12-31 is before planned_start 2023-01-01"] == _problems(doc)

    def test_events_out_of_order(self) -> None:
        """A task's own history problems are re-rooted under the task."""
        doc = _doc()
        doc["tasks"][3]["history"][1]["on"] = "2022-01-01"
        assert ["$.tasks[3].history[1]: Approved on 2022-01-01 before Proposed on 2022-06-01"] == _problems(
            doc
        )

    def test_duplicate_codes(self) -> None:
        """Duplicate task codes (compared normalised) are the portfolio's problem."""
        doc = _doc()
        doc["tasks"][1]["code"] = "đt-01"
        assert ["$.tasks[1].code: duplicate code 'đt-01', already used at $.tasks[0]"] == _problems(doc)

    def test_dangling_program(self) -> None:
        """A task naming a program that is not in the portfolio is refused."""
        doc = _doc()
        doc["tasks"][0]["program"] = "KHONG-CO"
        assert [
            "$.tasks[0].program: refers to program 'KHONG-CO', which is not in the portfolio"
        ] == _problems(doc)

    def test_unknown_key(self) -> None:
        """An unknown key is reported, never dropped."""
        doc = _doc()
        doc["tasks"][0]["colour"] = "red"
        assert [
            "$.tasks[0].colour: unknown key (allowed: code, title, level, kind, planned_start, planned_end, "
            "history, program, field, host, lead, budget)"
        ] == _problems(doc)

    def test_repeated_key(self) -> None:
        """A key repeated in one object is refused, not silently overwritten."""
        text = dumps(PORTFOLIO).replace('"code":"ĐT-02"', '"code":"ĐT-02","code":"ĐT-09"')
        assert ['$.tasks[1]: an object must not repeat a key; repeated: "code"'] == _problems(text)

    def test_wrong_vocabulary(self) -> None:
        """An unknown level names the known ones; a label is not a code."""
        doc = _doc()
        doc["tasks"][0]["level"] = "cấp tỉnh"
        assert [
            '$.tasks[0].level: "cấp tỉnh" is not a Level '
            "(one of: national, ministerial, provincial, grassroots)"
        ] == _problems(doc)

    def test_field_code_is_text(self) -> None:
        """A field of science is the text "4", not the number 4."""
        doc = _doc()
        doc["tasks"][0]["field"] = 4
        assert ["$.tasks[0].field: 4 is not a Field (one of: 1, 2, 3, 4, 5, 6)"] == _problems(doc)

    def test_period_not_canonical(self) -> None:
        """A period phrase is read, then refused with the code to write instead."""
        doc = _doc()
        doc["programs"][0]["phase"] = "giai đoạn 2021 - 2025"
        assert [
            '$.programs[0].phase: "giai đoạn 2021 - 2025" is not a period code; '
            'the code of that period is "2021-2025"'
        ] == _problems(doc)

    def test_period_unreadable(self) -> None:
        """Text that is no period lists the codes."""
        doc = _doc()
        doc["programs"][0]["phase"] = "soon"
        assert [
            '$.programs[0].phase: "soon" is not a period code (e.g. "2023", "2023H1", "2023Q3", "2023-06", '
            '"2023M9", "2021-2025", "2021-2025>2030", "2022-12-15/2023-12-14")'
        ] == _problems(doc)

    def test_period_not_text(self) -> None:
        """A number is not a period."""
        doc = _doc()
        doc["programs"][0]["phase"] = 2021
        assert [
            '$.programs[0].phase: expected a period code as text, e.g. "2021-2025", got 2021'
        ] == _problems(doc)

    def test_wrong_containers(self) -> None:
        """An object where a list belongs, and a list where an object belongs, are each located."""
        doc = _doc()
        doc["tasks"][0]["history"] = {}
        doc["tasks"][1]["budget"] = [1]
        doc["tasks"][2]["history"][0] = "approved"
        assert [
            "$.tasks[0].history: expected a list, got an object",
            "$.tasks[1].budget: expected an object, got a list",
            '$.tasks[2].history[0]: expected an object, got "approved"',
        ] == _problems(doc)

    def test_every_problem_at_once(self) -> None:
        """One load reports every problem it can find, in document order."""
        doc = _doc()
        del doc["owner"]
        doc["tasks"][0]["budget"]["state"] = "5"
        doc["tasks"][3]["history"][1]["on"] = "2023-02-30"
        doc["targets"][0]["actual"] = "NaN"
        assert [
            "$.owner: required key is missing",
            '$.tasks[0].budget.state: expected a whole number, got "5"',
            '$.tasks[3].history[1].on: "2023-02-30" is not a date',
            '$.targets[0].actual: "NaN" is not a finite decimal number',
        ] == _problems(doc)

    def test_long_values_are_clipped(self) -> None:
        """A huge bad value is quoted short in its problem."""
        doc = _doc()
        doc["tasks"][0]["planned_start"] = "x" * 1000
        assert ['$.tasks[0].planned_start: "' + "x" * 59 + '…" is not a date'] == _problems(doc)

    def test_not_text_input(self) -> None:
        """Something that is not JSON text is refused as such."""
        assert ["$: expected JSON text (str or bytes), got a Python int"] == _problems(5)  # type: ignore[arg-type]

    def test_python_values_in_plain_data(self) -> None:
        """from_dict names Python values JSON cannot hold."""
        with pytest.raises(ValidationError) as caught:
            from_dict({"state": date(2023, 1, 1)}, Budget)
        assert ["$.state: expected a whole number, got a Python date"] == [
            str(p) for p in caught.value.problems
        ]

    def test_error_is_a_value_error(self) -> None:
        """The one exception is a ValueError too, for callers that catch that."""
        assert issubclass(ValidationError, ValueError)


class TestLimits:
    def test_size(self) -> None:
        """A document over the size limit is refused before it is parsed."""
        with pytest.raises(ValidationError) as caught:
            loads(dumps(PORTFOLIO), max_size=100)
        assert ["$: the document is larger than the limit of 100 bytes"] == [
            str(p) for p in caught.value.problems
        ]

    def test_default_size(self) -> None:
        """The default limit is 1 GiB."""
        assert 2**30 == serialize.MAX_DOCUMENT_SIZE

    def test_depth(self) -> None:
        """A document nested deeper than the limit is refused before it is parsed."""
        assert ["$: the document nests arrays and objects deeper than 64 levels"] == _problems(
            "[" * 65 + "]" * 65
        )

    def test_depth_counts_only_structure(self) -> None:
        """Brackets inside text, escaped quotes included, do not count as nesting."""
        doc = _doc()
        doc["tasks"][0]["title"] = '\\"[{' * 100
        assert PORTFOLIO.tasks[0].title != loads(json.dumps(doc)).tasks[0].title

    def test_depth_at_limit(self) -> None:
        """Nesting at the limit is parsed (and then refused for its shape)."""
        assert ["$: expected an object, got a list"] == _problems("[" * 64 + "]" * 64)


def _reference_depth_problem(text: str) -> Problem | None:
    """The depth scan as first written, one character at a time: the definition the fast scan keeps."""
    depth = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > serialize.MAX_DEPTH:
                return Problem(
                    (), f"the document nests arrays and objects deeper than {serialize.MAX_DEPTH} levels"
                )
        elif char in "]}":
            depth -= 1
    return None


# Text made mostly of what the scan reacts to, so that escapes, open strings and deep nesting are common.
_SCAN_TEXT = st.text(alphabet=st.sampled_from('[[[[{{{]]}}""\\\\ aé\n'), max_size=300)
_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.text(alphabet=st.sampled_from('[]{}"\\ a\n\x00'), max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=20,
)


class TestDepthScan:
    @given(st.one_of(_SCAN_TEXT, st.text(max_size=200)))
    def test_equals_reference_on_any_text(self, text: str) -> None:
        """On any text at all, JSON or not, the fast depth scan finds what the character loop finds."""
        assert _reference_depth_problem(text) == serialize._depth_problem(text)

    @given(_JSON_VALUES, st.integers(min_value=55, max_value=70), st.booleans())
    def test_equals_reference_on_nested_json(self, value: Any, wrap: int, as_object: bool) -> None:
        """On JSON nested around the limit, with brackets and escaped quotes in its text, both scans agree."""
        opening, closing = ('{"k":', "}") if as_object else ("[", "]")
        text = opening * wrap + json.dumps(value) + closing * wrap
        assert _reference_depth_problem(text) == serialize._depth_problem(text)

    def test_escaped_quote_keeps_string_open(self) -> None:
        """An escaped quote does not end a string, so the brackets after it are still text."""
        text = '["\\"' + "[" * 70 + '"]'
        assert (None, None) == (_reference_depth_problem(text), serialize._depth_problem(text))

    def test_open_string_runs_to_the_end(self) -> None:
        """A string left open, ending in a lone backslash, hides every bracket after its quote."""
        text = '"' + "[" * 70 + "\\"
        assert (None, None) == (_reference_depth_problem(text), serialize._depth_problem(text))


class TestDateReading:
    @given(st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"))
    def test_same_as_the_calendar(self, text: str) -> None:
        """Any YYYY-MM-DD text reads as the calendar day of its three numbers, or is refused if none."""
        try:
            expected = date(int(text[:4]), int(text[5:7]), int(text[8:]))
        except ValueError:
            with pytest.raises(ValidationError) as caught:
                from_dict(text, date)
            assert [f'$: "{text}" is not a date'] == [str(p) for p in caught.value.problems]
        else:
            assert expected == from_dict(text, date)


class TestEnvelope:
    def test_written(self) -> None:
        """A portfolio document starts with its schema name and version."""
        assert ["schema", "version", "owner"] == list(to_dict(PORTFOLIO))[:3]

    def test_missing(self) -> None:
        """A portfolio without its envelope is refused, with both keys named."""
        doc = _doc()
        del doc["schema"], doc["version"]
        assert [
            '$.schema: required key is missing (it is "stprogress/portfolio")',
            "$.version: required key is missing",
        ] == _problems(doc)

    @pytest.mark.parametrize("schema", ["stprogress/other", 1])
    def test_wrong_schema(self, schema: object) -> None:
        """Another kind of document is refused."""
        doc = _doc()
        doc["schema"] = schema
        assert [f'$.schema: expected "stprogress/portfolio", got {json.dumps(schema)}'] == _problems(doc)

    @pytest.mark.parametrize("version", [0, "1", 1.0])
    def test_bad_version(self, version: object) -> None:
        """A version is a whole number from 1."""
        doc = _doc()
        doc["version"] = version
        assert [f"$.version: expected a version number from 1, got {json.dumps(version)}"] == _problems(doc)

    def test_newer_version(self) -> None:
        """A document from a newer library asks for an upgrade."""
        doc = _doc()
        doc["version"] = 2
        assert ["$.version: version 2 is newer than this library reads (up to 1); upgrade stprogress"] == (
            _problems(doc)
        )

    def test_migration(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """When the format moves on, a version-1 document is migrated and still loads."""
        monkeypatch.setattr(serialize, "CURRENT_VERSION", 2)
        monkeypatch.setattr(serialize, "MIGRATIONS", {})
        old = _doc()
        old["version"] = 1
        old["tasks"][0]["title"] = "old title"

        @serialize.register_migration(1)
        def retitle(body: dict[str, Any]) -> dict[str, Any]:
            body["tasks"][0]["title"] = "Đề tài ĐT-01"
            return body

        assert {1: retitle} == serialize.MIGRATIONS
        assert PORTFOLIO == loads(json.dumps(old))
        assert 2 == to_dict(PORTFOLIO)["version"]  # the converter writes the version in force


class TestConverter:
    def test_public_names(self) -> None:
        """The serialization names are public."""
        names = {"converter", "dumps", "loads", "to_dict", "from_dict", "json_schema", "make_converter"}
        assert names <= set(stprogress.__all__)

    def test_make_converter_is_independent(self) -> None:
        """A new converter reads the format and is not the module's one."""
        conv = serialize.make_converter()
        assert conv is not serialize.converter
        assert PORTFOLIO == conv.structure(serialize.converter.unstructure(PORTFOLIO), Portfolio)

    def test_configure_existing_converter(self) -> None:
        """configure_converter makes a plain cattrs converter strict."""
        import cattrs

        conv = cattrs.Converter(detailed_validation=True)
        serialize.configure_converter(conv)
        with pytest.raises(cattrs.errors.ClassValidationError) as caught:
            conv.structure({"state": "5"}, Budget)
        assert ['$.state: expected a whole number, got "5"'] == [
            str(p) for p in serialize._problems_of(caught.value)
        ]

    def test_extension_hook(self) -> None:
        """A hook of the user's on the public converter is used by from_dict."""
        conv = serialize.make_converter()
        conv.register_unstructure_hook(Budget, lambda b: {"total": b.total})
        assert {"total": 3} == conv.unstructure(Budget(1, 2))

    def test_defect_is_not_hidden(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An exception that is not about the input (a defect) is not dressed up as a problem."""

        def broken(value: object, _: object) -> object:
            raise RuntimeError("defect")

        conv = serialize.make_converter()
        conv.register_structure_hook(Decimal, broken)
        monkeypatch.setattr(serialize, "converter", conv)
        with pytest.raises(RuntimeError, match="defect"):
            from_dict({"code": "T", "name": "n", "unit": "u", "planned": "1"}, Target)

    def test_extended_until(self) -> None:
        """An extension's date travels with it."""
        event = Extended(date(2024, 6, 1), until=date(2025, 6, 30))
        assert event == from_dict(to_dict(event), Extended)

    def test_concrete_event_class_checks_the_tag(self) -> None:
        """Reading an event as a given class refuses another kind."""
        with pytest.raises(ValidationError) as caught:
            from_dict({"event": "approved", "on": "2023-01-01"}, Contracted)
        assert ['$.event: expected "contracted", got "approved"'] == [str(p) for p in caught.value.problems]


def _json_containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    # A named function: Hypothesis cannot read a multi-line lambda's source to see it recurses.
    return st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
    _json_containers,
    max_leaves=20,
)


def _mutate(data: Any, path: list[Any], replacement: Any) -> Any:
    """``data`` with the value at a path replaced (the path is followed as far as it goes)."""
    if not path or not isinstance(data, (dict, list)) or not data:
        return replacement
    key = path[0]
    if isinstance(data, dict):
        keys = list(data)
        chosen = keys[key % len(keys)] if isinstance(key, int) else key
        return {**data, chosen: _mutate(data.get(chosen), path[1:], replacement)}
    index = key % len(data) if isinstance(key, int) else 0
    return [*data[:index], _mutate(data[index], path[1:], replacement), *data[index + 1 :]]


class TestFuzz:
    @given(_JSON)
    def test_arbitrary_json(self, value: Any) -> None:
        """Arbitrary JSON values fail with located problems only."""
        text = json.dumps(value)
        with pytest.raises(ValidationError) as caught:
            loads(text)
        assert all(p.location.startswith("$") and p.message for p in caught.value.problems)

    @given(
        portfolios(max_tasks=3),
        st.lists(st.integers(0, 50) | st.text(max_size=5), max_size=6),
        _JSON,
    )
    def test_mutated_documents(self, portfolio: Portfolio, path: list[Any], replacement: Any) -> None:
        """A valid document with any part replaced loads, or fails with located problems only."""
        mutated = _mutate(to_dict(portfolio), path, replacement)
        problems = load_problems(json.dumps(mutated))
        assert all(p.location.startswith("$") and p.message for p in problems)

    @given(portfolios(max_tasks=2), st.integers(0, 10_000), st.binary(max_size=3))
    def test_mangled_bytes(self, portfolio: Portfolio, position: int, junk: bytes) -> None:
        """A document with bytes cut or spliced in loads, or fails with located problems only."""
        data = dumps(portfolio).encode()
        position %= len(data) + 1
        problems = load_problems(data[:position] + junk + data[position + len(junk) :])
        assert all(p.location.startswith("$") and p.message for p in problems)


class TestCollectorPause:
    @pytest.mark.parametrize("enabled", [True, False])
    def test_restored_after_load_and_dump(self, enabled: bool) -> None:
        """The cyclic collector is paused during loads and dumps and left as it was found after."""
        seen: list[bool] = []

        def spy(original: Any) -> Any:
            def reading(text: Any) -> Any:
                seen.append(gc.isenabled())
                return original(text)

            return reading

        was = gc.isenabled()
        (gc.enable if enabled else gc.disable)()
        try:
            with pytest.MonkeyPatch.context() as patch:
                # The text is read by the fast path (_utf8) or the default one (_source).
                patch.setattr(serialize, "_source", spy(serialize._source))
                patch.setattr(serialize, "_utf8", spy(serialize._utf8))
                assert PORTFOLIO == loads(dumps(PORTFOLIO))
            assert enabled == gc.isenabled()
        finally:
            (gc.enable if was else gc.disable)()
        assert [False] == seen

    @pytest.mark.parametrize("enabled", [True, False])
    def test_restored_after_refusal(self, enabled: bool) -> None:
        """A refused document leaves the collector as it was found."""
        was = gc.isenabled()
        (gc.enable if enabled else gc.disable)()
        try:
            with pytest.raises(ValidationError):
                loads('{"schema": "stprogress/portfolio", "version": 1, "owner": 5, "tasks": []}')
            with pytest.raises(ValidationError):
                loads(b"\xff")
            assert enabled == gc.isenabled()
        finally:
            (gc.enable if was else gc.disable)()

    def test_restored_after_dump_error(self) -> None:
        """A value that cannot be written leaves the collector enabled."""
        assert gc.isenabled()
        with pytest.raises(TypeError):
            dumps(object())
        assert gc.isenabled()
