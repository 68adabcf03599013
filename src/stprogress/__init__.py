"""stprogress: exact indicators of science-and-technology tasks for Vietnamese provincial reports."""

from stprogress._version import __version__
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
from stprogress.periods import Cutoff, Period, PeriodKind
from stprogress.ratio import Ratio
from stprogress.serialize import (
    configure_converter,
    converter,
    dumps,
    from_dict,
    json_schema,
    loads,
    make_converter,
    to_dict,
)
from stprogress.validation import Problem, ValidationError
from stprogress.vocab import Direction, Field, Grade, GradeScale, Level, Milestone, Status, TaskKind

__all__ = [
    "Approved",
    "Budget",
    "Contracted",
    "Cutoff",
    "Direction",
    "Evaluated",
    "Event",
    "Extended",
    "Field",
    "Grade",
    "GradeScale",
    "Inspected",
    "Level",
    "Liquidated",
    "Milestone",
    "Period",
    "PeriodKind",
    "Portfolio",
    "Problem",
    "Program",
    "Proposed",
    "Ratio",
    "Registered",
    "Rejected",
    "Status",
    "Target",
    "Task",
    "TaskKind",
    "Terminated",
    "ValidationError",
    "__version__",
    "configure_converter",
    "converter",
    "dumps",
    "from_dict",
    "json_schema",
    "loads",
    "make_converter",
    "to_dict",
]
