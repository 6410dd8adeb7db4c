"""The `psutil` command against the classic tools it rebuilds, on N extra sleepers.

    cargo build --release -p psutil-cli
    python3 bench/py/tools.py [--procs 1000] [--runs 9] [--top-runs 3] [--psutil target/release/psutil]

Each command runs `--runs` times, alternating with its classic counterpart, output to
/dev/null; the first table gives the median wall time of whole runs (process start-up
included) and their ratio. The second gives the CPU time (user + system, from
wait4's rusage) per frame of the live views in batch mode, `top -b -d 0.5 -n 11`
against procps top, the median of `--top-runs` runs each.
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


# Live views in batch mode: 11 frames 0.5 s apart; CPU time per frame is compared.
FRAMES = 11
LIVE = [
    (["top", "-b", "-d", "0.5", "-n", str(FRAMES)], ["top", "-b", "-d", "0.5", "-n", str(FRAMES)]),
    (["iotop", "-b", "-d", "0.5", "-n", str(FRAMES)], None),
]


def cpu_time(cmd):
    """User + system CPU seconds of one run of `cmd` (its children included)."""
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, ru = os.wait4(p.pid, 0)
    return ru.ru_utime + ru.ru_stime


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--procs", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=9)
    ap.add_argument("--top-runs", type=int, default=3)
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
        print(f"\nCPU time per frame (user + system, median of {a.top_runs} runs of "
              f"{FRAMES} frames)\n")
        print("| psutil command | ms CPU/frame | classic tool | ms CPU/frame | psutil / classic |")
        print("|---|---:|---|---:|---:|")
        for ours, theirs in LIVE:
            mine = statistics.median(cpu_time([a.psutil, *ours]) for _ in range(a.top_runs))
            m = mine / FRAMES * 1e3
            if theirs is None or not shutil.which(theirs[0]):
                print(f"| psutil {' '.join(ours)} | {m:.1f} | - | - | - |")
                continue
            other = statistics.median(cpu_time(theirs) for _ in range(a.top_runs))
            o = other / FRAMES * 1e3
            print(f"| psutil {' '.join(ours)} | {m:.1f} | {' '.join(theirs)} | {o:.1f} "
                  f"| {m / o:.2f}x |")
    finally:
        for k in kids:
            k.kill()
        for k in kids:
            k.wait()


if __name__ == "__main__":
    main()
