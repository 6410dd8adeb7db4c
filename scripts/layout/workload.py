"""What the layout is profiled on (scripts/layout-profile.sh): `import psutil_rs`, then
the process-table snapshot that bench/py/footprint.py measures, on a machine with
sleeping processes, a multithreaded one and zombies added, as in the bench harness."""

import subprocess
import sys
import threading
import time

ATTRS = ["pid", "ppid", "name", "cmdline", "status", "username",
         "create_time", "cpu_times", "memory_info", "num_threads"]

sleepers = [subprocess.Popen(["sleep", "60"]) for _ in range(300)]
zombies = [subprocess.Popen(["true"]) for _ in range(10)]  # never waited for, until the end
parked = threading.Event()
threads = [threading.Thread(target=parked.wait) for _ in range(4)]
for t in threads:
    t.start()
time.sleep(0.3)
try:
    import psutil_rs

    rows = [p.info for p in psutil_rs.process_iter(ATTRS)]
    print(f"{len(rows)} processes", file=sys.stderr)
finally:
    parked.set()
    for p in sleepers:
        p.kill()
    for p in sleepers + zombies:
        p.wait()
