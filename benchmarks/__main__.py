"""``python -m benchmarks [--quick] [--runs N]`` or ``python -m benchmarks --scale N``.

Without ``--scale``: muni's batch against raw docxtpl and the floor, ``--jobs 2``, memory,
``status``/``explain`` on a large registry, a clerk's commands, PDF copies
(``benchmarks/throughput.py``). With ``--scale N``: N cases, and what one advance, status,
the journal, explain and verify cost at that size (``benchmarks/scale.py``).

The machine may be shared: the load average is printed before and after; rerun when it was
high.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
from pathlib import Path

from . import scale, throughput


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="200 and 2,000 cases instead of 1,000 and 10,000")
    parser.add_argument("--scale", type=int, metavar="N",
                        help="build N cases (~N/200 municipalities) and measure at that size")
    parser.add_argument("--runs", type=int, default=3,
                        help="timed runs of every side and command (default 3, at least 3)")
    parser.add_argument("--jobs", type=int, default=None,
                        help="--scale: processes for the batch (default: the cores)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    if args.runs < 3:
        parser.error("--runs: at least 3 (a median of fewer says little)")
    work = args.keep or Path(tempfile.mkdtemp(prefix="muni-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        if args.scale:
            if args.scale < 1:
                parser.error("--scale: at least 1 case")
            jobs = args.jobs or max(1, len(os.sched_getaffinity(0)))
            scale.main(work, args.scale, runs=args.runs, jobs=jobs)
        else:
            throughput.main(work, quick=args.quick, runs=args.runs)
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
