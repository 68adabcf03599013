"""The fast reader of portfolio documents (extra ``fast``): msgspec parses, the model checks.

msgspec decodes the text straight into typed structs that mirror the wire format (every key
required, unknown keys refused, exact types: no float for a whole number, no number for text, dates
``YYYY-MM-DD`` that exist, vocabulary by wire code). The values are then built through the model's
own constructors, which run every rule of the default path (non-empty text, legal histories, money
range, unique codes, program references). What msgspec does not check the way the default path does
is checked here:

- a key repeated in one object: msgspec keeps the last silently. The decoded structs are written
  back (msgspec, in C) and compared with the text, whitespace outside strings aside: equal text is
  the one encoding of those values, which names each key once. Text written otherwise (keys in
  another order, ``\\u00e9`` for ``é``) is not compared key by key: it goes to the default path;
- decimals and periods are text on the wire, read by the default path's own functions.

Integers beyond 64 bits stay integers (the model refuses them as money), NaN and Infinity are not
JSON to msgspec, and invalid UTF-8 and lone surrogates (as bytes, or as ``\\ud800`` escapes) make it
raise; ``str`` holding one cannot be encoded to UTF-8, so the caller leaves it to the default path.
Whenever anything is refused or the reader is unsure (a missing optional key, an older version, a
repeated key, text not written as :func:`write` writes it), :func:`read` returns ``None`` and the
caller reads the document with the default path, which reports every problem with its path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Final, Literal, Union

import msgspec

from stprogress.lifecycle import (
    Approved,
    Contracted,
    Evaluated,
    Event,
    Extended,
    Inspected,
    Liquidated,
    Proposed,
    Registered,
    Rejected,
    Terminated,
)
from stprogress.model import Budget, Portfolio, Program, Target, Task
from stprogress.periods import Period
from stprogress.validation import ValidationError
from stprogress.vocab import Direction, Field, Grade, Level, TaskKind

# The structs mirror the wire format exactly; they live only while a document is read and hold no
# cycles, so the collector need not track them (gc=False).


class _Event(msgspec.Struct, tag_field="event", forbid_unknown_fields=True, gc=False):
    on: date
    ref: Union[str, None]  # noqa: UP007 - msgspec reads the annotation at runtime on Python 3.10
    note: Union[str, None]  # noqa: UP007


class _Proposed(_Event, tag="proposed"):
    pass


class _Rejected(_Event, tag="rejected"):
    pass


class _Approved(_Event, tag="approved"):
    pass


class _Contracted(_Event, tag="contracted"):
    pass


class _Inspected(_Event, tag="inspected"):
    pass


class _Extended(_Event, tag="extended"):
    until: date


class _Evaluated(_Event, tag="evaluated"):
    grade: Grade


class _Registered(_Event, tag="registered"):
    pass


class _Liquidated(_Event, tag="liquidated"):
    pass


class _Terminated(_Event, tag="terminated"):
    pass


_AnyEvent = Union[  # noqa: UP007
    _Proposed,
    _Rejected,
    _Approved,
    _Contracted,
    _Inspected,
    _Extended,
    _Evaluated,
    _Registered,
    _Liquidated,
    _Terminated,
]


class _Budget(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    state: int
    other: int


class _Task(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    code: str
    title: str
    level: Level
    kind: TaskKind
    planned_start: date
    planned_end: date
    history: list[_AnyEvent]
    program: Union[str, None]  # noqa: UP007
    field: Union[Field, None]  # noqa: UP007
    host: Union[str, None]  # noqa: UP007
    lead: Union[str, None]  # noqa: UP007
    budget: Union[_Budget, None]  # noqa: UP007


class _Target(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    code: str
    name: str
    unit: str
    planned: str
    actual: Union[str, None]  # noqa: UP007
    direction: Direction
    period: Union[str, None]  # noqa: UP007


class _Program(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    code: str
    name: str
    level: Level
    phase: str
    targets: list[_Target]


SCHEMA: Final = "stprogress/portfolio"  # serialize.DOCUMENT_SCHEMA (which imports this module)


class _Document(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    schema: Literal["stprogress/portfolio"]
    version: int
    owner: str
    tasks: list[_Task]
    programs: list[_Program]
    targets: list[_Target]


_DECODER: Final = msgspec.json.Decoder(_Document)
_ENCODER: Final = msgspec.json.Encoder()

_EVENTS: Final[Mapping[type[_Event], Callable[..., Event]]] = {
    _Proposed: Proposed,
    _Rejected: Rejected,
    _Approved: Approved,
    _Contracted: Contracted,
    _Inspected: Inspected,
    _Registered: Registered,
    _Liquidated: Liquidated,
    _Terminated: Terminated,
}


def _target(wire: _Target, decimal: Any, period: Any) -> Target:
    return Target(
        wire.code,
        wire.name,
        wire.unit,
        decimal(wire.planned, Decimal),
        None if wire.actual is None else decimal(wire.actual, Decimal),
        wire.direction,
        period=None if wire.period is None else period(wire.period, Period),
    )


_WIRE_EVENTS: Final[Mapping[type[Event], Callable[..., _Event]]] = {
    Proposed: _Proposed,
    Rejected: _Rejected,
    Approved: _Approved,
    Contracted: _Contracted,
    Inspected: _Inspected,
    Registered: _Registered,
    Liquidated: _Liquidated,
    Terminated: _Terminated,
}


def _wire_target(target: Target) -> _Target:
    # msgspec writes a Decimal as its str(), the text the converter writes.
    period = target.period
    return _Target(
        target.code,
        target.name,
        target.unit,
        target.planned,  # type: ignore[arg-type]
        target.actual,  # type: ignore[arg-type]
        target.direction,
        None if period is None else period.code,
    )


def write(portfolio: Portfolio, version: int) -> bytes:
    """The document of ``portfolio`` as compact JSON, the bytes ``msgspec.json.encode(to_dict(...))`` gives.

    The values go to msgspec as the wire structs (the tag first, fields in the converter's order;
    dates, vocabulary and decimals written by msgspec as the converter writes them), skipping the
    plain dicts in between. Raises ``UnicodeEncodeError`` for text holding a lone surrogate.
    """
    tasks = []
    for task in portfolio.tasks:
        history: list[_AnyEvent] = []
        for event in task.history:
            if isinstance(event, Extended):
                history.append(_Extended(event.on, event.ref, event.note, event.until))
            elif isinstance(event, Evaluated):
                history.append(_Evaluated(event.on, event.ref, event.note, event.grade))
            else:
                history.append(_WIRE_EVENTS[type(event)](event.on, event.ref, event.note))  # type: ignore[arg-type]
        budget = task.budget
        tasks.append(
            _Task(
                task.code,
                task.title,
                task.level,
                task.kind,
                task.planned_start,
                task.planned_end,
                history,
                task.program,
                task.field,
                task.host,
                task.lead,
                None if budget is None else _Budget(budget.state, budget.other),
            )
        )
    programs = [
        _Program(p.code, p.name, p.level, p.phase.code, [_wire_target(t) for t in p.targets])
        for p in portfolio.programs
    ]
    document = _Document(
        SCHEMA,
        version,
        portfolio.owner,
        tasks,
        programs,
        [_wire_target(t) for t in portfolio.targets],
    )
    return _ENCODER.encode(document)


def read(data: bytes, version: int, decimal: Any, period: Any, refusal: type[Exception]) -> Portfolio | None:
    """The portfolio of document ``data`` (UTF-8) if the fast reader accepts it whole, else ``None``.

    A document of another ``version`` than the current one is left to the default path, which
    migrates it. ``decimal`` and ``period`` are the default path's readers of those wire values (raising
    ``refusal`` on a bad value); ``data`` is already within the size limit, without a BOM.
    """
    try:
        wire = _DECODER.decode(data)
    except (msgspec.DecodeError, UnicodeError):  # bad UTF-8, as msgspec versions report it
        return None
    if wire.version != version or not _written_as_read(data, wire):
        return None
    try:
        tasks = []
        for task in wire.tasks:
            events: list[Event] = []
            for event in task.history:
                # Inlined (no call per event): a document holds about six events per task.
                # By exact class (a struct is exactly the class of its tag): cheaper than isinstance.
                cls = type(event)
                if cls is _Extended:
                    until = event.until  # type: ignore[union-attr]  # cls is _Extended
                    events.append(Extended(event.on, ref=event.ref, note=event.note, until=until))
                elif cls is _Evaluated:
                    grade = event.grade  # type: ignore[union-attr]  # cls is _Evaluated
                    events.append(Evaluated(event.on, ref=event.ref, note=event.note, grade=grade))
                else:
                    events.append(_EVENTS[cls](event.on, ref=event.ref, note=event.note))
            budget = task.budget
            tasks.append(
                Task(
                    task.code,
                    task.title,
                    task.level,
                    task.kind,
                    task.planned_start,
                    task.planned_end,
                    events,
                    program=task.program,
                    field=task.field,
                    host=task.host,
                    lead=task.lead,
                    budget=None if budget is None else Budget(budget.state, budget.other),
                )
            )
        programs = [
            Program(
                program.code,
                program.name,
                program.level,
                period(program.phase, Period),
                [_target(t, decimal, period) for t in program.targets],
            )
            for program in wire.programs
        ]
        targets = [_target(t, decimal, period) for t in wire.targets]
        return Portfolio(wire.owner, tasks, programs, targets)
    except (ValidationError, refusal):
        return None


def _written_as_read(data: bytes, wire: _Document) -> bool:
    """Whether ``data`` is, whitespace outside strings aside, msgspec's encoding of what was read from it.

    That encoding names each key of an object once, so equal text repeats no key.
    """
    encoded = _ENCODER.encode(wire)
    return encoded == data or encoded == msgspec.json.format(data, indent=-1)
