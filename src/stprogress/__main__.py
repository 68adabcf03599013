"""``python -m stprogress``: the same command as the ``stprogress`` console script."""

from __future__ import annotations

import sys

from stprogress.cli import main

if __name__ == "__main__":  # pragma: no branch - this module is only ever run as a script
    sys.exit(main())
