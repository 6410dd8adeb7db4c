//! `net_io_counters()` on Windows: `GetIfEntry2` for each adapter of
//! `GetAdaptersAddresses`, keyed by its friendly name, with psutil's wrap-around
//! correction.

use std::path::Path;

use indexmap::IndexMap;

use super::adapters::{adapters, if_entry};
use crate::error::Result;
use crate::net::io_counters::{pernic_nowrap, total_nowrap, NetIoCounters};

/// The wrap-around state's key: Windows has one source.
const SOURCE: &str = "GetIfEntry2";

/// The raw counters of each adapter in [`NetIoCounters`]' field order: bytes
/// `OutOctets`/`InOctets`, packets unicast + non-unicast, errors `In/OutErrors`, drops
/// `In/OutDiscards`. An adapter that disappeared meanwhile is left out.
fn net_io_raw() -> Result<Vec<(String, [u64; 8])>> {
    let mut out: IndexMap<String, [u64; 8]> = IndexMap::new();
    for a in adapters()? {
        let Some(r) = if_entry(a.if_index)? else {
            continue;
        };
        out.insert(
            a.friendly_name,
            [
                r.OutOctets,
                r.InOctets,
                r.OutUcastPkts.saturating_add(r.OutNUcastPkts),
                r.InUcastPkts.saturating_add(r.InNUcastPkts),
                r.InErrors,
                r.OutErrors,
                r.InDiscards,
                r.OutDiscards,
            ],
        );
    }
    Ok(out.into_iter().collect())
}

/// `net_io_counters(pernic=True)`.
pub(crate) fn net_io_counters_pernic() -> Result<IndexMap<String, NetIoCounters>> {
    Ok(pernic_nowrap(Path::new(SOURCE), net_io_raw()?))
}

/// `net_io_counters()`: the sum over the adapters, `None` without any.
pub(crate) fn net_io_counters() -> Result<Option<NetIoCounters>> {
    Ok(total_nowrap(Path::new(SOURCE), net_io_raw()?))
}
