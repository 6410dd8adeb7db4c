#!/usr/bin/env python3
"""Builds the seed corpora fuzz/corpus/<target>/ from fixtures/linux/** and a few
hand-made inputs (binary formats, per-process files). Run from the repository root:
`python3 fuzz/seed.py`. Only seeds named seed-* are rewritten; files libFuzzer added
(named by their SHA-1) are left alone. Hand-made seeds hold no data of this machine."""
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIX = os.path.join(ROOT, "fixtures", "linux")
OUT = os.path.join(ROOT, "fuzz", "corpus")
D = os.path.join(FIX, "debian12-6.18")


def fx(*parts):
    with open(os.path.join(*parts), "rb") as f:
        return f.read()


def nla(t, v):
    """One netlink attribute, padded to 4 bytes."""
    b = struct.pack("=HH", 4 + len(v), t) + v
    return b + bytes(-len(b) % 4)


def genl(cmd, attrs):
    """A generic netlink payload: genlmsghdr, then attributes."""
    return struct.pack("=BBH", cmd, 1, 0) + attrs


def write(target, name, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def sysfs_values():
    """Every small hwmon/power_supply/thermal value of the hand-written trees."""
    out = {}
    for tree in ("laptop-hwmon", "desktop-nct6775", "thermal-only"):
        for dirpath, _, files in os.walk(os.path.join(FIX, tree, "sys")):
            for f in sorted(files):
                data = fx(dirpath, f)
                if len(data) <= 64:
                    out.setdefault(data, f"{tree}-{f}")
    return out


def utmp_record(ut_type, pid, line, ident, user, host, sec, wide):
    rec = struct.pack("=hxxi32s4s32s256shh", ut_type, pid, line, ident, user, host, 0, 0)
    if wide:
        rec += struct.pack("=qqq", 7, sec, 123456)
    else:
        rec += struct.pack("=iii", 7, sec, 123456)
    rec += bytes([192, 0, 2, 1]) + bytes(12) + bytes(20)
    return rec


def inet_diag(family, state, sport, dport, src, dst, inode):
    msg = struct.pack("=BBBB", family, state, 0, 0)
    msg += struct.pack(">HH", sport, dport)
    msg += src.ljust(16, b"\0") + dst.ljust(16, b"\0")
    msg += struct.pack("=I", 2)  # interface
    msg += struct.pack("=II", 0xFFFFFFFF, 0xFFFFFFFF)  # cookie
    msg += struct.pack("=IIIII", 0, 0, 0, 1000, inode)  # expires rqueue wqueue uid inode
    assert len(msg) == 72
    return msg


def unix_diag(stype, inode, name):
    msg = struct.pack("=BBBBII", 1, stype, 1, 0, inode, 0xFFFFFFFF) + struct.pack("=I", 0)
    attr = struct.pack("=HH", 4 + len(name), 0) + name
    attr += bytes((-len(attr)) % 4)
    return msg + attr


def main():
    for target, files in {
        "meminfo": ["proc/meminfo"],
        "vmstat": ["proc/vmstat"],
        "zoneinfo": ["proc/zoneinfo"],
        "proc_stat": ["proc/stat"],
        "cpuinfo": ["proc/cpuinfo"],
        "loadavg": ["proc/loadavg"],
        "cpu_list": ["sys/devices/system/cpu/online"],
        "diskstats": ["proc/diskstats"],
        "partitions": ["proc/partitions"],
        "filesystems": ["proc/filesystems"],
        "mounts": ["proc/self/mounts"],
        "net_dev": ["proc/net/dev"],
        "net_inet": ["proc/net/tcp", "proc/net/tcp6", "proc/net/udp", "proc/net/udp6"],
        "net_unix": ["proc/net/unix"],
    }.items():
        for rel in files:
            write(target, rel.replace("/", "_"), fx(D, rel))
    # Older layouts, written after the kernel docs (see the parsers' module docs).
    write("meminfo", "linux24", b"MemTotal:  255280 kB\nMemFree:  3284 kB\nMemShared: 0 kB\n"
          b"Buffers: 1 kB\nCached: 2 kB\nInact_dirty: 3 kB\nInact_clean: 4 kB\nInact_laundry: 5 kB\n")
    write("proc_stat", "linux26-7cols", b"cpu  1 2 3 4 5 6 7\ncpu0 1 2 3 4 5 6 7\nintr 9 1 2\n"
          b"ctxt 5\nbtime 1700000000\n")
    write("diskstats", "layouts", b"   3    0   hda 446216 784926 9550688 4382310 424847 312726 5922052 19310380 0 3376340 23705160\n"
          b"   3    1   hda1 35486 38030 38030 38030\n"
          b"   8    0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n"
          b"   8    0 0 sda 1 2 3 4 5 6 7 8 9 10 11\n")
    for name in ("zram0", "loop0"):
        write("diskstats", f"sys-block-{name}-stat",
              b"     120        0     4296       12        0        0        0        0        0       20       12        0        0        0        0        0        0\n")
    write("partitions", "uevent", b"MAJOR=8\nMINOR=1\nDEVNAME=sda1\nDEVTYPE=partition\n")
    write("partitions", "dev", fx(D, "sys/block/zram0/dev"))
    write("mounts", "escapes", b"/dev/sda1 /mnt/my\\040disk ext4 rw,relatime 0 0\n"
          b"server:/x /mnt/tab\\011and\\134back\\\\slash nfs4 rw 0 0\n# comment\n  \t\n"
          b"/dev/\xff\xfe /mnt/\xe9t\xe9 vfat ro 0 0\nnone /short\n")
    write("net_dev", "alias", b"Inter-|   Receive  |  Transmit\n face |bytes    packets|bytes\n"
          b"eth0:1: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n")
    write("net_unix", "paths", b"Num       RefCount Protocol Flags    Type St Inode Path\n"
          b"0000000000000000: 00000002 00000000 00010000 0001 01 12345 /run/a b\n"
          b"0000000000000000: 00000002 00000000 00000000 0002 01 12346 @abstract@x\n"
          b"0000000000000000: 00000003 00000000 00000000 0001 03 12347\n")
    for v in (b"0-3,6,8-9\n", b"3,1-2,2\n", b"\n", b"0-4095\n"):
        write("cpu_list", "literal-" + v.strip().decode().replace(",", "_"), v)
    for data, name in sysfs_values().items():
        write("sysfs", name, data)
    for v in (b"45000\n", b"-12\n", b"1_000\n", b"1e3\n", b"-inf\n", b"nan\n", b" Core 0 \x1f\n"):
        write("sysfs", "literal-" + v.strip().decode(errors="replace").replace(" ", "_"), v)
    for v in (b"0", b"18446744073709551615", b"-9223372036854775808", b"0A", b"2400.000", b"+7"):
        write("fields", v.decode(), v)
    for wide in (False, True):
        recs = utmp_record(2, 0, b"~", b"~~", b"reboot", b"6.18.0", 1700000000, wide)
        recs += utmp_record(7, 1234, b"pts/0", b"ts/0", b"alice", b"192.0.2.1", 1700000100, wide)
        recs += utmp_record(8, 99, b"tty1", b"tty1", b"", b"", 1700000200, wide)
        write("utmp", "wide64" if wide else "compat32", recs)
    write("sock_diag", "inet4", inet_diag(2, 10, 22, 0, bytes([127, 0, 0, 1]), b"", 4242))
    write("sock_diag", "inet6", inet_diag(10, 1, 443, 50000, bytes(15) + b"\1", bytes(15) + b"\1", 7))
    write("sock_diag", "unix-path", unix_diag(1, 100, b"/run/dbus/socket\0"))
    write("sock_diag", "unix-abstract", unix_diag(5, 101, b"\0name\0x"))
    write("taskstats", "family", genl(1, nla(2, b"TASKSTATS\0") + nla(1, struct.pack("=H", 31))))
    stats = struct.pack("=H6x8x6Q", 16, 1, 2, 3, 4000, 5, 6000) + bytes(300)
    write("taskstats", "tgid", genl(2, nla(0x8005, nla(2, struct.pack("=I", 42)) + nla(3, stats))))
    sessions = os.path.join(FIX, "debian13-logind", "run", "systemd", "sessions")
    for name in sorted(os.listdir(sessions)):
        if not name.startswith("."):
            write("logind_session", "debian13-" + name, fx(sessions, name))
    write("logind_session", "escapes", b"USER=u\nREMOTE_HOST=a\\\\b\\303\\244\\x41\\q\\\n"
          b"SERVICE=\\400\\n\\t\\\"\nTTY=/dev/pts/0\n;comment\n=x\nUID=4294967296\nUSER=\n")
    write("etc_passwd", "passwd", b"root:x:0:0:root:/root:/bin/bash\n# comment\n+nis\n"
          b"daemon:x:1:1::/usr/sbin:/usr/sbin/nologin\nalice:x:1000:1000:Alice,,,:/home/alice:/bin/sh\n")
    write("pid_cmdline", "nul", b"/usr/bin/python3\0-c\0print(1)\0")
    write("pid_cmdline", "spaces", b"nginx: worker process")
    write("pid_cmdline", "single-nul", b"sshd: alice [priv]\0")
    write("pid_environ", "env", b"PATH=/usr/bin:/bin\0HOME=/home/alice\0A=b=c\0=bad\0noeq\0LANG=C\0")
    write("pid_io", "io", b"rchar: 4096\nwchar: 12\nsyscr: 7\nsyscw: 1\nread_bytes: 0\n"
          b"write_bytes: 4096\ncancelled_write_bytes: 0\n")
    write("pid_stat", "stat", b"1234 (my (odd) name) S 1 1234 1234 34816 1234 4194304 100 0 0 0 "
          b"5 3 0 0 20 0 1 0 12345 10000000 500 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 17 1 0 0 7 0 0\n")
    write("pid_statm", "statm", b"2000 500 300 100 0 400 0\n")
    write("pid_status", "status", b"Name:\tbash\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t1234\n"
          b"Ngid:\t0\nPid:\t1234\nPPid:\t1\nUid:\t1000\t1000\t1000\t1000\nGid:\t1000\t1000\t1000\t1000\n"
          b"Threads:\t1\nCpus_allowed_list:\t0-1\nvoluntary_ctxt_switches:\t10\n"
          b"nonvoluntary_ctxt_switches:\t2\n")
    windows_seeds()
    freebsd_seeds()
    macos_seeds()
    return 0


def u16(text):
    """UTF-16LE bytes of a str."""
    return text.encode("utf-16-le")


def windows_seeds():
    """Hand-built buffers in the layouts of 64-bit Windows, one set per parse/windows
    decoder (the Windows calls cannot run here; Wine fills a few of them)."""
    # SYSTEM_PROCESS_INFORMATION: a 256-byte record, then its 80-byte thread records.
    def spi(pid, ppid, threads, next_off):
        rec = bytearray(256)
        struct.pack_into("<II", rec, 0, next_off, len(threads))
        struct.pack_into("<qqq", rec, 32, 133_000_000_000_000_000, 2_000_000, 1_000_000)
        struct.pack_into("<QQI", rec, 80, pid, ppid, 12)  # pid, ppid, handle count
        struct.pack_into("<Q", rec, 144, 4 << 20)  # working set
        out = bytes(rec)
        for tid, state, reason in threads:
            t = bytearray(80)
            struct.pack_into("<qqq", t, 0, 10, 20, 30)
            struct.pack_into("<QQ", t, 32, pid, tid)
            struct.pack_into("<III", t, 64, 7, state, reason)
            out += bytes(t)
        return out
    one = spi(4, 0, [(8, 5, 5)], 0)
    first = spi(100, 4, [(104, 2, 0), (108, 5, 5)], 256 + 2 * 80)
    write("win_system_process_information", "one", one)
    write("win_system_process_information", "chain", first + one)
    # PEB (ProcessParameters at 0x20) and RTL_USER_PROCESS_PARAMETERS.
    write("win_process_parameters", "peb", bytes(0x20) + struct.pack("<Q", 0x7FF0_0000_1000))
    params = bytearray(0x3F8)
    for off, n in ((0x38, 20), (0x60, 40), (0x70, 60)):
        struct.pack_into("<HHxxxxQ", params, off, n, n + 2, 0x1000 + off)
    struct.pack_into("<Q", params, 0x80, 0x2000)
    struct.pack_into("<Q", params, 0x3F0, 64)
    write("win_process_parameters", "parameters", bytes(params))
    write("win_process_parameters", "environment",
          u16("=C:=C:\\work\0PATH=C:\\Windows\0marker=x=y\0Path=dup\0\0"))
    write("win_command_line", "quotes", u16('"C:\\Program Files\\x.exe" a "b c" d\\"e f\\\\"g h" ""'))
    write("win_command_line", "plain", u16("probe.exe child argmarker"))
    # Owner-pid socket tables: a count, then fixed-size rows (ports in network order).
    port = lambda p: struct.pack(">H", p) + b"\0\0"
    tcp4 = struct.pack("<II", 2, 0x0100007F) + port(80) + struct.pack("<I", 0) + port(0) + struct.pack("<I", 1234)
    write("win_tcp_table", "tcp4", struct.pack("<I", 1) + tcp4)
    tcp6 = bytes(15) + b"\1" + struct.pack("<I", 0) + port(443) + bytes(15) + b"\1" + struct.pack("<I", 0) + port(50000) + struct.pack("<II", 5, 4321)
    write("win_tcp_table", "tcp6", struct.pack("<I", 1) + tcp6)
    udp4 = struct.pack("<I", 0) + port(53) + struct.pack("<I", 99)
    write("win_tcp_table", "udp4", struct.pack("<I", 2) + udp4 + udp4)
    # SystemExtendedHandleInformation: a 16-byte header, 40-byte entries.
    hdr = struct.pack("<QQ", 2, 0)
    ent = lambda pid, h, ty: struct.pack("<QQQIHHII", 0xFFFF_8000_0000_0000, pid, h, 0x12019F, 0, ty, 0, 0)
    write("win_handles", "two", hdr + ent(100, 4, 37) + ent(200, 8, 37))
    # MemoryWorkingSetInformation: a count, then one word per page.
    write("win_working_set", "pages", struct.pack("<QQQQ", 3, 0x1001, 0x2101, 0x3000 | 0x100 | (2 << 5)))
    # SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION, two CPUs.
    cpu = lambda i: struct.pack("<qqqqqI4x", 100 * i, 300 * i, 50 * i, 1, 2, 7)
    write("win_processor", "two-cpus", cpu(1) + cpu(2))
    write("win_performance", "zeros", bytes(312))
    write("win_disk_performance", "disk", struct.pack("<qqqqIIII", 10, 20, 30, 40, 5, 6, 7, 1) + bytes(88 - 48))
    write("win_power", "two-cpus", struct.pack("<6I", 0, 2600, 2600, 2600, 0, 0) + struct.pack("<6I", 1, 2600, 1200, 2600, 0, 0))
    write("win_adapters", "sockaddr_in", struct.pack("<H", 2) + struct.pack(">H", 0) + bytes([10, 0, 0, 7]) + bytes(8))
    write("win_adapters", "sockaddr_in6", struct.pack("<H", 23) + bytes(6) + bytes(15) + b"\1" + bytes(4))
    write("win_drives", "drives", u16("C:\\\0Z:\\\0\0"))
    write("win_nt_path", "dos-device", b"\\??\\C:\\windows\\system32\\x.dll")
    write("win_nt_path", "volume", b"\\Device\\HarddiskVolume1\\Users\\a\\")
    write("win_nt_path", "unc", b"\\\\?\\UNC\\server\\share\\f")



def macos_seeds():
    """Hand-built buffers in the LP64 layouts of macOS's headers, one set per
    parse/macos decoder (the macOS calls cannot run here)."""
    def kinfo(pid, ppid, comm, stat):
        b = bytearray(648)
        struct.pack_into("<qi", b, 0, 1_700_000_000, 250_000)
        b[36] = stat
        struct.pack_into("<i", b, 40, pid)
        b[243:243 + len(comm)] = comm
        struct.pack_into("<IIII", b, 392, 501, 502, 20, 21)
        struct.pack_into("<I", b, 420, 501)
        struct.pack_into("<I", b, 428, 20)
        struct.pack_into("<iii", b, 560, ppid, pid, 0)
        struct.pack_into("<i", b, 572, -1)
        return bytes(b)
    write("mac_kinfo_proc", "one", kinfo(1, 0, b"launchd", 2))
    write("mac_kinfo_proc", "two", kinfo(1, 0, b"launchd", 2) + kinfo(99, 1, b"0123456789abcdefg", 5))
    task = bytearray(96)
    struct.pack_into("<QQQQ", task, 0, 4 << 30, 8 << 20, 3_000_000, 1_000_000)
    struct.pack_into("<ii", task, 52, 1200, 30)
    struct.pack_into("<ii", task, 80, 4000, 4)
    write("mac_task_info", "task", bytes(task))
    vm = bytearray(152)
    struct.pack_into("<IIII", vm, 0, 1000, 2000, 3000, 4000)
    struct.pack_into("<QQ", vm, 32, 55, 66)
    struct.pack_into("<I", vm, 92, 77)
    write("mac_host_statistics", "vm64", bytes(vm))
    write("mac_host_statistics", "two-cpus", struct.pack("<8I", 100, 50, 900, 1, 110, 40, 880, 0))
    write("mac_sysctl_values", "boottime", struct.pack("<qi4x", 1_700_000_000, 5))
    write("mac_sysctl_values", "swapusage", struct.pack("<QQQII", 3 << 30, 1 << 30, 2 << 30, 4096, 1))
    write("mac_procargs", "sleep", struct.pack("<i", 2) + b"/bin/sleep\0\0\0sleep\x0010\0PATH=/bin\0HOME=/\0\0ptr_munge=\0")
    fds = struct.pack("<iIiIiI", 0, 1, 1, 1, 3, 2)
    write("mac_fdinfo", "fd-list", fds)
    vnode = bytearray(24 + 152 + 1024)
    vnode[176:176 + 6] = b"/tmp/x"
    write("mac_fdinfo", "vnode", bytes(vnode))
    sock = bytearray(792)
    struct.pack_into("<i", sock, 24 + 152, 1)        # soi_type SOCK_STREAM
    struct.pack_into("<i", sock, 24 + 160, 2)        # soi_family AF_INET
    struct.pack_into("<i", sock, 24 + 232, 2)        # soi_kind SOCKINFO_TCP
    struct.pack_into(">H", sock, 264, 443)           # insi_fport
    struct.pack_into(">H", sock, 268, 8080)          # insi_lport
    sock[288] = 1                                    # insi_vflag INI_IPV4
    sock[296 + 12:296 + 16] = bytes([10, 0, 0, 2])   # insi_faddr
    sock[312 + 12:312 + 16] = bytes([127, 0, 0, 1])  # insi_laddr
    struct.pack_into("<i", sock, 344, 4)             # tcpsi_state ESTABLISHED
    write("mac_fdinfo", "tcp4", bytes(sock))
    unix = bytearray(792)
    struct.pack_into("<i", unix, 24 + 160, 1)        # AF_UNIX
    struct.pack_into("<i", unix, 24 + 232, 3)        # SOCKINFO_UN
    unix[282:282 + 15] = b"/var/run/s.sock"
    write("mac_fdinfo", "unix", bytes(unix))

    def ifmsg(name, seed):
        m = bytearray(160 + 8 + len(name))
        struct.pack_into("<H", m, 0, len(m))
        m[3] = 0x12
        for i, at in enumerate((56, 64, 72, 80, 96, 104, 128)):
            struct.pack_into("<Q", m, at, seed + i)
        m[160 + 5] = len(name)
        m[168:] = name
        return bytes(m)
    write("mac_if_msghdr", "two", ifmsg(b"lo0", 100) + bytes([12, 0, 5, 0xc]) + bytes(8) + ifmsg(b"en0", 200))
    write("mac_attrlist", "spaceused", struct.pack("<Iq", 12, 250_000_000_000))
    write("mac_voltage_states", "p-cores", struct.pack("<6I", 600_000_000, 800, 1_968_000_000, 900, 3_228_000_000, 1000))



def freebsd_seeds():
    """Hand-built buffers in the layouts of FreeBSD >= 12 on amd64, one set per
    parse/freebsd decoder (the sysctls cannot run here)."""
    def put(buf, at, data):
        buf[at:at + len(data)] = data
    # kern.proc.pid: one kinfo_proc (KINFO_PROC_SIZE 1088).
    kp = bytearray(1088)
    put(kp, 0, struct.pack("<i", 1088))
    put(kp, 72, struct.pack("<ii", 1234, 1))          # ki_pid, ki_ppid
    put(kp, 168, struct.pack("<IIIII", 0, 1001, 0, 20, 20))  # uid, ruid, svuid, rgid, svgid
    put(kp, 256, struct.pack("<Qq", 1 << 24, 100))    # ki_size, ki_rssize
    put(kp, 336, struct.pack("<qq", 1700000000, 5))   # ki_start
    put(kp, 388, bytes([3]))                          # ki_stat SSLEEP
    put(kp, 447, b"sshd\0")                           # ki_comm
    put(kp, 560, struct.pack("<Q", 0xFFFFFFFFFFFFFFFF))  # ki_tdev NODEV
    put(kp, 596, struct.pack("<i", 2))                # ki_numthreads
    write("bsd_kinfo_proc", "one", bytes(kp))
    write("bsd_kinfo_proc", "two", bytes(kp) * 2)
    # kern.cp_times: two CPUs of five longs.
    write("bsd_cp_time", "two-cpus", struct.pack("<10q", 1, 2, 3, 4, 5, 10, 20, 30, 40, 50))
    # kern.devstat.all: the generation, then one struct devstat (288 bytes).
    ds = bytearray(288)
    put(ds, 44, b"ada\0")
    put(ds, 96 + 8, struct.pack("<QQ", 10, 20))       # operations[READ], [WRITE]
    write("bsd_devstat", "ada0", struct.pack("<q", 7) + bytes(ds))
    # NET_RT_IFLIST: an RTM_IFINFO for em0, then an RTM_NEWADDR.
    ifm = bytearray(168 + 8 + 3 + 8)
    put(ifm, 0, struct.pack("<HBB", len(ifm), 5, 0x0E))
    put(ifm, 8, struct.pack("<i", 0x8843))
    put(ifm, 16 + 8, struct.pack("<I", 1500))
    put(ifm, 168, bytes([20, 18, 1, 0, 6, 3, 6, 0]) + b"em0")
    write("bsd_if_msghdr", "em0", bytes(ifm) + struct.pack("<HBB", 8, 5, 0x0C) + bytes(4))
    # kern.proc.filedesc: the cwd entry, a regular file, a TCP socket.
    def kf(ty, fd, vtype, path, extra=b""):
        size = (368 + len(path) + 1 + 7) // 8 * 8
        r = bytearray(size)
        put(r, 0, struct.pack("<iii", size, ty, fd))
        put(r, 32, struct.pack("<i", vtype) + extra)
        put(r, 368, path)
        return bytes(r)
    sin = struct.pack("<BBH", 16, 2, 0x5000) + bytes([127, 0, 0, 1]) + bytes(8)
    sock = struct.pack("<iii", 2, 1, 6) + sin + bytes(128 - len(sin)) + sin
    write("bsd_kinfo_file", "table", kf(1, -1, 2, b"/home/u") + kf(1, 3, 1, b"/var/log/x") + kf(2, 4, 0, b"", sock))
    # kern.proc.vmmap: one vnode mapping and one anonymous.
    def kve(ty, start, prot, path):
        size = (136 + len(path) + 1 + 7) // 8 * 8
        r = bytearray(size)
        put(r, 0, struct.pack("<iiQQ", size, ty, start, start + 4096))
        put(r, 48, struct.pack("<iiiii", 1, 1, prot, 1, 0))
        put(r, 136, path)
        return bytes(r)
    write("bsd_kinfo_vmentry", "maps", kve(2, 0x400000, 5, b"/bin/sh") + kve(1, 0x800000, 3, b""))
    write("bsd_sockaddr", "in6", struct.pack("<BBH", 28, 28, 0x1600) + bytes(4) + bytes(15) + b"\1" + bytes(4))
    write("bsd_sockaddr", "un", struct.pack("<BB", 20, 1) + b"/tmp/sock\0")
    # PCB lists: xinpgen (64 bytes), records, xinpgen. An xinpcb of 400 bytes with its
    # 240-byte xsocket (xso_so at 8, so_pcb at 16, xso_family at 100), in_conninfo after.
    gen = struct.pack("<Q", 64) + bytes(56)
    def xinpcb(so, port):
        r = bytearray(400)
        put(r, 0, struct.pack("<QQQQ", 400, 240, so, so + 1))
        put(r, 8 + 100, struct.pack("<i", 2))
        put(r, 248 + 6, struct.pack(">H", port))
        put(r, 248 + 24 + 12, bytes([127, 0, 0, 1]))
        return bytes(r)
    tcp = bytearray(8 + 400 + 160 + 4 + 100)
    put(tcp, 0, struct.pack("<Q", len(tcp)))
    put(tcp, 8, xinpcb(0xFFFFF80012340000, 22))
    put(tcp, 8 + 400 + 160, struct.pack("<i", 1))
    write("bsd_pcblist", "tcp-listen", gen + bytes(tcp) + gen)
    write("bsd_pcblist", "udp", gen + xinpcb(0xFFFFF80056780000, 53) + gen)
    unp = bytearray(152 + 512 + 240)
    put(unp, 0, struct.pack("<Q", len(unp)))
    put(unp, 152, struct.pack("<BB", 16, 1) + b"/tmp/s\0")
    put(unp, 152 + 512 + 8, struct.pack("<Q", 0xFFFFF80099990000))
    write("bsd_pcblist", "unix", gen + bytes(unp) + gen)
    # kern.file: a vnode then a socket (struct xfile, 128 bytes).
    def xf(pid, fd, ty, data):
        r = bytearray(128)
        put(r, 0, struct.pack("<QiIi", 128, pid, 0, fd))
        put(r, 32, struct.pack("<h", ty))
        put(r, 56, struct.pack("<Q", data))
        return bytes(r)
    write("bsd_xfile", "files", xf(10, 3, 1, 0) + xf(10, 4, 2, 0xFFFFF80012340000))
    write("bsd_values", "timeval", struct.pack("<qq", 1700000000, 999))
    write("bsd_values", "xswdev", struct.pack("<IIQiii4x", 2, 0, 0, 0, 1000, 10))
    write("bsd_values", "topology", b'<groups><group level="1"><cpu count="2">0, 1</cpu><children>'
          b'<group level="2"><cpu count="1">0</cpu></group><group level="2"><cpu count="1">1</cpu></group>'
          b'</children></group></groups>')
    write("bsd_values", "freq-levels", b"2401/35000 2400/35000 800/8000")
    write("bsd_values", "args", b"/bin/sh\0-c\0echo hi\0")
    cgroup_seeds()


def cgroup_seeds():
    """The files of the cgroup fixture trees, each under the target of its format."""
    formats = {
        "cgroup_pid_cgroup": lambda f: f == "cgroup",
        "cgroup_mountinfo": lambda f: f == "mountinfo",
        "cgroup_cpu_max": lambda f: f == "cpu.max",
        "cgroup_keyed": lambda f: f in ("cpu.stat", "memory.stat", "memory.events", "cpuacct.stat",
                                        "memory.oom_control"),
        "cgroup_io_max": lambda f: f == "io.max",
        "cgroup_io_stat": lambda f: f == "io.stat",
        "cgroup_blkio": lambda f: f.startswith("blkio.throttle."),
        "cgroup_pressure": lambda f: f.endswith(".pressure") or f in ("cpu", "memory", "io", "irq"),
        "cgroup_limit": lambda f: f.endswith((".max", ".high", "_in_bytes", ".current", ".usage",
                                              "_us", ".weight", ".shares")) and f not in ("cpu.max", "io.max"),
    }
    seen = set()
    for tree in ("cgroup-v1", "cgroup-v2", "cgroup-hybrid"):
        for dirpath, _, files in sorted(os.walk(os.path.join(FIX, tree))):
            for f in sorted(files):
                data = fx(dirpath, f)
                if not data:
                    continue
                rel = os.path.relpath(os.path.join(dirpath, f), os.path.join(FIX, tree))
                for target, wanted in formats.items():
                    if wanted(f) and (target, data) not in seen:
                        seen.add((target, data))
                        write(target, tree + "-" + rel.replace("/", "_").replace(",", "_"), data)
    write("cgroup_limit", "minus-one", b"-1\n")
    write("cgroup_pid_cgroup", "namespace", b"0::/../../other\n12:cpu,cpuacct:/a:b\n")


if __name__ == "__main__":
    sys.exit(main())
