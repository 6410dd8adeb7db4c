"""Leak test: every system function and Process method called many times must not
grow the process.

Each case warms up (N / 10 calls: the interpreter's free lists and caches fill over
the first few hundred process_iter calls, ~150 blocks), then after gc + malloc_trim
measures the resident set size (/proc/self/statm) and glibc's heap in use (mallinfo2 via
heap_info(), which counts what the Rust side allocates), calls the function N times,
and measures again. Bounds:

- RSS growth at most RSS_BOUND (1 MiB) after warm-up;
- C heap growth at most HEAP_BOUND (128 KiB): a Rust value leaked per call (a String,
  a Vec of results) shows here long before it shows in RSS;
- at most BLOCKS_BOUND (200) more Python memory blocks (sys.getallocatedblocks()):
  one Python object leaked per call, even a small one that RSS cannot see, exceeds it
  (the noise seen here is under 50 blocks).

N is 10,000 for every case, as issue 4 asks: on the debug build the test command
makes, the slowest (as_dict ~5 ms, memory_maps ~4 ms, process_iter, net_connections
and children ~1 ms a call) bring the file to about four minutes. Error paths
(exceptions raised from Rust) are included: they are where bindings usually leak.
"""

import gc
import os
import sys

import pytest

RSS_BOUND = 1024 * 1024
HEAP_BOUND = 128 * 1024
BLOCKS_BOUND = 200
N = 10_000

PAGE = os.sysconf("SC_PAGE_SIZE")


def rss():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def raises(exc, fn):
    try:
        fn()
    except exc:
        return
    raise AssertionError(f"{fn} did not raise {exc.__name__}")


def with_procfs(p, path, fn):
    old = p.PROCFS_PATH
    p.PROCFS_PATH = path
    try:
        fn()
    finally:
        p.PROCFS_PATH = old


def oneshot(proc):
    with proc.oneshot():
        proc.name(), proc.cpu_times(), proc.memory_info(), proc.uids()


# Every Process method on a fresh instance of the current process (construction
# included), with its number of calls.
PROCESS_METHODS = [
    *[(m, N) for m in ("ppid", "name", "exe", "cmdline", "environ", "create_time",
                          "status", "cwd", "username", "uids", "gids", "terminal", "nice",
                          "ionice", "io_counters", "num_ctx_switches", "num_fds",
                          "num_threads", "threads", "cpu_times", "cpu_percent", "cpu_num",
                          "cpu_affinity", "memory_info", "memory_percent", "is_running",
                          "parent")],
    *[(m, N) for m in ("children", "open_files")],
    *[(m, N) for m in ("memory_full_info", "memory_maps", "parents")],
]


# (id, calls, fn(package, a missing path)) for every system function and its variants
CASES = [
    ("virtual_memory", N, lambda p, m: p.virtual_memory()),
    ("swap_memory", N, lambda p, m: p.swap_memory()),
    ("boot_time", N, lambda p, m: p.boot_time()),
    ("cpu_times", N, lambda p, m: p.cpu_times()),
    ("cpu_times-percpu", N, lambda p, m: p.cpu_times(percpu=True)),
    ("cpu_percent", N, lambda p, m: p.cpu_percent()),
    ("cpu_percent-percpu", N, lambda p, m: p.cpu_percent(percpu=True)),
    ("cpu_times_percent", N, lambda p, m: p.cpu_times_percent()),
    ("cpu_times_percent-percpu", N, lambda p, m: p.cpu_times_percent(percpu=True)),
    ("cpu_count", N, lambda p, m: p.cpu_count()),
    ("cpu_count-physical", N, lambda p, m: p.cpu_count(logical=False)),
    ("cpu_stats", N, lambda p, m: p.cpu_stats()),
    ("cpu_freq", N, lambda p, m: p.cpu_freq()),
    ("cpu_freq-percpu", N, lambda p, m: p.cpu_freq(percpu=True)),
    ("getloadavg", N, lambda p, m: p.getloadavg()),
    ("disk_partitions", N, lambda p, m: p.disk_partitions()),
    ("disk_partitions-all", N, lambda p, m: p.disk_partitions(all=True)),
    ("disk_usage", N, lambda p, m: p.disk_usage("/")),
    ("disk_usage-missing", N,
     lambda p, m: raises(FileNotFoundError, lambda: p.disk_usage(m))),
    ("disk_io_counters", N, lambda p, m: p.disk_io_counters()),
    ("disk_io_counters-perdisk", N, lambda p, m: p.disk_io_counters(perdisk=True)),
    ("net_io_counters", N, lambda p, m: p.net_io_counters()),
    ("net_io_counters-pernic", N, lambda p, m: p.net_io_counters(pernic=True)),
    ("net_if_addrs", N, lambda p, m: p.net_if_addrs()),
    ("net_if_stats", N, lambda p, m: p.net_if_stats()),
    ("net_connections", N, lambda p, m: p.net_connections("all")),
    ("net_connections-badkind", N,
     lambda p, m: raises(ValueError, lambda: p.net_connections("x"))),
    ("sensors_temperatures", N, lambda p, m: p.sensors_temperatures()),
    ("sensors_temperatures-f", N, lambda p, m: p.sensors_temperatures(fahrenheit=True)),
    ("sensors_fans", N, lambda p, m: p.sensors_fans()),
    ("sensors_battery", N, lambda p, m: p.sensors_battery()),
    ("users", N, lambda p, m: p.users()),
    ("pids", N, lambda p, m: p.pids()),
    ("pid_exists", N, lambda p, m: p.pid_exists(os.getpid())),
    ("pid_exists-dead", N, lambda p, m: p.pid_exists(2**22 + 3)),
    ("heap_info", N, lambda p, m: p.heap_info()),
    ("heap_trim", N, lambda p, m: p.heap_trim()),
    # (the cache emptied each time: processes that come and go on the machine would
    # otherwise count as growth)
    ("process_iter", N, lambda p, m: (
        p.process_iter.cache_clear(), list(p.process_iter(["name", "cpu_times"])))),
    ("wait_procs", N, lambda p, m: p.wait_procs([p.Process()], timeout=0)),
    ("Process-as_dict", N, lambda p, m: p.Process().as_dict()),
    ("Process-oneshot", N, lambda p, m: oneshot(p.Process())),
    ("Process-dead", N, lambda p, m: raises(p.NoSuchProcess, lambda: p.Process(2**22 + 3))),
    *[("Process." + m, n, (lambda m: lambda p, _: getattr(p.Process(), m)())(m))
      for m, n in PROCESS_METHODS],
    ("missing-procfs", N, lambda p, m: with_procfs(
        p, m, lambda: raises(FileNotFoundError, p.virtual_memory))),
]
CASE_IDS = [c[0] for c in CASES]


@pytest.mark.parametrize("case", CASE_IDS)
def test_no_leak(ours, tmp_path, case):
    ((_, n, make),) = [c for c in CASES if c[0] == case]
    missing = str(tmp_path / "missing")

    def fn():
        make(ours, missing)

    for _ in range(n // 10):
        fn()
    gc.collect()
    ours.heap_trim()
    rss0, heap0, blocks0 = rss(), ours.heap_info().heap_used, sys.getallocatedblocks()
    for _ in range(n):
        fn()
    gc.collect()
    ours.heap_trim()
    rss1, heap1, blocks1 = rss(), ours.heap_info().heap_used, sys.getallocatedblocks()
    assert rss1 - rss0 <= RSS_BOUND, f"RSS grew by {rss1 - rss0} bytes over {n} calls"
    assert heap1 - heap0 <= HEAP_BOUND, f"heap grew by {heap1 - heap0} bytes over {n} calls"
    assert blocks1 - blocks0 <= BLOCKS_BOUND, \
        f"{blocks1 - blocks0} more Python memory blocks after {n} calls"


def test_every_system_function_is_covered(ours):
    covered = {c.split("-")[0] for c in CASE_IDS}
    system = {n for n in ours.__all__ if callable(getattr(ours, n))
              and not isinstance(getattr(ours, n), type)} - {"install_as_psutil"}
    assert system <= covered, system - covered
