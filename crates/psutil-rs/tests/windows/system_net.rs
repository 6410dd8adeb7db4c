//! Network: IP Helper against the host's /proc/net/dev and /sys/class/net (Wine passes
//! the host's interfaces through, named as on Linux), and sockets this test opens.

use std::net::{TcpListener, UdpSocket};

use psutil_rs::{
    net_connections, net_if_addrs, net_if_stats, net_io_counters, net_io_counters_pernic,
    AddressFamily, ConnAddr, ConnectionKind, ConnectionStatus, NicDuplex, SocketType,
};

use crate::system_host as host;

/// `GetIfEntry2` octets are /proc/net/dev's bytes exactly (wine-coverage.md), so a host
/// read taken between two of ours lies between them for every interface.
#[test]
fn io_counters_bracket_proc_net_dev() {
    let before = net_io_counters_pernic().unwrap();
    let dev = host::net_dev();
    let after = net_io_counters_pernic().unwrap();
    eprintln!("{before:#?}\n{dev:?}");
    let names: Vec<&String> = before.keys().collect();
    assert!(!dev.is_empty());
    for (name, rx, tx) in &dev {
        let (Some(b), Some(a)) = (before.get(name), after.get(name)) else {
            panic!("{name} of /proc/net/dev missing from {names:?}");
        };
        assert!(
            b.bytes_recv <= *rx && *rx <= a.bytes_recv,
            "{name} rx {rx} vs {b:?} / {a:?}"
        );
        assert!(
            b.bytes_sent <= *tx && *tx <= a.bytes_sent,
            "{name} tx {tx} vs {b:?} / {a:?}"
        );
    }
    let total = net_io_counters().unwrap().unwrap();
    let sum: u64 = after.values().map(|c| c.bytes_recv).sum();
    assert!(total.bytes_recv >= sum, "{total:?} vs sum {sum}");
}

/// The MAC in psutil's Windows form (`00-1A-...`), the same bytes as the host's
/// /sys/class/net/<if>/address; `lo` has 127.0.0.1 with the netmask of its /8 prefix;
/// broadcast and ptp are always None on Windows.
#[test]
fn if_addrs_match_sysfs() {
    let addrs = net_if_addrs().unwrap();
    eprintln!("{addrs:#?}");
    let lo = addrs.get("lo").expect("lo");
    let v4 = lo
        .iter()
        .find(|a| a.family == AddressFamily::Inet)
        .expect("an IPv4 address on lo");
    assert_eq!(v4.address, "127.0.0.1");
    assert_eq!(v4.netmask.as_deref(), Some("255.0.0.0"));
    for (name, list) in &addrs {
        for a in list {
            assert_eq!((&a.broadcast, &a.ptp), (&None, &None), "{name} {a:?}");
            if a.family == AddressFamily::Inet6 {
                assert_eq!(a.netmask, None);
            }
        }
        let Ok(mac) = std::fs::read_to_string(host::z(&format!("/sys/class/net/{name}/address")))
        else {
            continue;
        };
        let want = mac.trim().to_uppercase().replace(':', "-");
        if want == "00-00-00-00-00-00" {
            continue;
        }
        let link: Vec<_> = list
            .iter()
            .filter(|a| a.family == AddressFamily::LINK)
            .collect();
        assert_eq!(link.len(), 1, "{name}: {list:?}");
        // psutil's Windows form: the six bytes joined by '-', the MAC listed first.
        assert_eq!(link[0].address, want, "{name}");
        assert_eq!(list[0].family, AddressFamily::LINK, "{name}: {list:?}");
        assert_eq!(link[0].netmask, None);
    }
}

/// `isup` and the MTU against /sys/class/net; duplex is always full and flags empty
/// on Windows (psutil's values); the speed is unknown under Wine (0).
#[test]
fn if_stats_match_sysfs() {
    let stats = net_if_stats().unwrap();
    eprintln!("{stats:#?}");
    assert!(stats.contains_key("lo"));
    for (name, s) in &stats {
        assert_eq!(s.duplex, NicDuplex::Full);
        assert_eq!(s.flags, "");
        if let Ok(mtu) = std::fs::read_to_string(host::z(&format!("/sys/class/net/{name}/mtu"))) {
            assert_eq!(s.mtu.to_string(), mtu.trim(), "{name}");
        }
    }
    assert!(stats["lo"].isup);
}

/// A listening TCP socket and a bound UDP socket of this test appear, with psutil's
/// shapes: fd −1, laddr set, raddr empty, LISTEN / NONE. `GetExtendedTcpTable` gives
/// pid 0 on every row under Wine (wine-coverage.md), reported as None.
#[test]
fn connections_include_our_sockets() {
    let tcp = TcpListener::bind("127.0.0.1:0").unwrap();
    let udp = UdpSocket::bind("127.0.0.1:0").unwrap();
    let (tport, uport) = (
        tcp.local_addr().unwrap().port(),
        udp.local_addr().unwrap().port(),
    );
    let conns = net_connections(ConnectionKind::Inet).unwrap();
    let port = |c: &psutil_rs::Connection| c.laddr.as_inet().map(|a| a.port);
    let t = conns
        .iter()
        .find(|c| c.r#type == SocketType::Stream && port(c) == Some(tport))
        .unwrap_or_else(|| panic!("TCP :{tport} not in {} rows", conns.len()));
    assert_eq!(t.family, AddressFamily::Inet);
    assert_eq!(t.status, ConnectionStatus::Listen);
    assert_eq!((t.fd, &t.raddr, t.pid), (-1, &ConnAddr::None, None));
    let u = conns
        .iter()
        .find(|c| c.r#type == SocketType::Dgram && port(c) == Some(uport))
        .unwrap_or_else(|| panic!("UDP :{uport} not found"));
    assert_eq!(u.status, ConnectionStatus::None);
    assert_eq!((u.fd, &u.raddr), (-1, &ConnAddr::None));

    // kind filtering goes through the common ConnectionKind tables
    let tcp4 = net_connections(ConnectionKind::Tcp4).unwrap();
    assert!(tcp4
        .iter()
        .all(|c| c.family == AddressFamily::Inet && c.r#type == SocketType::Stream));
    assert!(tcp4.iter().any(|c| port(c) == Some(tport)));
    let udp6 = net_connections(ConnectionKind::Udp6).unwrap();
    assert!(udp6
        .iter()
        .all(|c| c.family == AddressFamily::Inet6 && c.r#type == SocketType::Dgram));
    assert!(!udp6.iter().any(|c| port(c) == Some(uport)));
    // no Unix sockets in Windows' tables
    assert!(net_connections(ConnectionKind::Unix).unwrap().is_empty());
    // the rows are the host's: as many TCP v4 rows as /proc/net/tcp has, give or take
    // the sockets that came and went meanwhile
    let proc_tcp = host::read("/proc/net/tcp").lines().count() - 1;
    assert!(
        tcp4.len().abs_diff(proc_tcp) <= 5,
        "{} vs {proc_tcp}",
        tcp4.len()
    );
    drop((tcp, udp));
}
