"""Exact ratios and number formatting: rounding only when written, sums over sums, "<0,1%"."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stprogress import Ratio, ValidationError
from stprogress.formatting import format_number, round_half_up
from stprogress.ratio import UNDEFINED_MARK, largest_remainder_shares

counts = st.integers(0, 10**6)


class TestRatio:
    def test_seed(self):
        """7 of 9 is 77,8% in Vietnamese and 77.8% in English."""
        assert Decimal("77.8") == Ratio(7, 9).percent()
        assert ("77,8%", "77.8%") == (Ratio(7, 9).format("vi"), Ratio(7, 9).format("en"))

    def test_undefined(self):
        """A zero denominator is undefined: no percent, a dash, never 0."""
        assert Ratio(0, 0).percent() is None
        assert UNDEFINED_MARK == Ratio(3, 0).format("vi")
        assert not Ratio.ZERO.is_defined

    def test_exact_parts(self):
        """Parts are ints or Fractions; floats are refused."""
        assert Fraction(1, 3) == Ratio(Fraction(1, 2), Fraction(3, 2)).value
        with pytest.raises(ValidationError):
            Ratio(0.5, 1)  # type: ignore[arg-type]
        with pytest.raises(ValidationError):
            Ratio(True, 1)  # type: ignore[arg-type]

    @given(st.lists(st.tuples(counts, counts), max_size=10))
    def test_aggregation_is_ratio_of_sums(self, parts):
        """Adding ratios gives the ratio of the summed parts, not an average of percentages."""
        total = Ratio.pooled(Ratio(n, d) for n, d in parts)
        assert Ratio(sum(n for n, _ in parts), sum(d for _, d in parts)) == total
        assert Ratio.ZERO == Ratio.pooled([])

    def test_not_an_average(self):
        """1/2 and 3/4 pool to 4/6, not to the mean 62,5%."""
        assert "66,7%" == (Ratio(1, 2) + Ratio(3, 4)).format("vi")
        assert NotImplemented == Ratio(1, 2).__add__(1)  # type: ignore[operator]

    @given(st.integers(1, 10**6), st.integers(1, 10**9), st.integers(0, 3))
    def test_small_never_zero(self, num, den, ndigits):
        """A non-zero ratio that rounds to zero is written "<0,1%", never "0,0%"."""
        text = Ratio(num, den).format("vi", ndigits)
        zero = format_number(Decimal(0).scaleb(-ndigits), "vi") + "%"
        assert zero != text
        if Ratio(num, den).percent(ndigits) == 0:
            assert text.startswith("<")

    def test_bounds(self):
        """Near 0 and near 100 the text never claims what the ratio is not."""
        assert "<0,1%" == Ratio(1, 10_000).format("vi")
        assert ">-0.1%" == Ratio(-1, 10_000).format("en")
        assert ">99,9%" == Ratio(9_999, 10_000).format("vi")
        assert "<100.1%" == Ratio(10_001, 10_000).format("en")
        assert "100,0%" == Ratio(5, 5).format("vi")
        assert "0,0%" == Ratio(0, 5).format("vi")
        assert "100.0%" == str(Ratio(1, 1))


class TestShares:
    @given(st.lists(st.integers(0, 1000), min_size=1, max_size=12))
    def test_sum_to_hundred(self, parts):
        """Shares of a whole rounded by largest remainder add up to exactly 100 (or are all 0)."""
        shares = largest_remainder_shares(parts)
        expected = Decimal(100) if sum(parts) else Decimal(0)
        assert expected == sum(shares, Decimal(0))

    def test_ties_and_errors(self):
        """Ties go to the earlier part; negative parts are refused."""
        assert (Decimal("33.4"), Decimal("33.3"), Decimal("33.3")) == largest_remainder_shares([1, 1, 1])
        with pytest.raises(ValidationError):
            largest_remainder_shares([1, -1])


class TestFormatting:
    def test_numbers(self):
        """Thousands and decimals are written each language's way."""
        assert ("4.485", "4,485") == (format_number(4485, "vi"), format_number(4485, "en"))
        assert "1.234.567,25" == format_number(Decimal("1234567.25"), "vi")

    @given(st.fractions(min_value=-1000, max_value=1000), st.integers(0, 4))
    def test_round_half_up(self, value, ndigits):
        """Rounding is half away from zero, within half a unit of the exact value."""
        rounded = round_half_up(value, ndigits)
        step = Fraction(1, 10**ndigits)
        assert abs(Fraction(rounded) - value) <= step / 2
        assert round_half_up(-value, ndigits) == -rounded

    def test_halves(self):
        """Halves round away from zero; negative places are refused."""
        assert (Decimal("0.13"), Decimal("-0.13")) == (
            round_half_up(Fraction(1, 8), 2),
            round_half_up(Fraction(-1, 8), 2),
        )
        with pytest.raises(ValueError, match="ndigits"):
            round_half_up(1, -1)
