//! Key order of the dict-returning network functions: `/proc/net/dev`'s, as psutil's.

use super::*;

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
