"""Problems and ValidationError: one path style, every problem listed."""

from __future__ import annotations

import pickle

import pytest

from stprogress import Problem, ValidationError
from stprogress.validation import raise_if, render_path


class TestPaths:
    def test_render(self):
        """Keys are written .name and indices [i], from the root $."""
        assert render_path(("tasks", 3, "history", 1, "on")) == "$.tasks[3].history[1].on"
        assert render_path(()) == "$"

    def test_problem_under_prefix(self):
        """A problem seen from a containing value gains the containing path in front."""
        p = Problem(("history", 2), "bad")
        assert str(p.under("tasks", 3)) == "$.tasks[3].history[2]: bad"
        assert p.location == "$.history[2]"


class TestValidationError:
    def test_lists_every_problem(self):
        """str() counts the problems and shows each with its location."""
        err = ValidationError([Problem(("a",), "first"), Problem(("b", 0), "second")])
        assert str(err) == "2 problems:\n  $.a: first\n  $.b[0]: second"
        assert isinstance(err, ValueError)

    def test_single(self):
        """A single problem reads in the singular."""
        err = ValidationError.single("nope", "x")
        assert str(err) == "1 problem:\n  $.x: nope"

    def test_under(self):
        """An error can be re-rooted as a whole."""
        err = ValidationError.single("nope", "x").under("tasks", 1)
        assert [str(p) for p in err.problems] == ["$.tasks[1].x: nope"]

    def test_needs_a_problem(self):
        """An error without problems is a programming error, not a validation error."""
        with pytest.raises(ValueError, match="at least one problem") as info:
            ValidationError([])
        assert not isinstance(info.value, ValidationError)

    def test_pickles(self):
        """Errors cross process boundaries intact."""
        err = ValidationError([Problem(("a", 1), "m")])
        again = pickle.loads(pickle.dumps(err))
        assert again.problems == err.problems
        assert str(again) == str(err)

    def test_raise_if(self):
        """raise_if raises only when there are problems."""
        raise_if([])
        with pytest.raises(ValidationError) as info:
            raise_if(iter([Problem((), "m")]))
        assert str(info.value.problems[0]) == "$: m"
