"""Exact ratios, rounded only when they are written down.

A :class:`Ratio` keeps its numerator and denominator as exact fractions, so ratios aggregate as
sum-over-sum (never by averaging percentages), and a ratio with a zero denominator is *undefined*, a
value of its own that formats as "—", never as 0.

>>> r = Ratio(7, 9)
>>> r.percent()
Decimal('77.8')
>>> r.format("vi"), r.format("en")
('77,8%', '77.8%')
>>> Ratio(0, 0).format("vi"), Ratio(0, 0).percent() is None
('—', True)
>>> (Ratio(1, 2) + Ratio(3, 4)).format("en")
'66.7%'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

import attrs

from stprogress.formatting import format_number, round_half_up
from stprogress.validation import ValidationError
from stprogress.vocab import Lang

__all__ = ["UNDEFINED_MARK", "Ratio", "largest_remainder_shares"]

UNDEFINED_MARK = "—"
"""How an undefined ratio (zero denominator) is written."""


def _exact(value: int | Fraction) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, Fraction)):
        raise ValidationError.single(f"must be an int or a Fraction, got {type(value).__name__} {value!r}")
    return Fraction(value)


@attrs.frozen
class Ratio:
    """``numerator / denominator``, exact; undefined when the denominator is zero.

    Two ratios are equal when their parts are equal: ``Ratio(1, 2)`` and ``Ratio(2, 4)`` have the
    same :attr:`value` but weigh differently when added, so they are different values.
    """

    numerator: Fraction = attrs.field(converter=_exact)
    denominator: Fraction = attrs.field(converter=_exact)

    ZERO: ClassVar[Ratio]
    """``0/0``: the neutral element of ``+`` (it is undefined on its own)."""

    @property
    def is_defined(self) -> bool:
        """Whether the denominator is non-zero."""
        return self.denominator != 0

    @property
    def value(self) -> Fraction | None:
        """The exact quotient, or ``None`` when undefined."""
        return self.numerator / self.denominator if self.is_defined else None

    def percent(self, ndigits: int = 1) -> Decimal | None:
        """The ratio in percent, rounded half-up to ``ndigits`` places; ``None`` when undefined.

        >>> Ratio(1, 3).percent(2)
        Decimal('33.33')
        """
        value = self.value
        return None if value is None else round_half_up(value * 100, ndigits)

    def format(self, lang: Lang = "vi", ndigits: int = 1) -> str:
        """The ratio as a report writes it: ``77,8%`` (vi), ``77.8%`` (en), ``—`` when undefined.

        A ratio that is not zero but rounds to zero is written ``<0,1%`` (never ``0,0%``), and one
        that is not 100% but rounds to it ``>99,9%``, so a figure never claims what it is not.

        >>> Ratio(1, 10_000).format("vi"), Ratio(9_999, 10_000).format("en")
        ('<0,1%', '>99.9%')
        """
        value = self.value
        if value is None:
            return UNDEFINED_MARK
        shown = round_half_up(value * 100, ndigits)
        step = Decimal(1).scaleb(-ndigits)
        if shown == 0 and value != 0:
            return f"{'<' if value > 0 else '>-'}{format_number(step, lang)}%"
        if shown == 100 and value != 1:
            below = value < 1
            return f"{'>' if below else '<'}{format_number(100 - step if below else 100 + step, lang)}%"
        return f"{format_number(shown, lang)}%"

    def __add__(self, other: Ratio) -> Ratio:
        """Sum over sum: the ratio of the pooled numerators to the pooled denominators."""
        if not isinstance(other, Ratio):
            return NotImplemented
        return Ratio(self.numerator + other.numerator, self.denominator + other.denominator)

    @classmethod
    def pooled(cls, ratios: Iterable[Ratio]) -> Ratio:
        """The sum-over-sum of ``ratios`` (``Ratio.ZERO`` for none)."""
        total = cls.ZERO
        for ratio in ratios:
            total += ratio
        return total

    def __str__(self) -> str:
        return self.format("en")


Ratio.ZERO = Ratio(0, 0)


def largest_remainder_shares(parts: Sequence[int | Fraction], ndigits: int = 1) -> tuple[Decimal, ...]:
    """Percent shares of a whole, rounded by largest remainder so they add up to exactly 100.

    Undefined (an empty tuple of zeros) when the parts sum to zero: every share is then ``0``.

    >>> largest_remainder_shares([1, 1, 1])
    (Decimal('33.4'), Decimal('33.3'), Decimal('33.3'))
    """
    exact = [_exact(p) for p in parts]
    if any(p < 0 for p in exact):
        raise ValidationError.single("shares need parts that are not negative")
    total = sum(exact, Fraction(0))
    step = Fraction(1, 10**ndigits)
    if total == 0:
        return tuple(Decimal(0).scaleb(-ndigits) for _ in exact)
    quotas = [p * 100 / total / step for p in exact]
    floors = [int(q) for q in quotas]
    leftover = int(100 / step) - sum(floors)
    # Ties go to the earlier part, so the result does not depend on anything but the order given.
    order = sorted(range(len(quotas)), key=lambda i: (-(quotas[i] - floors[i]), i))
    for i in order[:leftover]:
        floors[i] += 1
    return tuple(Decimal(f).scaleb(-ndigits) for f in floors)
