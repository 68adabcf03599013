"""The peers a user would pick instead of stprogress, modelling the same document with the same rules.

Two peer models of the portfolio document: pydantic v2 (strict, ``extra="forbid"``, frozen) and msgspec
(frozen ``Struct``s, ``forbid_unknown_fields``). Both do the work stprogress does on load, so the
comparison is of equivalent work, not of a validating library against a bare parser:

- field types exactly (no coercion: ``1.5`` is not an int, ``"5"`` not a number), enums by wire code,
  ISO dates, money ``0 <= x < 2**63``, ``Decimal`` targets from strings;
- every text NFC-normalised; codes non-empty and without surrounding spaces;
- a task's planned end not before its start, a non-empty history whose events follow the legal order
  (the same transition table as :data:`stprogress.lifecycle.TRANSITIONS`), dates never going
  backwards, an extension moving the end date later;
- a portfolio's task, program and target codes unique after NFC + case folding, program references
  resolving, and a program's tasks planned inside its phase.

Differences that remain are each side's nature: pydantic collects every problem, msgspec stops at the
first (a ``msgspec.ValidationError``), stprogress collects every problem with its path.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Annotated, Any, Literal, Optional, Union

import msgspec
import pydantic
from pydantic import AfterValidator, BaseModel, ConfigDict
from pydantic import Field as PydField

# --------------------------------------------------------------------------------- shared rules


class Level(str, Enum):
    NATIONAL = "national"
    MINISTERIAL = "ministerial"
    PROVINCIAL = "provincial"
    GRASSROOTS = "grassroots"


class TaskKind(str, Enum):
    RESEARCH = "research"
    PILOT_PRODUCTION = "pilot_production"
    SCHEME = "scheme"
    PROJECT = "project"
    GENE_FUND = "gene_fund"
    INNOVATION = "innovation"


class FieldCode(str, Enum):
    NATURAL = "1"
    ENGINEERING = "2"
    MEDICAL = "3"
    AGRICULTURAL = "4"
    SOCIAL = "5"
    HUMANITIES = "6"


class Grade(str, Enum):
    EXCELLENT = "excellent"
    GOOD = "good"
    AVERAGE = "average"
    PASS = "pass"
    FAIL = "fail"


class Direction(str, Enum):
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


# The legal order of events, the same table as stprogress.lifecycle.TRANSITIONS.
_TRANSITIONS: dict[str | None, dict[str, str]] = {
    None: {"proposed": "proposed", "approved": "approved"},
    "proposed": {"approved": "approved", "rejected": "rejected"},
    "rejected": {},
    "approved": {"contracted": "in_progress", "extended": "approved", "terminated": "terminated"},
    "in_progress": {
        "inspected": "in_progress",
        "extended": "in_progress",
        "evaluated": "evaluated",
        "evaluated:fail": "failed",
        "terminated": "terminated",
    },
    "evaluated": {"registered": "completed", "liquidated": "completed"},
    "completed": {"liquidated": "completed"},
    "failed": {"liquidated": "failed"},
    "terminated": {"liquidated": "terminated"},
}


def history_errors(history: Sequence[Any], planned_end: date) -> list[str]:
    """Every problem with the order of a history of peer event objects (each has .event and .on)."""
    errors: list[str] = []
    status: str | None = None
    closed = False
    previous: Any = None
    due = planned_end
    for index, event in enumerate(history):
        if previous is not None and event.on < previous.on:
            errors.append(
                f"history[{index}]: {event.event} on {event.on} before {previous.event} on {previous.on}"
            )
        previous = event
        if closed:
            errors.append(f"history[{index}]: nothing may follow a liquidation")
            continue
        name = event.event
        if name == "evaluated" and event.grade is Grade.FAIL:
            name = "evaluated:fail"
        target = _TRANSITIONS[status].get(name)
        if target is None:
            errors.append(f"history[{index}]: {event.event} is not allowed after {status}")
            continue
        if name == "extended":
            if event.until <= due:
                errors.append(f"history[{index}].until: does not move the end later")
                continue
            due = event.until
        if name == "liquidated":
            closed = True
        status = target
    return errors


def nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


def nonempty_text(value: str) -> str:
    value = nfc(value)
    if not value.strip():
        raise ValueError("must not be empty")
    return value


def code_text(value: str) -> str:
    value = nonempty_text(value)
    if value != value.strip():
        raise ValueError("must not begin or end with spaces")
    return value


def code_key(code: str) -> str:
    return nfc(nfc(code).casefold())


def phase_years(text: str) -> tuple[int, int]:
    first, _, last = text.partition("-")
    if not (len(first) == 4 and len(last) == 4 and first.isdigit() and last.isdigit() and first < last):
        raise ValueError(f"not a phase code: {text!r}")
    return int(first), int(last)


def portfolio_errors(tasks: Sequence[Any], programs: Sequence[Any], targets: Sequence[Any]) -> list[str]:
    """Unique codes, program references that resolve, tasks planned inside their program's phase."""
    errors: list[str] = []
    for name, values in (("tasks", tasks), ("programs", programs), ("targets", targets)):
        errors.extend(_duplicates(name, values))
    phases: dict[str, tuple[int, int]] = {}
    for program in programs:
        phases.setdefault(code_key(program.code), phase_years(program.phase))
    for index, task in enumerate(tasks):
        if task.program is None:
            continue
        phase = phases.get(code_key(task.program))
        if phase is None:
            errors.append(f"tasks[{index}].program: {task.program!r} is not in the portfolio")
            continue
        errors.extend(
            f"tasks[{index}]: {day} is outside the phase of program {task.program!r}"
            for day in (task.planned_start, task.planned_end)
            if not phase[0] <= day.year <= phase[1]
        )
    return errors


def _duplicates(name: str, values: Iterable[Any]) -> list[str]:
    seen: dict[str, int] = {}
    errors = []
    for index, value in enumerate(values):
        key = code_key(value.code)
        if key in seen:
            errors.append(f"{name}[{index}].code: duplicate of {name}[{seen[key]}]")
        else:
            seen[key] = index
    return errors


# ------------------------------------------------------------------------------------- pydantic

Text = Annotated[str, AfterValidator(nonempty_text)]
Code = Annotated[str, AfterValidator(code_text)]
Note = Annotated[str, AfterValidator(nfc)]
Money = Annotated[int, PydField(ge=0, lt=2**63)]


class _PModel(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class _PEvent(_PModel):
    on: date
    ref: Optional[Note] = None  # noqa: UP045 - pydantic evaluates these at runtime on Python 3.10 too
    note: Optional[Note] = None  # noqa: UP045


class PProposed(_PEvent):
    event: Literal["proposed"]


class PRejected(_PEvent):
    event: Literal["rejected"]


class PApproved(_PEvent):
    event: Literal["approved"]


class PContracted(_PEvent):
    event: Literal["contracted"]


class PInspected(_PEvent):
    event: Literal["inspected"]


class PExtended(_PEvent):
    event: Literal["extended"]
    until: date


class PEvaluated(_PEvent):
    event: Literal["evaluated"]
    grade: Grade


class PRegistered(_PEvent):
    event: Literal["registered"]


class PLiquidated(_PEvent):
    event: Literal["liquidated"]


class PTerminated(_PEvent):
    event: Literal["terminated"]


PEvent = Annotated[
    Union[  # noqa: UP007
        PProposed,
        PRejected,
        PApproved,
        PContracted,
        PInspected,
        PExtended,
        PEvaluated,
        PRegistered,
        PLiquidated,
        PTerminated,
    ],
    PydField(discriminator="event"),
]


class PBudget(_PModel):
    state: Money
    other: Money = 0


class PTask(_PModel):
    code: Code
    title: Text
    level: Level
    kind: TaskKind
    planned_start: date
    planned_end: date
    history: tuple[PEvent, ...] = PydField(min_length=1)
    program: Optional[Code] = None  # noqa: UP045
    field: Optional[FieldCode] = None  # noqa: UP045
    host: Optional[Text] = None  # noqa: UP045
    lead: Optional[Text] = None  # noqa: UP045
    budget: Optional[PBudget] = None  # noqa: UP045

    @pydantic.model_validator(mode="after")
    def _legal(self) -> PTask:
        errors = []
        if self.planned_end < self.planned_start:
            errors.append("planned_end is before planned_start")
        errors.extend(history_errors(self.history, self.planned_end))
        if errors:
            raise ValueError("; ".join(errors))
        return self


class PTarget(_PModel):
    code: Code
    name: Text
    unit: Text
    planned: Decimal = PydField(allow_inf_nan=False)
    actual: Optional[Decimal] = PydField(default=None, allow_inf_nan=False)  # noqa: UP045
    direction: Direction = Direction.AT_LEAST
    period: Optional[str] = None  # noqa: UP045


class PProgram(_PModel):
    code: Code
    name: Text
    level: Level
    phase: str
    targets: tuple[PTarget, ...] = ()

    @pydantic.field_validator("phase")
    @classmethod
    def _phase(cls, value: str) -> str:
        phase_years(value)
        return value


class PPortfolio(_PModel):
    schema_: Literal["stprogress/portfolio"] = PydField(alias="schema")
    version: Literal[1]
    owner: Text
    tasks: tuple[PTask, ...]
    programs: tuple[PProgram, ...] = ()
    targets: tuple[PTarget, ...] = ()

    @pydantic.model_validator(mode="after")
    def _whole(self) -> PPortfolio:
        errors = portfolio_errors(self.tasks, self.programs, self.targets)
        if errors:
            raise ValueError("; ".join(errors))
        return self


def pydantic_loads(text: str | bytes) -> PPortfolio:
    """JSON -> validated pydantic portfolio."""
    return PPortfolio.model_validate_json(text)


def pydantic_dumps(value: PPortfolio) -> str:
    """Pydantic portfolio -> JSON."""
    return value.model_dump_json(by_alias=True)


# -------------------------------------------------------------------------------------- msgspec

MText = str
MMoney = Annotated[int, msgspec.Meta(ge=0, le=2**63 - 1)]

_force = msgspec.structs.force_setattr


def _normalise(obj: Any, names: tuple[str, ...], codes: tuple[str, ...] = ()) -> None:
    for name in names:
        value = getattr(obj, name)
        if value is not None:
            normal = nonempty_text(value) if name not in ("ref", "note") else nfc(value)
            if normal is not value:
                _force(obj, name, normal)
    for name in codes:
        value = getattr(obj, name)
        if value is not None:
            code_text(value)


class _MEvent(msgspec.Struct, frozen=True, forbid_unknown_fields=True, tag_field="event"):
    on: date
    ref: Optional[str] = None  # noqa: UP045
    note: Optional[str] = None  # noqa: UP045

    def __post_init__(self) -> None:
        _normalise(self, ("ref", "note"))

    @property
    def event(self) -> str:
        return self.__struct_config__.tag  # type: ignore[return-value]


class MProposed(_MEvent, tag="proposed", frozen=True):
    pass


class MRejected(_MEvent, tag="rejected", frozen=True):
    pass


class MApproved(_MEvent, tag="approved", frozen=True):
    pass


class MContracted(_MEvent, tag="contracted", frozen=True):
    pass


class MInspected(_MEvent, tag="inspected", frozen=True):
    pass


class MExtended(_MEvent, tag="extended", frozen=True, kw_only=True):
    until: date


class MEvaluated(_MEvent, tag="evaluated", frozen=True, kw_only=True):
    grade: Grade


class MRegistered(_MEvent, tag="registered", frozen=True):
    pass


class MLiquidated(_MEvent, tag="liquidated", frozen=True):
    pass


class MTerminated(_MEvent, tag="terminated", frozen=True):
    pass


MEvent = Union[  # noqa: UP007
    MProposed,
    MRejected,
    MApproved,
    MContracted,
    MInspected,
    MExtended,
    MEvaluated,
    MRegistered,
    MLiquidated,
    MTerminated,
]


class MBudget(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    state: MMoney
    other: MMoney = 0


class MTask(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    code: str
    title: str
    level: Level
    kind: TaskKind
    planned_start: date
    planned_end: date
    history: tuple[MEvent, ...]
    program: Optional[str] = None  # noqa: UP045
    field: Optional[FieldCode] = None  # noqa: UP045
    host: Optional[str] = None  # noqa: UP045
    lead: Optional[str] = None  # noqa: UP045
    budget: Optional[MBudget] = None  # noqa: UP045

    def __post_init__(self) -> None:
        _normalise(self, ("code", "title", "program", "host", "lead"), ("code", "program"))
        errors = []
        if not self.history:
            errors.append("history must hold at least one event")
        if self.planned_end < self.planned_start:
            errors.append("planned_end is before planned_start")
        errors.extend(history_errors(self.history, self.planned_end))
        if errors:
            raise ValueError("; ".join(errors))


class MTarget(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    code: str
    name: str
    unit: str
    planned: Decimal
    actual: Optional[Decimal] = None  # noqa: UP045
    direction: Direction = Direction.AT_LEAST
    period: Optional[str] = None  # noqa: UP045

    def __post_init__(self) -> None:
        _normalise(self, ("code", "name", "unit"), ("code",))
        for value in (self.planned, self.actual):
            if value is not None and not value.is_finite():
                raise ValueError("must be a finite number")


class MProgram(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    code: str
    name: str
    level: Level
    phase: str
    targets: tuple[MTarget, ...] = ()

    def __post_init__(self) -> None:
        _normalise(self, ("code", "name"), ("code",))
        phase_years(self.phase)


class MPortfolio(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    schema: Literal["stprogress/portfolio"]
    version: Literal[1]
    owner: str
    tasks: tuple[MTask, ...]
    programs: tuple[MProgram, ...] = ()
    targets: tuple[MTarget, ...] = ()

    def __post_init__(self) -> None:
        _normalise(self, ("owner",))
        errors = portfolio_errors(self.tasks, self.programs, self.targets)
        if errors:
            raise ValueError("; ".join(errors))


_M_DECODER = msgspec.json.Decoder(MPortfolio)
_M_ENCODER = msgspec.json.Encoder(decimal_format="string")


def msgspec_loads(text: str | bytes) -> MPortfolio:
    """JSON -> validated msgspec portfolio."""
    return _M_DECODER.decode(text)


def msgspec_dumps(value: MPortfolio) -> bytes:
    """Msgspec portfolio -> JSON."""
    return _M_ENCODER.encode(value)
