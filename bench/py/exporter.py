"""`psutil serve` against Debian's prometheus-node-exporter, side by side in one run.

    cargo build --release -p psutil-cli
    python3 bench/py/exporter.py [--procs 1000] [--scrapes 50] [--psutil target/release/psutil]
    python3 bench/py/exporter.py --soak 80 [--clients 4]    # RSS under concurrent scrapes

The exporters run on loopback ports while --procs extra sleepers exist: node_exporter
and `psutil serve` with their default settings, and `psutil serve` with system metrics
only (`group_by: none`, cgroups off: the process table is not read), the part that
compares with node_exporter's work; and node_exporter with only the collectors whose
families `psutil serve` shares (`--collector.disable-defaults` plus cpu, meminfo,
filesystem, diskstats, netdev, loadavg, stat, hwmon, pressure). After 5 warm-up scrapes each, they are scraped in
turn --scrapes times (one GET /metrics at a time, text format 0.0.4, a new connection
each); the table gives the median and 90th percentile wall time of a whole scrape as
the client sees it, the response size and sample count, and each exporter's RSS after
the run (VmRSS) and its peak (VmHWM). node_exporter serves only system metrics (and its
own Go runtime's); by default `psutil serve` also reads the whole process table
(process groups) and the cgroups of the processes.
"""

import argparse
import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time


# node_exporter's collectors for the families both exporters serve.
SAME_COLLECTORS = ["cpu", "meminfo", "filesystem", "diskstats", "netdev", "loadavg",
                   "stat", "hwmon", "pressure"]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def scrape(addr):
    host, port = addr.rsplit(":", 1)
    t = time.perf_counter()
    c = http.client.HTTPConnection(host, int(port), timeout=30)
    c.request("GET", "/metrics", headers={"Connection": "close"})
    r = c.getresponse()
    body = r.read()
    c.close()
    dt = time.perf_counter() - t
    if r.status != 200:
        sys.exit(f"{addr}: HTTP {r.status}")
    return dt, body


def status_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def wait_up(addr):
    for _ in range(100):
        try:
            scrape(addr)
            return
        except OSError:
            time.sleep(0.1)
    sys.exit(f"{addr}: not answering")


def soak(exe, secs, clients):
    """`psutil serve` alone, `clients` threads scraping it in a loop for `secs`
    seconds; its RSS printed 16 times along the way."""
    p = subprocess.Popen([exe, "serve", "--listen", "127.0.0.1:0"],
                         stdout=subprocess.PIPE, text=True)
    m = re.search(r"://(\S+)/metrics", p.stdout.readline())
    if not m:
        p.kill()
        sys.exit("psutil serve printed no address")
    addr = m.group(1)
    end = time.time() + secs
    done = [0] * clients

    def loop(i):
        while time.time() < end:
            scrape(addr)
            done[i] += 1

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    try:
        for t in threads:
            t.start()
        print(f"{clients} clients for {secs} s")
        while time.time() < end:
            time.sleep(secs / 16)
            print(f"{sum(done)} scrapes, RSS {status_kb(p.pid, 'VmRSS') / 1024:.1f} MiB",
                  flush=True)
        for t in threads:
            t.join()
    finally:
        p.kill()
        p.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--procs", type=int, default=1000)
    ap.add_argument("--scrapes", type=int, default=50)
    ap.add_argument("--psutil", default=os.path.join("target", "release", "psutil"))
    ap.add_argument("--soak", type=int, metavar="SECONDS",
                    help="instead: scrape psutil serve alone from --clients threads for "
                         "SECONDS, printing its RSS")
    ap.add_argument("--clients", type=int, default=4)
    a = ap.parse_args()
    if not os.access(a.psutil, os.X_OK):
        sys.exit(f"{a.psutil}: not built (cargo build --release -p psutil-cli)")
    if a.soak:
        soak(a.psutil, a.soak, a.clients)
        return
    ne_bin = shutil.which("prometheus-node-exporter")
    if not ne_bin:
        sys.exit("prometheus-node-exporter: not installed (apt-get install prometheus-node-exporter)")
    sleepers = [subprocess.Popen(["sleep", "600"]) for _ in range(a.procs)]
    tmp = tempfile.TemporaryDirectory()
    system_only = os.path.join(tmp.name, "system-only.yml")
    with open(system_only, "w") as f:
        f.write("processes:\n  group_by: none\ncgroups:\n  max: 0\n")

    def start(*args):
        p = subprocess.Popen([a.psutil, "serve", "--listen", "127.0.0.1:0", *args],
                             stdout=subprocess.PIPE, text=True)
        line = p.stdout.readline()
        m = re.search(r"://(\S+)/metrics", line)
        if not m:
            p.kill()
            sys.exit(f"psutil serve: unexpected first line {line!r}")
        return p, m.group(1)

    ours, ours_addr = start()
    sys_only, sys_addr = start("--config", system_only)
    ne_addr = f"127.0.0.1:{free_port()}"
    ne = subprocess.Popen([ne_bin, f"--web.listen-address={ne_addr}"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    same_addr = f"127.0.0.1:{free_port()}"
    same = subprocess.Popen([ne_bin, f"--web.listen-address={same_addr}",
                             "--collector.disable-defaults"]
                            + [f"--collector.{c}" for c in SAME_COLLECTORS],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_up(ne_addr)
        wait_up(ours_addr)
        wait_up(sys_addr)
        wait_up(same_addr)
        targets = [("psutil serve", ours_addr, ours.pid),
                   ("psutil serve, system only", sys_addr, sys_only.pid),
                   ("node_exporter 1.5", ne_addr, ne.pid),
                   ("node_exporter 1.5, the same collectors", same_addr, same.pid)]
        for _, addr, _ in targets:
            for _ in range(5):
                scrape(addr)
        times = {name: [] for name, _, _ in targets}
        sizes = {}
        for _ in range(a.scrapes):
            for name, addr, _ in targets:
                dt, body = scrape(addr)
                times[name].append(dt)
                sizes[name] = body
        nproc = len([p for p in os.listdir("/proc") if p.isdigit()])
        print(f"{a.scrapes} scrapes each, alternating; {nproc} processes on the machine; "
              f"{os.cpu_count()} CPUs\n")
        print("| exporter | median scrape | p90 scrape | response | samples | RSS after | peak RSS |")
        print("| --- | --- | --- | --- | --- | --- | --- |")
        for name, _, pid in targets:
            t = sorted(times[name])
            body = sizes[name]
            samples = sum(1 for l in body.splitlines() if l and not l.startswith(b"#"))
            print(f"| {name} | {statistics.median(t) * 1e3:.1f} ms "
                  f"| {t[int(len(t) * 0.9) - 1] * 1e3:.1f} ms | {len(body) / 1024:.0f} KiB "
                  f"| {samples} | {status_kb(pid, 'VmRSS') / 1024:.1f} MiB "
                  f"| {status_kb(pid, 'VmHWM') / 1024:.1f} MiB |")
    finally:
        for p in [ours, sys_only, ne, same] + sleepers:
            p.kill()
        for p in [ours, sys_only, ne, same] + sleepers:
            p.wait()
        tmp.cleanup()


if __name__ == "__main__":
    main()
