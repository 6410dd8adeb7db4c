//! `net_io_counters()` and `net_io_counters_pernic()`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use indexmap::IndexMap;

use crate::error::Result;
use crate::nowrap::Nowrap;
use crate::sys;

/// Network I/O counters of one interface or of all of them summed. psutil's `snetio`,
/// with its fields in its order. Read from `/proc/net/dev` on Linux.
#[doc(alias = "snetio")]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct NetIoCounters {
    /// Bytes sent (transmit `bytes`).
    pub bytes_sent: u64,
    /// Bytes received (receive `bytes`).
    pub bytes_recv: u64,
    /// Packets sent (transmit `packets`).
    pub packets_sent: u64,
    /// Packets received (receive `packets`).
    pub packets_recv: u64,
    /// Receive errors (receive `errs`).
    pub errin: u64,
    /// Transmit errors (transmit `errs`).
    pub errout: u64,
    /// Incoming packets dropped (receive `drop`).
    pub dropin: u64,
    /// Outgoing packets dropped (transmit `drop`).
    pub dropout: u64,
}

impl NetIoCounters {
    /// The counters from psutil's field order (`bytes_sent` ... `dropout`).
    pub(crate) fn from_array(a: [u64; 8]) -> Self {
        let [bytes_sent, bytes_recv, packets_sent, packets_recv, errin, errout, dropin, dropout] =
            a;
        NetIoCounters {
            bytes_sent,
            bytes_recv,
            packets_sent,
            packets_recv,
            errin,
            errout,
            dropin,
            dropout,
        }
    }
}

/// Wrap-around state of `net_io_counters` (psutil's `'psutil.net_io_counters'` key),
/// one per source the backend names (on Linux the `/proc` directory, so that reading a
/// fixture tree never fakes a wrap on the host's counters).
static NOWRAP: Mutex<BTreeMap<PathBuf, Nowrap<String, 8>>> = Mutex::new(BTreeMap::new());

/// psutil's `nowrap=True` correction of `raw` (each interface's counters in
/// [`NetIoCounters`]' field order), with the state kept for `source`.
fn apply_nowrap(source: &Path, raw: &mut [(String, [u64; 8])]) {
    if let Ok(mut states) = NOWRAP.lock() {
        states
            .entry(source.to_path_buf())
            .or_insert_with(Nowrap::new)
            .apply(raw);
    }
}

/// The sum over the interfaces of `raw` (counters in [`NetIoCounters`]' field order).
fn total(raw: &[(String, [u64; 8])]) -> NetIoCounters {
    let mut sum = [0u64; 8];
    for (_, v) in raw {
        for (s, x) in sum.iter_mut().zip(v) {
            *s = s.saturating_add(*x);
        }
    }
    NetIoCounters::from_array(sum)
}

/// `net_io_counters(pernic=True)` from the raw counters of each interface: corrected
/// with the wrap-around state kept for `source`, then as [`NetIoCounters`].
pub(crate) fn pernic_nowrap(
    source: &Path,
    mut raw: Vec<(String, [u64; 8])>,
) -> IndexMap<String, NetIoCounters> {
    apply_nowrap(source, &mut raw);
    raw.into_iter()
        .map(|(k, v)| (k, NetIoCounters::from_array(v)))
        .collect()
}

/// `net_io_counters()` from the raw counters of each interface: `None` without
/// interfaces (the state left as it is, as psutil does not wrap an empty dict), else
/// the sum of the counters corrected with the wrap-around state kept for `source`.
pub(crate) fn total_nowrap(
    source: &Path,
    mut raw: Vec<(String, [u64; 8])>,
) -> Option<NetIoCounters> {
    if raw.is_empty() {
        return None;
    }
    apply_nowrap(source, &mut raw);
    Some(total(&raw))
}

/// System-wide network I/O counters: the sum over all interfaces (loopback included, as
/// in psutil; Linux: those of `/proc/net/dev`). `None` when there is no interface. psutil's
/// `net_io_counters()`.
///
/// Counters that wrap around (32-bit drivers) are corrected as psutil's `nowrap=True`
/// does: they keep growing across wraps until [`net_io_counters_cache_clear`].
///
/// Windows: `GetAdaptersAddresses` + `GetIfEntry2` per adapter.
pub fn net_io_counters() -> Result<Option<NetIoCounters>> {
    sys::net::net_io_counters()
}

/// Network I/O counters per interface, keyed by name (Linux: from `/proc/net/dev`), with
/// the same wrap-around correction as [`net_io_counters`]. psutil's
/// `net_io_counters(pernic=True)`.
///
/// The map lists the interfaces in the system's order (Linux: of `/proc/net/dev`), as
/// psutil's dict does; a name listed twice keeps its first place and its last values.
///
/// Windows: `GetAdaptersAddresses` + `GetIfEntry2`, keyed by the adapter's friendly name.
pub fn net_io_counters_pernic() -> Result<IndexMap<String, NetIoCounters>> {
    sys::net::net_io_counters_pernic()
}

/// Forgets the wrap-around state of [`net_io_counters`] and
/// [`net_io_counters_pernic`]. psutil's `net_io_counters.cache_clear()`.
pub fn net_io_counters_cache_clear() {
    if let Ok(mut states) = NOWRAP.lock() {
        states.clear();
    }
}
