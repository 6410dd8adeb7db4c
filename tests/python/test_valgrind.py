"""The package runs under valgrind (memcheck), as psutil does.

rustix reads the vDSO through the auxiliary vector. By default it asks the kernel
(`PR_GET_AUXV`), whose AT_SYSINFO_EHDR names the real vDSO, which valgrind does not map:
the first `clock_gettime` (cpu_times, cpu_percent, the process table) then read unmapped
memory and the interpreter died of SIGSEGV. With rustix's `use-libc-auxv` the vector comes
from libc's `getauxval`, which under valgrind is valgrind's own, consistent one.
scripts/test.sh installs valgrind (Debian's package).
"""

import shutil
import subprocess
import sys

import psutil

# What runs under valgrind: the calls that go through the vDSO or the auxiliary vector
# (clock_gettime, the page size, the clock tick), each compared with psutil outside it.
PROBE = """
import psutil_rs as ps
print(len(ps.cpu_times(percpu=True)))
print(ps.boot_time())
print(len([p.info for p in ps.process_iter(["pid", "name", "cpu_times", "memory_info"])]) > 0)
print(ps.Process().create_time() > 0)
"""


def test_runs_under_valgrind():
    valgrind = shutil.which("valgrind")
    assert valgrind, "valgrind is missing (scripts/test.sh installs it)"
    r = subprocess.run([valgrind, "--quiet", sys.executable, "-c", PROBE],
                       capture_output=True, text=True, timeout=300, check=False)
    assert r.returncode == 0, r.stderr[-4000:]
    ncpu, btime, rows, ctime = r.stdout.split()
    assert int(ncpu) == len(psutil.cpu_times(percpu=True))
    # boot_time moves with NTP adjustments only; a second is psutil's own tolerance.
    assert abs(float(btime) - psutil.boot_time()) <= 1
    assert rows == "True" and ctime == "True"
