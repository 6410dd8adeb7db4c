"""The `psutil` command against the classic tools it rebuilds, on N extra sleepers.

    cargo build --release -p psutil-cli
    python3 bench/py/tools.py [--procs 1000] [--runs 9] [--psutil target/release/psutil]

Each command runs `--runs` times, alternating with its classic counterpart, output to
/dev/null; the table gives the median wall time of whole runs (process start-up
included) and their ratio.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time

PAIRS = [
    (["ps", "aux"], ["ps", "aux"]),
    (["ps", "-eo", "pid,comm"], ["ps", "-eo", "pid,comm"]),
    (["ps", "-ef"], ["ps", "-ef"]),
    (["pidof", "sleep"], ["pidof", "sleep"]),
    (["pstree"], ["pstree"]),
]


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--procs", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--psutil", default=os.path.join("target", "release", "psutil"))
    a = ap.parse_args()
    if not os.access(a.psutil, os.X_OK):
        sys.exit(f"{a.psutil}: not built (cargo build --release -p psutil-cli)")
    kids = [subprocess.Popen(["sleep", "600"]) for _ in range(a.procs)]
    try:
        time.sleep(1)
        total = len([p for p in os.listdir("/proc") if p.isdigit()])
        print(f"{total} processes ({a.procs} sleepers added), median of {a.runs} runs\n")
        print("| psutil command | ms | classic tool | ms | classic / psutil |")
        print("|---|---:|---|---:|---:|")
        for ours, theirs in PAIRS:
            if not shutil.which(theirs[0]):
                continue
            mine, other = [], []
            for _ in range(a.runs):
                mine.append(timed([a.psutil, *ours]))
                other.append(timed(theirs))
            m, o = statistics.median(mine) * 1e3, statistics.median(other) * 1e3
            print(f"| psutil {' '.join(ours)} | {m:.1f} | {' '.join(theirs)} | {o:.1f} "
                  f"| {o / m:.2f}x |")
    finally:
        for k in kids:
            k.kill()
        for k in kids:
            k.wait()


if __name__ == "__main__":
    main()
