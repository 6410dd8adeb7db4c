//! Property tests of the parsers (proptest).
//!
//! 1. Arbitrary bytes, and "file-like" bytes drawn from the characters kernel files are
//!    made of, never panic any parser and every successful parse is consistent with its
//!    input: each input goes through all the checks of `fuzz/src/lib.rs` (the fuzz
//!    targets' code).
//! 2. Well-formed files generated in the kernel's own format parse to exactly the values
//!    they were generated from (meminfo, vmstat, loadavg, /proc/stat, net/dev,
//!    diskstats in all its layouts, mount tables with escapes, net/tcp, pid stat with
//!    hostile `comm`, utmp records, logind session files, sysfs integers).
//!
//! The case counts are in `CASES_*` below (RELIABILITY.md sums them); set
//! `PROPTEST_CASES` to run more.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use psutil_rs::parse::{
    diskstats, loadavg, logind_session, meminfo, mounts, net_dev, net_inet, pid_stat, proc_stat,
    sysfs, utmp, vmstat,
};

use crate::fuzz_corpus::checks;

/// Cases for the arbitrary-bytes properties (each case runs all 24 checks).
pub const CASES_BYTES: u32 = 1024;
/// Cases for each round-trip property.
pub const CASES_ROUND_TRIP: u32 = 256;

fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn run_all_checks(data: &[u8]) {
    for (_, check) in checks::TARGETS {
        check(data);
    }
}

/// Bytes biased towards the alphabet of kernel text files, so that the parsers get
/// past their first checks more often than with uniform bytes.
fn file_like() -> impl Strategy<Value = Vec<u8>> {
    let alphabet: Vec<u8> =
        b"0123456789  \t\n\n\n::kB()-+._/\\@#=\0\xff\xfeabcdefxyzMTRSAcpulownodevsda".to_vec();
    vec(select(alphabet), 0..600)
}

/// A word usable as a key or name in a kernel text file.
fn word() -> impl Strategy<Value = String> {
    vec(
        select(b"abcdefghijklmnopqrstuvwxyz_0123456789".to_vec()),
        1..12,
    )
    .prop_map(|v| String::from_utf8(v).unwrap())
}

fn meminfo_field(m: &meminfo::Meminfo, key: &str) -> Option<u64> {
    match key {
        "MemTotal" => m.mem_total,
        "MemFree" => m.mem_free,
        "MemAvailable" => m.mem_available,
        "Buffers" => m.buffers,
        "Cached" => m.cached,
        "Active" => m.active,
        "Inactive" => m.inactive,
        "Active(file)" => m.active_file,
        "Inactive(file)" => m.inactive_file,
        "Shmem" => m.shmem,
        "MemShared" => m.mem_shared,
        "Slab" => m.slab,
        "SReclaimable" => m.s_reclaimable,
        "SwapTotal" => m.swap_total,
        "SwapFree" => m.swap_free,
        "Inact_dirty" => m.inact_dirty,
        "Inact_clean" => m.inact_clean,
        "Inact_laundry" => m.inact_laundry,
        _ => unreachable!(),
    }
}

fn ipv(v6: bool) -> impl Strategy<Value = IpAddr> {
    if v6 {
        any::<[u8; 16]>()
            .prop_map(|b| IpAddr::V6(Ipv6Addr::from(b)))
            .boxed()
    } else {
        any::<[u8; 4]>()
            .prop_map(|b| IpAddr::V4(Ipv4Addr::from(b)))
            .boxed()
    }
}

proptest! {
    #![proptest_config(cases(CASES_BYTES))]

    #[test]
    fn arbitrary_bytes_never_panic_any_parser(data in vec(any::<u8>(), 0..2048)) {
        run_all_checks(&data);
    }

    #[test]
    fn file_like_bytes_never_panic_any_parser(data in file_like()) {
        run_all_checks(&data);
    }
}

proptest! {
    #![proptest_config(cases(CASES_ROUND_TRIP))]

    #[test]
    fn meminfo_round_trips(
        known in vec((select(crate::util::MEMINFO_KEYS.to_vec()), 0u64..1 << 50), 0..30),
        unknown in vec((word(), any::<u64>(), any::<bool>()), 0..10),
        total in 0u64..1 << 50,
    ) {
        // The kernel's layout: "Key:" padded to 16 columns, the value right-aligned,
        // " kB"; counters such as HugePages_Total have no unit.
        let mut s = format!("{:<16}{:>8} kB\n", "MemTotal:", total);
        for (k, v) in &known {
            s.push_str(&format!("{:<16}{:>8} kB\n", format!("{k}:"), v));
        }
        for (k, v, unitless) in &unknown {
            let unit = if *unitless { "" } else { " kB" };
            let v = if *unitless { *v } else { v % (1 << 50) };
            s.push_str(&format!("X{k}: {v}{unit}\n"));
        }
        let m = meminfo::parse(s.as_bytes()).unwrap();
        for key in crate::util::MEMINFO_KEYS {
            // The last line of a key wins.
            let expect = known
                .iter()
                .rev()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| *v)
                .or((key == "MemTotal").then_some(total))
                .map(|v| v * 1024);
            prop_assert_eq!(meminfo_field(&m, key), expect, "{}", key);
        }
    }

    #[test]
    fn vmstat_round_trips(
        others in vec((word(), any::<u64>()), 0..20),
        pswpin in proptest::option::of(any::<u64>()),
        pswpout in proptest::option::of(any::<u64>()),
    ) {
        let mut s = String::new();
        for (k, v) in &others {
            s.push_str(&format!("nr_{k} {v}\n"));
        }
        if let Some(v) = pswpin {
            s.push_str(&format!("pswpin {v}\n"));
        }
        if let Some(v) = pswpout {
            s.push_str(&format!("pswpout {v}\n"));
        }
        let v = vmstat::parse(s.as_bytes()).unwrap();
        prop_assert_eq!((v.pswpin, v.pswpout), (pswpin, pswpout));
    }

    #[test]
    fn loadavg_round_trips(cents in any::<[u32; 3]>(), running in 0u32..1000, pid in 1u32..4_194_304) {
        // The kernel prints LOAD_INT.LOAD_FRAC with two decimals.
        let text: Vec<String> = cents.iter().map(|c| format!("{}.{:02}", c / 100, c % 100)).collect();
        let s = format!("{} {} {} {running}/{} {pid}\n", text[0], text[1], text[2], running + 100);
        let expect: Vec<f64> = text.iter().map(|t| t.parse().unwrap()).collect();
        prop_assert_eq!(loadavg::parse(s.as_bytes()).unwrap().to_vec(), expect);
    }

    #[test]
    fn proc_stat_cpu_lines_round_trip(
        columns in 7usize..=10,
        extra in 0usize..3,
        rows in vec(vec(any::<u64>(), 12), 1..9),
    ) {
        // Newer kernels may add columns: the first line decides how many are read.
        let width = if columns == 10 { columns + extra } else { columns };
        let mut s = String::new();
        for (i, r) in rows.iter().enumerate() {
            let label = if i == 0 { "cpu ".to_string() } else { format!("cpu{}", i - 1) };
            let nums: Vec<String> = r.iter().take(width).map(u64::to_string).collect();
            s.push_str(&format!("{label} {}\n", nums.join(" ")));
        }
        s.push_str("intr 1 2 3\nctxt 4\nbtime 1700000000\n");
        let c = proc_stat::parse_cpu_lines(s.as_bytes()).unwrap();
        prop_assert_eq!(c.columns, columns);
        prop_assert_eq!(c.percpu.len(), rows.len() - 1);
        let all: Vec<_> = std::iter::once(&c.total).chain(&c.percpu).collect();
        for (t, r) in all.iter().zip(&rows) {
            prop_assert_eq!(
                [t.user, t.nice, t.system, t.idle, t.iowait, t.irq, t.softirq],
                [r[0], r[1], r[2], r[3], r[4], r[5], r[6]]
            );
            prop_assert_eq!(t.steal, (columns > 7).then_some(r[7]));
            prop_assert_eq!(t.guest, (columns > 8).then_some(r[8]));
            prop_assert_eq!(t.guest_nice, (columns > 9).then_some(r[9]));
        }
        prop_assert_eq!(proc_stat::count_cpu_lines(s.as_bytes()), rows.len() - 1);
        prop_assert_eq!(proc_stat::parse_btime(s.as_bytes()).unwrap(), 1_700_000_000);
    }

    #[test]
    fn net_dev_round_trips(
        nics in vec((word(), proptest::option::of(0u8..10), vec(any::<u64>(), 16)), 0..8)
    ) {
        let mut s = String::from(
            "Inter-|   Receive                                                |  Transmit\n \
             face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n",
        );
        for (name, alias, v) in &nics {
            // An alias such as eth0:1 has a colon in its name.
            let name = match alias {
                Some(a) => format!("{name}:{a}"),
                None => name.clone(),
            };
            let nums: Vec<String> = v.iter().map(|x| format!("{x:>8}")).collect();
            s.push_str(&format!("{name:>6}: {}\n", nums.join(" ")));
        }
        let parsed = net_dev::parse(s.as_bytes()).unwrap();
        prop_assert_eq!(parsed.len(), nics.len());
        for (d, (name, alias, v)) in parsed.iter().zip(&nics) {
            let name = match alias {
                Some(a) => format!("{name}:{a}"),
                None => name.clone(),
            };
            prop_assert_eq!(&d.name, &name);
            prop_assert_eq!(
                [d.rx_bytes, d.rx_packets, d.rx_errs, d.rx_drop],
                [v[0], v[1], v[2], v[3]]
            );
            prop_assert_eq!(
                [d.tx_bytes, d.tx_packets, d.tx_errs, d.tx_drop],
                [v[8], v[9], v[10], v[11]]
            );
        }
    }

    #[test]
    fn diskstats_round_trips_in_every_layout(
        disks in vec((word(), select(vec![7usize, 14, 15, 18, 20]), vec(any::<u64>(), 17)), 0..10)
    ) {
        let mut s = String::new();
        for (name, fields, v) in &disks {
            let nums = |r: std::ops::Range<usize>| -> String {
                v[r].iter().map(u64::to_string).collect::<Vec<_>>().join(" ")
            };
            let line = match fields {
                7 => format!("   3    1 {name} {}", nums(0..4)),
                // Linux 2.4: the name is the 4th field.
                15 => format!("   3    0 {} {name} {}", v[0], nums(1..12)),
                n => format!("   8    0 {name} {}", nums(0..n - 3)),
            };
            s.push_str(&line);
            s.push('\n');
        }
        let parsed = diskstats::parse(s.as_bytes()).unwrap();
        prop_assert_eq!(parsed.len(), disks.len());
        for (d, (name, fields, v)) in parsed.iter().zip(&disks) {
            prop_assert_eq!(&d.name, name);
            let got = [d.reads, d.read_sectors, d.writes, d.write_sectors];
            match fields {
                7 => prop_assert_eq!(got, [v[0], v[1], v[2], v[3]]),
                // 2.4 (psutil reads the 3rd field, #blocks there, as reads) and the
                // 2.6+ layouts hold the same counters in the same order.
                _ => {
                    prop_assert_eq!(got, [v[0], v[2], v[4], v[6]]);
                    prop_assert_eq!(
                        [d.reads_merged, d.read_time, d.writes_merged, d.write_time, d.busy_time],
                        [v[1], v[3], v[5], v[7], v[9]]
                    );
                }
            }
        }
    }

    #[test]
    fn mount_table_with_escapes_round_trips(
        entries in vec(vec(vec(any::<u8>().prop_filter("no NUL", |c| *c != 0), 1..24), 4), 0..8)
    ) {
        // The kernel escapes space, tab, newline and backslash as octal (\040 ...);
        // every other byte, UTF-8 or not, is printed as is.
        let mut s = Vec::new();
        for e in &entries {
            let fields: Vec<Vec<u8>> = e.iter().map(|f| checks::mount_escape(f)).collect();
            s.extend_from_slice(&fields.join(&b' '));
            s.extend_from_slice(b" 0 0\n");
        }
        let parsed = mounts::parse(&s).unwrap();
        // A fsname starting with '#' makes the line a comment, as for getmntent(3).
        let expect: Vec<&Vec<Vec<u8>>> = entries.iter().filter(|e| e[0][0] != b'#').collect();
        prop_assert_eq!(parsed.len(), expect.len());
        for (m, e) in parsed.iter().zip(expect) {
            prop_assert_eq!(
                [&m.fsname, &m.dir, &m.fstype, &m.opts],
                [&e[0], &e[1], &e[2], &e[3]]
            );
        }
    }

    #[test]
    fn mount_field_escape_decode_round_trips(field in vec(any::<u8>(), 0..64)) {
        prop_assert_eq!(mounts::decode(&checks::mount_escape(&field)), field);
    }

    #[test]
    fn net_tcp_round_trips(
        v6 in any::<bool>(),
        socks in vec((any::<u16>(), any::<u16>(), 1u8..12, any::<u32>()), 0..10),
        ips in vec((any::<[u8; 16]>(), any::<[u8; 16]>()), 10),
    ) {
        let version = if v6 { net_inet::IpVersion::V6 } else { net_inet::IpVersion::V4 };
        let addr = |b: &[u8; 16]| -> IpAddr {
            if v6 {
                IpAddr::V6(Ipv6Addr::from(*b))
            } else {
                IpAddr::V4(Ipv4Addr::new(b[0], b[1], b[2], b[3]))
            }
        };
        // The kernel prints each 32-bit word of the address in host order, %08X.
        let hex = |ip: IpAddr| -> String {
            let bytes = match ip {
                IpAddr::V4(a) => a.octets().to_vec(),
                IpAddr::V6(a) => a.octets().to_vec(),
            };
            bytes
                .chunks(4)
                .map(|w| format!("{:08X}", u32::from_ne_bytes([w[0], w[1], w[2], w[3]])))
                .collect()
        };
        let mut s = String::from("  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n");
        for (i, ((lp, rp, st, inode), (l, r))) in socks.iter().zip(&ips).enumerate() {
            s.push_str(&format!(
                "{i:4}: {}:{lp:04X} {}:{rp:04X} {st:02X} 00000000:00000000 00:00000000 00000000  1000        0 {inode} 1 0000000000000000 100 0 0 10 0\n",
                hex(addr(l)),
                hex(addr(r)),
            ));
        }
        let parsed = net_inet::parse(s.as_bytes(), version, "net/tcp").unwrap();
        prop_assert_eq!(parsed.len(), socks.len());
        for (p, ((lp, rp, st, inode), (l, r))) in parsed.iter().zip(socks.iter().zip(&ips)) {
            prop_assert_eq!(p.local, (addr(l), *lp));
            prop_assert_eq!(p.remote, (addr(r), *rp));
            prop_assert_eq!((p.state, p.inode), (*st, u64::from(*inode)));
        }
    }

    #[test]
    fn net_inet_addresses_keep_their_family(ip in ipv(true), port in any::<u16>()) {
        let IpAddr::V6(a) = ip else { unreachable!() };
        let o = a.octets();
        let hex: String = o
            .chunks(4)
            .map(|w| format!("{:08X}", u32::from_ne_bytes([w[0], w[1], w[2], w[3]])))
            .collect();
        let s = format!("{hex}:{port:04X}");
        prop_assert_eq!(net_inet::decode_address(s.as_bytes(), net_inet::IpVersion::V6), Some((ip, port)));
        prop_assert_eq!(net_inet::decode_address(s.as_bytes(), net_inet::IpVersion::V4), None);
    }

    #[test]
    fn pid_stat_with_hostile_comm_round_trips(
        comm in vec(any::<u8>(), 0..64),
        state in select(b"RSDZTtXIWPK".to_vec()),
        ppid in any::<u32>(),
        utime in any::<u64>(),
        cutime in any::<i64>(),
        starttime in any::<u64>(),
        rss in any::<i64>(),
    ) {
        // comm is whatever the process named itself: spaces, parentheses, newlines.
        let mut data = b"42 (".to_vec();
        data.extend_from_slice(&comm);
        data.extend_from_slice(format!(
            ") {} {ppid} 1 1 0 -1 4194560 0 0 0 0 {utime} 7 {cutime} 0 20 0 1 0 {starttime} 4096 {rss} \
             18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 3 0 0 0 0 0\n",
            state as char
        ).as_bytes());
        let p = pid_stat::parse(&data).unwrap();
        prop_assert_eq!(&p.comm, &comm);
        prop_assert_eq!((p.state, p.ppid, p.utime, p.stime), (state, ppid, utime, 7));
        prop_assert_eq!((p.cutime, p.starttime, p.rss, p.vsize), (cutime, starttime, rss, 4096));
        prop_assert_eq!((p.tty_nr, p.processor, p.delayacct_blkio_ticks), (0, Some(3), Some(0)));
        let again = checks::render_pid_stat(&p);
        prop_assert_eq!(pid_stat::parse(&again).unwrap(), p);
    }

    #[test]
    fn utmp_records_round_trip(
        wide in any::<bool>(),
        ut_type in any::<i16>(),
        ut_pid in any::<i32>(),
        user in vec(1u8..=255, 0..=32),
        line in vec(1u8..=255, 0..=32),
        host in vec(1u8..=255, 0..=256),
        tv in any::<i32>(),
        addr in any::<[u8; 16]>(),
        partial in 0usize..400,
    ) {
        let layout = if wide { utmp::Layout::Wide64 } else { utmp::Layout::Compat32 };
        let mut bytes = vec![0u8; layout.record_size()];
        bytes[0..2].copy_from_slice(&ut_type.to_ne_bytes());
        bytes[4..8].copy_from_slice(&ut_pid.to_ne_bytes());
        bytes[8..8 + line.len()].copy_from_slice(&line);
        bytes[44..44 + user.len()].copy_from_slice(&user);
        bytes[76..76 + host.len()].copy_from_slice(&host);
        let (tv_at, addr_at) = if wide { (344, 360) } else { (340, 348) };
        if wide {
            bytes[tv_at..tv_at + 8].copy_from_slice(&i64::from(tv).to_ne_bytes());
        } else {
            bytes[tv_at..tv_at + 4].copy_from_slice(&tv.to_ne_bytes());
        }
        bytes[addr_at..addr_at + 16].copy_from_slice(&addr);
        // Two records and a trailing partial one (ignored).
        let mut file = [bytes.clone(), bytes.clone()].concat();
        file.extend(std::iter::repeat_n(7u8, partial % layout.record_size()));
        let recs = utmp::parse(&file, layout);
        prop_assert_eq!(recs.len(), 2);
        let r = &recs[0];
        prop_assert_eq!((r.ut_type, r.ut_pid, r.tv_sec), (ut_type, ut_pid, i64::from(tv)));
        prop_assert_eq!((&r.ut_user, &r.ut_line, &r.ut_host), (&user, &line, &host));
        prop_assert_eq!(r.ut_addr_v6, addr);
        prop_assert_eq!(checks::render_utmp(r, layout), bytes);
    }

    #[test]
    fn logind_sessions_round_trip(
        uid in proptest::option::of(any::<u32>()),
        user in proptest::option::of(vec(any::<u8>().prop_filter("no newline", |&c| c != b'\n'), 0..40)),
        tty in proptest::option::of(vec(any::<u8>().prop_filter("no newline", |&c| c != b'\n'), 0..20)),
        host in proptest::option::of(vec(any::<u8>(), 0..80)),
        leader in proptest::option::of(any::<u32>()),
        realtime in proptest::option::of(any::<u64>()),
        class in select(vec!["user", "user-early", "greeter", "manager", "background"]),
        closing in any::<bool>(),
        octal_everywhere in any::<bool>(),
    ) {
        // Written here in logind's format (session_save), independently of the parser's
        // helpers: the host C-escaped either byte by byte in octal or only where cescape
        // escapes, with unknown keys and a comment in between.
        let esc = |v: &[u8]| -> Vec<u8> {
            let mut o = Vec::new();
            for &c in v {
                if octal_everywhere || !(0x20..0x7f).contains(&c) || c == b'\\' {
                    o.extend_from_slice(format!("\\{c:03o}").as_bytes());
                } else {
                    o.push(c);
                }
            }
            o
        };
        let mut f = b"# This is private data. Do not parse.\n".to_vec();
        let mut put = |k: &str, v: &[u8]| {
            f.extend_from_slice(k.as_bytes());
            f.push(b'=');
            f.extend_from_slice(v);
            f.push(b'\n');
        };
        if let Some(u) = uid { put("UID", u.to_string().as_bytes()); }
        if let Some(u) = &user { put("USER", u); }
        put("ACTIVE", b"1");
        put("STATE", if closing { b"closing" } else { b"active" });
        put("CLASS", class.as_bytes());
        if let Some(t) = &tty { put("TTY", t); }
        if let Some(h) = &host { put("REMOTE_HOST", &esc(h)); }
        if let Some(l) = leader { put("LEADER", l.to_string().as_bytes()); }
        if let Some(r) = realtime { put("REALTIME", r.to_string().as_bytes()); }
        put("MONOTONIC", b"12345");
        let s = logind_session::parse(&f);
        prop_assert_eq!(s.uid, uid);
        prop_assert_eq!(&s.user, &user);
        prop_assert_eq!(&s.tty, &tty);
        prop_assert_eq!(&s.remote_host, &host);
        prop_assert_eq!((s.leader, s.realtime_usec), (leader, realtime));
        prop_assert_eq!(s.is_user_login(), class.starts_with("user") && !closing);
        prop_assert_eq!(logind_session::parse(&checks::render_logind_session(&s)), s);
    }

    #[test]
    fn sysfs_int_reads_what_the_kernel_prints(v in any::<i64>(), pad in select(vec!["", " ", "\n", "\t "])) {
        prop_assert_eq!(sysfs::int(format!("{pad}{v}{pad}\n").as_bytes()), Some(v));
        prop_assert_eq!(sysfs::float(format!("{v}\n").as_bytes()), Some(v as f64));
    }
}
