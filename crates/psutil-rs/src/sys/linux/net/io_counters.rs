//! `net_io_counters()` on Linux: `/proc/net/dev`, with psutil's wrap-around correction.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use indexmap::IndexMap;

use crate::error::Result;
use crate::net::io_counters::NetIoCounters;
use crate::nowrap::Nowrap;
use crate::parse::net_dev;
use crate::sys;
use crate::sys::root::Root;

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

    /// [`net_io_counters_pernic`](crate::net_io_counters_pernic) read from this root,
    /// without wrap-around correction (psutil's `nowrap=False`).
    pub fn net_io_counters_pernic_raw(&self) -> Result<IndexMap<String, NetIoCounters>> {
        Ok(self
            .net_io_raw()?
            .into_iter()
            .map(|(k, v)| (k, NetIoCounters::from_array(v)))
            .collect())
    }

    /// [`net_io_counters_pernic`](crate::net_io_counters_pernic) read from this root. The
    /// wrap-around state is kept per `/proc` directory.
    pub fn net_io_counters_pernic(&self) -> Result<IndexMap<String, NetIoCounters>> {
        let mut raw = self.net_io_raw()?;
        apply_nowrap(self.procfs(), &mut raw);
        Ok(raw
            .into_iter()
            .map(|(k, v)| (k, NetIoCounters::from_array(v)))
            .collect())
    }

    /// [`net_io_counters`](crate::net_io_counters) read from this root.
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

/// `net_io_counters()` from the current [`Root`].
pub(crate) fn net_io_counters() -> Result<Option<NetIoCounters>> {
    Root::current().net_io_counters()
}

/// `net_io_counters(pernic=True)` from the current [`Root`].
pub(crate) fn net_io_counters_pernic() -> Result<IndexMap<String, NetIoCounters>> {
    Root::current().net_io_counters_pernic()
}

/// Forgets the wrap-around state of every `/proc` directory.
pub(crate) fn net_io_counters_cache_clear() {
    if let Ok(mut states) = NOWRAP.lock() {
        states.clear();
    }
}
