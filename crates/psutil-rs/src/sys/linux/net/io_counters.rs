//! `net_io_counters()` on Linux: `/proc/net/dev`, with psutil's wrap-around correction.

use indexmap::IndexMap;

use crate::error::Result;
use crate::net::io_counters::{pernic_nowrap, total_nowrap, NetIoCounters};
use crate::parse::net_dev;
use crate::sys;
use crate::sys::root::Root;

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
        Ok(pernic_nowrap(self.procfs(), self.net_io_raw()?))
    }

    /// [`net_io_counters`](crate::net_io_counters) read from this root.
    pub fn net_io_counters(&self) -> Result<Option<NetIoCounters>> {
        Ok(total_nowrap(self.procfs(), self.net_io_raw()?))
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
