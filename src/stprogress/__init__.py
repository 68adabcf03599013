"""stprogress: exact indicators of science-and-technology tasks for Vietnamese provincial reports."""

from stprogress._version import __version__
from stprogress.periods import Cutoff, Period, PeriodKind
from stprogress.validation import Problem, ValidationError
from stprogress.vocab import Direction, Field, Grade, GradeScale, Level, Milestone, Status, TaskKind

__all__ = [
    "Cutoff",
    "Direction",
    "Field",
    "Grade",
    "GradeScale",
    "Level",
    "Milestone",
    "Period",
    "PeriodKind",
    "Problem",
    "Status",
    "TaskKind",
    "ValidationError",
    "__version__",
]
