"""The vocabulary: wire codes, labels in two languages, grades and scales."""

from __future__ import annotations

import unicodedata

import pytest

from stprogress import Direction, Field, Grade, GradeScale, Level, Milestone, Status, TaskKind

ALL_ENUMS = [Level, TaskKind, Field, Grade, Direction, Status, Milestone]


class TestLabels:
    @pytest.mark.parametrize("enum", ALL_ENUMS)
    def test_every_member_has_both_labels_in_nfc(self, enum):
        """Each member carries a non-empty Vietnamese and English label, Vietnamese in NFC."""
        for member in enum:
            assert member.label_vi
            assert member.label_en
            assert unicodedata.normalize("NFC", member.label_vi) == member.label_vi
            assert member.label("vi") == member.label_vi
            assert member.label("en") == member.label_en

    def test_labels_carry_diacritics(self):
        """Vietnamese labels are written with their diacritics, as reports write them."""
        assert Level.NATIONAL.label_vi == "cấp quốc gia"
        assert Level.GRASSROOTS.label_vi == "cấp cơ sở"
        assert TaskKind.RESEARCH.label_vi == "đề tài khoa học và công nghệ"
        assert TaskKind.GENE_FUND.label_vi == "nhiệm vụ quỹ gen"
        assert TaskKind.INNOVATION.label_vi == "nhiệm vụ đổi mới sáng tạo"
        assert Grade.FAIL.label_vi == "Không đạt"
        assert Field.MEDICAL.label_vi == "Khoa học y, dược"


class TestWireCodes:
    @pytest.mark.parametrize("enum", [Level, TaskKind, Grade, Direction, Status, Milestone])
    def test_codes_are_snake_case(self, enum):
        """Wire codes are lower-case snake_case English words."""
        for member in enum:
            assert member.value == member.name.lower()

    def test_fields_use_official_codes(self):
        """Fields of science travel as the official codes "1" to "6", in order."""
        assert [f.value for f in Field] == ["1", "2", "3", "4", "5", "6"]
        assert Field("2") is Field.ENGINEERING

    def test_str_is_the_wire_code(self):
        """str() gives the code on every Python version."""
        assert str(Level.PROVINCIAL) == "provincial"
        assert f"{Field.SOCIAL}" == "5"


class TestGrades:
    def test_only_fail_is_failing(self):
        """Every grade but FAIL accepts the task."""
        assert [g for g in Grade if not g.is_passing] == [Grade.FAIL]

    def test_scales(self):
        """The national scale and the points scale hold the grades each rule uses."""
        assert GradeScale.NATIONAL.grades == {Grade.EXCELLENT, Grade.PASS, Grade.FAIL}
        assert GradeScale.POINTS.grades == {Grade.EXCELLENT, Grade.GOOD, Grade.AVERAGE, Grade.FAIL}
        assert all(GradeScale.ANY.allows(g) for g in Grade)
        assert not GradeScale.NATIONAL.allows(Grade.AVERAGE)


class TestStatus:
    def test_rank_follows_the_lifecycle(self):
        """Proposal ranks below approval, below contract, below the outcomes."""
        assert Status.PROPOSED.rank < Status.APPROVED.rank < Status.IN_PROGRESS.rank
        assert Status.IN_PROGRESS.rank < Status.EVALUATED.rank < Status.COMPLETED.rank
        assert Status.IN_PROGRESS.rank < Status.FAILED.rank

    def test_final_statuses(self):
        """Rejected, completed, failed and terminated are final; the others are not."""
        assert {s for s in Status if s.is_final} == {
            Status.REJECTED,
            Status.COMPLETED,
            Status.FAILED,
            Status.TERMINATED,
        }


class TestDistinctEnums:
    def test_members_with_one_code_keep_their_own_labels(self):
        """Status.APPROVED and Milestone.APPROVED share a code but not a label."""
        assert Status.APPROVED.value == Milestone.APPROVED.value
        assert Status.APPROVED.label_vi == "đã phê duyệt, chưa ký hợp đồng"
        assert Milestone.APPROVED.label_vi == "phê duyệt"
