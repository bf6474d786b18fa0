"""``python -I -S launch.py REPORT CMD…``: run CMD and write its wall time and rusage to REPORT.

Why a launcher: Linux records, when a process calls ``exec``, the resident set of the process
it was forked from as the new program's starting peak (``ru_maxrss``). A command forked
straight from the benchmark — which holds registries' listings, every run's output — was
charged the benchmark's own memory: ``muni verify`` at 100,000 cases read as 160–250 MB
where the kernel's high-water mark (``VmHWM``) of every one of its processes stayed under
50 MB. Forked from this small process instead, the figure is the command's own. Only the
standard library, no site packages (``-S``): the launcher is a few MB.
"""

import json
import os
import sys
import time


def main() -> int:
    report, cmd = sys.argv[1], sys.argv[2:]
    started = time.time()
    clock = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(cmd[0], cmd)
        except OSError as exc:
            os.write(2, f"cannot run {cmd[0]}: {exc.strerror}\n".encode())
        os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - clock
    with open(report, "w", encoding="utf-8") as f:
        json.dump({"started": started, "wall_s": wall,
                   "cpu_s": usage.ru_utime + usage.ru_stime,
                   "rss_mb": usage.ru_maxrss / 1024}, f)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
