//! Faults in `/proc/net/dev`, the interface stats and the socket tables.

use super::*;

#[test]
fn net_io_counters_faults() {
    not_found(tree(&[]).root().net_io_counters(), "proc/net/dev");
    // No interface lines: None / empty, as for a system without interfaces.
    for empty in [&b""[..], b"Inter-|\n face |\n"] {
        let t = tree(&[("proc/net/dev", empty)]);
        assert_eq!(t.root().net_io_counters().unwrap(), None);
        assert!(t.root().net_io_counters_pernic_raw().unwrap().is_empty());
    }
    let full = captured("proc/net/dev");
    let good = tree(&[("proc/net/dev", &full)])
        .root()
        .net_io_counters_pernic_raw()
        .unwrap();
    for cut in cuts(&full) {
        match tree(&[("proc/net/dev", &full[..cut])])
            .root()
            .net_io_counters_pernic_raw()
        {
            Err(e) => names_file(&e, "proc/net/dev"),
            Ok(m) => {
                for (nic, c) in &m {
                    assert_eq!(Some(c), good.get(nic), "cut {cut}: {nic}");
                }
            }
        }
    }
    let head = "Inter-|   Receive\n face |bytes\n";
    let dev = |line: &str| format!("{head}{line}\n").into_bytes();
    for bad in [
        "  eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
        "  eth0: 1 2 3 4 5 6 7 8 -9 10 11 12 13 14 15 16",
        "  eth0: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 18446744073709551616",
        "  eth0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16",
        "      : 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16",
    ] {
        parse_error(
            tree(&[("proc/net/dev", &dev(bad))])
                .root()
                .net_io_counters(),
            "proc/net/dev line 3",
        );
    }
    // u64::MAX counters: exact per NIC, the sum clamps at u64::MAX (never wraps);
    // extra columns are ignored; a non-UTF-8 name is kept lossily.
    let max = u64::MAX;
    let data = format!(
        "{head}  eth0: {max} 1 0 0 0 0 0 0 {max} 2 0 0 0 0 0 0 77 88\n    lo: 5 1 0 0 0 0 0 0 5 1 0 0 0 0 0 0\n"
    );
    let mut data = data.into_bytes();
    data.extend_from_slice(b"  e\xfft0: 1 1 1 1 0 0 0 0 1 1 1 1 0 0 0 0\n");
    let t = tree(&[("proc/net/dev", &data)]);
    let per = t.root().net_io_counters_pernic_raw().unwrap();
    assert_eq!((per["eth0"].bytes_recv, per["eth0"].packets_recv), (max, 1));
    assert_eq!(per["e\u{fffd}t0"].errin, 1);
    let total = t.root().net_io_counters().unwrap().unwrap();
    assert_eq!(
        (total.bytes_recv, total.bytes_sent, total.packets_recv),
        (max, max, 3)
    );
    report("net_io_counters_faults");
}

#[test]
fn net_if_stats_faults() {
    not_found(tree(&[]).root().net_if_stats(), "proc/net/dev");
    // Names from a non-host tree that are not interfaces of this system (unknown,
    // non-UTF-8, too long for an ifreq, with a NUL) are left out; `lo` is this system's.
    let head = "Inter-|\n face |\n";
    let zeros = "0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0";
    let mut data =
        format!("{head}    lo: {zeros}\n  nosuchnic0: {zeros}\nlo_plus_sixteen_bytes: {zeros}\n")
            .into_bytes();
    data.extend_from_slice(format!("  l\u{f6}: {zeros}\n  lo\0x: {zeros}\n").as_bytes());
    data.extend_from_slice(b"  l\xff: ");
    data.extend_from_slice(format!("{zeros}\n").as_bytes());
    data.extend_from_slice(format!("  e\u{fffd}0: {zeros}\n").as_bytes());
    let stats = tree(&[("proc/net/dev", &data)])
        .root()
        .net_if_stats()
        .unwrap();
    let names: Vec<&String> = stats.keys().collect();
    assert_eq!(names, ["lo"], "{stats:?}");
    report("net_if_stats_faults");
}

#[test]
fn net_connections_faults() {
    let tcp = captured("proc/net/tcp");
    let unix = captured("proc/net/unix");
    let base: Vec<(&str, &[u8])> = vec![
        ("proc/net/tcp", &tcp),
        ("proc/net/udp", b"  sl  local_address rem_address   st\n"),
        ("proc/net/unix", &unix),
    ];
    let conns = |files: &[(&str, &[u8])]| {
        tree(files)
            .root()
            .net_connections_procfs(ConnectionKind::All)
    };
    // Missing IPv6 tables mean no IPv6; a missing IPv4 table is an error naming it.
    let all = conns(&base).unwrap();
    assert!(!all.is_empty());
    not_found(conns(&base[1..]), "proc/net/tcp");
    for cut in cuts(&tcp) {
        let mut files = base.clone();
        files[0].1 = &tcp[..cut];
        match conns(&files) {
            Ok(v) => assert!(v.iter().all(|c| all.contains(c)), "cut {cut}"),
            Err(e) => names_file(&e, "proc/net/tcp"),
        }
    }
    for cut in cuts(&unix) {
        let mut files = base.clone();
        files[2].1 = &unix[..cut];
        if let Err(e) = conns(&files) {
            names_file(&e, "proc/net/unix");
        }
    }
    let header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    let sock = |local: &str, st: &str, inode: &str| {
        format!("{header}   0: {local} 00000000:0000 {st} 00000000:00000000 00:00000000 00000000     0        0 {inode} 1 0 100 0 0 10 0\n")
            .into_bytes()
    };
    for bad in [
        sock("0100007F:0016", "0A", "-1"),
        sock("0100007F:10016", "0A", "1"),
        sock("0100007F0:0016", "0A", "1"),
        sock("0100007F:0016", "100", "1"),
        sock("0100007F:0016", "0A", "18446744073709551616"),
        format!("{header}   0: 0100007F:0016\n").into_bytes(),
    ] {
        let mut files = base.clone();
        files[0].1 = &bad;
        parse_error(conns(&files), "proc/net/tcp line 2");
    }
    // An unknown TCP state is NONE; an inode of u64::MAX is kept; extra columns ignored.
    let odd = sock("0100007F:0016", "FF", "18446744073709551615");
    let mut files = base.clone();
    files[0].1 = &odd;
    files.push(("proc/net/tcp6", b"header\n"));
    let v = tree(&files)
        .root()
        .net_connections_procfs(ConnectionKind::Tcp)
        .unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!((v[0].status, v[0].pid), (ConnectionStatus::None, None));
    // A Unix socket path that is not UTF-8 (or holds spaces) is kept byte for byte.
    let unix_odd = b"Num       RefCount Protocol Flags    Type St Inode Path\n\
0000000000000000: 00000002 00000000 00010000 0001 01 12345 /run/\xff\xfe odd\n";
    let mut files = base.clone();
    files[2].1 = unix_odd;
    let v = tree(&files)
        .root()
        .net_connections_procfs(ConnectionKind::Unix)
        .unwrap();
    assert_eq!(v.len(), 1);
    let ConnAddr::Unix(path) = &v[0].laddr else {
        panic!("{v:?}")
    };
    assert_eq!(path.as_bytes(), b"/run/\xff\xfe odd");
    report("net_connections_faults");
}
