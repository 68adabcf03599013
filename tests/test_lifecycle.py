"""The legal order of events, and status derived from a dated history."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from stprogress import Grade, Status, ValidationError
from stprogress.lifecycle import (
    EVENT_TYPES,
    TRANSITIONS,
    Approved,
    Contracted,
    Evaluated,
    Extended,
    Inspected,
    Liquidated,
    Proposed,
    Registered,
    Rejected,
    Terminated,
    history_problems,
    is_legal,
    status_after,
    transition_of,
)

PLANNED_END = date(2024, 12, 31)


def make(kind: str, on: date, *, until: date | None = None):
    """An event of transition ``kind`` ("evaluated:fail" for a failing evaluation) on ``on``."""
    if kind == "evaluated":
        return Evaluated(on, Grade.PASS)
    if kind == "evaluated:fail":
        return Evaluated(on, Grade.FAIL)
    if kind == "extended":
        return Extended(on, until or on)
    return {cls.kind: cls for cls in EVENT_TYPES}[kind](on)


@st.composite
def legal_histories(draw, *, strictly_increasing: bool = False, max_size: int = 10):
    """A legal history drawn by walking the transition table, with non-decreasing dates."""
    day = draw(st.dates(date(2015, 1, 1), date(2024, 1, 1)))
    due = PLANNED_END
    status = None
    events = []
    while len(events) < max_size:
        choices = sorted(TRANSITIONS[status])
        if not choices or (events and draw(st.booleans()) and draw(st.booleans())):
            break
        kind = draw(st.sampled_from(choices))
        step = draw(st.integers(1 if strictly_increasing else 0, 200))
        day += timedelta(days=step)
        if kind == "extended":
            due += timedelta(days=draw(st.integers(1, 365)))
            events.append(Extended(day, due))
        else:
            events.append(make(kind, day))
        status = TRANSITIONS[status][kind]
        if kind == "liquidated":
            break
    return events


def messages(history):
    return [str(p) for p in history_problems(history, planned_end=PLANNED_END)]


class TestEvents:
    def test_event_text_and_labels(self):
        """Events print as their class and date, and carry labels in both languages."""
        e = Contracted(date(2023, 3, 1), ref="05/HĐ", note="ký muộn")
        assert str(e) == "Contracted on 2023-03-01"
        assert e.label("vi") == "ký hợp đồng"
        assert e.label("en") == "contracted"
        assert e.ref == "05/HĐ"

    def test_every_event_kind_is_distinct(self):
        """Wire tags identify event classes one to one."""
        assert len({cls.kind for cls in EVENT_TYPES}) == len(EVENT_TYPES)

    def test_nfd_reference_is_normalised(self):
        """Text fields of events are stored in NFC."""
        import unicodedata

        e = Approved(date(2023, 1, 1), ref=unicodedata.normalize("NFD", "Quyết định số 12/QĐ-UBND"))
        assert e.ref == "Quyết định số 12/QĐ-UBND"

    def test_bad_fields_are_all_reported(self):
        """An event with several wrong fields reports each of them."""
        with pytest.raises(ValidationError) as info:
            Extended(datetime(2023, 1, 1, 9, 0), "2024-01-01", ref=5)  # type: ignore[arg-type]
        assert [str(p) for p in info.value.problems] == [
            "$.on: must be a date, got datetime",
            "$.ref: must be text or null, got int",
            "$.until: must be a date, got str",
        ]

    def test_grade_must_be_a_grade(self):
        """An evaluation names a Grade, not a string."""
        with pytest.raises(ValidationError) as info:
            Evaluated(date(2023, 1, 1), "pass")  # type: ignore[arg-type]
        assert str(info.value.problems[0]) == "$.grade: must be a Grade, got str"


class TestTransitions:
    def test_a_history_may_begin_with_a_proposal_or_an_approval(self):
        """Older records hold no proposal, so Approved may come first."""
        assert messages([Proposed(date(2022, 5, 1)), Approved(date(2022, 9, 1))]) == []
        assert messages([Approved(date(2022, 9, 1))]) == []
        assert messages([Contracted(date(2022, 9, 1))]) == [
            "$[0]: Contracted on 2022-09-01 is not allowed as the first event (allowed: Approved, Proposed)"
        ]

    def test_contract_before_approval_date(self):
        """Dates never go backwards; the problem names both events."""
        assert messages([Approved(date(2023, 2, 1)), Contracted(date(2023, 1, 5))]) == [
            "$[1]: Contracted on 2023-01-05 before Approved on 2023-02-01"
        ]

    def test_nothing_after_liquidation(self):
        """Liquidation closes the history."""
        h = [
            Approved(date(2020, 1, 1)),
            Contracted(date(2020, 2, 1)),
            Terminated(date(2021, 1, 1)),
            Liquidated(date(2021, 2, 1)),
            Inspected(date(2021, 3, 1)),
        ]
        assert messages(h) == [
            "$[4]: Inspected on 2021-03-01 is not allowed after Liquidated on 2021-02-01: nothing may follow"
        ]

    def test_after_termination_only_liquidation(self):
        """A terminated task can only be settled."""
        h = [Approved(date(2020, 1, 1)), Terminated(date(2020, 6, 1)), Inspected(date(2020, 7, 1))]
        assert messages(h) == [
            "$[2]: Inspected on 2020-07-01 is not allowed after Terminated on 2020-06-01 "
            "(allowed: Liquidated)"
        ]

    def test_inspection_only_in_progress(self):
        """Inspections happen while a contracted task is carried out."""
        h = [Approved(date(2020, 1, 1)), Inspected(date(2020, 2, 1))]
        assert messages(h) == [
            "$[1]: Inspected on 2020-02-01 is not allowed after Approved on 2020-01-01 "
            "(allowed: Contracted, Extended, Terminated)"
        ]

    def test_extension_must_move_the_end_later(self):
        """An extension to the same or an earlier end date is refused; later ones compare to it."""
        h = [
            Approved(date(2020, 1, 1)),
            Contracted(date(2020, 2, 1)),
            Extended(date(2024, 6, 1), date(2025, 6, 30)),
            Extended(date(2025, 1, 1), date(2025, 3, 31)),
        ]
        assert messages(h) == ["$[3].until: extension to 2025-03-31 does not move the end (2025-06-30) later"]

    def test_registration_only_after_passing_evaluation(self):
        """A failed task cannot register results; a failed one may be liquidated."""
        base = [Approved(date(2020, 1, 1)), Contracted(date(2020, 2, 1))]
        failed = [*base, Evaluated(date(2021, 1, 1), Grade.FAIL)]
        assert messages([*failed, Registered(date(2021, 2, 1))]) == [
            "$[3]: Registered on 2021-02-01 is not allowed after Evaluated on 2021-01-01 "
            "(allowed: Liquidated)"
        ]
        assert messages([*failed, Liquidated(date(2021, 2, 1))]) == []

    def test_illegal_event_is_skipped_and_the_rest_checked(self):
        """Every problem is reported, not only the first."""
        h = [
            Approved(date(2020, 1, 1)),
            Registered(date(2020, 1, 5)),
            Inspected(date(2020, 1, 6)),
            Contracted(date(2019, 1, 1)),
        ]
        assert messages(h) == [
            "$[1]: Registered on 2020-01-05 is not allowed after Approved on 2020-01-01 "
            "(allowed: Contracted, Extended, Terminated)",
            "$[2]: Inspected on 2020-01-06 is not allowed after Approved on 2020-01-01 "
            "(allowed: Contracted, Extended, Terminated)",
            "$[3]: Contracted on 2019-01-01 before Inspected on 2020-01-06",
        ]

    def test_rejected_is_final(self):
        """Nothing follows a rejection."""
        h = [Proposed(date(2020, 1, 1)), Rejected(date(2020, 2, 1)), Approved(date(2020, 3, 1))]
        assert messages(h) == [
            "$[2]: Approved on 2020-03-01 is not allowed after Rejected on 2020-02-01 (nothing may follow)"
        ]

    def test_same_day_events_are_legal(self):
        """Approval and contract on one day is an ordinary record."""
        assert messages([Approved(date(2023, 1, 1)), Contracted(date(2023, 1, 1))]) == []

    @pytest.mark.parametrize(
        ("status", "kind"),
        [
            (status, kind)
            for status, allowed in TRANSITIONS.items()
            for kind in [*(cls.kind for cls in EVENT_TYPES), "evaluated:fail"]
            if kind not in allowed
        ],
    )
    def test_every_illegal_transition_is_rejected_naming_both_events(self, status, kind):
        """For each status and each event the table does not allow there, the event is refused."""
        path = _path_to(status)
        day = date(2020, 1, 1) + timedelta(days=len(path))
        history = [make(k, date(2020, 1, 1) + timedelta(days=i)) for i, k in enumerate(path)]
        illegal = make(kind, day, until=PLANNED_END + timedelta(days=1))
        found = messages([*history, illegal])
        assert len(found) == 1
        assert found[0].startswith(f"$[{len(history)}]: {illegal} is not allowed")
        if history:
            assert str(history[-1]) in found[0]


def _path_to(status):
    """The shortest sequence of transitions from the start to ``status``."""
    frontier = [(None, [])]
    seen = {None}
    while frontier:
        current, path = frontier.pop(0)
        if current == status:
            return path
        for kind, target in sorted(TRANSITIONS[current].items()):
            if target not in seen:
                seen.add(target)
                frontier.append((target, [*path, kind]))
    raise AssertionError(status)  # pragma: no cover - every status is reachable


class TestStatus:
    def test_status_after(self):
        """Each stage of the lifecycle derives its status."""
        base = [Approved(date(2020, 1, 1)), Contracted(date(2020, 2, 1))]
        assert status_after([]) is None
        assert status_after(base[:1]) is Status.APPROVED
        assert status_after(base) is Status.IN_PROGRESS
        passed = [*base, Evaluated(date(2021, 1, 1), Grade.EXCELLENT)]
        assert status_after(passed) is Status.EVALUATED
        assert status_after([*passed, Registered(date(2021, 1, 20))]) is Status.COMPLETED
        assert status_after([*passed, Liquidated(date(2021, 1, 20))]) is Status.COMPLETED
        assert status_after([*base, Evaluated(date(2021, 1, 1), Grade.FAIL)]) is Status.FAILED
        assert status_after([*base, Terminated(date(2021, 1, 1))]) is Status.TERMINATED

    def test_transition_names(self):
        """A failing evaluation is its own transition."""
        assert transition_of(Evaluated(date(2021, 1, 1), Grade.FAIL)) == "evaluated:fail"
        assert transition_of(Evaluated(date(2021, 1, 1), Grade.GOOD)) == "evaluated"

    @given(legal_histories())
    def test_generated_histories_are_legal(self, history):
        """The walk over the table only produces histories the checks accept."""
        assert messages(history) == []

    @given(legal_histories())
    def test_status_is_monotone_along_a_legal_history(self, history):
        """Status never goes back to an earlier stage as events accumulate."""
        ranks = [status_after(history[: i + 1]).rank for i in range(len(history))]
        assert ranks == sorted(ranks)

    @given(legal_histories(strictly_increasing=True), st.randoms(use_true_random=False))
    def test_any_reordering_is_rejected(self, history, rnd):
        """With distinct dates, every permutation other than the original order is refused."""
        assume(len(history) >= 2)
        shuffled = list(history)
        rnd.shuffle(shuffled)
        assume(shuffled != history)
        assert messages(shuffled) != []

    @given(legal_histories(), st.data())
    def test_swapping_two_stage_changes_is_rejected(self, history, data):
        """On one day too, two events that each move the status cannot trade places."""
        moves = [
            i for i in range(len(history)) if status_after(history[:i]) != status_after(history[: i + 1])
        ]
        pairs = list(itertools.pairwise(moves))
        assume(pairs)
        i, j = data.draw(st.sampled_from(pairs))
        same_day = [
            make(transition_of(e), date(2023, 1, 1), until=getattr(e, "until", None)) for e in history
        ]
        assume(transition_of(same_day[i]) != transition_of(same_day[j]))
        same_day[i], same_day[j] = same_day[j], same_day[i]
        assert messages(same_day) != []


def _edited(history, data):
    """``history`` with one event dropped, repeated, moved, redated, regraded or re-extended."""
    events = list(history)
    i = data.draw(st.integers(0, len(events) - 1))
    edit = data.draw(st.sampled_from(["drop", "repeat", "move", "redate", "regrade", "re-extend"]))
    if edit == "regrade" and isinstance(events[i], Evaluated):
        events[i] = attrs.evolve(events[i], grade=data.draw(st.sampled_from(Grade)))
    elif edit == "re-extend" and isinstance(events[i], Extended):
        until = data.draw(st.dates(date(2014, 1, 1), date(2027, 1, 1)))
        events[i] = attrs.evolve(events[i], until=until)
    elif edit == "drop":
        del events[i]
    elif edit == "repeat":
        events.insert(data.draw(st.integers(0, len(events))), events[i])
    elif edit == "move":
        events.insert(data.draw(st.integers(0, len(events))), events.pop(i))
    else:
        day = data.draw(st.dates(date(2014, 1, 1), date(2026, 1, 1)))
        events[i] = attrs.evolve(events[i], on=day)
    return events


@attrs.frozen
class _SubApproved(Approved):
    """A subclass of an event class: not an event of a history."""


_DAY = date(2023, 1, 1)
_OPENED = [Approved(_DAY), Contracted(date(2023, 2, 1))]


class TestIsLegal:
    """``is_legal``, the construction check of a history, says what ``history_problems`` says."""

    @given(legal_histories())
    def test_legal_histories_are_legal(self, history):
        assert is_legal(history, PLANNED_END)

    @given(legal_histories(), st.data())
    def test_it_agrees_with_the_worded_checks(self, history, data):
        """On edited histories, legal or not, both checks give the same verdict."""
        assume(history)
        edited = _edited(history, data)
        assert (messages(edited) == []) == is_legal(edited, PLANNED_END)

    @pytest.mark.parametrize(
        ("history", "legal"),
        [
            ([Approved(_DAY), Terminated(date(2023, 2, 1)), Liquidated(date(2023, 3, 1))], True),
            ([Approved(_DAY), Terminated(_DAY), Liquidated(_DAY), Liquidated(_DAY)], False),
            ([Approved(_DAY), Extended(date(2023, 2, 1), PLANNED_END)], False),
            ([Approved(_DAY), Extended(date(2023, 2, 1), date(2025, 1, 1))], True),
            ([*_OPENED, Evaluated(date(2024, 1, 1), Grade.FAIL), Registered(date(2024, 2, 1))], False),
            ([*_OPENED, Evaluated(date(2024, 1, 1), Grade.FAIL), Liquidated(date(2024, 2, 1))], True),
            ([*_OPENED, Evaluated(date(2024, 1, 1), Grade.GOOD), Registered(date(2024, 2, 1))], True),
            ([Approved(_DAY), Contracted(date(2022, 12, 31))], False),
            ([_SubApproved(_DAY)], False),
            ([Approved(_DAY), "contracted"], False),
            ([None], False),
            ([], True),
        ],
    )
    def test_examples(self, history, legal):
        """Each rule alone: liquidation closes, extensions move later, grades, dates, exact classes."""
        assert legal == is_legal(history, PLANNED_END)
