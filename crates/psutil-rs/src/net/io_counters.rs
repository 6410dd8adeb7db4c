//! `net_io_counters()` and `net_io_counters_pernic()`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use indexmap::IndexMap;

use crate::error::Result;
use crate::nowrap::Nowrap;
use crate::parse::net_dev;
use crate::root::Root;
use crate::sys;

/// Network I/O counters of one interface or of all of them summed. psutil's `snetio`,
/// with its fields in its order. Read from `/proc/net/dev`.
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
    fn from_array(a: [u64; 8]) -> Self {
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
/// one per `/proc` directory so that reading a fixture tree never fakes a wrap on the
/// host's counters.
static NOWRAP: Mutex<BTreeMap<PathBuf, Nowrap<String, 8>>> = Mutex::new(BTreeMap::new());

fn apply_nowrap(procfs: &Path, raw: &mut [(String, [u64; 8])]) {
    if let Ok(mut states) = NOWRAP.lock() {
        states
            .entry(procfs.to_path_buf())
            .or_insert_with(Nowrap::new)
            .apply(raw);
    }
}

impl Root {
    /// Raw per-interface counters of `/proc/net/dev`, in the kernel's order.
    fn net_io_raw(&self) -> Result<Vec<(String, [u64; 8])>> {
        let devs = sys::fs::parse(&self.proc_path("net/dev"), net_dev::parse)?;
        Ok(devs
            .into_iter()
            .map(|d| {
                let v = [
                    d.tx_bytes,
                    d.rx_bytes,
                    d.tx_packets,
                    d.rx_packets,
                    d.rx_errs,
                    d.tx_errs,
                    d.rx_drop,
                    d.tx_drop,
                ];
                (d.name, v)
            })
            .collect())
    }

    /// [`net_io_counters_pernic`] read from this root, without wrap-around correction
    /// (psutil's `nowrap=False`).
    pub fn net_io_counters_pernic_raw(&self) -> Result<IndexMap<String, NetIoCounters>> {
        Ok(self
            .net_io_raw()?
            .into_iter()
            .map(|(k, v)| (k, NetIoCounters::from_array(v)))
            .collect())
    }

    /// [`net_io_counters_pernic`] read from this root. The wrap-around state is kept
    /// per `/proc` directory.
    pub fn net_io_counters_pernic(&self) -> Result<IndexMap<String, NetIoCounters>> {
        let mut raw = self.net_io_raw()?;
        apply_nowrap(self.procfs(), &mut raw);
        Ok(raw
            .into_iter()
            .map(|(k, v)| (k, NetIoCounters::from_array(v)))
            .collect())
    }

    /// [`net_io_counters`] read from this root.
    pub fn net_io_counters(&self) -> Result<Option<NetIoCounters>> {
        let mut raw = self.net_io_raw()?;
        if raw.is_empty() {
            return Ok(None);
        }
        apply_nowrap(self.procfs(), &mut raw);
        let mut sum = [0u64; 8];
        for (_, v) in &raw {
            for (s, x) in sum.iter_mut().zip(v) {
                *s = s.saturating_add(*x);
            }
        }
        Ok(Some(NetIoCounters::from_array(sum)))
    }
}

/// System-wide network I/O counters: the sum over all interfaces of `/proc/net/dev`
/// (loopback included, as in psutil). `None` when there is no interface. psutil's
/// `net_io_counters()`.
///
/// Counters that wrap around (32-bit drivers) are corrected as psutil's `nowrap=True`
/// does: they keep growing across wraps until [`net_io_counters_cache_clear`].
pub fn net_io_counters() -> Result<Option<NetIoCounters>> {
    Root::current().net_io_counters()
}

/// Network I/O counters per interface, keyed by name, from `/proc/net/dev`, with the
/// same wrap-around correction as [`net_io_counters`]. psutil's
/// `net_io_counters(pernic=True)`.
///
/// The map lists the interfaces in the order of `/proc/net/dev`, as psutil's dict
/// does; a name listed twice keeps its first place and its last values.
pub fn net_io_counters_pernic() -> Result<IndexMap<String, NetIoCounters>> {
    Root::current().net_io_counters_pernic()
}

/// Forgets the wrap-around state of [`net_io_counters`] and
/// [`net_io_counters_pernic`]. psutil's `net_io_counters.cache_clear()`.
pub fn net_io_counters_cache_clear() {
    if let Ok(mut states) = NOWRAP.lock() {
        states.clear();
    }
}
