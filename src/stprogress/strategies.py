"""Hypothesis strategies for stprogress values (provisional: replaced by the strategies work)."""

from __future__ import annotations


def register_type_strategies() -> None:
    """Register the library's types with Hypothesis (nothing yet)."""
