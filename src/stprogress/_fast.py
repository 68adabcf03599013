"""The fast reader of portfolio documents (extra ``fast``): msgspec parses, the model checks.

msgspec decodes the text straight into typed structs that mirror the wire format (every key
required, unknown keys refused, exact types: no float for a whole number, no number for text, dates
``YYYY-MM-DD`` that exist, vocabulary by wire code). The values are then built through the model's
own constructors, which run every rule of the default path (non-empty text, legal histories, money
range, unique codes, program references). What msgspec does not check the way the default path does
is checked here:

- a key repeated in one object: msgspec keeps the last silently. Every struct holds a fixed number
  of keys, so the keys decoded are counted and compared with the keys written in the text (a quote
  followed by a colon, strings blanked out first when one holds an escaped quote); any difference
  is a repeated key;
- decimals and periods are text on the wire, read by the default path's own functions.

Integers beyond 64 bits stay integers (the model refuses them as money), NaN and Infinity are not
JSON to msgspec, and invalid UTF-8 and lone surrogates (as bytes, as ``str``, or as ``\\ud800``
escapes) make it raise. Whenever anything is refused or the reader is unsure (a missing optional
key, an older version, a repeated key), :func:`read` returns ``None`` and the caller reads the
document with the default path, which reports every problem with its path.
"""

from __future__ import annotations

import re
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


class _Document(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    schema: Literal["stprogress/portfolio"]
    version: int
    owner: str
    tasks: list[_Task]
    programs: list[_Program]
    targets: list[_Target]


_DECODER: Final = msgspec.json.Decoder(_Document)

# Keys per object of each struct (the "event" tag counts as a key of its object).
_EVENT_KEYS: Final = len(_Event.__struct_fields__) + 1
_TASK_KEYS: Final = len(_Task.__struct_fields__)
_BUDGET_KEYS: Final = len(_Budget.__struct_fields__)
_TARGET_KEYS: Final = len(_Target.__struct_fields__)
_PROGRAM_KEYS: Final = len(_Program.__struct_fields__)
_DOCUMENT_KEYS: Final = len(_Document.__struct_fields__)

_STRING: Final = re.compile(r'"[^"\\]*(?:\\[\s\S][^"\\]*)*"')
_KEY_END: Final = re.compile(r'"[ \t\n\r]*:')
_SPACE_AFTER_QUOTE: Final = re.compile(r'"[ \t\n\r]')


def key_count(text: str) -> int:
    """How many keys the objects of the valid JSON ``text`` hold, repeated keys included.

    In valid JSON a quote is either inside a string, escaped, or a string's delimiter, and a key is
    the only string followed by a colon. With no escaped quote in the text, every quote followed by
    a colon (JSON whitespace between) ends a key; otherwise strings are blanked out first.
    """
    if '\\"' in text:
        text = _STRING.sub('""', text)
    if _SPACE_AFTER_QUOTE.search(text):
        return len(_KEY_END.findall(text))
    return text.count('":')


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


def read(text: str, version: int, decimal: Any, period: Any, refusal: type[Exception]) -> Portfolio | None:
    """The portfolio of document ``text`` if the fast reader accepts it whole, else ``None``.

    A document of another ``version`` than the current one is left to the default path, which
    migrates it. ``decimal`` and ``period`` are the default path's readers of those wire values (raising
    ``refusal`` on a bad value); ``text`` is already within the size limit, decoded from UTF-8,
    without a BOM.
    """
    try:
        wire = _DECODER.decode(text)
    except (msgspec.DecodeError, UnicodeError):
        return None
    if wire.version != version:
        return None
    keys = _DOCUMENT_KEYS + _PROGRAM_KEYS * len(wire.programs) + _TARGET_KEYS * len(wire.targets)
    try:
        tasks = []
        for task in wire.tasks:
            history = task.history
            keys += _TASK_KEYS + _EVENT_KEYS * len(history)
            events: list[Event] = []
            for event in history:
                # Inlined (no call per event): a document holds about six events per task.
                if isinstance(event, _Extended):
                    keys += 1
                    events.append(Extended(event.on, ref=event.ref, note=event.note, until=event.until))
                elif isinstance(event, _Evaluated):
                    keys += 1
                    events.append(Evaluated(event.on, ref=event.ref, note=event.note, grade=event.grade))
                else:
                    events.append(_EVENTS[type(event)](event.on, ref=event.ref, note=event.note))
            budget = task.budget
            if budget is not None:
                keys += _BUDGET_KEYS
                budget = Budget(budget.state, budget.other)  # type: ignore[assignment]
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
                    budget=budget,  # type: ignore[arg-type]
                )
            )
        programs = []
        for program in wire.programs:
            keys += _TARGET_KEYS * len(program.targets)
            programs.append(
                Program(
                    program.code,
                    program.name,
                    program.level,
                    period(program.phase, Period),
                    [_target(t, decimal, period) for t in program.targets],
                )
            )
        targets = [_target(t, decimal, period) for t in wire.targets]
        if keys != key_count(text):
            return None  # a key repeated in some object: the default path says which
        return Portfolio(wire.owner, tasks, programs, targets)
    except (ValidationError, refusal):
        return None
