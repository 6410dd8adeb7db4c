//! The properties every fuzz target checks, one function per parser module of
//! `psutil_rs::parse`, shared by three users:
//!
//! - the cargo-fuzz targets in `fuzz/fuzz_targets/` (nightly, `scripts/fuzz.sh`);
//! - the stable corpus replay `crates/psutil-rs/tests/it/fuzz_corpus.rs`, which includes
//!   this file with `#[path]` and runs every committed corpus and crash file through
//!   every check;
//! - the proptest suite `crates/psutil-rs/tests/it/proptests.rs` (arbitrary bytes).
//!
//! Each check calls the parser(s) of one kernel file on arbitrary bytes. A panic anywhere
//! (in the parser or in a failed `assert!`) is a finding. Besides "no panic", a parse
//! that succeeds must be consistent with its input: usually the parsed value, rendered
//! back in the kernel's format, parses to the same value; otherwise a cheaper invariant
//! (bounds, sizes, substrings of the input).
//!
//! This file depends on `psutil_rs` and `std` only.

#![allow(clippy::missing_panics_doc)]

use std::net::IpAddr;

use psutil_rs::parse::freebsd as bsd;
use psutil_rs::parse::macos as mac;
use psutil_rs::parse::windows as win;
use psutil_rs::parse::{
    cpu_list, cpuinfo, diskstats, etc_passwd, fields, filesystems, loadavg, logind_session,
    meminfo, mounts, net_dev, net_inet, net_unix, partitions, pid_cmdline, pid_environ, pid_fdinfo,
    pid_io, pid_smaps, pid_stat, pid_statm, pid_status, proc_stat, sock_diag, sysfs, taskstats,
    utmp, vmstat, zoneinfo,
};

// the checks of parse/cgroup/
mod cgroup;
pub use cgroup::*;

/// One property check: panics on a finding.
pub type Check = fn(&[u8]);

/// Every check, by fuzz target name (the `fuzz/fuzz_targets/<name>.rs` file and the
/// `fuzz/corpus/<name>/` directory).
pub const TARGETS: &[(&str, Check)] = &[
    ("fields", check_fields),
    ("cgroup_pid_cgroup", check_cgroup_pid_cgroup),
    ("cgroup_mountinfo", check_cgroup_mountinfo),
    ("cgroup_limit", check_cgroup_limit),
    ("cgroup_cpu_max", check_cgroup_cpu_max),
    ("cgroup_keyed", check_cgroup_keyed),
    ("cgroup_io_max", check_cgroup_io_max),
    ("cgroup_io_stat", check_cgroup_io_stat),
    ("cgroup_blkio", check_cgroup_blkio),
    ("cgroup_pressure", check_cgroup_pressure),
    ("meminfo", check_meminfo),
    ("vmstat", check_vmstat),
    ("zoneinfo", check_zoneinfo),
    ("proc_stat", check_proc_stat),
    ("cpu_list", check_cpu_list),
    ("cpuinfo", check_cpuinfo),
    ("loadavg", check_loadavg),
    ("diskstats", check_diskstats),
    ("partitions", check_partitions),
    ("filesystems", check_filesystems),
    ("mounts", check_mounts),
    ("net_dev", check_net_dev),
    ("net_inet", check_net_inet),
    ("net_unix", check_net_unix),
    ("sock_diag", check_sock_diag),
    ("taskstats", check_taskstats),
    ("utmp", check_utmp),
    ("logind_session", check_logind_session),
    ("sysfs", check_sysfs),
    ("etc_passwd", check_etc_passwd),
    ("pid_cmdline", check_pid_cmdline),
    ("pid_environ", check_pid_environ),
    ("pid_fdinfo", check_pid_fdinfo),
    ("pid_io", check_pid_io),
    ("pid_smaps", check_pid_smaps),
    ("pid_stat", check_pid_stat),
    ("pid_statm", check_pid_statm),
    ("pid_status", check_pid_status),
    // parse/freebsd: the decoders of the FreeBSD sysctl buffers (`bsd_<module>`)
    ("bsd_cp_time", check_bsd_cp_time),
    ("bsd_devstat", check_bsd_devstat),
    ("bsd_if_msghdr", check_bsd_if_msghdr),
    ("bsd_kinfo_file", check_bsd_kinfo_file),
    ("bsd_kinfo_proc", check_bsd_kinfo_proc),
    ("bsd_kinfo_vmentry", check_bsd_kinfo_vmentry),
    ("bsd_sockaddr", check_bsd_sockaddr),
    ("bsd_pcblist", check_bsd_pcblist),
    ("bsd_xfile", check_bsd_xfile),
    ("bsd_values", check_bsd_values),
    // parse/windows: the decoders of the Windows calls' buffers (`win_<module>`)
    ("win_adapters", check_win_adapters),
    ("win_command_line", check_win_command_line),
    ("win_disk_performance", check_win_disk_performance),
    ("win_drives", check_win_drives),
    ("win_handles", check_win_handles),
    ("win_nt_path", check_win_nt_path),
    ("win_performance", check_win_performance),
    ("win_power", check_win_power),
    ("win_process_parameters", check_win_process_parameters),
    ("win_processor", check_win_processor),
    (
        "win_system_process_information",
        check_win_system_process_information,
    ),
    ("win_tcp_table", check_win_tcp_table),
    ("win_working_set", check_win_working_set),
    // parse/macos: the decoders of the macOS calls' buffers (`mac_<module>`)
    ("mac_attrlist", check_mac_attrlist),
    ("mac_fdinfo", check_mac_fdinfo),
    ("mac_host_statistics", check_mac_host_statistics),
    ("mac_if_msghdr", check_mac_if_msghdr),
    ("mac_kinfo_proc", check_mac_kinfo_proc),
    ("mac_procargs", check_mac_procargs),
    ("mac_sysctl_values", check_mac_sysctl_values),
    ("mac_task_info", check_mac_task_info),
    ("mac_voltage_states", check_mac_voltage_states),
];

fn line_count(data: &[u8]) -> usize {
    data.split(|&c| c == b'\n').count()
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

fn is_ascii_digits(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(u8::is_ascii_digit)
}

/// `parse/fields.rs`: the number parsers agree with `std`'s on the inputs both accept.
pub fn check_fields(data: &[u8]) {
    let text = std::str::from_utf8(data).ok();
    let u = fields::parse_u64(data);
    if is_ascii_digits(data) {
        assert_eq!(u, text.and_then(|t| t.parse::<u64>().ok()));
    } else {
        assert_eq!(u, None);
    }
    if let Some(v) = u {
        assert_eq!(fields::parse_u64(v.to_string().as_bytes()), Some(v));
    }
    let i = fields::parse_i64(data);
    let signless = data
        .strip_prefix(b"-")
        .or(data.strip_prefix(b"+"))
        .unwrap_or(data);
    if is_ascii_digits(signless) {
        assert_eq!(i, text.and_then(|t| t.parse::<i64>().ok()));
    } else {
        assert_eq!(i, None);
    }
    if let Some(v) = fields::parse_hex_u64(data) {
        assert!(data.len() <= 16);
        assert_eq!(fields::parse_hex_u64(format!("{v:x}").as_bytes()), Some(v));
    }
    if let Some(v) = fields::parse_f64(data) {
        assert!(!v.is_nan(), "{v}");
    }
    for w in fields::words(data) {
        assert!(!w.is_empty() && !w.iter().any(u8::is_ascii_whitespace));
    }
    for (n, l) in fields::lines(data) {
        assert!(n >= 1 && !l.is_empty() && !l.contains(&b'\n'));
    }
}

fn render_meminfo(m: &meminfo::Meminfo) -> Vec<u8> {
    let rows = [
        ("MemTotal", m.mem_total),
        ("MemFree", m.mem_free),
        ("MemAvailable", m.mem_available),
        ("Buffers", m.buffers),
        ("Cached", m.cached),
        ("Active", m.active),
        ("Inactive", m.inactive),
        ("Active(file)", m.active_file),
        ("Inactive(file)", m.inactive_file),
        ("Shmem", m.shmem),
        ("MemShared", m.mem_shared),
        ("Slab", m.slab),
        ("SReclaimable", m.s_reclaimable),
        ("SwapTotal", m.swap_total),
        ("SwapFree", m.swap_free),
        ("Inact_dirty", m.inact_dirty),
        ("Inact_clean", m.inact_clean),
        ("Inact_laundry", m.inact_laundry),
    ];
    let mut out = String::new();
    for (k, v) in rows {
        if let Some(v) = v {
            // Every field psutil uses is printed in kB by the kernel.
            assert_eq!(v % 1024, 0, "{k} = {v} is not a whole number of kB");
            out.push_str(&format!("{k}:{:>16} kB\n", v / 1024));
        }
    }
    out.into_bytes()
}

/// `parse/meminfo.rs`: a successful parse has `MemTotal`, and the fields rendered back
/// as `/proc/meminfo` lines parse to the same value.
pub fn check_meminfo(data: &[u8]) {
    if let Ok(m) = meminfo::parse(data) {
        assert!(m.mem_total.is_some());
        assert_eq!(meminfo::parse(&render_meminfo(&m)).ok(), Some(m));
    }
}

/// `parse/vmstat.rs`: render/parse round trip of the counters read.
pub fn check_vmstat(data: &[u8]) {
    if let Ok(v) = vmstat::parse(data) {
        let mut s = String::from("nr_free_pages 1\n");
        if let Some(x) = v.pswpin {
            s.push_str(&format!("pswpin {x}\n"));
        }
        if let Some(x) = v.pswpout {
            s.push_str(&format!("pswpout {x}\n"));
        }
        assert_eq!(vmstat::parse(s.as_bytes()).ok(), Some(v));
    }
}

/// `parse/zoneinfo.rs`: the sum equals an independent sum over the `low` lines.
pub fn check_zoneinfo(data: &[u8]) {
    let Ok(sum) = zoneinfo::sum_low_watermarks(data) else {
        return;
    };
    let mut expect: Option<u64> = None;
    for line in data.split(|&c| c == b'\n') {
        let text = String::from_utf8_lossy(line);
        let mut w = text.split_ascii_whitespace();
        if w.next() == Some("low") {
            let v: u64 = w.next().unwrap().parse().unwrap();
            expect = Some(expect.unwrap_or(0).checked_add(v).unwrap());
        }
    }
    assert_eq!(sum, expect);
}

fn render_ticks(label: &str, t: &proc_stat::CpuTicks, columns: usize) -> String {
    let mut v = vec![t.user, t.nice, t.system, t.idle, t.iowait, t.irq, t.softirq];
    v.extend(t.steal);
    v.extend(t.guest);
    v.extend(t.guest_nice);
    assert_eq!(
        v.len(),
        columns,
        "{label}: optional columns disagree with columns"
    );
    let nums: Vec<String> = v.iter().map(u64::to_string).collect();
    format!("{label} {}\n", nums.join(" "))
}

/// `parse/proc_stat.rs`: the CPU lines render back to the same value; `btime` and the
/// counters appear in the input; the counts are bounded by the line count.
pub fn check_proc_stat(data: &[u8]) {
    if let Ok(c) = proc_stat::parse_cpu_lines(data) {
        assert!((7..=10).contains(&c.columns));
        assert!(c.percpu.len() < line_count(data));
        let mut s = render_ticks("cpu", &c.total, c.columns);
        for (i, t) in c.percpu.iter().enumerate() {
            s.push_str(&render_ticks(&format!("cpu{i}"), t, c.columns));
        }
        assert_eq!(proc_stat::parse_cpu_lines(s.as_bytes()).ok(), Some(c));
    }
    if let Ok(b) = proc_stat::parse_btime(data) {
        assert!(contains(data, b.to_string().as_bytes()));
    }
    if let Ok(k) = proc_stat::parse_counters(data) {
        for v in [k.ctxt, k.intr, k.softirq].into_iter().flatten() {
            assert!(contains(data, v.to_string().as_bytes()));
        }
    }
    assert!(proc_stat::count_cpu_lines(data) <= line_count(data));
}

/// `parse/cpuinfo.rs`: counts bounded by the line count, known `MHz` values are finite
/// and not negative.
pub fn check_cpuinfo(data: &[u8]) {
    let lines = line_count(data);
    assert!(cpuinfo::count_processors(data) <= lines);
    if let Ok(m) = cpuinfo::mhz(data) {
        assert!(m.len() <= lines);
        assert!(m.iter().flatten().all(|v| v.is_finite() && *v >= 0.0));
    }
    if let Ok(Some(n)) = cpuinfo::physical_cores(data) {
        assert!(n > 0);
    }
}

/// `parse/cpu_list.rs`: sorted without repeats; the CPUs, written back one by one,
/// parse to the same list.
pub fn check_cpu_list(data: &[u8]) {
    if let Ok(cpus) = cpu_list::parse(data) {
        assert!(cpus.windows(2).all(|w| w[0] < w[1]));
        let text: Vec<String> = cpus.iter().map(u32::to_string).collect();
        assert_eq!(cpu_list::parse(text.join(",").as_bytes()).ok(), Some(cpus));
    }
}

/// `parse/loadavg.rs`: three non-negative numbers that round-trip through text.
pub fn check_loadavg(data: &[u8]) {
    if let Ok(l) = loadavg::parse(data) {
        assert!(l.iter().all(|v| *v >= 0.0 && v.is_finite()));
        let s = format!("{} {} {} 1/1 1\n", l[0], l[1], l[2]);
        assert_eq!(loadavg::parse(s.as_bytes()).ok(), Some(l));
    }
}

fn render_diskstat(d: &diskstats::DiskStat) -> String {
    // The 2.6-4.17 layout: major minor name + 11 counters.
    format!(
        "   8       0 {} {} {} {} {} {} {} {} {} 0 {} 0\n",
        d.name,
        d.reads,
        d.reads_merged,
        d.read_sectors,
        d.read_time,
        d.writes,
        d.writes_merged,
        d.write_sectors,
        d.write_time,
        d.busy_time
    )
}

/// `parse/diskstats.rs`: one record per non-blank line, named by one word, rendered
/// back in the 14-field layout to the same value; `parse_block_stat` keeps the name.
pub fn check_diskstats(data: &[u8]) {
    if let Ok(v) = diskstats::parse(data) {
        let nonblank = data
            .split(|&c| c == b'\n')
            .filter(|l| l.iter().any(|c| !c.is_ascii_whitespace()))
            .count();
        assert_eq!(v.len(), nonblank);
        let mut s = String::new();
        for d in &v {
            assert!(!d.name.is_empty() && !d.name.bytes().any(|c| c.is_ascii_whitespace()));
            s.push_str(&render_diskstat(d));
        }
        assert_eq!(diskstats::parse(s.as_bytes()).ok(), Some(v));
    }
    if let Ok(d) = diskstats::parse_block_stat("sda", data) {
        assert_eq!(d.name, "sda");
    }
}

/// `parse/partitions.rs`: never fails, names are one non-empty word; `DEVNAME=` is in
/// the input; `major:minor` round-trips.
pub fn check_partitions(data: &[u8]) {
    let parts = partitions::parse(data).expect("partitions::parse never fails");
    for p in &parts {
        assert!(!p.name.is_empty() && !p.name.iter().any(u8::is_ascii_whitespace));
    }
    if let Some(name) = partitions::uevent_devname(data) {
        assert!(!name.is_empty() && contains(data, &name));
    }
    if let Some((a, b)) = partitions::parse_dev(data) {
        assert_eq!(
            partitions::parse_dev(format!("{a}:{b}\n").as_bytes()),
            Some((a, b))
        );
    }
}

/// `parse/filesystems.rs`: names are one word; `[nodev]\tname` lines round-trip.
pub fn check_filesystems(data: &[u8]) {
    if let Ok(v) = filesystems::parse(data) {
        let mut s = String::new();
        for f in &v {
            assert!(!f.name.is_empty() && !f.name.bytes().any(|c| c.is_ascii_whitespace()));
            s.push_str(if f.nodev { "nodev\t" } else { "\t" });
            s.push_str(&f.name);
            s.push('\n');
        }
        assert_eq!(filesystems::parse(s.as_bytes()).ok(), Some(v));
    }
}

/// The kernel's escaping of a mount-table field (`mangle()` in fs/proc_namespace.c).
pub fn mount_escape(field: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(field.len());
    for &c in field {
        match c {
            b' ' => out.extend_from_slice(b"\\040"),
            b'\t' => out.extend_from_slice(b"\\011"),
            b'\n' => out.extend_from_slice(b"\\012"),
            b'\\' => out.extend_from_slice(b"\\134"),
            _ => out.push(c),
        }
    }
    out
}

/// `parse/mounts.rs`: never fails; every entry, re-escaped and printed as a mount-table
/// line, parses to the same entry; `decode` inverts the kernel's escaping.
pub fn check_mounts(data: &[u8]) {
    assert_eq!(mounts::decode(&mount_escape(data)), data);
    let entries = mounts::parse(data).expect("mounts::parse never fails");
    let mut s = Vec::new();
    for e in &entries {
        let fields = [&e.fsname, &e.dir, &e.fstype, &e.opts];
        assert!(!e.fsname.is_empty());
        // A missing field is empty and so are all after it.
        let present = fields.iter().take_while(|f| !f.is_empty()).count();
        assert!(fields.iter().skip(present).all(|f| f.is_empty()));
        let escaped: Vec<Vec<u8>> = fields
            .iter()
            .take(present)
            .map(|f| mount_escape(f))
            .collect();
        s.extend_from_slice(&escaped.join(&b' '));
        s.push(b'\n');
    }
    assert_eq!(mounts::parse(&s).unwrap(), entries);
}

/// `parse/net_dev.rs`: interfaces render back to `/proc/net/dev` lines with the same
/// value.
pub fn check_net_dev(data: &[u8]) {
    if let Ok(v) = net_dev::parse(data) {
        let mut s = String::from("Inter-|   Receive\n face |bytes\n");
        for d in &v {
            assert!(!d.name.is_empty());
            s.push_str(&format!(
                "{:>6}: {} {} {} {} 0 0 0 0 {} {} {} {} 0 0 0 0\n",
                d.name,
                d.rx_bytes,
                d.rx_packets,
                d.rx_errs,
                d.rx_drop,
                d.tx_bytes,
                d.tx_packets,
                d.tx_errs,
                d.tx_drop
            ));
        }
        assert_eq!(net_dev::parse(s.as_bytes()).ok(), Some(v));
    }
}

fn render_inet_addr((ip, port): (IpAddr, u16)) -> String {
    let words: Vec<[u8; 4]> = match ip {
        IpAddr::V4(a) => vec![a.octets()],
        IpAddr::V6(a) => a
            .octets()
            .chunks(4)
            .map(|c| [c[0], c[1], c[2], c[3]])
            .collect(),
    };
    let hex: String = words
        .iter()
        .map(|w| format!("{:08X}", u32::from_ne_bytes(*w)))
        .collect();
    format!("{hex}:{port:04X}")
}

/// `parse/net_inet.rs`: both address families; the socket lines render back to the
/// same value, and every address is of the file's family.
pub fn check_net_inet(data: &[u8]) {
    for version in [net_inet::IpVersion::V4, net_inet::IpVersion::V6] {
        let Ok(v) = net_inet::parse(data, version, "net/tcp") else {
            continue;
        };
        let mut s = String::from("  sl  local_address rem_address   st\n");
        for (i, sock) in v.iter().enumerate() {
            for ip in [sock.local.0, sock.remote.0] {
                assert_eq!(ip.is_ipv4(), version == net_inet::IpVersion::V4);
            }
            s.push_str(&format!(
                "{i:4}: {} {} {:02X} 00000000:00000000 00:00000000 00000000 0 0 {} 1\n",
                render_inet_addr(sock.local),
                render_inet_addr(sock.remote),
                sock.state,
                sock.inode
            ));
        }
        assert_eq!(
            net_inet::parse(s.as_bytes(), version, "net/tcp").ok(),
            Some(v)
        );
    }
    if let Some(a) = net_inet::decode_address(data, net_inet::IpVersion::V4) {
        let again = render_inet_addr(a);
        assert_eq!(
            net_inet::decode_address(again.as_bytes(), net_inet::IpVersion::V4),
            Some(a)
        );
    }
}

/// `parse/net_unix.rs`: the socket lines render back to the same value.
pub fn check_net_unix(data: &[u8]) {
    if let Ok(v) = net_unix::parse(data) {
        let mut s = b"Num       RefCount Protocol Flags    Type St Inode Path\n".to_vec();
        for u in &v {
            assert!(!u.path.contains(&b'\n'));
            s.extend_from_slice(
                format!(
                    "0000000000000000: 00000002 00000000 00010000 {:04X} 01 {}",
                    u.sock_type, u.inode
                )
                .as_bytes(),
            );
            if !u.path.is_empty() {
                s.push(b' ');
                s.extend_from_slice(&u.path);
            }
            s.push(b'\n');
        }
        assert_eq!(net_unix::parse(&s).ok(), Some(v));
    }
}

/// `parse/sock_diag.rs`: a decoded `inet_diag_msg` has addresses of the message's
/// family; a decoded Unix name never contains NUL (the kernel prints those as `@`).
pub fn check_sock_diag(data: &[u8]) {
    if let Ok(s) = sock_diag::parse_inet(data) {
        assert!(data.len() >= 72);
        let v4 = data.first() == Some(&2);
        assert_eq!(s.local.0.is_ipv4(), v4);
        assert_eq!(s.remote.0.is_ipv4(), v4);
        assert!(s.inode <= u64::from(u32::MAX));
    }
    if let Ok(u) = sock_diag::parse_unix(data) {
        assert!(data.len() >= 16);
        assert!(!u.path.contains(&0));
        assert!(u.path.len() <= data.len());
    }
}

/// `parse/taskstats.rs`: a parsed reply holds what was parsed: the family id's bytes,
/// or the six delay counters' bytes, appear in the input.
pub fn check_taskstats(data: &[u8]) {
    if let Ok(id) = taskstats::family_id(data) {
        assert!(contains(data, &id.to_ne_bytes()));
    }
    if let Ok(d) = taskstats::delays(data) {
        assert!(data.len() >= 4 + 4 + 4 + 16 + 48);
        let mut counters = Vec::new();
        for v in [
            d.cpu_count,
            d.cpu_delay_total,
            d.blkio_count,
            d.blkio_delay_total,
            d.swapin_count,
            d.swapin_delay_total,
        ] {
            counters.extend_from_slice(&v.to_ne_bytes());
        }
        assert!(contains(data, &counters));
    }
}

fn put(buf: &mut [u8], at: usize, bytes: &[u8]) {
    let n = bytes.len().min(buf.len().saturating_sub(at));
    buf[at..at + n].copy_from_slice(&bytes[..n]);
}

/// Builds the bytes of one record (the inverse of `utmp::parse_record`).
pub fn render_utmp(r: &utmp::UtmpRecord, layout: utmp::Layout) -> Vec<u8> {
    let mut b = vec![0u8; layout.record_size()];
    put(&mut b, 0, &r.ut_type.to_ne_bytes());
    put(&mut b, 4, &r.ut_pid.to_ne_bytes());
    put(&mut b, 8, &r.ut_line);
    put(&mut b, 40, &r.ut_id);
    put(&mut b, 44, &r.ut_user);
    put(&mut b, 76, &r.ut_host);
    put(&mut b, 332, &r.e_termination.to_ne_bytes());
    put(&mut b, 334, &r.e_exit.to_ne_bytes());
    match layout {
        utmp::Layout::Compat32 => {
            for (at, v) in [(336, r.ut_session), (340, r.tv_sec), (344, r.tv_usec)] {
                let v = i32::try_from(v).expect("compat32 fields are 32-bit");
                put(&mut b, at, &v.to_ne_bytes());
            }
            put(&mut b, 348, &r.ut_addr_v6);
        }
        utmp::Layout::Wide64 => {
            for (at, v) in [(336, r.ut_session), (344, r.tv_sec), (352, r.tv_usec)] {
                put(&mut b, at, &v.to_ne_bytes());
            }
            put(&mut b, 360, &r.ut_addr_v6);
        }
    }
    b
}

/// `parse/utmp.rs`: one record per whole record size; string fields fit their arrays
/// and have no NUL; each record, written back to bytes, parses to the same record.
pub fn check_utmp(data: &[u8]) {
    for layout in [utmp::Layout::Compat32, utmp::Layout::Wide64] {
        let recs = utmp::parse(data, layout);
        assert_eq!(recs.len(), data.len() / layout.record_size());
        for r in &recs {
            for (f, max) in [
                (&r.ut_line, 32),
                (&r.ut_id, 4),
                (&r.ut_user, 32),
                (&r.ut_host, 256),
            ] {
                assert!(f.len() <= max && !f.contains(&0));
            }
            let bytes = render_utmp(r, layout);
            assert_eq!(&utmp::parse_record(&bytes, layout), r);
        }
        // A short slice reads as zeros past its end, without panicking.
        let _ = utmp::parse_record(data, layout);
    }
}

/// `parse/sysfs.rs`: `int` and `float` round-trip through their text; `int` agrees
/// with `std` on plain decimal input; `text` is trimmed and idempotent.
pub fn check_sysfs(data: &[u8]) {
    if let Some(v) = sysfs::int(data) {
        assert_eq!(sysfs::int(format!("{v}\n").as_bytes()), Some(v));
        assert_eq!(sysfs::float(format!("{v}").as_bytes()), Some(v as f64));
    }
    if is_ascii_digits(data) {
        let std = std::str::from_utf8(data).unwrap().parse::<i64>().ok();
        assert_eq!(sysfs::int(data), std);
    }
    if let Some(v) = sysfs::float(data) {
        if v.is_finite() {
            assert_eq!(sysfs::float(format!("{v}").as_bytes()), Some(v));
            assert_eq!(sysfs::float(format!("{v:e}").as_bytes()), Some(v));
        }
    }
    let t = sysfs::text(data);
    assert_eq!(sysfs::text(t.as_bytes()), t);
    assert_eq!(t.trim(), t);
}

/// systemd's `cescape()`: the inverse of `logind_session::unescape` (octal for control
/// and non-ASCII bytes, as logind writes them).
pub fn cescape(s: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        match c {
            0x07 => out.extend_from_slice(b"\\a"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0c => out.extend_from_slice(b"\\f"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x0b => out.extend_from_slice(b"\\v"),
            b'\\' | b'"' | b'\'' => out.extend_from_slice(&[b'\\', c]),
            c if !(0x20..0x7f).contains(&c) => {
                out.extend_from_slice(&[
                    b'\\',
                    b'0' + (c >> 6),
                    b'0' + ((c >> 3) & 7),
                    b'0' + (c & 7),
                ]);
            }
            c => out.push(c),
        }
    }
    out
}

/// A session written back as logind writes it (`session_save()`): `KEY=value` lines,
/// the remote host, remote user and service C-escaped.
pub fn render_logind_session(s: &logind_session::Session) -> Vec<u8> {
    let mut out = b"# This is private data. Do not parse.\n".to_vec();
    let mut line = |key: &str, v: &[u8]| {
        out.extend_from_slice(key.as_bytes());
        out.push(b'=');
        out.extend_from_slice(v);
        out.push(b'\n');
    };
    let num = |v: Option<u64>| v.map(|v| v.to_string().into_bytes());
    let esc = |v: &Option<Vec<u8>>| v.as_deref().map(cescape);
    for (key, v) in [
        ("UID", num(s.uid.map(u64::from))),
        ("USER", s.user.clone()),
        ("STATE", s.state.clone()),
        ("TYPE", s.session_type.clone()),
        ("CLASS", s.class.clone()),
        ("SEAT", s.seat.clone()),
        ("TTY", s.tty.clone()),
        ("DISPLAY", s.display.clone()),
        ("REMOTE_HOST", esc(&s.remote_host)),
        ("REMOTE_USER", esc(&s.remote_user)),
        ("SERVICE", esc(&s.service)),
        ("LEADER", num(s.leader.map(u64::from))),
        ("REALTIME", num(s.realtime_usec)),
    ] {
        if let Some(v) = v {
            line(key, &v);
        }
    }
    out
}

/// `parse/logind_session.rs`: never fails; the values kept as written appear as
/// `KEY=value` in the input and the numbers as digits; the session written back in
/// logind's format parses to the same session; `unescape` inverts `cescape` on any
/// bytes.
pub fn check_logind_session(data: &[u8]) {
    let s = logind_session::parse(data);
    let _ = s.is_user_login();
    for (key, v) in [
        ("USER", &s.user),
        ("STATE", &s.state),
        ("TYPE", &s.session_type),
        ("CLASS", &s.class),
        ("SEAT", &s.seat),
        ("TTY", &s.tty),
        ("DISPLAY", &s.display),
    ] {
        if let Some(v) = v {
            assert!(!v.contains(&b'\n'));
            assert!(contains(data, &[key.as_bytes(), b"=", v].concat()), "{key}");
        }
    }
    for n in [
        s.uid.map(u64::from),
        s.leader.map(u64::from),
        s.realtime_usec,
    ]
    .into_iter()
    .flatten()
    {
        assert!(contains(data, n.to_string().as_bytes()));
    }
    assert_eq!(logind_session::parse(&render_logind_session(&s)), s);
    assert_eq!(logind_session::unescape(&cescape(data)), data);
    assert!(logind_session::unescape(data).len() <= data.len());
}

/// `parse/etc_passwd.rs`: a name found is non-empty and appears as `name:` in the input.
pub fn check_etc_passwd(data: &[u8]) {
    let uid = data
        .get(..4)
        .map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) % 70000);
    for uid in [0, 1000, uid] {
        if let Ok(Some(name)) = etc_passwd::user_name(data, uid) {
            assert!(!name.is_empty() && !name.contains(&b':') && !name.contains(&b'\n'));
            let mut needle = name.clone();
            needle.push(b':');
            assert!(contains(data, &needle));
        }
    }
}

/// `parse/pid_cmdline.rs`: the arguments joined back with their separator are the input.
pub fn check_pid_cmdline(data: &[u8]) {
    let args = pid_cmdline::parse(data).expect("cmdline never fails");
    if data.is_empty() {
        assert!(args.is_empty());
        return;
    }
    let raw: Vec<&[u8]> = args.iter().map(|a| a.as_encoded_bytes()).collect();
    let nul = [raw.join(&0u8), vec![0]].concat();
    let sp = raw.join(&b' ');
    let sp_trailing = [sp.clone(), vec![b' ']].concat();
    let sp_nul = [sp.clone(), vec![0]].concat();
    assert!(
        data == nul || data == sp || data == sp_trailing || data == sp_nul,
        "{args:?} does not join back to {data:?}"
    );
}

/// `parse/pid_environ.rs`: every pair appears as `key=value\0` in the input.
pub fn check_pid_environ(data: &[u8]) {
    let env = pid_environ::parse(data).expect("environ never fails");
    for (k, v) in &env {
        let (k, v) = (k.as_encoded_bytes(), v.as_encoded_bytes());
        assert!(!k.is_empty() && !k.contains(&b'=') && !k.contains(&0) && !v.contains(&0));
        let entry = [k, b"=", v, b"\0"].concat();
        assert!(contains(data, &entry));
    }
}

/// `parse/pid_fdinfo.rs`: render/parse round trip of `(pos, flags)`.
pub fn check_pid_fdinfo(data: &[u8]) {
    if let Ok((pos, flags)) = pid_fdinfo::parse(data) {
        let s = format!("pos:\t{pos}\nflags:\t0{flags:o}\nmnt_id:\t21\nino:\t1\n");
        assert_eq!(pid_fdinfo::parse(s.as_bytes()).ok(), Some((pos, flags)));
    }
}

/// `parse/pid_smaps.rs`: the mappings' sums never exceed what `totals` reports for
/// the same input (both read the same lines), and every mapping's header text is in
/// the input.
pub fn check_pid_smaps(data: &[u8]) {
    let totals = pid_smaps::totals(data);
    if let Ok(maps) = pid_smaps::parse(data) {
        for m in &maps {
            assert!(contains(data, m.addr.as_bytes()) || m.addr.contains('\u{fffd}'));
            assert!(contains(data, &m.path));
        }
        if let Ok((_, pss, _)) = totals {
            let sum: u128 = maps.iter().map(|m| u128::from(m.counters.pss)).sum();
            assert!(
                sum <= u128::from(pss) || sum == 0 || pss == u64::MAX,
                "pss {sum} > {pss}"
            );
        }
    }
}

/// `parse/pid_io.rs`: render/parse round trip.
pub fn check_pid_io(data: &[u8]) {
    if let Ok(io) = pid_io::parse(data) {
        let s = format!(
            "rchar: {}\nwchar: {}\nsyscr: {}\nsyscw: {}\nread_bytes: {}\nwrite_bytes: {}\ncancelled_write_bytes: 0\n",
            io.rchar, io.wchar, io.syscr, io.syscw, io.read_bytes, io.write_bytes
        );
        assert_eq!(pid_io::parse(s.as_bytes()).ok(), Some(io));
    }
}

/// Renders a `/proc/<pid>/stat` line holding the parsed fields (others 0).
pub fn render_pid_stat(p: &pid_stat::PidStat) -> Vec<u8> {
    // Index 0 of `f` is field 3 (state).
    let mut f: Vec<String> = vec!["0".into(); 40];
    f[0] = String::from_utf8_lossy(&[p.state]).into_owned();
    f[1] = p.ppid.to_string();
    f[2] = p.pgrp.map_or("-1".into(), |v| v.to_string());
    f[3] = p.session.map_or("-1".into(), |v| v.to_string());
    f[4] = p.tty_nr.to_string();
    f[5] = p.tpgid.map_or("-1".into(), |v| v.to_string());
    f[6] = p.flags.to_string();
    f[11] = p.utime.to_string();
    f[12] = p.stime.to_string();
    f[13] = p.cutime.to_string();
    f[14] = p.cstime.to_string();
    f[15] = p.priority.to_string();
    f[16] = p.nice.to_string();
    f[17] = p.num_threads.to_string();
    f[19] = p.starttime.to_string();
    f[20] = p.vsize.to_string();
    f[21] = p.rss.to_string();
    f[23] = p.startcode.map_or("x".into(), |v| v.to_string());
    f[24] = p.endcode.map_or("x".into(), |v| v.to_string());
    f[36] = p.processor.map_or("x".into(), |v| v.to_string());
    f[37] = p.rt_priority.map_or("x".into(), |v| v.to_string());
    f[38] = p.policy.map_or("x".into(), |v| v.to_string());
    f[39] = p
        .delayacct_blkio_ticks
        .map_or("x".into(), |v| v.to_string());
    let mut out = b"1 (".to_vec();
    out.extend_from_slice(&p.comm);
    out.extend_from_slice(b") ");
    if p.state.is_ascii_graphic() {
        out.extend_from_slice(f.join(" ").as_bytes());
    } else {
        out.push(p.state);
        out.push(b' ');
        out.extend_from_slice(f[1..].join(" ").as_bytes());
    }
    out.push(b'\n');
    out
}

/// `parse/pid_stat.rs`: render/parse round trip (comm may hold any byte, `)` included).
pub fn check_pid_stat(data: &[u8]) {
    if let Ok(p) = pid_stat::parse(data) {
        assert!(!p.state.is_ascii_whitespace());
        assert_eq!(pid_stat::parse(&render_pid_stat(&p)).ok(), Some(p));
    }
}

/// `parse/pid_statm.rs`: render/parse round trip.
pub fn check_pid_statm(data: &[u8]) {
    if let Ok(v) = pid_statm::parse(data) {
        let s: Vec<String> = v.iter().map(u64::to_string).collect();
        assert_eq!(
            pid_statm::parse(format!("{}\n", s.join(" ")).as_bytes()).ok(),
            Some(v)
        );
    }
}

/// `parse/pid_status.rs`: render/parse round trip.
pub fn check_pid_status(data: &[u8]) {
    let Ok(st) = pid_status::parse(data) else {
        return;
    };
    let mut s = b"Name:\tx\n".to_vec();
    let mut line = |k: &str, v: &[u8]| {
        s.extend_from_slice(k.as_bytes());
        s.extend_from_slice(b":\t");
        s.extend_from_slice(v);
        s.push(b'\n');
    };
    let ids = |v: [u32; 3]| format!("{}\t{}\t{}\t{}", v[0], v[1], v[2], v[2]).into_bytes();
    if let Some(v) = st.tgid {
        line("Tgid", v.to_string().as_bytes());
    }
    if let Some(v) = st.ppid {
        line("PPid", v.to_string().as_bytes());
    }
    if let Some(v) = st.uids {
        line("Uid", &ids(v));
    }
    if let Some(v) = st.gids {
        line("Gid", &ids(v));
    }
    if let Some(v) = st.threads {
        line("Threads", v.to_string().as_bytes());
    }
    if let Some(v) = &st.cpus_allowed_list {
        assert!(!v.contains(&b'\n'));
        line("Cpus_allowed_list", v);
    }
    if let Some(v) = st.voluntary_ctxt_switches {
        line("voluntary_ctxt_switches", v.to_string().as_bytes());
    }
    if let Some(v) = st.nonvoluntary_ctxt_switches {
        line("nonvoluntary_ctxt_switches", v.to_string().as_bytes());
    }
    if let Some(v) = st.vm_lck {
        line("VmLck", format!("{v} kB").as_bytes());
    }
    assert_eq!(pid_status::parse(&s).ok(), Some(st));
}

// ------------------------------------------------------------------ parse/windows

/// The bytes as little-endian UTF-16 units (a trailing odd byte dropped).
fn utf16_units(data: &[u8]) -> Vec<u16> {
    data.chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect()
}

/// `parse/windows/adapters.rs`: sockaddrs, MACs and fixed-size UTF-16 names.
pub fn check_win_adapters(data: &[u8]) {
    let _ = win::adapters::sockaddr_ip(data);
    if let Some(mac) = win::adapters::mac_string(data) {
        assert!(mac.len() <= 3 * data.len().max(6), "{mac}");
    }
    if let Some(&b) = data.first() {
        let _ = win::adapters::ipv4_netmask(b);
    }
    let name = win::adapters::wide_array_str(&utf16_units(data));
    assert!(name.chars().count() <= data.len() / 2);
}

/// `parse/windows/command_line.rs`: the arguments hold no more units than the line.
pub fn check_win_command_line(data: &[u8]) {
    let units = utf16_units(data);
    let args = win::command_line::split_units(&units);
    let total: usize = args.iter().map(Vec::len).sum();
    assert!(total <= units.len(), "{total} units from {}", units.len());
    assert_eq!(win::command_line::split(&units).len(), args.len());
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = win::command_line::split_str(text);
    }
}

/// `parse/windows/disk_performance.rs`: a record needs its whole structure.
pub fn check_win_disk_performance(data: &[u8]) {
    if win::disk_performance::parse(data).is_ok() {
        assert!(data.len() >= win::disk_performance::DISK_PERFORMANCE_LEN);
    }
}

/// `parse/windows/drives.rs`: `GetLogicalDriveStringsW`'s buffer: every root comes from
/// the buffer.
pub fn check_win_drives(data: &[u8]) {
    let units = utf16_units(data);
    let roots = win::drives::split_drive_strings(&units);
    let total: usize = roots.iter().map(|r| r.encode_utf16().count()).sum();
    assert!(total <= units.len(), "{total} units from {}", units.len());
}

/// `parse/windows/handles.rs`: every entry lies inside the buffer; a pid filter keeps a
/// subset.
pub fn check_win_handles(data: &[u8]) {
    if let Ok(all) = win::handles::parse(data, None) {
        let need = win::handles::HEADER_LEN + all.len() * win::handles::ENTRY_LEN;
        assert!(need <= data.len().max(win::handles::HEADER_LEN));
        if let Some(first) = all.first() {
            let one = win::handles::parse(data, Some(first.pid)).unwrap_or_default();
            assert!(!one.is_empty() && one.len() <= all.len());
        }
    }
}

/// `parse/windows/nt_path.rs`: NT paths to DOS paths, on any text.
pub fn check_win_nt_path(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let drives = [win::nt_path::Drive {
        letter: "C:".into(),
        device: "\\Device\\HarddiskVolume1".into(),
    }];
    let _ = win::nt_path::to_dos_path(text, &drives);
    let trimmed = win::nt_path::trim_dir(text);
    assert!(text.starts_with(trimmed));
}

/// `parse/windows/performance.rs`: `SYSTEM_PERFORMANCE_INFORMATION`.
pub fn check_win_performance(data: &[u8]) {
    let _ = win::performance::parse_system_performance(data);
}

/// `parse/windows/power.rs`: one record per 24 bytes at most.
pub fn check_win_power(data: &[u8]) {
    if let Ok(cpus) = win::power::parse(data) {
        assert!(cpus.len() * win::power::PROCESSOR_POWER_LEN <= data.len());
    }
}

/// `parse/windows/process_parameters.rs`: the PEB, the parameters block, UTF-16 strings
/// and the environment block decode only what the bytes hold.
pub fn check_win_process_parameters(data: &[u8]) {
    if win::process_parameters::process_parameters_address(data).is_ok() {
        assert!(data.len() >= win::process_parameters::PEB_READ_LEN);
    }
    if let Ok(params) = win::process_parameters::parse_parameters(data) {
        // Decoded through `Environment`; `EnvironmentSize` only when the bytes hold it.
        assert!(data.len() >= win::process_parameters::ENVIRONMENT + 8);
        assert_eq!(
            params.environment_size.is_some(),
            data.len() >= win::process_parameters::PARAMETERS_READ_LEN
        );
    }
    let s = win::process_parameters::unicode_string(data);
    assert!(s.chars().count() <= data.len() / 2);
    let env = win::process_parameters::parse_environment(data);
    let chars: usize = env
        .iter()
        .map(|(k, v)| k.chars().count() + v.chars().count())
        .sum();
    assert!(
        chars <= data.len() / 2,
        "{chars} chars from {} bytes",
        data.len()
    );
}

/// `parse/windows/processor.rs`: per-CPU times (48 bytes each) and the topology buffer.
pub fn check_win_processor(data: &[u8]) {
    if let Ok(cpus) = win::processor::parse_processor_performance(data) {
        assert!(cpus.len() * win::processor::PROCESSOR_PERFORMANCE_LEN <= data.len());
    }
    let _ = win::processor::parse_logical_processor_information(data);
}

/// `parse/windows/system_process_information.rs`: every process record and thread
/// record lies inside the buffer; `find` finds a listed pid.
pub fn check_win_system_process_information(data: &[u8]) {
    use win::system_process_information as spi;
    let base = data.as_ptr() as usize;
    if let Ok(procs) = spi::parse(data, base) {
        for p in &procs {
            let need = spi::PROCESS_RECORD_LEN + p.threads.len() * spi::THREAD_RECORD_LEN;
            assert!(need <= data.len(), "pid {}: {need} bytes", p.pid);
        }
        if let Some(first) = procs.first() {
            assert!(data.len() >= spi::PROCESS_RECORD_LEN);
            let found = spi::find(data, base, first.pid);
            assert!(matches!(found, Ok(Some(_))), "{found:?}");
        }
    }
}

/// `parse/windows/tcp_table.rs`: the owner-pid socket tables; each row needs its bytes.
pub fn check_win_tcp_table(data: &[u8]) {
    use win::tcp_table as t;
    for (rows, row_len) in [
        (t::parse_tcp4(data), 24),
        (t::parse_tcp6(data), 56),
        (t::parse_udp4(data), 12),
        (t::parse_udp6(data), 28),
    ] {
        if let Ok(rows) = rows {
            assert!(
                4 + rows.len() * row_len <= data.len().max(4),
                "{} rows",
                rows.len()
            );
            for r in &rows {
                let _ = r.remote_addr();
            }
        }
    }
}

/// `parse/windows/working_set.rs`: one page per 8-byte word after the count; the private
/// pages are some of them.
pub fn check_win_working_set(data: &[u8]) {
    if let Ok(pages) = win::working_set::parse(data) {
        assert!(pages.len() * 8 <= data.len());
        if let Ok(private) = win::working_set::private_pages(data) {
            assert!(private <= pages.len() as u64);
        }
    }
}

/// `parse/macos/attrlist.rs`: a value only from a buffer holding the length word and
/// the `off_t`, with a length word that covers them.
pub fn check_mac_attrlist(data: &[u8]) {
    if mac::attrlist::parse_space_used(data).is_some() {
        assert!(data.len() >= mac::attrlist::SPACEUSED_LEN);
    }
}

/// `parse/macos/fdinfo.rs`: one descriptor per 8 bytes; a path only from a whole record
/// and never longer than `MAXPATHLEN`; a socket record never panics, and its UNIX paths
/// fit `sun_path`.
pub fn check_mac_fdinfo(data: &[u8]) {
    use mac::fdinfo as f;
    assert_eq!(
        f::parse_fd_list(data).len(),
        data.len() / f::PROC_FDINFO_LEN
    );
    if let Ok(path) = f::parse_vnode_fd_path(data) {
        assert!(data.len() >= f::VNODE_FDINFOWITHPATH_LEN && path.len() <= 1024);
        assert!(!path.contains(&0));
    }
    if let Ok(path) = f::parse_cwd(data) {
        assert!(path.len() <= 1024 && !path.contains(&0));
    }
    if let Ok(s) = f::parse_socket(data) {
        if let f::SocketAddrs::Unix { path, peer } = &s.addrs {
            assert!(path.len() <= 104 && peer.len() <= 104);
        }
        if let f::SocketAddrs::Inet {
            tcp_state: Some(t), ..
        } = s.addrs
        {
            let _ = f::tcp_status(t);
        }
    }
}

/// `parse/macos/host_statistics.rs`: each decoder succeeds exactly when the buffer holds
/// its struct; one CPU per 16 bytes.
pub fn check_mac_host_statistics(data: &[u8]) {
    use mac::host_statistics as h;
    assert_eq!(
        h::parse_vm_statistics64(data).is_ok(),
        data.len() >= h::VM_STATISTICS64_LEN
    );
    assert_eq!(
        h::parse_host_cpu_load(data).is_ok(),
        data.len() >= h::CPU_LOAD_INFO_LEN
    );
    assert_eq!(
        h::parse_processor_cpu_load(data).len(),
        data.len() / h::CPU_LOAD_INFO_LEN
    );
    assert_eq!(h::parse_vmmeter(data).is_ok(), data.len() >= 20);
}

/// `parse/macos/if_msghdr.rs`: every interface comes from a whole message (header and
/// name inside the buffer).
pub fn check_mac_if_msghdr(data: &[u8]) {
    let ifs = mac::if_msghdr::parse(data);
    assert!(ifs.len() * 168 <= data.len(), "{} interfaces", ifs.len());
}

/// `parse/macos/kinfo_proc.rs`: one record per 648 bytes; `p_comm` at most 17 bytes.
pub fn check_mac_kinfo_proc(data: &[u8]) {
    use mac::kinfo_proc as k;
    let all = k::parse_all(data).unwrap_or_default();
    assert_eq!(all.len(), data.len() / k::KINFO_PROC_LEN);
    match k::parse(data) {
        Ok(r) => {
            assert!(data.len() >= k::KINFO_PROC_LEN && r.comm.len() <= 17);
            let _ = (r.status(), r.start_micros(), r.start_secs());
        }
        Err(_) => assert!(data.len() < k::KINFO_PROC_LEN),
    }
}

/// `parse/macos/procargs.rs`: the strings are pieces of the buffer; the environment map
/// never has more entries than strings.
pub fn check_mac_procargs(data: &[u8]) {
    let Ok(a) = mac::procargs::parse(data) else {
        assert!(data.len() < 4);
        return;
    };
    let total: usize = a.exec_path.len()
        + a.argv.iter().map(Vec::len).sum::<usize>()
        + a.env.iter().map(Vec::len).sum::<usize>();
    assert!(total <= data.len().saturating_sub(4));
    assert!(mac::procargs::environ_map(&a.env).len() <= a.env.len());
}

/// `parse/macos/sysctl_values.rs`: each decoder succeeds exactly when the buffer holds
/// its struct.
pub fn check_mac_sysctl_values(data: &[u8]) {
    use mac::sysctl_values as v;
    assert_eq!(v::parse_boottime(data).is_ok(), data.len() >= 12);
    assert_eq!(
        v::parse_swapusage(data).is_ok(),
        data.len() >= v::XSW_USAGE_LEN
    );
}

/// `parse/macos/task_info.rs`: succeeds exactly on a whole `proc_taskinfo`.
pub fn check_mac_task_info(data: &[u8]) {
    use mac::task_info as t;
    assert_eq!(t::parse(data).is_ok(), data.len() >= t::PROC_TASKINFO_LEN);
}

/// `parse/macos/voltage_states.rs`: at most one frequency per 8-byte pair, each at most
/// `u32::MAX` Hz.
pub fn check_mac_voltage_states(data: &[u8]) {
    use mac::voltage_states as v;
    let f = v::frequencies_mhz(data);
    assert!(f.len() <= data.len() / 8);
    assert!(f
        .iter()
        .all(|m| *m > 0.0 && *m <= f64::from(u32::MAX) / 1e6));
    let _ = v::cpu_freq(&f, &f);
}

/// `parse/freebsd/cp_time.rs`: five longs per CPU.
pub fn check_bsd_cp_time(data: &[u8]) {
    if let Ok(cpus) = bsd::cp_time::parse(data) {
        assert_eq!(cpus.len() * bsd::cp_time::CPUSTATES * 8, data.len());
    }
}

/// `parse/freebsd/devstat.rs`: the generation, then whole `struct devstat` records.
pub fn check_bsd_devstat(data: &[u8]) {
    if let Ok(devs) = bsd::devstat::parse(data) {
        assert_eq!(
            bsd::devstat::HEADER_LEN + devs.len() * bsd::devstat::DEVSTAT_LEN,
            data.len()
        );
    }
}

/// `parse/freebsd/if_msghdr.rs`: each interface needs its header and name bytes.
pub fn check_bsd_if_msghdr(data: &[u8]) {
    if let Ok(ifs) = bsd::if_msghdr::parse(data) {
        let need: usize = ifs
            .iter()
            .map(|i| bsd::if_msghdr::IF_MSGHDR_LEN + bsd::if_msghdr::SDL_DATA + i.name.len())
            .sum();
        assert!(need <= data.len() * 3, "{need} from {}", data.len());
    }
}

/// `parse/freebsd/kinfo_file.rs`: each record has at least its fixed part.
pub fn check_bsd_kinfo_file(data: &[u8]) {
    if let Ok(files) = bsd::kinfo_file::parse(data) {
        assert!(files.len() * bsd::kinfo_file::KF_PATH <= data.len());
        for f in &files {
            assert!(f.path.len() <= bsd::kinfo_file::PATH_MAX);
            let _ = bsd::sockaddr::parse(&f.local);
        }
    }
}

/// `parse/freebsd/kinfo_proc.rs`: whole records of `KINFO_PROC_SIZE` bytes.
pub fn check_bsd_kinfo_proc(data: &[u8]) {
    if let Ok(all) = bsd::kinfo_proc::parse_all(data) {
        assert_eq!(all.len() * bsd::kinfo_proc::KINFO_PROC_SIZE, data.len());
        for k in &all {
            assert!(k.comm.len() <= bsd::kinfo_proc::KI_COMM_LEN);
            let _ = (bsd::kinfo_proc::status(k.stat), k.cpu_num());
        }
    }
    let _ = bsd::kinfo_proc::parse_one(data);
}

/// `parse/freebsd/kinfo_vmentry.rs`: each record has at least its fixed part.
pub fn check_bsd_kinfo_vmentry(data: &[u8]) {
    if let Ok(maps) = bsd::kinfo_vmentry::parse(data) {
        assert!(maps.len() * bsd::kinfo_vmentry::KVE_PATH <= data.len());
        for m in &maps {
            assert_eq!(m.perms().len(), 3);
            let _ = (m.addr(), m.display_path());
        }
    }
}

/// `parse/freebsd/sockaddr.rs`: addresses come from the bytes.
pub fn check_bsd_sockaddr(data: &[u8]) {
    if let bsd::sockaddr::SockAddr::Unix(p) = bsd::sockaddr::parse(data) {
        assert!(p.len() <= data.len());
    }
}

/// `parse/freebsd/values.rs`: the small sysctl values and text values.
pub fn check_bsd_values(data: &[u8]) {
    let _ = (
        bsd::values::uint(data, true),
        bsd::values::uint(data, false),
        bsd::values::int(data),
        bsd::values::boottime(data),
        bsd::values::vmtotal_shared(data),
        bsd::values::xswdev(data),
        bsd::values::freq_levels(data),
    );
    if let Some(n) = bsd::values::topology_cores(data) {
        assert!(n <= data.len());
    }
    let args = bsd::values::args(data);
    let total: usize = args.iter().map(Vec::len).sum();
    assert!(total <= data.len());
    if let Ok(l) = bsd::values::rlimit(data) {
        assert_eq!(
            bsd::values::rlimit(&bsd::values::rlimit_bytes(l)).ok(),
            Some(l)
        );
    }
}

/// `parse/freebsd/pcblist.rs`: each block needs its record's bytes.
pub fn check_bsd_pcblist(data: &[u8]) {
    if let Ok(blocks) = bsd::pcblist::parse_tcp(data) {
        assert!(blocks.len() * 8 <= data.len());
        for b in &blocks {
            assert!(b.state.is_some());
            let _ = bsd::pcblist::status(b.state.unwrap_or(0));
        }
    }
    if let Ok(blocks) = bsd::pcblist::parse_udp(data) {
        assert!(blocks.iter().all(|b| b.state.is_none()));
    }
    if let Ok(blocks) = bsd::pcblist::parse_unix(data) {
        assert!(blocks.iter().all(|b| b.path.len() <= 104));
    }
}

/// `parse/freebsd/xfile.rs`: one socket per whole record at most.
pub fn check_bsd_xfile(data: &[u8]) {
    if let Ok(socks) = bsd::xfile::sockets(data) {
        assert!(socks.len() * bsd::xfile::XFILE_LEN <= data.len());
    }
}
