"""A task's dated history: one event class per kind of event, and the legal order of events.

The lifecycle (Luật Khoa học và Công nghệ 2013; Nghị định 08/2014/NĐ-CP; Thông tư 07, 09, 10, 11 and
14 of 2014 of the Ministry of Science and Technology) runs: đề xuất (proposal) -> phê duyệt
(approval) -> ký hợp đồng (contract) -> kiểm tra tiến độ (inspections), gia hạn (extensions) ->
đánh giá nghiệm thu (evaluation, with a grade) -> đăng ký kết quả (registration of results) ->
thanh lý hợp đồng (liquidation). Side exits: không được phê duyệt (rejection) and dừng / chấm dứt
(termination, settled by a liquidation).

The legal order is *data*: :data:`TRANSITIONS` maps each status to the events that may follow it and
the status each one leads to. Nothing else in the library decides what may follow what.

>>> from datetime import date
>>> history = [Approved(date(2023, 2, 1)), Contracted(date(2023, 3, 1), ref="05/2023/HĐ-KHCN")]
>>> status_after(history)
<Status.IN_PROGRESS: 'in_progress'>
>>> for p in history_problems([Approved(date(2023, 2, 1)), Contracted(date(2023, 1, 5))]):
...     print(p)
$[1]: Contracted on 2023-01-05 before Approved on 2023-02-01
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime
from typing import Any, ClassVar, Union

import attrs

from stprogress.validation import Problem, ValidationError
from stprogress.vocab import Grade, Lang, Status

__all__ = [
    "EVENT_TYPES",
    "TRANSITIONS",
    "Approved",
    "Contracted",
    "Evaluated",
    "Event",
    "Extended",
    "Inspected",
    "Liquidated",
    "Proposed",
    "Registered",
    "Rejected",
    "Terminated",
    "history_problems",
    "status_after",
]


def _nfc(value: object) -> object:
    """NFC-normalise text (Vietnamese arrives in NFC and NFD); leave anything else, ``None`` too, as it is."""
    return unicodedata.normalize("NFC", value) if isinstance(value, str) else value


def is_plain_date(value: object) -> bool:
    """Whether ``value`` is a ``date`` and not a ``datetime`` (which is a subclass of ``date``)."""
    return isinstance(value, date) and not isinstance(value, datetime)


_TEXT_OR_NONE = frozenset({str, type(None)})


def type_name(value: object) -> str:
    """How a value's type is named in problems, in plain words."""
    return "null" if value is None else type(value).__name__


@attrs.frozen
class _Event:
    """What every event has: the date it happened, and the reference and note the record may keep."""

    kind: ClassVar[str]
    label_vi: ClassVar[str]
    label_en: ClassVar[str]

    on: date
    ref: str | None = attrs.field(default=None, kw_only=True)
    """Number of the decision, contract or minutes that records the event (e.g. ``2345/QĐ-UBND``)."""
    note: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        # Events are built by the hundred thousand when a portfolio is read. The texts are
        # NFC-normalised here rather than by converters, so that an absent reference or note (the
        # common case) costs no call; and the common case (every value of exactly the expected
        # type) is told in one expression: only an event that may have a problem pays for the
        # generator that words it.
        ref: object = self.ref
        note: object = self.note
        if ref is not None:
            ref = _nfc(ref)
            object.__setattr__(self, "ref", ref)
        if note is not None:
            note = _nfc(note)
            object.__setattr__(self, "note", note)
        if (
            type(self.on) is date
            and type(ref) in _TEXT_OR_NONE
            and type(note) in _TEXT_OR_NONE
            and self._own_fields_plain()
        ):
            return
        problems = list(self._problems())
        if problems:
            raise ValidationError(problems)

    def _own_fields_plain(self) -> bool:
        """Whether the fields of the event's own class are exactly of their types (a sufficient check)."""
        return True

    def _problems(self) -> Iterator[Problem]:
        if not is_plain_date(self.on):
            yield Problem(("on",), f"must be a date, got {type_name(self.on)}")
        for name in ("ref", "note"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, str):
                yield Problem((name,), f"must be text or null, got {type_name(value)}")

    def label(self, lang: Lang) -> str:
        """What the event is called, in ``lang``."""
        return self.label_vi if lang == "vi" else self.label_en

    def __str__(self) -> str:
        return f"{type(self).__name__} on {self.on.isoformat()}"


@attrs.frozen
class Proposed(_Event):
    """The task was proposed or ordered (đề xuất / đặt hàng)."""

    kind: ClassVar[str] = "proposed"
    label_vi: ClassVar[str] = "đề xuất"
    label_en: ClassVar[str] = "proposed"


@attrs.frozen
class Rejected(_Event):
    """The proposal was not approved (không được phê duyệt / kiến nghị không thực hiện)."""

    kind: ClassVar[str] = "rejected"
    label_vi: ClassVar[str] = "không được phê duyệt"
    label_en: ClassVar[str] = "rejected"


@attrs.frozen
class Approved(_Event):
    """The task was approved: host, lead, budget and duration decided (phê duyệt)."""

    kind: ClassVar[str] = "approved"
    label_vi: ClassVar[str] = "phê duyệt"
    label_en: ClassVar[str] = "approved"


@attrs.frozen
class Contracted(_Event):
    """The implementation contract was signed (ký hợp đồng); the task is then in progress.

    A contract signed after the nominal planned start is normal and is not a problem.
    """

    kind: ClassVar[str] = "contracted"
    label_vi: ClassVar[str] = "ký hợp đồng"
    label_en: ClassVar[str] = "contracted"


@attrs.frozen
class Inspected(_Event):
    """A progress inspection (kiểm tra tiến độ); reports count these as events, "lượt"."""

    kind: ClassVar[str] = "inspected"
    label_vi: ClassVar[str] = "kiểm tra tiến độ"
    label_en: ClassVar[str] = "progress inspection"


@attrs.frozen
class Extended(_Event):
    """The end date was moved later (điều chỉnh / gia hạn), to ``until``.

    No maximum extension is encoded: no authoritative figure exists, so a policy is the caller's.
    """

    kind: ClassVar[str] = "extended"
    label_vi: ClassVar[str] = "gia hạn"
    label_en: ClassVar[str] = "extended"

    until: date

    def _own_fields_plain(self) -> bool:
        return type(self.until) is date

    def _problems(self) -> Iterator[Problem]:
        yield from super()._problems()
        if not is_plain_date(self.until):
            yield Problem(("until",), f"must be a date, got {type_name(self.until)}")


@attrs.frozen
class Evaluated(_Event):
    """The evaluation council graded the finished task (đánh giá nghiệm thu); ``FAIL`` is không đạt."""

    kind: ClassVar[str] = "evaluated"
    label_vi: ClassVar[str] = "đánh giá nghiệm thu"
    label_en: ClassVar[str] = "evaluated"

    grade: Grade

    def _own_fields_plain(self) -> bool:
        return type(self.grade) is Grade

    def _problems(self) -> Iterator[Problem]:
        yield from super()._problems()
        if not isinstance(self.grade, Grade):
            yield Problem(("grade",), f"must be a Grade, got {type_name(self.grade)}")


@attrs.frozen
class Registered(_Event):
    """The results were registered (đăng ký kết quả), due within 30 days of acceptance (TT 14/2014)."""

    kind: ClassVar[str] = "registered"
    label_vi: ClassVar[str] = "đăng ký kết quả"
    label_en: ClassVar[str] = "results registered"


@attrs.frozen
class Liquidated(_Event):
    """The contract was liquidated (thanh lý hợp đồng): nothing may follow."""

    kind: ClassVar[str] = "liquidated"
    label_vi: ClassVar[str] = "thanh lý hợp đồng"
    label_en: ClassVar[str] = "contract liquidated"


@attrs.frozen
class Terminated(_Event):
    """The task was stopped (dừng / chấm dứt); only the liquidation that settles it may follow."""

    kind: ClassVar[str] = "terminated"
    label_vi: ClassVar[str] = "dừng thực hiện"
    label_en: ClassVar[str] = "terminated"


Event = Union[  # noqa: UP007 - a runtime alias that cattrs and Hypothesis read on Python 3.10 too
    Proposed,
    Rejected,
    Approved,
    Contracted,
    Inspected,
    Extended,
    Evaluated,
    Registered,
    Liquidated,
    Terminated,
]
"""Any event of a task's history."""

EVENT_TYPES: tuple[type[Event], ...] = (
    Proposed,
    Rejected,
    Approved,
    Contracted,
    Inspected,
    Extended,
    Evaluated,
    Registered,
    Liquidated,
    Terminated,
)
"""Every event class, in lifecycle order; ``kind`` is each one's wire tag."""

EVENT_BY_KIND: Mapping[str, type[Event]] = {cls.kind: cls for cls in EVENT_TYPES}

_FAILED_EVALUATION = "evaluated:fail"
_LIQUIDATED = "liquidated"

TRANSITIONS: Mapping[Status | None, Mapping[str, Status]] = {
    None: {"proposed": Status.PROPOSED, "approved": Status.APPROVED},
    Status.PROPOSED: {"approved": Status.APPROVED, "rejected": Status.REJECTED},
    Status.REJECTED: {},
    Status.APPROVED: {
        "contracted": Status.IN_PROGRESS,
        "extended": Status.APPROVED,
        "terminated": Status.TERMINATED,
    },
    Status.IN_PROGRESS: {
        "inspected": Status.IN_PROGRESS,
        "extended": Status.IN_PROGRESS,
        "evaluated": Status.EVALUATED,
        _FAILED_EVALUATION: Status.FAILED,
        "terminated": Status.TERMINATED,
    },
    Status.EVALUATED: {"registered": Status.COMPLETED, _LIQUIDATED: Status.COMPLETED},
    Status.COMPLETED: {_LIQUIDATED: Status.COMPLETED},
    Status.FAILED: {_LIQUIDATED: Status.FAILED},
    Status.TERMINATED: {_LIQUIDATED: Status.TERMINATED},
}
"""The legal order of events: for each status (``None`` before the first event), the transitions
allowed and the status each leads to. A transition is named by the event's ``kind``, except that a
failing evaluation is ``"evaluated:fail"``. A liquidation closes the history: nothing may follow it.
A history may begin with ``Proposed`` or, for older records that hold no proposal, with ``Approved``.
"""


def transition_of(event: Event) -> str:
    """The name of the transition ``event`` makes in :data:`TRANSITIONS`."""
    if isinstance(event, Evaluated) and not event.grade.is_passing:
        return _FAILED_EVALUATION
    return event.kind


def _allowed_after(status: Status | None) -> str:
    names = sorted({t.split(":")[0] for t in TRANSITIONS[status]})
    if not names:
        return "nothing may follow"
    return "allowed: " + ", ".join(EVENT_BY_KIND[n].__name__ for n in names)


def history_problems(history: Sequence[Event], *, planned_end: date | None = None) -> Iterator[Problem]:
    """Every problem with the order of ``history``, located by index (``$[2]``).

    Checks, per event: dates never go backwards; the event is allowed after the status reached so far
    (:data:`TRANSITIONS`); nothing follows a liquidation; an extension moves the end date later than
    the one in force (``planned_end``, then each earlier extension). An illegal event is reported and
    skipped, so the events after it are still checked against the last legal status.
    """
    status: Status | None = None
    closed_by: Event | None = None
    previous: Event | None = None
    last_legal: Event | None = None
    due = planned_end
    for index, event in enumerate(history):
        if previous is not None and event.on < previous.on:
            yield Problem((index,), f"{event} before {previous}")
        previous = event
        if closed_by is not None:
            yield Problem((index,), f"{event} is not allowed after {closed_by}: nothing may follow")
            continue
        target = TRANSITIONS[status].get(transition_of(event))
        if target is None:
            where = "as the first event" if last_legal is None else f"after {last_legal}"
            yield Problem((index,), f"{event} is not allowed {where} ({_allowed_after(status)})")
            continue
        if isinstance(event, Extended):
            if due is not None and event.until <= due:
                yield Problem(
                    (index, "until"),
                    f"extension to {event.until.isoformat()} does not move the end ({due.isoformat()}) later",
                )
                continue
            due = event.until
        if isinstance(event, Liquidated):
            closed_by = event
        status = target
        last_legal = event


_CLOSED: Any = object()
"""Where a liquidation leads in :data:`_AFTER`: a state that nothing may follow."""

_AFTER: Mapping[Any, Mapping[type[Event], Any]] = {
    _CLOSED: {},
    **{
        status: {
            EVENT_BY_KIND[name]: _CLOSED if name == _LIQUIDATED else target
            for name, target in allowed.items()
            if name != _FAILED_EVALUATION
        }
        for status, allowed in TRANSITIONS.items()
    },
}
""":data:`TRANSITIONS` keyed by event class (a failing evaluation aside), for :func:`is_legal`."""

_AFTER_FAILING: Mapping[Any, Any] = {
    status: allowed[_FAILED_EVALUATION]
    for status, allowed in TRANSITIONS.items()
    if _FAILED_EVALUATION in allowed
}
"""Where a failing evaluation leads from each status that allows one, for :func:`is_legal`."""

_FAILING_GRADES: tuple[Grade, ...] = tuple(grade for grade in Grade if not grade.is_passing)
"""The grades an evaluation fails with (a tuple: membership by identity, no enum hashing)."""


def is_legal(history: Sequence[object], planned_end: date) -> bool:
    """Whether ``history`` holds only the library's events, in an order :func:`history_problems` accepts.

    The same rules as ``not any(history_problems(history, planned_end=planned_end))`` for a sequence
    of events of exactly the library's classes, answered without wording anything: reading a
    portfolio checks 10⁵–10⁶ histories, and only an illegal one needs its problems said. Anything
    that is not an event of exactly one of :data:`EVENT_TYPES` makes the history not legal here.
    """
    state: Any = None
    previous = date.min
    due = planned_end
    for event in history:
        cls = type(event)
        # A subclass or a non-event is no key of the table: not legal, before any attribute is read.
        if cls is Evaluated and event.grade in _FAILING_GRADES:  # type: ignore[attr-defined]
            state = _AFTER_FAILING.get(state)
        else:
            state = _AFTER[state].get(cls)  # type: ignore[arg-type]
        if state is None:
            return False
        on = event.on  # type: ignore[attr-defined]
        if on < previous:
            return False
        previous = on
        if cls is Extended:
            until = event.until  # type: ignore[attr-defined]
            if until <= due:
                return False
            due = until
    return True


def status_after(history: Iterable[Event]) -> Status | None:
    """The status a legal history leads to (``None`` for an empty history).

    The history is assumed legal, as every constructed ``Task`` holds; events the table does not allow
    are ignored rather than guessed at.
    """
    status: Status | None = None
    for event in history:
        status = TRANSITIONS[status].get(transition_of(event), status)
    return status


def event_problems(value: Any) -> Iterator[Problem]:
    """Problems with something that should be an event (used where a history is checked whole).

    Only the library's own event classes are events, not subclasses of them: a subclass's extra
    fields would be lost on the wire, and indicators tell events apart by their exact class.
    """
    if type(value) not in EVENT_TYPES:
        kinds = ", ".join(cls.__name__ for cls in EVENT_TYPES)
        yield Problem((), f"must be an event ({kinds}), got {type_name(value)}")
