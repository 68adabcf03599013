"""Hypothesis entry point: registers stprogress types so ``st.from_type(Task)`` builds valid values.

Hypothesis calls :func:`_hypothesis_setup_hook` at the end of its own import, in any environment where
stprogress is installed. This module imports nothing at import time, so it is harmless where
Hypothesis is absent; the strategies module (which needs Hypothesis) is imported only by the hook.
"""

from __future__ import annotations

import importlib
import sys

_STRATEGIES = "stprogress.strategies"


def _hypothesis_setup_hook() -> None:
    """Import :mod:`stprogress.strategies`, which registers the library's types as it loads.

    When ``stprogress.strategies`` is imported before Hypothesis, its first line imports Hypothesis,
    which calls this hook while the module is still half-built: the hook then leaves it alone (the
    module registers the types itself once it is complete) rather than fail Hypothesis's import.
    """
    if _STRATEGIES in sys.modules:
        return
    importlib.import_module(_STRATEGIES)
