"""Reading and writing portfolios in the formats analysts keep them in (see :mod:`stprogress.io.csv`)."""
