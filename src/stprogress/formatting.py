"""Numbers written the way each language writes them: vi ``4.485`` and ``77,8``; en ``4,485``, ``77.8``.

Rounding happens here and only here, half-up as Vietnamese reports round (7/9 -> 77,8%), never in a
computed figure.

>>> format_number(4485, "vi")
'4.485'
>>> format_number(Decimal("27.6"), "vi")
'27,6'
>>> format_number(Decimal("-1234567.25"), "en")
'-1,234,567.25'
>>> round_half_up(Fraction(700, 9), 1)
Decimal('77.8')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from stprogress.vocab import Lang

__all__ = ["format_number", "round_half_up"]

_SEPARATORS = {"vi": (".", ","), "en": (",", ".")}


def round_half_up(value: Fraction | int, ndigits: int) -> Decimal:
    """``value`` rounded to ``ndigits`` decimal places, halves away from zero, exactly.

    >>> round_half_up(Fraction(1, 8), 2), round_half_up(Fraction(-1, 8), 2)
    (Decimal('0.13'), Decimal('-0.13'))
    """
    if ndigits < 0:
        raise ValueError(f"ndigits must be 0 or more, got {ndigits}")
    scaled = abs(Fraction(value)) * 10**ndigits
    units = int(scaled + Fraction(1, 2))  # int() floors a non-negative Fraction
    sign = -1 if value < 0 else 1
    return Decimal(sign * units).scaleb(-ndigits)


def format_number(value: int | Decimal, lang: Lang = "vi") -> str:
    """``value`` with the thousands and decimal separators of ``lang``, digits as given."""
    thousands, decimal_mark = _SEPARATORS[lang]
    text = f"{value:,}" if isinstance(value, int) else f"{value:,f}"
    # Python writes "," for thousands and "." for decimals; swap through a placeholder for vi.
    return text.replace(",", "\0").replace(".", decimal_mark).replace("\0", thousands)
