"""The ``stprogress`` command (also ``python -m stprogress``).

Not every provincial tool is written in Python: a clerk, or a script in another language, validates a
portfolio file and gets the period report from the command line. The commands are

- ``stprogress demo``: the report of the bundled illustrative portfolio;
- ``stprogress validate FILE...``: every problem of a JSON document or CSV bundle, with its location;
- ``stprogress report FILE --period TEXT``: the figures of a reporting period;
- ``stprogress schema``: the JSON Schema of the file format;
- ``stprogress convert IN OUT``: a JSON document to a CSV bundle, or back.

Exit status: 0 when the run succeeded (for ``validate``: every file is valid), 1 when the data is
invalid, 2 for a usage error (unknown option, bad period text) or a file that cannot be read or
written. A user error prints one line on standard error, never a traceback.

:func:`main` is the whole command; it takes the arguments (``sys.argv[1:]`` by default) and returns
the exit status, so it can be called in-process:

>>> main(["--version"])  # doctest: +ELLIPSIS
stprogress ...
0
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import NoReturn, TextIO

from stprogress._version import __version__

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "main"]

EXIT_OK = 0
"""The run succeeded; for ``validate``, every file is valid."""
EXIT_INVALID = 1
"""The data is invalid: at least one problem was found in a file."""
EXIT_USAGE = 2
"""The command was used wrongly, or a file could not be read or written."""

_PROG = "stprogress"


class UsageError(Exception):
    """A mistake in how the command was called, or a file it cannot read or write (exit 2).

    The message is one line, shown after ``stprogress: error:``.
    """


# --------------------------------------------------------------------------------- progress


class Progress:
    """Says on standard error what a long run is doing, and only when standard error is a terminal.

    Short runs stay silent: the status line appears once a run has taken ``delay`` seconds and is
    rewritten every ``interval`` seconds with the current step and the time elapsed, from a
    background thread, because the steps themselves (reading, checking, computing) are single
    library calls. On exit the line is erased, so the command's own output is never mixed with it.
    Scripts and pipes (standard error not a terminal) never see it.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        delay: float = 1.0,
        interval: float = 0.2,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._delay = delay
        self._interval = interval
        self._clock = clock
        self._enabled = _is_terminal(stream)
        self._step = ""
        self._started = clock()
        self._shown = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def enabled(self) -> bool:
        """Whether the status line may be shown at all (standard error is a terminal)."""
        return self._enabled

    def step(self, text: str) -> None:
        """Name the step the run is now in, e.g. ``"reading portfolio.json"``."""
        with self._lock:
            self._step = text

    def tick(self) -> None:
        """Rewrite the status line if the run has been going on for long enough."""
        elapsed = self._clock() - self._started
        if not self._enabled or elapsed < self._delay:
            return
        with self._lock:
            # "\r" returns to the line start and "\x1b[K" erases the rest of a longer previous line.
            self._stream.write(f"\r\x1b[K{_PROG}: {self._step}… {elapsed:.0f} s")
            self._stream.flush()
            self._shown = True

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.tick()

    def __enter__(self) -> Progress:
        self._started = self._clock()
        if self._enabled:
            self._thread = threading.Thread(target=self._run, name="stprogress-progress", daemon=True)
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a closed or file-like stream without isatty
        return False


# --------------------------------------------------------------------------------- parser


class _Parser(argparse.ArgumentParser):
    """An argument parser that reports a usage error as :class:`UsageError` instead of exiting.

    argparse would print the usage block and call ``sys.exit(2)``; raising lets :func:`main` print
    the one-line message and return the status, also when it is called in-process.
    """

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see '{self.prog} --help')")


_FORMATTER = argparse.RawDescriptionHelpFormatter

_MAIN_EPILOG = """\
Ví dụ (examples):
  stprogress demo                                   báo cáo của bộ dữ liệu minh họa (dựng sẵn)
  stprogress demo --lang en                         the demo report, in English
  stprogress validate portfolio.json                kiểm tra tệp, nêu mọi lỗi và vị trí của lỗi
  stprogress report portfolio.json --period "6 tháng đầu năm 2024"
  stprogress report portfolio.json --period 2023 --by level --format csv
  stprogress schema > stprogress.schema.json        JSON Schema of the file format
  stprogress convert portfolio.json portfolio.zip   JSON -> CSV bundle (gói CSV), and back

Mã thoát (exit status): 0 thành công / success; 1 dữ liệu không hợp lệ / invalid data;
2 sai cú pháp lệnh hoặc không đọc/ghi được tệp / usage error or unreadable file.
"""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``stprogress`` command, with every subcommand."""
    parser = _Parser(
        prog=_PROG,
        description=(
            "Exact indicators of S&T tasks for Vietnamese provincial reports.\n"
            "Chỉ số chính xác về nhiệm vụ KH&CN cho báo cáo của Sở KH&CN."
        ),
        epilog=_MAIN_EPILOG,
        formatter_class=_FORMATTER,
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"{_PROG} {__version__}")
    commands = parser.add_subparsers(
        title="commands (lệnh)", dest="command", metavar="COMMAND", required=True
    )
    del commands  # subcommands are added as their modules land
    return parser


# --------------------------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``stprogress`` command with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    Args:
        argv: the arguments after the program name.

    Returns:
        0 on success, 1 for invalid data, 2 for a usage error or a file that cannot be read or
        written.
    """
    stderr = sys.stderr
    try:
        args = build_parser().parse_args(argv)
        handler: Callable[[argparse.Namespace], int] = args.handler
        return handler(args)
    except SystemExit as done:  # --help and --version print, then exit 0
        return done.code if isinstance(done.code, int) else EXIT_OK
    except UsageError as error:
        _print_error(stderr, str(error))
        return EXIT_USAGE


def _print_error(stream: TextIO, message: str) -> None:
    stream.write(f"{_PROG}: error: {message}\n")
