"""JSON in and out: one strict cattrs converter, a versioned document envelope, and located errors.

Validation and serialization are concerns of the edges: the model (``stprogress.model``) knows nothing
of JSON. This module is the edge. It turns values into plain data (:func:`to_dict`) and JSON text
(:func:`dumps`), and back (:func:`from_dict`, :func:`loads`), through one cattrs converter built once
at import (:data:`converter`), which users may extend or rebuild (:func:`make_converter`).

Nothing is coerced, guessed or dropped on the way in: a number where text is expected, ``1.5`` where
a whole number is expected, an unknown key, a date that does not exist, are each a problem with its
location, and every problem a load can find is reported at once in one
:class:`~stprogress.ValidationError`:

>>> loads('{"schema": "stprogress/portfolio", "version": 1, "owner": 5, "tasks": {}}')
Traceback (most recent call last):
...
stprogress.validation.ValidationError: 2 problems:
  $.owner: expected text, got 5
  $.tasks: expected a list, got an object

A round trip gives back an equal value:

>>> from datetime import date
>>> from stprogress import Approved, Level, Portfolio, Task, TaskKind
>>> task = Task(
...     "ĐT-01",
...     "Giống lúa chịu mặn",
...     Level.PROVINCIAL,
...     TaskKind.RESEARCH,
...     date(2023, 1, 1),
...     date(2024, 12, 31),
...     [Approved(date(2022, 11, 20))],
... )
>>> portfolio = Portfolio("Sở KH&CN tỉnh Bến Tre", [task])
>>> text = dumps(portfolio)
>>> text[:60]
'{"schema":"stprogress/portfolio","version":1,"owner":"Sở KH&'
>>> loads(text) == portfolio
True
"""

from __future__ import annotations

import json
import json.encoder
import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import accumulate
from types import UnionType
from typing import Any, Final, TypeVar, Union, get_args, get_origin, overload

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from stprogress._collector import paused
from stprogress.lifecycle import EVENT_TYPES, Evaluated, Event, Extended
from stprogress.model import MONEY_LIMIT, Budget, Portfolio, Program, Target, Task
from stprogress.periods import Period
from stprogress.validation import PathSegment, Problem, ValidationError
from stprogress.vocab import _Vocabulary

__all__ = [
    "CURRENT_VERSION",
    "DOCUMENT_SCHEMA",
    "MAX_DECIMAL_EXPONENT",
    "MAX_DEPTH",
    "MAX_DOCUMENT_SIZE",
    "MIGRATIONS",
    "configure_converter",
    "converter",
    "dumps",
    "from_dict",
    "json_schema",
    "loads",
    "make_converter",
    "register_migration",
    "to_dict",
]

T = TypeVar("T")

DOCUMENT_SCHEMA: Final = "stprogress/portfolio"
"""The value of a document's ``"schema"`` key: what kind of document it is."""

CURRENT_VERSION: Final = 1
"""The version of the document format this library writes; older versions are migrated on load."""

MAX_DOCUMENT_SIZE: Final = 2**30
"""The default largest document :func:`loads` reads: 1 GiB (bytes; characters for ``str`` input)."""

MAX_DEPTH: Final = 64
"""The deepest nesting of arrays and objects a document may have (a valid document has at most 6)."""

MAX_DECIMAL_EXPONENT: Final = 1000
"""A decimal's exponent is between -1000 and 1000, so exact arithmetic on it stays cheap."""

_MAX_DECIMAL_LENGTH: Final = 100
_MAX_INT_DIGITS: Final = 20  # 2**63 has 19 digits; longer integers never reach Python's int parser
_CLIP: Final = 60

Migration = Callable[[dict[str, Any]], dict[str, Any]]

MIGRATIONS: dict[int, Migration] = {}
"""Migrations of documents: ``MIGRATIONS[n]`` turns the body of a version-``n`` document into version n+1.

The body is the document without its ``"schema"`` and ``"version"`` keys. Register one with
:func:`register_migration` when the format moves on, so that every older file still loads.
"""


def register_migration(from_version: int) -> Callable[[Migration], Migration]:
    """Register the function that upgrades the body of a ``from_version`` document by one version."""

    def register(migration: Migration) -> Migration:
        MIGRATIONS[from_version] = migration
        return migration

    return register


# ----------------------------------------------------------------------------------- problems


class _WireError(Exception):
    """A problem found by a hook, at ``path`` below the value the hook was given."""

    def __init__(self, message: str, *path: PathSegment) -> None:
        super().__init__(message)
        self.problem = Problem(path, message)


class _ProblemsError(Exception):
    """Several problems found below one value (a list's items)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems


@attrs.frozen
class _NotJson:
    """A value the JSON parser read that JSON does not allow here (NaN, a 5000-digit integer)."""

    text: str


class _DuplicateKeys(dict[str, Any]):
    """An object in which a key appeared more than once (the parser would keep only the last)."""

    duplicates: tuple[str, ...] = ()


def _clip(text: str) -> str:
    return text if len(text) <= _CLIP else text[: _CLIP - 1] + "…"


def _show(value: object) -> str:
    """A value as problems quote it: JSON-like, short, and always printable."""
    if isinstance(value, _NotJson):
        return value.text
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        shown = json.dumps(_clip(value), ensure_ascii=False)
        return shown if _is_unicode(shown) else json.dumps(_clip(value))
    if isinstance(value, (int, Decimal, float)):
        return _clip(str(value))
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a Python {type(value).__name__}"


def _is_unicode(text: str) -> bool:
    # isascii() is a flag lookup; only non-ASCII text pays for the encode that finds lone surrogates.
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _problems_of(error: BaseException) -> list[Problem]:
    """Every problem an exception raised while structuring stands for, located from that value."""
    if isinstance(error, ValidationError):
        return list(error.problems)
    if isinstance(error, _WireError):
        return [error.problem]
    if isinstance(error, _ProblemsError):
        return error.problems
    if isinstance(error, ClassValidationError):
        found: list[Problem] = []
        with_notes, others = error.group_exceptions()
        for sub, note in with_notes:
            if isinstance(sub, KeyError):
                found.append(Problem((note.name,), "required key is missing"))
            else:
                found.extend(p.under(note.name) for p in _problems_of(sub))
        for sub in others:
            found.extend(_problems_of(sub))
        return found
    if isinstance(error, ForbiddenExtraKeysError):
        allowed = ", ".join(a.name for a in attrs.fields(error.cl))
        return [Problem((key,), f"unknown key (allowed: {allowed})") for key in sorted(error.extra_fields)]
    raise error  # a defect in a hook, not bad input: let it be seen


# ----------------------------------------------------------------------------------- strict hooks


def _structure_str(value: object, _: object) -> str:
    if type(value) is not str:
        raise _WireError(f"expected text, got {_show(value)}")
    if not _is_unicode(value):
        raise _WireError(f"{_show(value)} is not valid Unicode text (it holds a lone surrogate)")
    return value


def _structure_int(value: object, _: object) -> int:
    if type(value) is not int:
        raise _WireError(f"expected a whole number, got {_show(value)}")
    return value


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?", re.ASCII)


def _structure_date(value: object, _: object) -> date:
    if type(value) is not str:
        raise _WireError(f'expected a date as text "YYYY-MM-DD", got {_show(value)}')
    if _DATE.fullmatch(value):
        try:
            # The text is exactly YYYY-MM-DD here, which fromisoformat reads in C on every Python
            # version (no slicing and three int() calls), refusing the same impossible days.
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _WireError(f"{_show(value)} is not a date")


_NON_FINITE = frozenset({"nan", "snan", "inf", "infinity"})


def _structure_decimal(value: object, _: object) -> Decimal:
    if type(value) is not str:
        raise _WireError(f'expected a decimal number as text, e.g. "12.5", got {_show(value)}')
    if value.lstrip("+-").lower() in _NON_FINITE:
        raise _WireError(f"{_show(value)} is not a finite decimal number")
    if len(value) > _MAX_DECIMAL_LENGTH or not _DECIMAL.fullmatch(value):
        raise _WireError(f'{_show(value)} is not a decimal number (expected text like "12.5")')
    try:
        number = Decimal(value)
    except InvalidOperation:  # an exponent beyond what the decimal context can hold at all
        number = Decimal("Infinity")
    if not number.is_finite() or not -MAX_DECIMAL_EXPONENT <= number.adjusted() <= MAX_DECIMAL_EXPONENT:
        raise _WireError(
            f"{_show(value)} is out of range (decimal exponents run from "
            f"-{MAX_DECIMAL_EXPONENT} to {MAX_DECIMAL_EXPONENT})"
        )
    return number


def _structure_period(value: object, _: object) -> Period:
    if type(value) is not str:
        raise _WireError(f'expected a period code as text, e.g. "2021-2025", got {_show(value)}')
    try:
        period = Period.parse(value)
    except ValidationError:
        raise _WireError(
            f'{_show(value)} is not a period code (e.g. "2023", "2023H1", "2023Q3", "2023-06", '
            '"2023M9", "2021-2025", "2021-2025>2030", "2022-12-15/2023-12-14")'
        ) from None
    if period.code != value:
        raise _WireError(f'{_show(value)} is not a period code; the code of that period is "{period.code}"')
    return period


def _is_vocabulary(cl: Any) -> bool:
    return isinstance(cl, type) and issubclass(cl, _Vocabulary)


def _structure_vocabulary(value: object, cl: type[_Vocabulary]) -> _Vocabulary:
    member = cl._value2member_map_.get(value) if type(value) is str else None
    if member is None:
        allowed = ", ".join(m.value for m in cl)
        raise _WireError(f"{_show(value)} is not a {cl.__name__} (one of: {allowed})")
    return member  # type: ignore[return-value]


def _is_homogeneous_tuple(cl: Any) -> bool:
    args = get_args(cl)
    return get_origin(cl) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook_factory(cl: Any, conv: cattrs.Converter) -> Callable[[object, object], tuple[Any, ...]]:
    item_type = get_args(cl)[0]
    item_hook = conv.get_structure_hook(item_type)

    def structure(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _WireError(f"expected a list, got {_show(value)}")
        items = []
        problems: list[Problem] = []
        for index, item in enumerate(value):
            try:
                items.append(item_hook(item, item_type))
            except Exception as error:  # noqa: PERF203 - one handler per item collects every item's problems
                problems.extend(p.under(index) for p in _problems_of(error))
        if problems:
            raise _ProblemsError(problems)
        return tuple(items)

    return structure


def _is_optional(cl: Any) -> bool:
    args = get_args(cl)
    return get_origin(cl) in (Union, UnionType) and len(args) == 2 and args[1] is type(None)


def _optional_hook_factory(cl: Any, conv: cattrs.Converter) -> Callable[[object, object], Any]:
    # What cattrs does for an optional value, without its dispatch on every call: optional text and
    # codes are most of the values of a document (every event's ref and note).
    item_type = get_args(cl)[0]
    item_hook = conv.get_structure_hook(item_type)

    def structure(value: object, _: object) -> Any:
        return None if value is None else item_hook(value, item_type)

    return structure


def _check_object(value: object) -> dict[str, Any]:
    if type(value) is dict:
        return value
    if isinstance(value, _DuplicateKeys):
        keys = ", ".join(f'"{k}"' for k in value.duplicates)
        raise _WireError(f"an object must not repeat a key; repeated: {keys}")
    raise _WireError(f"expected an object, got {_show(value)}")


def _class_hook_factory(cl: Any, conv: cattrs.Converter) -> Callable[[object, object], Any]:
    inner = make_dict_structure_fn(cl, conv, _cattrs_forbid_extra_keys=True)

    def structure(value: object, _: object) -> Any:
        return inner(_check_object(value), cl)

    return structure


_EVENT_BY_KIND: Mapping[str, type[Event]] = {cls.kind: cls for cls in EVENT_TYPES}
_EVENT_KINDS = ", ".join(_EVENT_BY_KIND)


def _event_body(value: object, expected: type[Event] | None) -> tuple[type[Event], dict[str, Any]]:
    """The event class a wire event names with its ``"event"`` tag, and the rest of its keys."""
    data = _check_object(value)
    if "event" not in data:
        raise _WireError(f"required key is missing (the kind of event: one of {_EVENT_KINDS})", "event")
    tag = data["event"]
    cls = _EVENT_BY_KIND.get(tag) if type(tag) is str else None
    if cls is None:
        raise _WireError(f"{_show(tag)} is not a kind of event (one of: {_EVENT_KINDS})", "event")
    if expected is not None and cls is not expected:
        raise _WireError(f'expected "{expected.kind}", got {_show(tag)}', "event")
    body = dict(data)
    del body["event"]
    return cls, body


def _event_hooks(conv: cattrs.Converter) -> None:
    inner: dict[type[Event], Callable[[Mapping[str, Any], Any], Event]] = {
        cls: make_dict_structure_fn(cls, conv, _cattrs_forbid_extra_keys=True) for cls in EVENT_TYPES
    }
    unstructure_inner = {cls: make_dict_unstructure_fn(cls, conv) for cls in EVENT_TYPES}

    def structure_any(value: object, _: object) -> Event:
        cls, body = _event_body(value, None)
        return inner[cls](body, cls)

    def unstructure_any(event: Event) -> dict[str, Any]:
        cls = type(event)
        return {"event": cls.kind, **unstructure_inner[cls](event)}

    conv.register_structure_hook(Event, structure_any)
    conv.register_unstructure_hook(Event, unstructure_any)
    for cls in EVENT_TYPES:

        def structure_one(value: object, _: object, cls: type[Event] = cls) -> Event:
            _, body = _event_body(value, cls)
            return inner[cls](body, cls)

        conv.register_structure_hook(cls, structure_one)
        conv.register_unstructure_hook(cls, unstructure_any)


def _portfolio_hooks(conv: cattrs.Converter) -> None:
    inner = make_dict_structure_fn(Portfolio, conv, _cattrs_forbid_extra_keys=True)
    unstructure_inner = make_dict_unstructure_fn(Portfolio, conv)

    def structure(value: object, _: object) -> Portfolio:
        return inner(_migrated(_check_object(value)), Portfolio)

    def unstructure(portfolio: Portfolio) -> dict[str, Any]:
        return {"schema": DOCUMENT_SCHEMA, "version": CURRENT_VERSION, **unstructure_inner(portfolio)}

    conv.register_structure_hook(Portfolio, structure)
    conv.register_unstructure_hook(Portfolio, unstructure)


def _migrated(document: dict[str, Any]) -> dict[str, Any]:
    """The body of a portfolio document, upgraded to the current version."""
    problems = []
    if "schema" not in document:
        problems.append(Problem(("schema",), f'required key is missing (it is "{DOCUMENT_SCHEMA}")'))
    elif document["schema"] != DOCUMENT_SCHEMA or type(document["schema"]) is not str:
        problems.append(
            Problem(("schema",), f'expected "{DOCUMENT_SCHEMA}", got {_show(document["schema"])}')
        )
    version = document.get("version")
    if "version" not in document:
        problems.append(Problem(("version",), "required key is missing"))
    elif type(version) is not int or version < 1:
        problems.append(Problem(("version",), f"expected a version number from 1, got {_show(version)}"))
    elif version > CURRENT_VERSION:
        problems.append(
            Problem(
                ("version",),
                f"version {version} is newer than this library reads (up to {CURRENT_VERSION}); "
                "upgrade stprogress",
            )
        )
    if problems:
        raise _ProblemsError(problems)
    body = {k: v for k, v in document.items() if k not in ("schema", "version")}
    assert type(version) is int  # checked above
    while version < CURRENT_VERSION:
        body = MIGRATIONS[version](body)
        version += 1
    return body


# ----------------------------------------------------------------------------------- converter


def configure_converter(conv: cattrs.Converter) -> None:
    """Make ``conv`` read and write the stprogress wire format, strictly.

    Strict hooks replace cattrs' lenient defaults (which turn ``1.5`` into ``1``, ``"5"`` into ``5``
    and ``123`` into ``"123"``); objects reject unknown keys; events are a union tagged by
    ``"event"``; portfolios carry the versioned envelope. The converter should have been created with
    ``detailed_validation=True`` (as :func:`make_converter` does), so that every problem is located.
    """
    # Class hooks dispatch on the MRO: the vocabulary hook is more specific than the str hook, so
    # the str-valued enums get theirs.
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(date, _structure_date)
    conv.register_structure_hook(Decimal, _structure_decimal)
    conv.register_structure_hook(Period, _structure_period)
    conv.register_structure_hook(_Vocabulary, _structure_vocabulary)
    conv.register_structure_hook_factory(_is_homogeneous_tuple, lambda cl: _tuple_hook_factory(cl, conv))
    conv.register_structure_hook_factory(_is_optional, lambda cl: _optional_hook_factory(cl, conv))
    conv.register_structure_hook_factory(attrs.has, lambda cl: _class_hook_factory(cl, conv))

    conv.register_unstructure_hook(date, date.isoformat)
    conv.register_unstructure_hook(Decimal, str)
    conv.register_unstructure_hook(Period, lambda p: p.code)
    conv.register_unstructure_hook(_Vocabulary, lambda member: member.value)
    _event_hooks(conv)
    _portfolio_hooks(conv)


def make_converter() -> cattrs.Converter:
    """A new converter for the stprogress wire format (see :func:`configure_converter`)."""
    conv = cattrs.Converter(
        forbid_extra_keys=True,
        detailed_validation=True,
        unstruct_collection_overrides={tuple: list},
    )
    configure_converter(conv)
    return conv


converter: cattrs.Converter = make_converter()
"""The library's converter, built once; extend it with hooks of your own, or build one of your own."""


# ----------------------------------------------------------------------------------- plain data


def to_dict(obj: Any) -> Any:
    """``obj`` as plain data (dicts, lists, text, integers, ``None``) in the wire format.

    A :class:`~stprogress.Portfolio` becomes a whole document, with its envelope; any other value
    (a task, an event, a budget, a period, ...) becomes what it is inside a document.

    >>> from datetime import date
    >>> from stprogress import Extended
    >>> to_dict(Extended(date(2024, 6, 1), until=date(2025, 6, 30), ref="12/QĐ-SKHCN"))
    {'event': 'extended', 'on': '2024-06-01', 'ref': '12/QĐ-SKHCN', 'note': None, 'until': '2025-06-30'}
    """
    return converter.unstructure(obj)


@overload
def from_dict(data: object, type: type[T]) -> T: ...
@overload
def from_dict(data: object, type: Any) -> Any: ...
def from_dict(data: object, type: Any) -> Any:
    """The value of ``type`` that plain ``data`` describes; the inverse of :func:`to_dict`.

    ``type`` is any model type (``Portfolio``, ``Task``, ``Program``, ``Target``, ``Budget``,
    ``Period``, an event class or the ``Event`` union).

    >>> from stprogress import Event
    >>> from_dict({"event": "evaluated", "on": "2024-12-20", "grade": "good"}, Event)
    Evaluated(on=datetime.date(2024, 12, 20), ref=None, note=None, grade=<Grade.GOOD: 'good'>)

    Raises:
        ValidationError: listing every problem found, each located from the root, ``$``.
    """
    try:
        return converter.structure(data, type)
    except Exception as error:
        raise ValidationError(_problems_of(error)) from None


# ----------------------------------------------------------------------------------- JSON text


try:
    import msgspec as _msgspec

    from stprogress import _fast
except ImportError:  # pragma: no cover - the tests run with the extra; test_serialize simulates its absence
    _msgspec = None  # type: ignore[assignment]


def _object_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen: set[str] = set()
    repeated = [k for k, _ in pairs if k in seen or seen.add(k)]  # type: ignore[func-returns-value]
    flagged = _DuplicateKeys(obj)
    flagged.duplicates = tuple(dict.fromkeys(repeated))
    return flagged


def _parse_int(text: str) -> int | _NotJson:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        return _NotJson(f"an integer of {len(text.lstrip('-'))} digits (too large)")
    return int(text)


def _parse_constant(name: str) -> _NotJson:
    return _NotJson(f"{name} (not a JSON number)")


_DECODER = json.JSONDecoder(
    object_pairs_hook=_object_pairs,
    parse_float=Decimal,  # a float would turn 1e400 into inf; a Decimal keeps the text exactly
    parse_int=_parse_int,
    parse_constant=_parse_constant,
)


# A JSON string as the depth scan reads it: a backslash escapes the next character, whatever it is,
# and a string left open runs to the end of the text (a lone trailing backslash included).
_SCAN_STRING = re.compile(r'"[^"\\]*(?:\\[\s\S][^"\\]*)*(?:"|\\?\Z)')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_BRACKET_STEP: Final[Mapping[str, int]] = {"[": 1, "{": 1, "]": -1, "}": -1}


def _depth_problem(text: str) -> Problem | None:
    """The problem of ``text`` nesting arrays and objects deeper than :data:`MAX_DEPTH`, if it does.

    Brackets inside strings do not count. The scan runs in C (``str.split``, ``re``,
    ``itertools.accumulate``) rather than character by character in Python, which cost about a fifth
    of ``loads``.
    """
    # With no escaped quote, every quote opens or closes a string, so the even pieces between quotes
    # are outside strings (a plain split, the common case); otherwise only a scan that follows
    # escapes can tell where strings end.
    outside = _SCAN_STRING.sub("", text) if '\\"' in text else "".join(text.split('"')[::2])
    steps = map(_BRACKET_STEP.__getitem__, _NOT_BRACKET.sub("", outside))
    if max(accumulate(steps), default=0) > MAX_DEPTH:
        return Problem((), f"the document nests arrays and objects deeper than {MAX_DEPTH} levels")
    return None


def _checked(text: object, max_size: int) -> str | bytes | bytearray:
    """``text`` itself if it is JSON text (``str`` or bytes) within ``max_size``."""
    if not isinstance(text, (str, bytes, bytearray)):
        raise ValidationError.single(f"expected JSON text (str or bytes), got a Python {type(text).__name__}")
    if len(text) > max_size:
        raise ValidationError.single(f"the document is larger than the limit of {max_size} bytes")
    return text


def _source(text: str | bytes | bytearray) -> str:
    """Checked ``text`` as ``str`` without a BOM (bytes decoded from UTF-8), for the default path."""
    if isinstance(text, (bytes, bytearray)):
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValidationError.single(
                f"the document is not valid UTF-8: byte 0x{text[error.start]:02x} at offset {error.start}"
            ) from None
    return text.removeprefix("\ufeff")


def _utf8(text: str | bytes | bytearray) -> bytes | None:
    """Checked ``text`` as UTF-8 bytes without a BOM for the fast reader; ``None`` if it is not Unicode.

    Bytes are read as they are: decoding them to ``str`` first would cost a pass over the document,
    and msgspec refuses bytes that are not UTF-8. ``str`` is encoded here rather than by msgspec,
    which would keep the encoding cached with the caller's string, as large as the document.
    """
    if isinstance(text, str):
        try:
            return text.removeprefix("\ufeff").encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: the default path says where
            return None
    return bytes(text).removeprefix(b"\xef\xbb\xbf")


def _parse(text: str) -> Any:
    """The JSON value of ``text``, strictly (no NaN, no repeated keys, not too deep), or a ValidationError."""
    if text.count("[") + text.count("{") > MAX_DEPTH:
        # Only documents with enough brackets can nest too deep; the scan is skipped for the rest.
        problem = _depth_problem(text)
        if problem is not None:
            raise ValidationError([problem])
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno} column {error.colno}"
        if error.pos >= len(text.rstrip()) or error.msg.startswith("Unterminated string"):
            end = f"line {text.count(chr(10)) + 1} column {len(text) - text.rfind(chr(10))}"
            raise ValidationError.single(
                f"the document is not valid JSON: it ends too early, at {end} (truncated?)"
            ) from None
        raise ValidationError.single(f"the document is not valid JSON: {error.msg} at {where}") from None


@overload
def loads(text: str | bytes | bytearray, type: type[T], *, max_size: int = ..., fast: bool = ...) -> T: ...
@overload
def loads(text: str | bytes | bytearray, *, max_size: int = ..., fast: bool = ...) -> Portfolio: ...
@overload
def loads(text: str | bytes | bytearray, type: Any, *, max_size: int = ..., fast: bool = ...) -> Any: ...
def loads(
    text: str | bytes | bytearray,
    type: Any = Portfolio,
    *,
    max_size: int = MAX_DOCUMENT_SIZE,
    fast: bool = True,
) -> Any:
    """Read a value of ``type`` (by default a whole portfolio document) from JSON text.

    ``text`` is ``str``, or UTF-8 ``bytes`` (a leading byte order mark is ignored). Documents larger
    than ``max_size`` (bytes, or characters for ``str``) or nested deeper than :data:`MAX_DEPTH` are
    refused before they are parsed. Python's cyclic garbage collector is paused while the document is
    read, and restored as it was found afterwards, even when the document is refused.

    With the ``fast`` extra installed, a portfolio document is first read by msgspec into the same
    values, checked by the same rules; a document that reader refuses or is unsure of (a repeated
    key, a missing optional key, an older version, any problem) is read again by the default path,
    so the result, and every problem reported with its path, are the same either way. ``fast=False``
    reads with :data:`converter` alone (the fast reader does not see hooks you add to it).

    Raises:
        ValidationError: listing every problem found, each located from the root, ``$``.
    """
    with paused():
        text = _checked(text, max_size)
        if fast and _msgspec is not None and type is Portfolio:
            data = _utf8(text)
            if data is not None:
                portfolio = _fast.read(
                    data, CURRENT_VERSION, _structure_decimal, _structure_period, _WireError
                )
                if portfolio is not None:
                    return portfolio
        return from_dict(_parse(_source(text)), type)


def dumps(obj: Any, *, indent: int | None = None, fast: bool = True) -> str:
    """``obj`` as JSON text: compact (no spaces), or with ``indent`` spaces per level.

    Non-ASCII text is written as itself (UTF-8 when encoded), so Vietnamese stays readable. With the
    ``fast`` extra installed (and ``fast`` true), msgspec writes the text, straight from the values of
    a portfolio; the output is byte-identical to the standard library's writing of :func:`to_dict`,
    which writes it otherwise. Python's cyclic garbage collector is paused while the text is
    written, and restored as it was found afterwards.
    """
    with paused():
        return _dumps(obj, indent, fast)


def _target_data(target: Target) -> dict[str, Any]:
    actual, period = target.actual, target.period
    return {
        "code": target.code,
        "name": target.name,
        "unit": target.unit,
        "planned": str(target.planned),
        "actual": None if actual is None else str(actual),
        "direction": target.direction,
        "period": None if period is None else period.code,
    }


def _programs_data(programs: tuple[Program, ...]) -> list[dict[str, Any]]:
    return [
        {
            "code": program.code,
            "name": program.name,
            "level": program.level,
            "phase": program.phase.code,
            "targets": [_target_data(t) for t in program.targets],
        }
        for program in programs
    ]


_string: Callable[[str], str] = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) writes
_COMPACT: Final = (",", ":")


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=_COMPACT, allow_nan=False)


def _text(value: str | None) -> str:
    return "null" if value is None else _string(value)


def _portfolio_text(portfolio: Portfolio) -> str:
    """The compact JSON text of a portfolio, written out directly (without the extra).

    The converter's generated functions dispatch on the type of every value; a portfolio's shape is
    known, so its text is written here in one pass, without plain dicts in between: each task and
    event is one format string, its texts escaped by the standard library's own C escaper.
    Vocabulary members are escaped as the ``str`` they are (their wire code), as ``json`` writes
    them. Property-tested to be the standard library's writing of :func:`to_dict`.
    """
    text = _text
    tasks = []
    for task in portfolio.tasks:
        events = []
        for event in task.history:
            cls = type(event)
            if cls is Extended:
                extra = f',"until":"{event.until.isoformat()}"'  # type: ignore[union-attr]  # cls is Extended
            elif cls is Evaluated:
                extra = f',"grade":{_string(event.grade)}'  # type: ignore[union-attr]  # cls is Evaluated
            else:
                extra = ""
            events.append(
                f'{{"event":"{event.kind}","on":"{event.on.isoformat()}",'
                f'"ref":{text(event.ref)},"note":{text(event.note)}{extra}}}'
            )
        budget = task.budget
        field = task.field
        tasks.append(
            f'{{"code":{_string(task.code)},"title":{_string(task.title)},'
            f'"level":{_string(task.level)},"kind":{_string(task.kind)},'
            f'"planned_start":"{task.planned_start.isoformat()}","planned_end":"{task.planned_end.isoformat()}",'
            f'"history":[{",".join(events)}],"program":{text(task.program)},'
            f'"field":{"null" if field is None else _string(field)},'
            f'"host":{text(task.host)},"lead":{text(task.lead)},"budget":'
            + ("null" if budget is None else f'{{"state":{budget.state},"other":{budget.other}}}')
            + "}"
        )
    programs = _compact(_programs_data(portfolio.programs))
    targets = _compact([_target_data(t) for t in portfolio.targets])
    return (
        f'{{"schema":{_string(DOCUMENT_SCHEMA)},"version":{CURRENT_VERSION},"owner":{text(portfolio.owner)},'
        f'"tasks":[{",".join(tasks)}],"programs":{programs},"targets":{targets}}}'
    )


def _dumps(obj: Any, indent: int | None, fast: bool) -> str:
    if fast and _msgspec is not None and (indent is None or indent > 0):
        try:
            # A portfolio goes to msgspec as structs shaped like the wire format, without the plain
            # data in between; anything else as its plain data.
            encoded = (
                _fast.write(obj, CURRENT_VERSION)
                if type(obj) is Portfolio
                else _msgspec.json.encode(to_dict(obj))
            )
        except UnicodeEncodeError:
            pass  # text holding a lone surrogate: the standard library writes it as it is
        else:
            if indent is not None:
                encoded = _msgspec.json.format(encoded, indent=indent)
            return encoded.decode("utf-8")
    if fast and type(obj) is Portfolio:
        text = _portfolio_text(obj)
        # Indented, the compact text is read back (in C) and laid out: one writer of the shape.
        return text if indent is None else json.dumps(json.loads(text), ensure_ascii=False, indent=indent)
    data = to_dict(obj)
    if indent is None:
        return _compact(data)
    return json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)


# ----------------------------------------------------------------------------------- JSON Schema


_TEXT: Final = {"type": "string", "pattern": r"\S"}
_CODE: Final = {"type": "string", "pattern": r"^\S(?:[\s\S]*\S)?$"}
_DATE_SCHEMA: Final = {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_DECIMAL_SCHEMA: Final = {
    "type": "string",
    "maxLength": _MAX_DECIMAL_LENGTH,
    "pattern": r"^-?[0-9]+(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$",
}
_PERIOD_SCHEMA: Final = {
    "type": "string",
    "description": "A period code: 2023, 2023H1, 2023Q3, 2023-06, 2023M9, 2021-2025, 2021-2025>2030, "
    "2022-12-15/2023-12-14",
    "pattern": r"^(?:[0-9]{4}(?:H[12]|Q[1-4]|-(?:0[1-9]|1[0-2])|M(?:[245789]|1[01]))?"
    r"|[0-9]{4}-[0-9]{4}(?:>[0-9]{4})?"
    r"|[0-9]{4}-[0-9]{2}-[0-9]{2}/[0-9]{4}-[0-9]{2}-[0-9]{2})$",
}
_MONEY_SCHEMA: Final = {"type": "integer", "minimum": 0, "maximum": MONEY_LIMIT - 1}
# Text the model requires to be non-empty, and codes it requires to be trimmed.
_CODE_FIELDS: Final = frozenset({"code", "program"})
_FREE_TEXT_FIELDS: Final = frozenset({"ref", "note"})


def _field_schema(name: str, hint: Any) -> dict[str, Any]:
    args = get_args(hint)
    if get_origin(hint) in (Union, UnionType) and type(None) in args:
        (inner,) = (a for a in args if a is not type(None))
        return {"anyOf": [_field_schema(name, inner), {"type": "null"}]}
    if _is_homogeneous_tuple(hint):
        return {"type": "array", "items": _field_schema(name, args[0])}
    if hint is Event:
        return {"$ref": "#/$defs/Event"}
    if attrs.has(hint) and hint is not Period:
        return {"$ref": f"#/$defs/{hint.__name__}"}
    if _is_vocabulary(hint):
        return {"enum": [m.value for m in hint]}
    simple: dict[Any, dict[str, Any]] = {
        date: _DATE_SCHEMA,
        Decimal: _DECIMAL_SCHEMA,
        Period: _PERIOD_SCHEMA,
        int: _MONEY_SCHEMA,
    }
    if hint in simple:
        return dict(simple[hint])
    assert hint is str, hint  # every field of the model is one of the above
    if name in _FREE_TEXT_FIELDS:
        return {"type": "string"}
    return dict(_CODE if name in _CODE_FIELDS else _TEXT)


def _object_schema(cl: type[Any], extra: Mapping[str, Any] = {}) -> dict[str, Any]:
    hints = attrs.resolve_types(cl)
    fields = attrs.fields(hints)
    properties = dict(extra)
    properties.update({f.name: _field_schema(f.name, f.type) for f in fields})
    required = [*extra, *(f.name for f in fields if f.default is attrs.NOTHING)]
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a portfolio document; the package ships it as ``schema.json``.

    The schema states the shape of a document; the loader checks more than a schema can say (dates
    that exist, legal histories, unique codes, references that resolve).

    >>> json_schema()["properties"]["version"]
    {'const': 1}
    """
    events = {cls.__name__: _object_schema(cls, {"event": {"const": cls.kind}}) for cls in EVENT_TYPES}
    defs: dict[str, Any] = {
        "Event": {"oneOf": [{"$ref": f"#/$defs/{name}"} for name in events]},
        **events,
        **{cl.__name__: _object_schema(cl) for cl in (Task, Budget, Program, Target)},
    }
    document = _object_schema(
        Portfolio, {"schema": {"const": DOCUMENT_SCHEMA}, "version": {"const": CURRENT_VERSION}}
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://stprogress.readthedocs.io/schema/portfolio-{CURRENT_VERSION}.json",
        "title": "stprogress portfolio document",
        "description": "A portfolio of S&T tasks (nhiệm vụ KH&CN) of a provincial Department of Science "
        "and Technology, with their dated histories, programs and targets.",
        **document,
        "$defs": defs,
    }
