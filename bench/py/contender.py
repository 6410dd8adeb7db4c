"""A Python contender of the bench harness: `python3 -c "$(cat contender.py)" MODULE SNAPSHOT`
(the harness embeds this file and runs it with -c).

MODULE is `psutil` or `psutil_rs`. Speaks the harness's line protocol on stdin/stdout:
prints `ready <VmRSS kB> <module version> <module file>` once imported, then for each request line `<snap> [big_pid]`
runs the snapshot once and prints `ok <wall ns> <cpu ns> <system cpu ns> <count> <missing>`, or
`na <reason>` / `err <message>`; on `quit` prints `rss <VmHWM kB>` and exits.
Functions the module lacks are skipped and named in <missing>.
"""

import importlib
import resource
import sys
import time

TABLE_ATTRS = [
    "pid", "ppid", "name", "cmdline", "status", "username",
    "create_time", "cpu_times", "memory_info", "num_threads",
]


def status_kb(field):
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def main():
    modname, snap = sys.argv[1], sys.argv[2]
    try:
        ps = importlib.import_module(modname)
    except Exception as e:  # noqa: BLE001 - report any import failure
        print("unavailable", type(e).__name__, str(e).replace("\n", " "), flush=True)
        return

    def table(_arg):
        if not hasattr(ps, "process_iter"):
            return None, "no process API"
        # A cold snapshot, like every other contender: forget the cached Process objects.
        ps.process_iter.cache_clear()
        rows = [p.info for p in ps.process_iter(TABLE_ATTRS)]
        return len(rows), ""

    def system(_arg):
        missing = []

        def call(name, *args, **kw):
            fn = getattr(ps, name, None)
            if fn is None:
                missing.append(name)
                return None
            return fn(*args, **kw)

        call("cpu_times", percpu=True)
        call("virtual_memory")
        call("swap_memory")
        call("disk_io_counters", perdisk=True)
        call("net_io_counters", pernic=True)
        parts = call("disk_partitions") or []
        usage = [call("disk_usage", p.mountpoint) for p in parts]
        call("boot_time")
        call("users")
        return len(usage), ",".join(missing)

    def conns(_arg):
        if not hasattr(ps, "net_connections"):
            return None, "no net_connections"
        return len(ps.net_connections("inet")), ""

    def maps(arg):
        if not hasattr(ps, "Process"):
            return None, "no process API"
        p = ps.Process(int(arg))
        p.memory_full_info()
        return len(p.memory_maps()), ""

    fn = {"a": table, "b": system, "c": conns, "d": maps}[snap]
    version = getattr(ps, "__version__", "?")
    print("ready", status_kb("VmRSS"), version, ps.__file__, flush=True)
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            print("rss", status_kb("VmHWM"), flush=True)
            return
        arg = words[1] if len(words) > 1 else None
        try:
            k0 = resource.getrusage(resource.RUSAGE_SELF).ru_stime
            w0, c0 = time.perf_counter_ns(), time.process_time_ns()
            count, missing = fn(arg)
            w1, c1 = time.perf_counter_ns(), time.process_time_ns()
            k1 = resource.getrusage(resource.RUSAGE_SELF).ru_stime
        except Exception as e:  # noqa: BLE001 - the harness reports it
            print("err", type(e).__name__, str(e).replace("\n", " "), flush=True)
            continue
        if count is None:
            print("na", missing, flush=True)
        else:
            sys_ns = max(0, round((k1 - k0) * 1e9))
            print("ok", w1 - w0, c1 - c0, sys_ns, count, missing or "-", flush=True)


if __name__ == "__main__":
    main()
