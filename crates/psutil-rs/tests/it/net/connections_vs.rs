//! `net_connections` against psutil, ss(8), the captured fixture and hand-written
//! `/proc/net` trees.

use super::connections::*;
use super::*;

/// Opens sockets of every kind in this process so the comparisons below have something
/// to compare (the test VM has almost no sockets of its own). Dropped at the end.
fn open_sockets() -> Vec<Box<dyn std::any::Any>> {
    use std::net::{TcpListener, TcpStream, UdpSocket};
    use std::os::linux::net::SocketAddrExt;
    use std::os::unix::net::{SocketAddr as UnixAddr, UnixDatagram, UnixListener, UnixStream};
    let mut v: Vec<Box<dyn std::any::Any>> = Vec::new();
    for host in ["127.0.0.1:0", "[::1]:0"] {
        let l = TcpListener::bind(host).unwrap();
        let c = TcpStream::connect(l.local_addr().unwrap()).unwrap();
        let (s, _) = l.accept().unwrap();
        let u = UdpSocket::bind(host).unwrap();
        u.connect(u.local_addr().unwrap()).unwrap();
        v.extend([
            Box::new(l) as Box<dyn std::any::Any>,
            Box::new(c),
            Box::new(s),
            Box::new(u),
        ]);
    }
    let (a, b) = UnixStream::pair().unwrap();
    let (c, d) = UnixDatagram::pair().unwrap();
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    let name = format!("psutil-rs-open-{}-{n}", std::process::id());
    let l =
        UnixListener::bind_addr(&UnixAddr::from_abstract_name(name.as_bytes()).unwrap()).unwrap();
    v.extend([
        Box::new(a) as Box<dyn std::any::Any>,
        Box::new(b),
        Box::new(c),
        Box::new(d),
        Box::new(l),
    ]);
    v
}

/// Asserts `b` (read between `a1` and `a2`) agrees with them up to sockets that changed:
/// everything in both `a1` and `a2` is in `b`, everything in `b` is in `a1` or `a2`.
fn sandwiched<T: Ord + Clone + std::fmt::Debug>(
    a1: &BTreeSet<T>,
    b: &BTreeSet<T>,
    a2: &BTreeSet<T>,
) -> Result<(), String> {
    let stable: BTreeSet<T> = a1.intersection(a2).cloned().collect();
    let any: BTreeSet<T> = a1.union(a2).cloned().collect();
    let missing: Vec<_> = stable.difference(b).collect();
    let extra: Vec<_> = b.difference(&any).collect();
    if missing.is_empty() && extra.is_empty() {
        Ok(())
    } else {
        Err(format!("missing {missing:?}\nextra {extra:?}"))
    }
}

/// Retries a racy comparison a few times.
pub(super) fn retry(what: &str, mut f: impl FnMut() -> Result<(), String>) {
    let mut last = String::new();
    for _ in 0..5 {
        match f() {
            Ok(()) => return,
            Err(e) => last = e,
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    panic!("{what}: {last}");
}

fn key_set(v: Vec<Connection>) -> BTreeSet<String> {
    v.iter()
        .map(|c| serde_json::to_string(c).unwrap())
        .collect()
}

/// The sockets through netlink sock_diag. Under qemu-user, which does not translate
/// `NETLINK_SOCK_DIAG` (socket(2) fails with `EPROTONOSUPPORT`, as on a kernel without
/// the diag modules), that error, and `net_connections` falling back to `/proc/net`.
pub(super) fn netlink_source(r: &Root, kind: ConnectionKind) -> Vec<Connection> {
    if emulator().is_none() {
        return r.net_connections_netlink(kind).unwrap();
    }
    match r.net_connections_netlink(kind) {
        Err(psutil_rs::Error::Io { source, .. }) => {
            assert_eq!(source.raw_os_error(), Some(93), "EPROTONOSUPPORT: {source}")
        }
        other => panic!("netlink sock_diag under qemu-user: {other:?}"),
    }
    psutil_rs::net_connections(kind).unwrap()
}

#[test]
fn net_connections_netlink_equals_procfs() {
    let _sockets = open_sockets();
    let r = Root::host();
    for kind in ConnectionKind::ALL {
        retry(&format!("kind {kind}"), || {
            let p1 = key_set(r.net_connections_procfs(kind).unwrap());
            let n = key_set(netlink_source(&r, kind));
            let p2 = key_set(r.net_connections_procfs(kind).unwrap());
            sandwiched(&p1, &n, &p2)
        });
    }
}

#[test]
fn net_connections_match_psutil() {
    let _sockets = open_sockets();
    // (fd, family, type, laddr, raddr, status, pid) as JSON text, psutil's way.
    let norm = |v: &Value| -> BTreeSet<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let o = c.as_object().unwrap();
                let f = |k: &str| o[k].to_string();
                format!(
                    "{} {} {} {} {} {} {}",
                    f("fd"),
                    f("family"),
                    f("type"),
                    f("laddr"),
                    f("raddr"),
                    f("status"),
                    f("pid")
                )
            })
            .collect()
    };
    for kind in ConnectionKind::ALL {
        retry(&format!("kind {kind}"), || {
            let o1 = norm(&ours(&Root::host().net_connections(kind).unwrap()));
            let p = norm(&psutil(&format!(
                "psutil.net_connections({:?})",
                kind.as_str()
            )));
            let o2 = norm(&ours(&Root::host().net_connections(kind).unwrap()));
            sandwiched(&o1, &p, &o2)
        });
    }
    let one = Root::host().net_connections(ConnectionKind::All).unwrap();
    if let Some(c) = one.first() {
        field_order(c, "sconn");
    }
    field_order(
        &psutil_rs::Addr::from("[::1]:1".parse::<std::net::SocketAddr>().unwrap()),
        "addr",
    );
}

/// `ss -tuanp` sockets: (proto, local, remote, state, pids with fds).
fn ss_sockets() -> BTreeSet<(String, String, String, String)> {
    let out = run("ss", &["-tuanpH"]);
    out.lines()
        .map(|l| {
            let w: Vec<&str> = l.split_whitespace().collect();
            let (proto, state, local, peer) = (w[0], w[1], w[4], w[5]);
            let state = match (proto, state) {
                ("udp", _) => "NONE",
                (_, "ESTAB") => "ESTABLISHED",
                (_, "LISTEN") => "LISTEN",
                (_, "TIME-WAIT") => "TIME_WAIT",
                (_, "SYN-SENT") => "SYN_SENT",
                (_, "SYN-RECV") => "SYN_RECV",
                (_, "FIN-WAIT-1") => "FIN_WAIT1",
                (_, "FIN-WAIT-2") => "FIN_WAIT2",
                (_, "CLOSE-WAIT") => "CLOSE_WAIT",
                (_, "LAST-ACK") => "LAST_ACK",
                (_, "CLOSING") => "CLOSING",
                (_, s) => panic!("unknown ss state {s}"),
            };
            // users:(("name",pid=1,fd=3),("x",pid=2,fd=4)) -> "1/3,2/4" (sorted)
            let mut users: Vec<String> = l
                .split("pid=")
                .skip(1)
                .map(|s| {
                    let pid: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
                    let fd: String = s
                        .split("fd=")
                        .nth(1)
                        .unwrap()
                        .chars()
                        .take_while(|c| c.is_ascii_digit())
                        .collect();
                    format!("{pid}/{fd}")
                })
                .collect();
            users.sort();
            (
                format!("{proto} {state}"),
                ss_addr(local),
                ss_addr(peer),
                users.join(","),
            )
        })
        .collect()
}

/// Normalises an ss address (`1.2.3.4:80`, `[::1]:22`, `*:*`, `0.0.0.0:*`,
/// `[fe80::1]%eth0:22`) to "ip port" with `-` for "any".
fn ss_addr(s: &str) -> String {
    let (host, port) = s.rsplit_once(':').unwrap();
    let host = host
        .split('%')
        .next()
        .unwrap()
        .trim_start_matches('[')
        .trim_end_matches(']');
    let port = if port == "*" { "0" } else { port };
    let ip: Option<std::net::IpAddr> = host.parse().ok();
    let host = match ip {
        Some(ip) if !ip.is_unspecified() => ip.to_string(),
        _ => "-".into(),
    };
    format!("{host} {port}")
}

fn our_addr(c: &ConnAddr) -> String {
    match inet(c) {
        Some(s) if !s.ip().is_unspecified() => format!("{} {}", s.ip(), s.port()),
        Some(s) => format!("- {}", s.port()),
        None => "- 0".into(),
    }
}

#[test]
fn net_connections_match_ss() {
    let _sockets = open_sockets();
    // ss lists every holder of a socket; we report psutil's choice of one (pid, fd), so
    // compare ours against ss's list of holders.
    let ours_set = || -> BTreeSet<(String, String, String, String)> {
        Root::host()
            .net_connections(ConnectionKind::Inet)
            .unwrap()
            .into_iter()
            .map(|c| {
                let proto = if c.r#type == SocketType::Stream {
                    "tcp"
                } else {
                    "udp"
                };
                (
                    format!("{proto} {}", c.status),
                    our_addr(&c.laddr),
                    our_addr(&c.raddr),
                    c.pid.map(|p| format!("{p}/{}", c.fd)).unwrap_or_default(),
                )
            })
            .collect()
    };
    retry("ss -tuanp", || {
        let o1 = ours_set();
        let ss: BTreeSet<_> = ss_sockets();
        let o2 = ours_set();
        // replace ss's holder list by the one of ours it contains (psutil picks one)
        let ss: BTreeSet<_> = ss
            .into_iter()
            .map(|(a, b, c, users)| {
                let pick = o1.iter().chain(o2.iter()).find(|(oa, ob, oc, ou)| {
                    (oa, ob, oc) == (&a, &b, &c)
                        && !ou.is_empty()
                        && users.split(',').any(|u| u == ou)
                });
                let users = match pick {
                    Some((_, _, _, ou)) => ou.clone(),
                    None => users,
                };
                (a, b, c, users)
            })
            .collect();
        sandwiched(&o1, &ss, &o2)
    });
}

#[test]
fn net_connections_invalid_kind_lists_valid_ones() {
    let e = "tcp5".parse::<ConnectionKind>().unwrap_err();
    assert!(matches!(e, psutil_rs::Error::InvalidArgument { .. }));
    let msg = e.to_string();
    for k in [
        "inet", "inet4", "inet6", "tcp", "tcp4", "tcp6", "udp", "udp4", "udp6", "unix", "all",
    ] {
        assert!(msg.contains(k), "{msg}");
    }
    // the same kinds as psutil's, in psutil's order
    let p = psutil("list(psutil._common.conn_tmap)");
    let ours: Vec<&str> = ConnectionKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(serde_json::json!(ours), p);
}

#[test]
fn net_connections_fixture_procfs() {
    let r = fixture_root("debian12-6.18");
    assert!(r.net_connections_netlink(ConnectionKind::Inet).is_err());
    let v = r.net_connections(ConnectionKind::Tcp4).unwrap();
    assert_eq!(v.len(), 1);
    let c = &v[0];
    assert_eq!(
        (c.fd, c.pid, c.status),
        (-1, None, ConnectionStatus::Listen)
    );
    assert_eq!(inet(&c.laddr), Some("0.0.0.0:2024".parse().unwrap()));
    assert_eq!(c.raddr, ConnAddr::None);
    assert!(r.net_connections(ConnectionKind::Inet6).unwrap().is_empty());
    // every unix line has no path and no owner: deduplicated per type
    let unix = r.net_connections(ConnectionKind::Unix).unwrap();
    assert!(!unix.is_empty());
    assert!(unix
        .iter()
        .all(|c| c.pid.is_none() && c.fd == -1 && c.family == AddressFamily::Unix));
}

#[test]
fn net_connections_hand_written_tree() {
    // Owners: pid 10 has socket 99 (tcp) on fd 5 and unix socket 7 on fds 3 and 4;
    // pid 20 also has unix socket 7 on fd 8 (psutil: the later pid replaces pid 10);
    // pid 30 has no fd directory (it exited while we listed): skipped.
    // No tcp6/udp6 files: a kernel without IPv6.
    let tcp = b"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n\
   0: 0100007F:1F90 0100007F:D431 01 00000000:00000000 00:00000000 00000000     0        0 99 1 0\n\
   1: 0100007F:1F91 0100007F:D432 0B 00000000:00000000 00:00000000 00000000     0        0 0 1 0\n";
    let udp = b"   sl  local_address rem_address   st\n";
    let unix = b"Num       RefCount Protocol Flags    Type St Inode Path\n\
0000000012345678: 00000002 00000000 00010000 0001 01 7 @abs\n\
0000000012345679: 00000002 00000000 00010000 0002 01 8 /run/a b\n";
    let t = TempTree::new(&[
        ("proc/net/tcp", tcp),
        ("proc/net/udp", udp),
        ("proc/net/unix", unix),
        ("proc/30/stat", b"30 (x) Z"),
        ("proc/self", b""),
    ]);
    let link = |pid: u32, fd: u32, target: &str| {
        let d = t.dir.join(format!("proc/{pid}/fd"));
        std::fs::create_dir_all(&d).unwrap();
        std::os::unix::fs::symlink(target, d.join(fd.to_string())).unwrap();
    };
    link(10, 5, "socket:[99]");
    link(10, 3, "socket:[7]");
    link(10, 4, "socket:[7]");
    link(10, 6, "/dev/null");
    link(20, 8, "socket:[7]");
    let r = t.root();
    let v = r.net_connections(ConnectionKind::All).unwrap();
    let tcp: Vec<_> = v
        .iter()
        .filter(|c| c.family == AddressFamily::Inet)
        .collect();
    assert_eq!(tcp.len(), 2);
    assert_eq!(
        (tcp[0].pid, tcp[0].fd, tcp[0].status),
        (Some(10), 5, ConnectionStatus::Established)
    );
    assert_eq!(inet(&tcp[0].laddr), Some("127.0.0.1:8080".parse().unwrap()));
    assert_eq!(
        inet(&tcp[0].raddr),
        Some("127.0.0.1:54321".parse().unwrap())
    );
    assert_eq!(
        (tcp[1].pid, tcp[1].fd, tcp[1].status),
        (None, -1, ConnectionStatus::Closing)
    );
    let unix: Vec<_> = v
        .iter()
        .filter(|c| c.family == AddressFamily::Unix)
        .collect();
    assert_eq!(unix.len(), 2, "{unix:?}");
    assert_eq!((unix[0].pid, unix[0].fd), (Some(20), 8));
    assert_eq!(unix[0].laddr, ConnAddr::Unix("@abs".into()));
    assert_eq!(unix[1].r#type, SocketType::Dgram);
    assert_eq!(unix[1].laddr, ConnAddr::Unix("/run/a b".into()));
    assert!(r.net_connections(ConnectionKind::Inet6).unwrap().is_empty());
    // serialization follows psutil: () for no address, '' for unix raddr
    let j = ours(&tcp[1]);
    assert_eq!(
        j["laddr"],
        serde_json::json!({"ip": "127.0.0.1", "port": 8081})
    );
    assert_eq!(ours(&unix[0])["raddr"], serde_json::json!(""));
    assert_eq!(ours(&unix[0])["status"], serde_json::json!("NONE"));
}

#[test]
fn net_connections_errors_name_the_file() {
    let t = TempTree::new(&[("proc/net/tcp", b"header\n 0: zz\n"), ("proc/self", b"")]);
    let e = t.root().net_connections(ConnectionKind::Tcp4).unwrap_err();
    assert!(e.to_string().contains("net/tcp line 2"), "{e}");
    // /proc/net/tcp missing: an error (only the IPv6 files may be absent)
    let t = TempTree::new(&[("proc/net/tcp6", b"header\n"), ("proc/self", b"")]);
    assert!(t
        .root()
        .net_connections(ConnectionKind::Tcp)
        .unwrap_err()
        .is_not_found());
}

/// `/proc/net/tcp6` address text for an IPv6 address, as this (little- or big-endian)
/// machine's kernel prints it: four native-endian 32-bit words.
fn hex6(ip: &str) -> String {
    let ip: std::net::Ipv6Addr = ip.parse().unwrap();
    ip.octets()
        .chunks(4)
        .map(|c| format!("{:08X}", u32::from_ne_bytes([c[0], c[1], c[2], c[3]])))
        .collect()
}

#[test]
fn net_connections_hand_written_ipv6() {
    // tcp6: a dual-stack listener on [::]:22 and a v4-mapped connection to it in
    // TIME_WAIT; udp6: a socket bound to a link-local address and one to ::1:2 (which
    // inet_ntop writes as ::0.1.0.2).
    let head = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
    let tcp6 = format!(
        "{head}   0: {}:0016 {}:0000 0A 00000000:00000000 00:00000000 00000000     0        0 11 1 0\n\
         \x20  1: {}:0016 {}:C350 06 00000000:00000000 03:00000000 00000000     0        0 0 3 0\n",
        hex6("::"), hex6("::"), hex6("::ffff:127.0.0.1"), hex6("::ffff:127.0.0.1"),
    );
    let udp6 = format!(
        "{head}   0: {}:0222 {}:0000 07 00000000:00000000 00:00000000 00000000     0        0 12 2 0 0\n\
         \x20  1: {}:0223 {}:0000 07 00000000:00000000 00:00000000 00000000     0        0 13 2 0 0\n",
        hex6("fe80::fc:ff:fe00:1"), hex6("::"), hex6("::1:2"), hex6("::"),
    );
    let t = TempTree::new(&[
        ("proc/net/tcp6", tcp6.as_bytes()),
        ("proc/net/udp6", udp6.as_bytes()),
        ("proc/self", b""),
    ]);
    let v = t.root().net_connections(ConnectionKind::Inet6).unwrap();
    let j: Vec<Value> = v.iter().map(ours).collect();
    assert_eq!(j.len(), 4);
    assert_eq!(j[0]["laddr"], serde_json::json!({"ip": "::", "port": 22}));
    assert_eq!(j[0]["raddr"], serde_json::json!([]));
    assert_eq!(j[0]["status"], "LISTEN");
    assert_eq!(
        (&j[0]["family"], &j[0]["type"]),
        (&serde_json::json!(10), &serde_json::json!(1))
    );
    assert_eq!(
        j[1]["laddr"],
        serde_json::json!({"ip": "::ffff:127.0.0.1", "port": 22})
    );
    assert_eq!(
        j[1]["raddr"],
        serde_json::json!({"ip": "::ffff:127.0.0.1", "port": 50000})
    );
    assert_eq!(j[1]["status"], "TIME_WAIT");
    assert_eq!(
        j[2]["laddr"],
        serde_json::json!({"ip": "fe80::fc:ff:fe00:1", "port": 546})
    );
    assert_eq!(
        (&j[2]["status"], &j[2]["type"]),
        (&serde_json::json!("NONE"), &serde_json::json!(2))
    );
    assert_eq!(j[3]["laddr"]["ip"], "::0.1.0.2");
    // psutil's own decoder agrees on the same file
    let p = psutil(&format!(
        "[psutil._pslinux.NetConnections.decode_address(l.split()[1], socket.AF_INET6) for l in open({:?}).readlines()[1:]]",
        t.dir.join("proc/net/udp6").display().to_string()
    ));
    assert_eq!(p, serde_json::json!([j[2]["laddr"], j[3]["laddr"]]));
}
