//! `psutil ifconfig`: addresses, MAC, MTU, flags, speed/duplex and counters per NIC.

use std::fmt::Write as _;

use psutil_rs::{AddressFamily, NicDuplex};

use crate::args::IfconfigArgs;
use crate::fmt::bytes2human;
use crate::out::{self, CmdError};

/// Prints each interface (or the one asked for).
pub fn run(a: &IfconfigArgs, json: bool) -> Result<(), CmdError> {
    let addrs = psutil_rs::net_if_addrs()?;
    let stats = psutil_rs::net_if_stats()?;
    let io = psutil_rs::net_io_counters_pernic()?;
    let mut names: Vec<&String> = stats.keys().chain(addrs.keys()).collect();
    names.sort();
    names.dedup();
    if let Some(want) = &a.interface {
        if !names.contains(&want) {
            return Err(format!("{want}: no such network interface").into());
        }
        names.retain(|n| *n == want);
    }
    if json {
        let v: serde_json::Map<String, serde_json::Value> = names
            .iter()
            .map(|n| {
                (
                    n.to_string(),
                    serde_json::json!({
                        "net_if_addrs": addrs.get(*n),
                        "net_if_stats": stats.get(*n),
                        "net_io_counters": io.get(*n),
                    }),
                )
            })
            .collect();
        return out::json(&v);
    }
    let mut s = String::new();
    for name in names {
        writeln!(s, "{name}:")?;
        if let Some(st) = stats.get(name) {
            let duplex = match st.duplex {
                NicDuplex::Full => "full",
                NicDuplex::Half => "half",
                NicDuplex::Unknown => "?",
            };
            writeln!(
                s,
                "    stats          : speed={}Mb/s, duplex={duplex}, mtu={}, up={}",
                st.speed,
                st.mtu,
                if st.isup { "yes" } else { "no" }
            )?;
            writeln!(s, "    flags          : {}", st.flags)?;
        }
        if let Some(c) = io.get(name) {
            writeln!(
                s,
                "    incoming       : bytes={}, pkts={}, errs={}, drops={}",
                bytes2human(c.bytes_recv),
                c.packets_recv,
                c.errin,
                c.dropin
            )?;
            writeln!(
                s,
                "    outgoing       : bytes={}, pkts={}, errs={}, drops={}",
                bytes2human(c.bytes_sent),
                c.packets_sent,
                c.errout,
                c.dropout
            )?;
        }
        for addr in addrs.get(name).into_iter().flatten() {
            let fam = match addr.family {
                AddressFamily::Inet => "IPv4",
                AddressFamily::Inet6 => "IPv6",
                AddressFamily::Packet => "MAC ",
                _ => "?   ",
            };
            writeln!(s, "    {fam} address   : {}", addr.address)?;
            if let Some(b) = &addr.broadcast {
                writeln!(s, "         broadcast : {b}")?;
            }
            if let Some(m) = &addr.netmask {
                writeln!(s, "         netmask   : {m}")?;
            }
            if let Some(p) = &addr.ptp {
                writeln!(s, "         p2p       : {p}")?;
            }
        }
        s.push('\n');
    }
    out::print(&s)
}
