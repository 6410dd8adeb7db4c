//! `net_if_addrs()` on Linux: `getifaddrs(3)`, on the host only.

use indexmap::IndexMap;

use crate::error::{Error, Result};
use crate::net::if_addrs::{net_if_addrs, NicAddress};
use crate::sys::root::Root;

impl Root {
    /// [`net_if_addrs`] through this root. `getifaddrs(3)` describes the running
    /// system only, so a root that is not the host's is [`Error::Unsupported`].
    pub fn net_if_addrs(&self) -> Result<IndexMap<String, Vec<NicAddress>>> {
        if !self.is_host() {
            return Err(Error::unsupported(
                "net_if_addrs reads getifaddrs(3), which only describes the running system",
            ));
        }
        net_if_addrs()
    }
}
