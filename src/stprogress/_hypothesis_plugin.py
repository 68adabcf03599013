"""Hypothesis entry point: registers stprogress types so ``st.from_type(Task)`` builds valid values.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, in any environment where
stprogress is installed; the strategies module (and hypothesis itself) is only imported then.
"""

from __future__ import annotations


def _hypothesis_setup_hook() -> None:
    # Imported here: hypothesis imports this hook eagerly, the strategies only when it is used.
    from stprogress.strategies import register_type_strategies  # noqa: PLC0415

    register_type_strategies()
