//! `net_if_stats()` on Windows: `GetIfEntry2` for each adapter of
//! `GetAdaptersAddresses`.

use indexmap::IndexMap;

use super::adapters::{adapters, if_entry};
use crate::error::Result;
use crate::net::if_stats::{NicDuplex, NicStats};
use crate::parse::windows::adapters::{is_up, speed_mbps};

/// `net_if_stats()`, keyed by friendly name: `isup` when `OperStatus` is up and
/// `AdminStatus` is up, `duplex` always full (psutil's value on Windows), `speed` from
/// `TransmitLinkSpeed` in Mbit/s (0 when unknown, as under Wine), `mtu`, and `flags`
/// empty (Windows has none to report).
pub(crate) fn net_if_stats() -> Result<IndexMap<String, NicStats>> {
    let mut out = IndexMap::new();
    for a in adapters()? {
        let Some(r) = if_entry(a.if_index)? else {
            continue;
        };
        out.insert(
            a.friendly_name,
            NicStats {
                isup: is_up(r.OperStatus as u32, r.AdminStatus as u32),
                duplex: NicDuplex::Full,
                speed: speed_mbps(r.TransmitLinkSpeed),
                mtu: i32::try_from(r.Mtu).unwrap_or(i32::MAX),
                flags: String::new(),
            },
        );
    }
    Ok(out)
}
