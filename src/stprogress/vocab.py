"""The domain vocabulary: levels, kinds of task, fields, grades, directions, statuses, milestones.

Every member is a ``str`` whose value is a stable wire code (English snake_case, or the official code
where one exists: fields of science are ``"1"`` to ``"6"``). Labels are for people and never travel on
the wire: each member has ``label_vi`` (Vietnamese, with diacritics) and ``label_en``.

>>> Level.PROVINCIAL.label_vi
'cấp tỉnh'
>>> Field("4").label_en
'Agricultural sciences'
>>> TaskKind.PILOT_PRODUCTION.label("vi")
'dự án sản xuất thử nghiệm'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum
from typing import ClassVar, Literal

import attrs

__all__ = [
    "Direction",
    "Field",
    "Grade",
    "GradeScale",
    "Lang",
    "Level",
    "Milestone",
    "Status",
    "TaskKind",
]

Lang = Literal["vi", "en"]
"""A language the library writes labels and figures in."""

# Keyed by (class, name): members of different enums with one code ("approved") compare equal.
_LABELS: dict[tuple[type[Enum], str], tuple[str, str]] = {}


class _Vocabulary(str, Enum):
    """A vocabulary member: a wire code with a Vietnamese and an English label."""

    @property
    def label_vi(self) -> str:
        """The Vietnamese label, with diacritics."""
        return _LABELS[type(self), self.name][0]

    @property
    def label_en(self) -> str:
        """The English label."""
        return _LABELS[type(self), self.name][1]

    def label(self, lang: Lang) -> str:
        """The label in ``lang`` (``"vi"`` or ``"en"``)."""
        return self.label_vi if lang == "vi" else self.label_en

    def __str__(self) -> str:
        # Python 3.10 and 3.12 disagree on str() of str-mixed enums; the wire code is what we mean.
        return str(self.value)


def _label(enum: type[_Vocabulary], labels: Mapping[str, tuple[str, str]]) -> None:
    missing = {m.name for m in enum} ^ set(labels)
    if missing:  # pragma: no cover - a programming error caught at import, never at run time
        raise AssertionError(f"{enum.__name__}: labels do not match members: {sorted(missing)}")
    for member in enum:
        _LABELS[enum, member.name] = labels[member.name]


class Level(_Vocabulary):
    """The level that manages a task (cấp quản lý nhiệm vụ)."""

    NATIONAL = "national"
    MINISTERIAL = "ministerial"
    PROVINCIAL = "provincial"
    GRASSROOTS = "grassroots"


_label(
    Level,
    {
        "NATIONAL": ("cấp quốc gia", "national"),
        "MINISTERIAL": ("cấp bộ", "ministerial"),
        "PROVINCIAL": ("cấp tỉnh", "provincial"),
        "GRASSROOTS": ("cấp cơ sở", "grassroots"),
    },
)


class TaskKind(_Vocabulary):
    """The kind of an S&T task (Thông tư 07/2014/TT-BKHCN; gene fund: Thông tư 17/2016/TT-BKHCN).

    A program (chương trình) is a container of tasks, not a task, and is modelled by ``Program``.
    """

    RESEARCH = "research"
    PILOT_PRODUCTION = "pilot_production"
    SCHEME = "scheme"
    PROJECT = "project"
    GENE_FUND = "gene_fund"
    INNOVATION = "innovation"


_label(
    TaskKind,
    {
        "RESEARCH": ("đề tài khoa học và công nghệ", "research topic"),
        "PILOT_PRODUCTION": ("dự án sản xuất thử nghiệm", "pilot production project"),
        "SCHEME": ("đề án khoa học", "scientific scheme"),
        "PROJECT": ("dự án khoa học và công nghệ", "S&T project"),
        "GENE_FUND": ("nhiệm vụ quỹ gen", "gene fund task"),
        "INNOVATION": ("nhiệm vụ đổi mới sáng tạo", "innovation task"),
    },
)


class Field(_Vocabulary):
    """The six top-level fields of science and technology, by their official codes.

    Codes from QĐ 12/2008/QĐ-BKHCN; Thông tư 24/2025/TT-BKHCN (from 15/12/2025) keeps the top
    level.
    """

    NATURAL = "1"
    ENGINEERING = "2"
    MEDICAL = "3"
    AGRICULTURAL = "4"
    SOCIAL = "5"
    HUMANITIES = "6"


_label(
    Field,
    {
        "NATURAL": ("Khoa học tự nhiên", "Natural sciences"),
        "ENGINEERING": ("Khoa học kỹ thuật và công nghệ", "Engineering and technology"),
        "MEDICAL": ("Khoa học y, dược", "Medical and health sciences"),
        "AGRICULTURAL": ("Khoa học nông nghiệp", "Agricultural sciences"),
        "SOCIAL": ("Khoa học xã hội", "Social sciences"),
        "HUMANITIES": ("Khoa học nhân văn", "Humanities"),
    },
)


class Grade(_Vocabulary):
    """The grade an evaluation council gives a finished task (đánh giá nghiệm thu).

    The current national scale is Xuất sắc / Đạt / Không đạt; older provincial rules used the points
    bands Xuất sắc / Khá / Trung bình / Không đạt. Only ``FAIL`` is failing. Which grades a
    portfolio may use is a :class:`GradeScale`.
    """

    EXCELLENT = "excellent"
    GOOD = "good"
    AVERAGE = "average"
    PASS = "pass"
    FAIL = "fail"

    @property
    def is_passing(self) -> bool:
        """Whether the task is accepted with this grade (every grade but ``FAIL``)."""
        return self is not Grade.FAIL


_label(
    Grade,
    {
        "EXCELLENT": ("Xuất sắc", "excellent"),
        "GOOD": ("Khá", "good"),
        "AVERAGE": ("Trung bình", "average"),
        "PASS": ("Đạt", "pass"),
        "FAIL": ("Không đạt", "fail"),
    },
)


def _grades(values: Iterable[Grade]) -> frozenset[Grade]:
    return frozenset(values)


@attrs.frozen
class GradeScale:
    """A set of grades an evaluation may give, so a portfolio can be checked against its rules.

    >>> GradeScale.NATIONAL.allows(Grade.GOOD)
    False
    >>> GradeScale.POINTS.allows(Grade.GOOD)
    True
    """

    name: str
    grades: frozenset[Grade] = attrs.field(converter=_grades)

    NATIONAL: ClassVar[GradeScale]
    POINTS: ClassVar[GradeScale]
    ANY: ClassVar[GradeScale]

    def allows(self, grade: Grade) -> bool:
        """Whether ``grade`` belongs to this scale."""
        return grade in self.grades


GradeScale.NATIONAL = GradeScale("national", {Grade.EXCELLENT, Grade.PASS, Grade.FAIL})
GradeScale.POINTS = GradeScale("points", {Grade.EXCELLENT, Grade.GOOD, Grade.AVERAGE, Grade.FAIL})
GradeScale.ANY = GradeScale("any", set(Grade))


class Direction(_Vocabulary):
    """Which way a target is better: reach at least the plan, or stay at most at it."""

    AT_LEAST = "at_least"
    AT_MOST = "at_most"


_label(
    Direction,
    {
        "AT_LEAST": ("không thấp hơn", "at least"),
        "AT_MOST": ("không vượt quá", "at most"),
    },
)


class Status(_Vocabulary):
    """Where a task stands on a date, derived from its dated history and never stored.

    Members are declared in lifecycle order; ``rank`` gives that order (later stages rank higher).
    """

    PROPOSED = "proposed"
    REJECTED = "rejected"
    APPROVED = "approved"
    IN_PROGRESS = "in_progress"
    EVALUATED = "evaluated"
    COMPLETED = "completed"
    FAILED = "failed"
    TERMINATED = "terminated"

    @property
    def rank(self) -> int:
        """How far along the lifecycle the status is: proposal 0, approval 1, contract 2, then 3, 4."""
        return _STATUS_RANK[self]

    @property
    def is_final(self) -> bool:
        """Whether nothing but settlement (liquidation) can follow."""
        return self in _FINAL


_STATUS_RANK = {
    Status.PROPOSED: 0,
    Status.REJECTED: 1,
    Status.APPROVED: 1,
    Status.IN_PROGRESS: 2,
    Status.EVALUATED: 3,
    Status.FAILED: 3,
    Status.TERMINATED: 3,
    Status.COMPLETED: 4,
}
_FINAL = frozenset({Status.REJECTED, Status.COMPLETED, Status.FAILED, Status.TERMINATED})

_label(
    Status,
    {
        "PROPOSED": ("đề xuất", "proposed"),
        "REJECTED": ("không được phê duyệt", "rejected"),
        "APPROVED": ("đã phê duyệt, chưa ký hợp đồng", "approved, not yet contracted"),
        "IN_PROGRESS": ("đang thực hiện", "in progress"),
        "EVALUATED": ("đã nghiệm thu, chờ đăng ký kết quả", "evaluated, awaiting registration"),
        "COMPLETED": ("hoàn thành", "completed"),
        "FAILED": ("không đạt", "failed"),
        "TERMINATED": ("dừng thực hiện", "terminated"),
    },
)


class Milestone(_Vocabulary):
    """A point in a task's life that indicators count from or to.

    ``STARTED`` is derived, not an event: the later of the approval date and the planned start
    ("phê duyệt 35 nhiệm vụ thực hiện từ năm 2023" counts tasks by the year they start).
    ``EVALUATED`` is reached by any evaluation, passing or failing.
    """

    PROPOSED = "proposed"
    REJECTED = "rejected"
    APPROVED = "approved"
    CONTRACTED = "contracted"
    STARTED = "started"
    EVALUATED = "evaluated"
    REGISTERED = "registered"
    LIQUIDATED = "liquidated"
    TERMINATED = "terminated"


_label(
    Milestone,
    {
        "PROPOSED": ("đề xuất", "proposed"),
        "REJECTED": ("không được phê duyệt", "rejected"),
        "APPROVED": ("phê duyệt", "approved"),
        "CONTRACTED": ("ký hợp đồng", "contracted"),
        "STARTED": ("bắt đầu thực hiện", "started"),
        "EVALUATED": ("đánh giá nghiệm thu", "evaluated"),
        "REGISTERED": ("đăng ký kết quả", "results registered"),
        "LIQUIDATED": ("thanh lý hợp đồng", "contract liquidated"),
        "TERMINATED": ("dừng thực hiện", "terminated"),
    },
)
