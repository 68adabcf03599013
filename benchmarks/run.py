"""Run the benchmarks: ``python -m benchmarks.run --sizes 10000,100000`` (``pip install -e '.[bench]'``).

Every contender of a comparison runs in this one process, interleaved (the order rotates each round),
``--repeats`` times; the median is reported, with the ratio to the named peer. Each comparison runs
twice: with Python's cyclic garbage collector on (as users run) and with it paused during every
timed call, for every contender alike. A collection is forced before each timed call so no contender
pays for another's garbage.
"""

from __future__ import annotations

import argparse
import gc
import itertools
import json
import platform
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import stprogress
from benchmarks import _build, generate, pandas_pipeline, peers
from stprogress import Period, PortfolioIndex, ledger_series, serialize
from stprogress.indicators import breakdown, carry_over
from stprogress.report import report
from stprogress.serialize import dumps, loads

PERIOD = Period.year(2023)
MONTHS = Period.phase(2015, 2024).split("month")  # ten years, 120 monthly periods
assert len(MONTHS) == 120

Row = dict[str, Any]
ROWS: list[Row] = []


def _timed(fn: Callable[[], Any], paused: bool) -> float:
    gc.collect()
    if paused:
        gc.disable()
    try:
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
    finally:
        gc.enable()
    del result
    return elapsed


def compare(
    what: str,
    size: int,
    contenders: dict[str, Callable[[], Any]],
    *,
    peer: str,
    repeats: int,
    gc_modes: list[str],
) -> None:
    """Time ``contenders`` interleaved; record the median of each and its ratio to ``peer``."""
    names = list(contenders)
    for mode in gc_modes:
        times: dict[str, list[float]] = {n: [] for n in names}
        for round_ in range(repeats):
            shift = round_ % len(names)
            for name in names[shift:] + names[:shift]:
                times[name].append(_timed(contenders[name], mode == "paused"))
        base = statistics.median(times[peer])
        for name in names:
            median = statistics.median(times[name])
            ROWS.append(
                {
                    "what": what,
                    "size": size,
                    "gc": mode,
                    "contender": name,
                    "seconds": median,
                    "ratio": median / base,
                    "peer": peer,
                }
            )
            print(
                f"{what:<34} {size:>8} gc={mode:<6} {name:<34} {median:9.4f} s  {median / base:6.2f}x {peer}",
                flush=True,
            )


def memory(size: int, decoders: dict[str, Callable[[], Any]], peer: str) -> None:
    """Bytes held per task by each decoded portfolio (tracemalloc, after a collection)."""
    held: dict[str, float] = {}
    for name, decode in decoders.items():
        gc.collect()
        tracemalloc.start()
        value = decode()
        gc.collect()
        current, _ = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        del value
        held[name] = current / size
    for name, per_task in held.items():
        ROWS.append(
            {
                "what": "memory per task",
                "size": size,
                "gc": "-",
                "contender": name,
                "bytes": per_task,
                "ratio": per_task / held[peer],
                "peer": peer,
            }
        )
        print(
            f"{'memory per task':<34} {size:>8} {name:<34} {per_task:9.0f} B  "
            f"{per_task / held[peer]:6.2f}x {peer}"
        )


def _without_extra(fn: Callable[[], Any]) -> Callable[[], Any]:
    """``fn`` run as if the ``fast`` extra (msgspec) were not installed."""

    def run() -> Any:
        saved = serialize._msgspec
        serialize._msgspec = None  # type: ignore[assignment]
        try:
            return fn()
        finally:
            serialize._msgspec = saved

    return run


def run_size(size: int, args: argparse.Namespace) -> None:
    repeats = args.repeats or (5 if size <= 10_000 else 3)
    modes = args.gc.split(",")
    start = time.perf_counter()
    doc = generate.portfolio(size)
    portfolio = _build.portfolio(doc)
    text = dumps(portfolio)
    del doc
    print(
        f"\n# {size} tasks: {len(text.encode()) / 1e6:.1f} MB of JSON, "
        f"{sum(len(t.history) for t in portfolio.tasks) / size:.2f} events per task "
        f"(prepared in {time.perf_counter() - start:.0f} s)",
        flush=True,
    )
    path = Path(tempfile.mkdtemp()) / "portfolio.json"
    path.write_text(text, encoding="utf-8")
    only = set(args.only.split(",")) if args.only else None

    def wanted(section: str) -> bool:
        return only is None or section in only

    if wanted("decode"):
        decoders: dict[str, Callable[[], Any]] = {
            "stprogress.loads (fast)": lambda: loads(text),
            "stprogress.loads (no extra, = fast=False)": lambda: loads(text, fast=False),
            "pydantic v2": lambda: peers.pydantic_loads(text),
            "msgspec": lambda: peers.msgspec_loads(text),
        }
        compare(
            "(a) JSON -> validated portfolio",
            size,
            decoders,
            peer="pydantic v2",
            repeats=repeats,
            gc_modes=modes,
        )
    if wanted("encode"):
        p_obj, m_obj = peers.pydantic_loads(text), peers.msgspec_loads(text)
        compare(
            "(b) portfolio -> JSON",
            size,
            {
                "stprogress.dumps (fast)": lambda: dumps(portfolio),
                "stprogress.dumps (no extra)": _without_extra(lambda: dumps(portfolio)),
                "stprogress.dumps(fast=False)": lambda: dumps(portfolio, fast=False),
                "pydantic v2": lambda: peers.pydantic_dumps(p_obj),
                "msgspec": lambda: peers.msgspec_dumps(m_obj),
            },
            peer="pydantic v2",
            repeats=repeats,
            gc_modes=modes,
        )
        del p_obj, m_obj
    if wanted("memory") and size <= args.memory_max:
        memory(
            size,
            {
                "stprogress": lambda: loads(text),
                "pydantic v2": lambda: peers.pydantic_loads(text),
                "msgspec": lambda: peers.msgspec_loads(text),
            },
            peer="pydantic v2",
        )
    if wanted("indicators") or wanted("series"):
        tasks_frame, events_frame = pandas_pipeline.frames(json.loads(text))
        index = PortfolioIndex(portfolio)
        s, e = PERIOD.start, PERIOD.end
    if wanted("indicators"):
        compare(
            "(d) one ledger, prebuilt",
            size,
            {
                "carry_over": lambda: carry_over(portfolio, PERIOD),
                "carry_over(codes=False)": lambda: carry_over(portfolio, PERIOD, codes=False),
                "PortfolioIndex build + ledger": lambda: PortfolioIndex(portfolio).ledger(PERIOD),
                "PortfolioIndex.ledger (built)": lambda: index.ledger(PERIOD),
                "pandas": lambda: pandas_pipeline.ledger(tasks_frame, s, e),
            },
            peer="pandas",
            repeats=repeats,
            gc_modes=modes,
        )
        compare(
            "(d) breakdown by level, prebuilt",
            size,
            {
                "breakdown": lambda: breakdown(portfolio, PERIOD, "level"),
                "PortfolioIndex.breakdown (built)": lambda: index.breakdown(PERIOD, "level"),
                "pandas": lambda: pandas_pipeline.breakdown(tasks_frame, s, e, "level"),
            },
            peer="pandas",
            repeats=repeats,
            gc_modes=modes,
        )
        compare(
            "(d) report, prebuilt",
            size,
            {
                "report": lambda: report(portfolio, PERIOD),
                "report(codes=False)": lambda: report(portfolio, PERIOD, codes=False),
                "pandas": lambda: pandas_pipeline.report(tasks_frame, events_frame, s, e),
            },
            peer="pandas",
            repeats=repeats,
            gc_modes=modes,
        )
        compare(
            "(d) report end to end from JSON file",
            size,
            {
                "stprogress loads + report": lambda: report(loads(path.read_bytes()), PERIOD),
                "pandas json + frames + report": lambda: pandas_pipeline.report(
                    *pandas_pipeline.frames_from_file(path), s, e
                ),
            },
            peer="pandas json + frames + report",
            repeats=repeats,
            gc_modes=modes,
        )
    if wanted("series"):
        bounds = [(p.start, p.end) for p in MONTHS]
        contenders: dict[str, Callable[[], Any]] = {
            "ledger_series (index build + 120)": lambda: ledger_series(portfolio, MONTHS),
            "PortfolioIndex.series (built)": lambda: index.series(MONTHS),
            "pandas (prebuilt frame)": lambda: pandas_pipeline.series(tasks_frame, bounds),
        }
        if size <= 10_000:
            contenders["carry_over x 120"] = lambda: [carry_over(portfolio, p, codes=False) for p in MONTHS]
        compare(
            "(e) 120 monthly ledgers",
            size,
            contenders,
            peer="pandas (prebuilt frame)",
            repeats=repeats,
            gc_modes=modes,
        )
    if wanted("indicators") or wanted("series"):
        del tasks_frame, events_frame, index
    path.unlink()


def scaling() -> None:
    """time(largest) / time(previous size) for every operation measured at both."""
    sizes = sorted({r["size"] for r in ROWS})
    if len(sizes) < 2:
        return
    print("\n# scaling")
    for small, large in itertools.pairwise(sizes):
        for row in ROWS:
            if row["size"] != large or "seconds" not in row:
                continue
            match = [
                r
                for r in ROWS
                if r["size"] == small
                and r["what"] == row["what"]
                and r["contender"] == row["contender"]
                and r["gc"] == row["gc"]
            ]
            if match:
                factor = row["seconds"] / match[0]["seconds"]
                print(
                    f"(f) {row['what']:<34} gc={row['gc']:<6} {row['contender']:<34} "
                    f"time({large})/time({small}) = {factor:5.1f}"
                )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument("--sizes", default="10000,100000", help="task counts, e.g. 10000,100000,1000000")
    parser.add_argument("--repeats", type=int, default=0, help="runs per contender (default 5, 3 from 100k)")
    parser.add_argument("--gc", default="on,paused", help="collector settings: on, paused or both")
    parser.add_argument("--only", default="", help="sections: decode,encode,memory,indicators,series")
    parser.add_argument("--memory-max", type=int, default=100_000, help="largest size to trace memory at")
    parser.add_argument("--json", type=Path, help="also write the rows to this file")
    args = parser.parse_args(argv)
    print(
        f"stprogress {stprogress.__version__}, Python {platform.python_version()}, {platform.machine()}, "
        f"{platform.system()}; pandas {pandas_pipeline.pd.__version__}, msgspec {peers.msgspec.__version__}, "
        f"pydantic {peers.pydantic.VERSION}"
    )
    for size in (int(s) for s in args.sizes.split(",")):
        run_size(size, args)
    scaling()
    if args.json:
        args.json.write_text(json.dumps(ROWS, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
