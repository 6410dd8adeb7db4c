"""What importing psutil_rs costs next to psutil: import time and peak RSS, side by side.

    python3 bench/py/footprint.py [--procs 1000] [--runs 21] [--python PYTHON]

Both modules must be importable by PYTHON (default: this interpreter); install the
release wheel first (scripts/package.sh wheel x86_64, then pip install it). Every figure
is the median over --runs fresh interpreters, psutil and psutil_rs alternating, so both
see the same machine load:

- import: wall time of `PYTHON -c 'import MODULE'` (interpreter start included) minus
  that of `PYTHON -c 'pass'`, measured in the same alternation.
- RSS after import: VmRSS of a fresh interpreter that imported the module.
- peak RSS, table: VmHWM of a fresh interpreter after one process-table snapshot,
  `[p.info for p in MODULE.process_iter(ATTRS)]` with the bench harness's attributes
  (bench/py/contender.py), with --procs extra sleeping processes on the machine.

Prints a Markdown table (BENCHMARKS.md's packaging section) and a line for each target
not met (psutil_rs above psutil on either RSS figure, or more than --import-slack,
default 10%, slower to import). With --check it exits with status 1 when an RSS target
is not met (scripts/package.sh, in CI); the import time is reported, not enforced: it
is a time, which moves with the machine's load.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

ATTRS = [
    "pid", "ppid", "name", "cmdline", "status", "username",
    "create_time", "cpu_times", "memory_info", "num_threads",
]

# Runs in the measured interpreter: prints VmRSS after import and VmHWM after the table.
PROBE = """
import sys
def kb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
import {mod} as ps
after_import = kb("VmRSS")
rows = [p.info for p in ps.process_iter({attrs!r})]
print(after_import, kb("VmHWM"), len(rows))
"""


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True)
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--procs", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=21)
    ap.add_argument("--python", default=sys.executable)
    ap.add_argument("--import-slack", type=float, default=0.10)
    ap.add_argument("--check", action="store_true",
                    help="exit 1 when an RSS target is not met")
    a = ap.parse_args()
    mods = ["psutil", "psutil_rs"]
    for m in mods:
        where = subprocess.run([a.python, "-c", f"import {m}; print({m}.__file__)"],
                               capture_output=True, text=True, check=False)
        if where.returncode != 0:
            sys.exit(f"{m} is not importable by {a.python}: {where.stderr.strip()}")
        print(f"- {m}: {where.stdout.strip()}")
    kids = [subprocess.Popen(["sleep", "600"]) for _ in range(a.procs)]
    try:
        time.sleep(0.5)
        imp = {m: [] for m in mods}
        rss = {m: [] for m in mods}
        hwm = {m: [] for m in mods}
        count = {}
        for i in range(a.runs):
            # Alternate the order each round, so neither module always goes first.
            order = mods if i % 2 == 0 else mods[::-1]
            base = timed([a.python, "-c", "pass"])
            for m in order:
                imp[m].append(timed([a.python, "-c", f"import {m}"]) - base)
            for m in order:
                out = subprocess.run([a.python, "-c", PROBE.format(mod=m, attrs=ATTRS)],
                                     capture_output=True, text=True, check=True).stdout.split()
                rss[m].append(int(out[0]))
                hwm[m].append(int(out[1]))
                count[m] = int(out[2])
    finally:
        for k in kids:
            k.kill()
        for k in kids:
            k.wait()
    med = {m: (statistics.median(imp[m]) * 1e3, statistics.median(rss[m]) / 1024,
               statistics.median(hwm[m]) / 1024) for m in mods}
    load = os.getloadavg()
    print(f"\n{count['psutil']} processes ({a.procs} sleepers added), median of {a.runs} "
          f"runs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}\n")
    print("| figure | psutil | psutil_rs | psutil_rs / psutil |")
    print("|---|---:|---:|---:|")
    names = ["`import` (ms, interpreter start subtracted)", "RSS after import (MiB)",
             "peak RSS, process-table snapshot (MiB)"]
    for i, name in enumerate(names):
        p, r = med["psutil"][i], med["psutil_rs"][i]
        print(f"| {name} | {p:.1f} | {r:.1f} | {r / p:.2f} |")
    p, r = med["psutil"], med["psutil_rs"]
    slow = []
    if r[0] > p[0] * (1 + a.import_slack):
        slow.append(f"import {r[0]:.1f} ms > psutil's {p[0]:.1f} ms + {a.import_slack:.0%}")
    big = []
    if r[1] > p[1]:
        big.append(f"RSS after import {r[1]:.1f} MiB > psutil's {p[1]:.1f} MiB")
    if r[2] > p[2]:
        big.append(f"peak RSS {r[2]:.1f} MiB > psutil's {p[2]:.1f} MiB")
    for b in slow + big:
        print(f"target not met: {b}")
    sys.exit(1 if big and a.check else 0)


if __name__ == "__main__":
    main()
