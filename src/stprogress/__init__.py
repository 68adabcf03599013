"""stprogress: exact indicators of science-and-technology tasks for Vietnamese provincial reports."""

from stprogress._version import __version__
from stprogress.validation import Problem, ValidationError
from stprogress.vocab import Direction, Field, Grade, GradeScale, Level, Milestone, Status, TaskKind

__all__ = [
    "Direction",
    "Field",
    "Grade",
    "GradeScale",
    "Level",
    "Milestone",
    "Problem",
    "Status",
    "TaskKind",
    "ValidationError",
    "__version__",
]
