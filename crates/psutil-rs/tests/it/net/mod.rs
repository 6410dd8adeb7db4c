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

mod connections;
mod connections_vs;
pub(crate) mod order;

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
