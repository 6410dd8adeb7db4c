"""What the layout is profiled on (scripts/layout-profile.sh): `import psutil_rs`, then
the process-table snapshot that bench/py/footprint.py measures, read as it is on a
small machine (one thread: fewer than 256 processes) and on a larger one (sleeping
processes, a multithreaded one and zombies added, as in the bench harness; read by
threads), cold (an empty process_iter cache) and again warm, as monitoring loops do."""

import subprocess
import sys
import threading
import time

ATTRS = ["pid", "ppid", "name", "cmdline", "status", "username",
         "create_time", "cpu_times", "memory_info", "num_threads"]

import psutil_rs  # noqa: E402  (the import is part of what is profiled)

small = [p.info for p in psutil_rs.process_iter(ATTRS)]
sleepers = [subprocess.Popen(["sleep", "60"]) for _ in range(300)]
zombies = [subprocess.Popen(["true"]) for _ in range(10)]  # never waited for, until the end
parked = threading.Event()
threads = [threading.Thread(target=parked.wait) for _ in range(4)]
for t in threads:
    t.start()
time.sleep(0.3)
try:
    # Several cold reads: which waits the caller makes for the threads' batches (and
    # so which code of the channel runs) depends on timing.
    for _ in range(8):
        psutil_rs.process_iter.cache_clear()
        cold = [p.info for p in psutil_rs.process_iter(ATTRS)]
    warm = [p.info for p in psutil_rs.process_iter(ATTRS)]
    print(f"{len(small)}, {len(cold)} and {len(warm)} processes", file=sys.stderr)
    if len(small) >= 256:
        print("more than 255 processes before the sleepers: the one-thread path was not"
              " profiled", file=sys.stderr)
finally:
    parked.set()
    for p in sleepers:
        p.kill()
    for p in sleepers + zombies:
        p.wait()
