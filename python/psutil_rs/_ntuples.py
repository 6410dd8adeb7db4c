"""The named tuples returned by the package: psutil 7.2's types, fields and order."""

from collections import namedtuple as _nt

# --- system ---
scpustats = _nt("scpustats", ["ctx_switches", "interrupts", "soft_interrupts", "syscalls"])
scpufreq = _nt("scpufreq", ["current", "min", "max"])
svmem = _nt("svmem", ["total", "available", "percent", "used", "free", "active", "inactive",
                      "buffers", "cached", "shared", "slab"])
sswap = _nt("sswap", ["total", "used", "free", "percent", "sin", "sout"])
sdiskusage = _nt("sdiskusage", ["total", "used", "free", "percent"])
sdiskpart = _nt("sdiskpart", ["device", "mountpoint", "fstype", "opts"])
sdiskio = _nt("sdiskio", ["read_count", "write_count", "read_bytes", "write_bytes",
                          "read_time", "write_time", "read_merged_count",
                          "write_merged_count", "busy_time"])
snetio = _nt("snetio", ["bytes_sent", "bytes_recv", "packets_sent", "packets_recv",
                        "errin", "errout", "dropin", "dropout"])
sconn = _nt("sconn", ["fd", "family", "type", "laddr", "raddr", "status", "pid"])
addr = _nt("addr", ["ip", "port"])
snicaddr = _nt("snicaddr", ["family", "address", "netmask", "broadcast", "ptp"])
snicstats = _nt("snicstats", ["isup", "duplex", "speed", "mtu", "flags"])
shwtemp = _nt("shwtemp", ["label", "current", "high", "critical"])
sfan = _nt("sfan", ["label", "current"])
sbattery = _nt("sbattery", ["percent", "secsleft", "power_plugged"])
suser = _nt("suser", ["name", "terminal", "host", "started", "pid"])
pheap = _nt("pheap", ["heap_used", "mmap_used"])

# --- processes ---
pconn = _nt("pconn", ["fd", "family", "type", "laddr", "raddr", "status"])
pcputimes = _nt("pcputimes", ["user", "system", "children_user", "children_system", "iowait"])
pmem = _nt("pmem", ["rss", "vms", "shared", "text", "lib", "data", "dirty"])
pfullmem = _nt("pfullmem", pmem._fields + ("uss", "pss", "swap"))
pmmap_grouped = _nt("pmmap_grouped", ["path", "rss", "size", "pss", "shared_clean",
                                      "shared_dirty", "private_clean", "private_dirty",
                                      "referenced", "anonymous", "swap"])
pmmap_ext = _nt("pmmap_ext", "addr perms " + " ".join(pmmap_grouped._fields))
pio = _nt("pio", ["read_count", "write_count", "read_bytes", "write_bytes",
                  "read_chars", "write_chars"])
pionice = _nt("pionice", ["ioclass", "value"])
pctxsw = _nt("pctxsw", ["voluntary", "involuntary"])
puids = _nt("puids", ["real", "effective", "saved"])
pgids = _nt("pgids", ["real", "effective", "saved"])
pthread = _nt("pthread", ["id", "user_time", "system_time"])
popenfile = _nt("popenfile", ["path", "fd", "position", "mode", "flags"])

# The named tuple of each Process method's value (and of memory_maps(grouped=False)), by
# name: the native side builds the process values with these (psutil_rs._process gives
# them to it once, at import).
PROCESS_TYPES = {
    "cpu_times": pcputimes, "memory_info": pmem, "memory_full_info": pfullmem,
    "uids": puids, "gids": pgids, "num_ctx_switches": pctxsw, "io_counters": pio,
    "ionice": pionice, "threads": pthread, "memory_maps": pmmap_grouped,
    "memory_maps_ungrouped": pmmap_ext, "open_files": popenfile,
}
