//! Network functions against `ip`, `ss`, /sys/class/net, fixtures and psutil.

// Live tests read through `Root::host()` rather than the free functions, so that a test
// elsewhere that changes the process-wide root (`set_procfs_path`) cannot disturb them.

use std::collections::{BTreeMap, BTreeSet};
use std::os::fd::AsRawFd;

use psutil_rs::{
    AddressFamily, ConnAddr, Connection, ConnectionKind, ConnectionStatus, Root, SocketType,
};

use serde_json::Value;

use crate::util::*;

// ---------------------------------------------------------------- net_io_counters

/// `ip -s -s -j link` counters per NIC, in our field order. /proc/net/dev's receive
/// `drop` is the kernel's `rx_dropped + rx_missed_errors`.
fn ip_link_counters() -> BTreeMap<String, [u64; 8]> {
    let v: Value = serde_json::from_str(&run("ip", &["-s", "-s", "-j", "link"])).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let s = &l["stats64"];
            let g = |dir: &str, k: &str| s[dir][k].as_u64().unwrap();
            (
                l["ifname"].as_str().unwrap().to_string(),
                [
                    g("tx", "bytes"),
                    g("rx", "bytes"),
                    g("tx", "packets"),
                    g("rx", "packets"),
                    g("rx", "errors"),
                    g("tx", "errors"),
                    g("rx", "dropped") + g("rx", "missed_errors"),
                    g("tx", "dropped"),
                ],
            )
        })
        .collect()
}

const FIELDS: [&str; 8] = [
    "bytes_sent",
    "bytes_recv",
    "packets_sent",
    "packets_recv",
    "errin",
    "errout",
    "dropin",
    "dropout",
];

fn as_array(c: &psutil_rs::NetIoCounters) -> [u64; 8] {
    [
        c.bytes_sent,
        c.bytes_recv,
        c.packets_sent,
        c.packets_recv,
        c.errin,
        c.errout,
        c.dropin,
        c.dropout,
    ]
}

#[test]
fn net_io_counters_pernic_between_two_ip_reads() {
    // Counters only grow: ours must lie between an `ip` read before and one after.
    let before = ip_link_counters();
    let ours = psutil_rs::Root::host()
        .net_io_counters_pernic_raw()
        .unwrap();
    let after = ip_link_counters();
    let names: BTreeSet<_> = ours.keys().cloned().collect();
    assert_eq!(names, before.keys().cloned().collect::<BTreeSet<_>>());
    for (nic, c) in &ours {
        let (b, a, o) = (before[nic], after[nic], as_array(c));
        for i in 0..8 {
            assert!(
                b[i] <= o[i] && o[i] <= a[i],
                "{nic} field {i}: ip {} <= ours {} <= ip {}",
                b[i],
                o[i],
                a[i]
            );
        }
    }
}

#[test]
fn net_io_counters_match_psutil() {
    let p1 = psutil("psutil.net_io_counters(pernic=True)");
    let ours = psutil_rs::Root::host().net_io_counters_pernic().unwrap();
    let total = psutil_rs::Root::host().net_io_counters().unwrap().unwrap();
    let p2 = psutil("psutil.net_io_counters(pernic=True)");
    assert_eq!(
        ours.keys().collect::<BTreeSet<_>>(),
        p1.as_object().unwrap().keys().collect::<BTreeSet<_>>()
    );
    let mut sum = [0u64; 8];
    for (nic, c) in &ours {
        let j = ours_json(c);
        same_fields(&j, &p1[nic]);
        for (k, v) in j.as_object().unwrap() {
            let (lo, hi, o) = (
                p1[nic][k].as_u64().unwrap(),
                p2[nic][k].as_u64().unwrap(),
                v.as_u64().unwrap(),
            );
            assert!(lo <= o && o <= hi, "{nic}.{k}: {lo} <= {o} <= {hi}");
        }
        for (s, x) in sum.iter_mut().zip(as_array(c)) {
            *s += x;
        }
    }
    // the total is read after the per-NIC values: at least their sum, at most psutil's
    // later read.
    let p2sum = |i: usize| -> u64 {
        p2.as_object()
            .unwrap()
            .values()
            .map(|c| c[FIELDS[i]].as_u64().unwrap())
            .sum()
    };
    for (i, (t, s)) in as_array(&total).iter().zip(sum).enumerate() {
        assert!(
            s <= *t && *t <= p2sum(i),
            "total field {i}: {s} <= {t} <= {}",
            p2sum(i)
        );
    }
    same_fields(&ours_json(&total), &psutil("psutil.net_io_counters()"));
    field_order(&total, "snetio");
}

/// Asserts that `v` serializes its fields in the order of psutil's namedtuple `nt`
/// (serde_json's `Value` sorts keys, so the serialized text is checked).
#[track_caller]
fn field_order<T: serde::Serialize>(v: &T, nt: &str) {
    let text = serde_json::to_string(v).unwrap();
    let fields = psutil(&format!("psutil._ntuples.{nt}._fields"));
    let fields: Vec<&str> = fields
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f.as_str().unwrap())
        .collect();
    let ours: Vec<String> = serde_json::from_str::<Value>(&text)
        .unwrap()
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    assert_eq!(ours.len(), fields.len(), "{nt}: {text}");
    let pos: Vec<usize> = fields
        .iter()
        .map(|f| {
            text.find(&format!("\"{f}\":"))
                .unwrap_or_else(|| panic!("{nt}.{f} missing in {text}"))
        })
        .collect();
    assert!(
        pos.windows(2).all(|w| w[0] < w[1]),
        "{nt} field order: {text} vs {fields:?}"
    );
}

fn ours_json<T: serde::Serialize>(v: &T) -> Value {
    ours(v)
}

#[test]
fn net_io_counters_fixture() {
    let r = fixture_root("debian12-6.18");
    let m = r.net_io_counters_pernic_raw().unwrap();
    assert_eq!(m.len(), 4);
    let eth0 = m["eth0"];
    assert_eq!(
        (
            eth0.bytes_recv,
            eth0.packets_recv,
            eth0.bytes_sent,
            eth0.packets_sent
        ),
        (33851859, 1270, 90073, 813)
    );
    assert_eq!(m["lo"].bytes_sent, 3193);
}

#[test]
fn net_io_counters_no_nics_is_none() {
    let head = b"Inter-|   Receive |  Transmit\n face |bytes packets|bytes packets\n";
    let t = TempTree::new(&[("proc/net/dev", head)]);
    assert_eq!(t.root().net_io_counters().unwrap(), None);
    assert!(t.root().net_io_counters_pernic().unwrap().is_empty());
}

#[test]
fn net_io_counters_garbage_names_the_file() {
    let t = TempTree::new(&[("proc/net/dev", b"h\nh\n  eth0: 1 2 3\n")]);
    let e = t.root().net_io_counters().unwrap_err();
    assert!(e.to_string().contains("net/dev line 3"), "{e}");
}

#[test]
fn net_io_counters_nowrap_corrects_a_wrap() {
    let dev = |rx: u64| {
        format!("h\nh\n  eth0: {rx} 1 0 0 0 0 0 0 5 1 0 0 0 0 0 0\n  lo: 7 1 0 0 0 0 0 0 7 1 0 0 0 0 0 0\n")
    };
    let t = TempTree::new(&[("proc/net/dev", dev(1000).as_bytes())]);
    let r = t.root();
    assert_eq!(r.net_io_counters_pernic().unwrap()["eth0"].bytes_recv, 1000);
    // a 32-bit counter wrapped: 1000 -> 10 reads as 1010
    std::fs::write(t.dir.join("proc/net/dev"), dev(10)).unwrap();
    assert_eq!(r.net_io_counters_pernic().unwrap()["eth0"].bytes_recv, 1010);
    assert_eq!(r.net_io_counters().unwrap().unwrap().bytes_recv, 1017);
    assert_eq!(
        r.net_io_counters_pernic_raw().unwrap()["eth0"].bytes_recv,
        10
    );
}

// ---------------------------------------------------------------- net_if_addrs

#[test]
fn net_if_addrs_equals_psutil() {
    let ours = ours(&psutil_rs::net_if_addrs().unwrap());
    let p = psutil("psutil.net_if_addrs()");
    // same NICs, same lists in the same order, same fields
    assert_eq!(ours, p);
    let any = psutil_rs::net_if_addrs()
        .unwrap()
        .into_values()
        .flatten()
        .next();
    field_order(&any.unwrap(), "snicaddr");
}

fn prefix_to_mask(family: &str, len: u32) -> String {
    if family == "inet" {
        let m = if len == 0 { 0 } else { u32::MAX << (32 - len) };
        std::net::Ipv4Addr::from(m).to_string()
    } else {
        let m = if len == 0 {
            0
        } else {
            u128::MAX << (128 - len)
        };
        std::net::Ipv6Addr::from(m).to_string()
    }
}

#[test]
fn net_if_addrs_matches_ip_addr() {
    // (nic, family, address, netmask, broadcast) from `ip -j addr`
    type Row = (String, u16, String, Option<String>, Option<String>);
    let v: Value = serde_json::from_str(&run("ip", &["-j", "addr"])).unwrap();
    let mut expected: BTreeSet<Row> = BTreeSet::new();
    for link in v.as_array().unwrap() {
        let nic = link["ifname"].as_str().unwrap().to_string();
        let flags: Vec<&str> = link["flags"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        if let Some(mac) = link["address"].as_str() {
            let bcast = link["broadcast"]
                .as_str()
                .filter(|_| flags.contains(&"BROADCAST"))
                .map(String::from);
            expected.insert((nic.clone(), 17, mac.to_string(), None, bcast));
        }
        for a in link["addr_info"].as_array().unwrap() {
            let fam = a["family"].as_str().unwrap();
            let mut local = a["local"].as_str().unwrap().to_string();
            let link_local = a["scope"].as_str() == Some("link");
            if fam == "inet6" && link_local {
                local = format!("{local}%{nic}");
            }
            let mask = prefix_to_mask(fam, a["prefixlen"].as_u64().unwrap() as u32);
            let bcast = a["broadcast"].as_str().map(String::from);
            let famn = if fam == "inet" { 2 } else { 10 };
            expected.insert((nic.clone(), famn, local, Some(mask), bcast));
        }
    }
    let ours: BTreeSet<Row> = psutil_rs::net_if_addrs()
        .unwrap()
        .into_iter()
        .flat_map(|(nic, v)| {
            v.into_iter().map(move |a| {
                (
                    nic.clone(),
                    a.family.as_raw(),
                    a.address,
                    a.netmask,
                    a.broadcast,
                )
            })
        })
        .collect();
    assert_eq!(ours, expected);
}

#[test]
fn net_if_addrs_sorted_and_exclusive() {
    for (nic, list) in psutil_rs::net_if_addrs().unwrap() {
        let fams: Vec<u16> = list.iter().map(|a| a.family.as_raw()).collect();
        let mut sorted = fams.clone();
        sorted.sort();
        assert_eq!(fams, sorted, "{nic}");
        for a in &list {
            assert!(a.broadcast.is_none() || a.ptp.is_none(), "{nic}: {a:?}");
            if a.family == psutil_rs::AddressFamily::Packet {
                assert_eq!(a.address.len(), 17, "{nic}: {a:?}");
                assert!(a.netmask.is_none());
            }
        }
    }
}

#[test]
fn net_if_addrs_needs_the_host() {
    let e = fixture_root("debian12-6.18").net_if_addrs().unwrap_err();
    assert!(matches!(e, psutil_rs::Error::Unsupported { .. }), "{e}");
}

// ---------------------------------------------------------------- net_if_stats

#[test]
fn net_if_stats_equals_psutil() {
    let ours_v = psutil_rs::Root::host().net_if_stats().unwrap();
    let p = psutil("psutil.net_if_stats()");
    assert_eq!(ours(&ours_v), p);
    field_order(ours_v.values().next().unwrap(), "snicstats");
}

#[test]
fn net_if_stats_matches_sysfs() {
    let stats = psutil_rs::Root::host().net_if_stats().unwrap();
    let sys = |nic: &str, f: &str| std::fs::read_to_string(format!("/sys/class/net/{nic}/{f}"));
    for (nic, s) in &stats {
        assert_eq!(s.mtu.to_string(), sys(nic, "mtu").unwrap().trim(), "{nic}");
        // /sys flags is dev->flags; SIOCGIFFLAGS adds the operational IFF_RUNNING.
        let raw = u32::from_str_radix(
            sys(nic, "flags").unwrap().trim().trim_start_matches("0x"),
            16,
        )
        .unwrap();
        let names = [
            "up",
            "broadcast",
            "debug",
            "loopback",
            "pointopoint",
            "notrailers",
            "running",
            "noarp",
            "promisc",
            "allmulti",
            "master",
            "slave",
            "multicast",
            "portsel",
            "automedia",
            "dynamic",
        ];
        let expected: Vec<&str> = names
            .iter()
            .enumerate()
            .filter(|(i, n)| raw & (1 << i) != 0 || (**n == "running" && s.isup))
            .map(|(_, n)| *n)
            .collect();
        assert_eq!(s.flags, expected.join(","), "{nic}");
        // running == up with an operational state of up or unknown (netif_oper_up)
        let oper = sys(nic, "operstate").unwrap();
        let up = raw & 1 != 0 && matches!(oper.trim(), "up" | "unknown");
        assert_eq!(s.isup, up, "{nic}: operstate {oper}");
        // speed/duplex: sysfs reads the same ethtool data (EINVAL when unsupported,
        // -1 for SPEED_UNKNOWN).
        match sys(nic, "speed")
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
        {
            Some(v) if v > 0 => assert_eq!(i64::from(s.speed), v, "{nic}"),
            _ => assert_eq!(s.speed, 0, "{nic}"),
        }
        let duplex = match sys(nic, "duplex").as_deref().map(str::trim) {
            Ok("full") => psutil_rs::NicDuplex::Full,
            Ok("half") => psutil_rs::NicDuplex::Half,
            _ => psutil_rs::NicDuplex::Unknown,
        };
        assert_eq!(s.duplex, duplex, "{nic}");
    }
    // keys are /proc/net/dev's names
    let dev = psutil_rs::Root::host()
        .net_io_counters_pernic_raw()
        .unwrap();
    assert_eq!(
        stats.keys().collect::<BTreeSet<_>>(),
        dev.keys().collect::<BTreeSet<_>>()
    );
}

#[test]
fn net_if_stats_skips_vanished_nics() {
    // A NIC listed in /proc/net/dev that does not exist gives ENODEV and is skipped;
    // the others are still reported (names from the tree, values from the host).
    let mut dev = std::fs::read("/proc/net/dev").unwrap();
    dev.extend_from_slice(b"nosuchnic0: 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n");
    let t = TempTree::new(&[("proc/net/dev", &dev)]);
    let r = psutil_rs::Root::with_procfs(t.dir.join("proc"));
    assert!(!r.is_host());
    let stats = r.net_if_stats().unwrap();
    assert!(!stats.contains_key("nosuchnic0"));
    assert_eq!(stats, psutil_rs::Root::host().net_if_stats().unwrap());
}

// ---------------------------------------------------------------- net_connections

/// Both ways of reading the socket tables on the host.
fn both_sources(kind: ConnectionKind) -> [(&'static str, Vec<Connection>); 2] {
    let r = Root::host();
    [
        ("netlink", r.net_connections_netlink(kind).unwrap()),
        ("procfs", r.net_connections_procfs(kind).unwrap()),
    ]
}

fn inet(c: &ConnAddr) -> Option<std::net::SocketAddr> {
    c.as_inet().map(|a| std::net::SocketAddr::new(a.ip, a.port))
}

#[test]
fn net_connections_find_our_own_sockets() {
    use std::net::{TcpListener, TcpStream, UdpSocket};
    use std::os::linux::net::SocketAddrExt;
    use std::os::unix::net::{SocketAddr as UnixAddr, UnixListener};

    let pid = std::process::id();
    let l4 = TcpListener::bind("127.0.0.1:0").unwrap();
    let c4 = TcpStream::connect(l4.local_addr().unwrap()).unwrap();
    let (s4, _) = l4.accept().unwrap();
    let l6 = TcpListener::bind("[::1]:0").unwrap();
    let c6 = TcpStream::connect(l6.local_addr().unwrap()).unwrap();
    let (s6, _) = l6.accept().unwrap();
    let u4 = UdpSocket::bind("127.0.0.1:0").unwrap();
    let u6 = UdpSocket::bind("[::1]:0").unwrap();
    let dir = std::env::temp_dir().join(format!("psutil-rs-net-{pid}"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sock");
    let _ = std::fs::remove_file(&path);
    let ux = UnixListener::bind(&path).unwrap();
    let abs_name = format!("psutil-rs-test-{pid}");
    let ua = UnixListener::bind_addr(&UnixAddr::from_abstract_name(abs_name.as_bytes()).unwrap())
        .unwrap();

    use AddressFamily as F;
    use ConnectionKind as K;
    use ConnectionStatus as S;
    use SocketType as T;
    struct Want {
        what: &'static str,
        fd: i32,
        family: F,
        ty: T,
        laddr: ConnAddr,
        raddr: ConnAddr,
        status: S,
        kinds: &'static [K],
    }
    let a = |s: std::net::SocketAddr| ConnAddr::Inet(psutil_rs::Addr::from(s));
    let tcp4: &[K] = &[K::All, K::Inet, K::Inet4, K::Tcp, K::Tcp4];
    let tcp6: &[K] = &[K::All, K::Inet, K::Inet6, K::Tcp, K::Tcp6];
    let udp4: &[K] = &[K::All, K::Inet, K::Inet4, K::Udp, K::Udp4];
    let udp6: &[K] = &[K::All, K::Inet, K::Inet6, K::Udp, K::Udp6];
    let unix: &[K] = &[K::All, K::Unix];
    let empty = || ConnAddr::Unix(Default::default());
    let wants = [
        Want {
            what: "tcp4 listen",
            fd: l4.as_raw_fd(),
            family: F::Inet,
            ty: T::Stream,
            laddr: a(l4.local_addr().unwrap()),
            raddr: ConnAddr::None,
            status: S::Listen,
            kinds: tcp4,
        },
        Want {
            what: "tcp4 client",
            fd: c4.as_raw_fd(),
            family: F::Inet,
            ty: T::Stream,
            laddr: a(c4.local_addr().unwrap()),
            raddr: a(c4.peer_addr().unwrap()),
            status: S::Established,
            kinds: tcp4,
        },
        Want {
            what: "tcp4 server",
            fd: s4.as_raw_fd(),
            family: F::Inet,
            ty: T::Stream,
            laddr: a(s4.local_addr().unwrap()),
            raddr: a(s4.peer_addr().unwrap()),
            status: S::Established,
            kinds: tcp4,
        },
        Want {
            what: "tcp6 listen",
            fd: l6.as_raw_fd(),
            family: F::Inet6,
            ty: T::Stream,
            laddr: a(l6.local_addr().unwrap()),
            raddr: ConnAddr::None,
            status: S::Listen,
            kinds: tcp6,
        },
        Want {
            what: "tcp6 client",
            fd: c6.as_raw_fd(),
            family: F::Inet6,
            ty: T::Stream,
            laddr: a(c6.local_addr().unwrap()),
            raddr: a(c6.peer_addr().unwrap()),
            status: S::Established,
            kinds: tcp6,
        },
        Want {
            what: "tcp6 server",
            fd: s6.as_raw_fd(),
            family: F::Inet6,
            ty: T::Stream,
            laddr: a(s6.local_addr().unwrap()),
            raddr: a(s6.peer_addr().unwrap()),
            status: S::Established,
            kinds: tcp6,
        },
        Want {
            what: "udp4",
            fd: u4.as_raw_fd(),
            family: F::Inet,
            ty: T::Dgram,
            laddr: a(u4.local_addr().unwrap()),
            raddr: ConnAddr::None,
            status: S::None,
            kinds: udp4,
        },
        Want {
            what: "udp6",
            fd: u6.as_raw_fd(),
            family: F::Inet6,
            ty: T::Dgram,
            laddr: a(u6.local_addr().unwrap()),
            raddr: ConnAddr::None,
            status: S::None,
            kinds: udp6,
        },
        Want {
            what: "unix path",
            fd: ux.as_raw_fd(),
            family: F::Unix,
            ty: T::Stream,
            laddr: ConnAddr::Unix(path.clone().into_os_string()),
            raddr: empty(),
            status: S::None,
            kinds: unix,
        },
        Want {
            what: "unix abstract",
            fd: ua.as_raw_fd(),
            family: F::Unix,
            ty: T::Stream,
            laddr: ConnAddr::Unix(format!("@{abs_name}").into()),
            raddr: empty(),
            status: S::None,
            kinds: unix,
        },
    ];
    // Another test thread may fork a child (ip, ss, python) at any time; until it execs,
    // the child holds copies of our sockets and, being a later pid, wins psutil's
    // inode -> pid map. So each check is retried a few times.
    let check = |kind: ConnectionKind, source: &str, conns: &[Connection]| -> Result<(), String> {
        for w in &wants {
            let found: Vec<&Connection> = conns
                .iter()
                .filter(|c| c.pid == Some(pid) && c.fd == w.fd)
                .collect();
            if !w.kinds.contains(&kind) {
                if !found.is_empty() {
                    return Err(format!(
                        "{source} {kind}: {} should be absent: {found:?}",
                        w.what
                    ));
                }
                continue;
            }
            // Connection is #[non_exhaustive]: compared field by field.
            let fields = |c: &Connection| {
                let (laddr, raddr) = (c.laddr.clone(), c.raddr.clone());
                (c.fd, c.family, c.r#type, laddr, raddr, c.status, c.pid)
            };
            let expected = (
                w.fd,
                w.family,
                w.ty,
                w.laddr.clone(),
                w.raddr.clone(),
                w.status,
                Some(pid),
            );
            if found.iter().map(|c| fields(c)).collect::<Vec<_>>() != vec![expected.clone()] {
                return Err(format!(
                    "{source} {kind}: {}: found {found:?}, want {expected:?}",
                    w.what
                ));
            }
        }
        Ok(())
    };
    for kind in ConnectionKind::ALL {
        retry(&format!("kind {kind}"), || {
            for (source, conns) in both_sources(kind) {
                check(kind, source, &conns)?;
            }
            Ok(())
        });
    }
    drop((c4, s4, c6, s6));
    let _ = std::fs::remove_dir_all(&dir);
}

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
fn retry(what: &str, mut f: impl FnMut() -> Result<(), String>) {
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

#[test]
fn net_connections_netlink_equals_procfs() {
    let _sockets = open_sockets();
    let r = Root::host();
    for kind in ConnectionKind::ALL {
        retry(&format!("kind {kind}"), || {
            let p1 = key_set(r.net_connections_procfs(kind).unwrap());
            let n = key_set(r.net_connections_netlink(kind).unwrap());
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

// ---------------------------------------------------------------- key order

/// The interface names of a `/proc/net/dev` text in file order, split here as the
/// file's format says (the name is what precedes the last `:` of each line after the
/// two header lines).
fn net_dev_names(text: &str) -> Vec<String> {
    text.lines()
        .skip(2)
        .filter_map(|l| l.rsplit_once(':').map(|(n, _)| n.trim().to_string()))
        .collect()
}

fn live_net_dev_names() -> Vec<String> {
    net_dev_names(&std::fs::read_to_string("/proc/net/dev").unwrap())
}

/// The keys of a JSON object, in its order (serde_json keeps it: `preserve_order`).
pub(crate) fn json_keys(v: &Value) -> Vec<String> {
    v.as_object().unwrap().keys().cloned().collect()
}

/// `a` and `b` restricted to the names both list, each in its own order: two lists
/// read at different moments may differ by a device that came or went, but the names
/// they share must come in the same order.
pub(crate) fn shared_order(a: &[String], b: &[String]) -> (Vec<String>, Vec<String>) {
    let keep = |x: &[String], other: &[String]| -> Vec<String> {
        x.iter().filter(|n| other.contains(n)).cloned().collect()
    };
    (keep(a, b), keep(b, a))
}

/// Runs `read` between two reads of `/proc/net/dev` until both reads list the same
/// names, and returns (those names, what `read` gave).
fn bracketed_by_net_dev(read: impl Fn() -> Vec<String>) -> (Vec<String>, Vec<String>) {
    for _ in 0..5 {
        let before = live_net_dev_names();
        let got = read();
        if live_net_dev_names() == before {
            return (before, got);
        }
    }
    panic!("/proc/net/dev kept changing");
}

#[test]
fn net_io_counters_pernic_in_proc_net_dev_order() {
    let host = Root::host();
    let (want, got) = bracketed_by_net_dev(|| keys(&host.net_io_counters_pernic().unwrap()));
    assert_eq!(got, want);
    let (want, got) = bracketed_by_net_dev(|| keys(&host.net_io_counters_pernic_raw().unwrap()));
    assert_eq!(got, want);
}

#[test]
fn net_if_stats_in_proc_net_dev_order() {
    // Every NIC of /proc/net/dev is listed (none vanished between the two reads).
    let (want, got) = bracketed_by_net_dev(|| keys(&Root::host().net_if_stats().unwrap()));
    assert_eq!(got, want);
}

/// The keys of one of our maps, in its order.
pub(crate) fn keys<V>(m: &psutil_rs::IndexMap<String, V>) -> Vec<String> {
    m.keys().cloned().collect()
}

#[test]
fn net_dict_order_matches_psutil() {
    let host = Root::host();
    let pairs = [
        (
            "psutil.net_io_counters(pernic=True)",
            keys(&host.net_io_counters_pernic().unwrap()),
        ),
        ("psutil.net_if_stats()", keys(&host.net_if_stats().unwrap())),
        (
            "psutil.net_if_addrs()",
            keys(&psutil_rs::net_if_addrs().unwrap()),
        ),
    ];
    for (expr, ours) in pairs {
        let theirs = json_keys(&psutil(expr));
        let (o, t) = shared_order(&ours, &theirs);
        assert!(
            o.len() >= 2,
            "{expr}: too few shared names: {ours:?} vs {theirs:?}"
        );
        assert_eq!(o, t, "{expr}: ours (left) vs psutil (right)");
    }
}

/// `net_if_addrs` lists the interfaces as psutil does after its stable sort of
/// getifaddrs by family: those with an IPv4 address, then those with an IPv6 one, then
/// the rest (MAC only). Checked against `ip -j addr`; glibc's getifaddrs and `ip` both
/// dump over netlink, which on this kernel (≥ 6.x) walks the devices by ifindex.
#[test]
fn net_if_addrs_order_matches_ip_addr() {
    let ours = keys(&psutil_rs::net_if_addrs().unwrap());
    let ip: Value = serde_json::from_str(&run("ip", &["-j", "addr"])).unwrap();
    let mut links: Vec<(u64, String, Vec<String>)> = ip
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let fams = l["addr_info"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|x| x["family"].as_str().unwrap().to_string())
                        .collect()
                })
                .unwrap_or_default();
            (
                l["ifindex"].as_u64().unwrap(),
                l["ifname"].as_str().unwrap().to_string(),
                fams,
            )
        })
        .collect();
    links.sort_by_key(|l| l.0);
    let mut want: Vec<String> = Vec::new();
    for fam in ["inet", "inet6"] {
        for (_, name, fams) in &links {
            if fams.iter().any(|f| f == fam) && !want.contains(name) {
                want.push(name.clone());
            }
        }
    }
    for (_, name, _) in &links {
        if !want.contains(name) {
            want.push(name.clone());
        }
    }
    let (o, w) = shared_order(&ours, &want);
    assert_eq!(o.len(), ours.len(), "{ours:?} vs ip {want:?}");
    assert_eq!(o, w, "ours (left) vs ip addr (right)");
}

#[test]
fn net_io_counters_fixture_in_file_order() {
    let dir = fixture("debian12-6.18");
    let want = net_dev_names(&std::fs::read_to_string(dir.join("proc/net/dev")).unwrap());
    assert_eq!(want, ["lo", "ifb0", "ifb1", "eth0"]); // not sorted: a real check
    let r = fixture_root("debian12-6.18");
    assert_eq!(keys(&r.net_io_counters_pernic_raw().unwrap()), want);
    assert_eq!(keys(&r.net_io_counters_pernic().unwrap()), want);
}

#[test]
fn net_io_counters_hand_written_order_and_duplicates() {
    // Names in no sorted order, and one listed twice: it keeps its first place and its
    // last values, as psutil's dict assignment does.
    let row = |name: &str, rx: u64| format!("  {name}: {rx} 1 0 0 0 0 0 0 5 1 0 0 0 0 0 0\n");
    let text = format!(
        "h\nh\n{}{}{}{}{}",
        row("wlan0", 1),
        row("eth1", 2),
        row("lo", 3),
        row("eth1", 4),
        row("br-x", 5)
    );
    let t = TempTree::new(&[("proc/net/dev", text.as_bytes())]);
    for m in [
        t.root().net_io_counters_pernic_raw().unwrap(),
        t.root().net_io_counters_pernic().unwrap(),
    ] {
        let keys: Vec<&str> = m.keys().map(String::as_str).collect();
        assert_eq!(keys, ["wlan0", "eth1", "lo", "br-x"]);
        assert_eq!(m["eth1"].bytes_recv, 4);
    }
}
