//! `/proc/net/dev`: per-interface receive and transmit counters.
//!
//! Two header lines, then one line per interface: `name: 16 numbers` (8 receive
//! counters, then 8 transmit counters). The name is everything before the **last** `:`
//! (an interface alias such as `eth0:1` contains a colon), trimmed.

use super::fields::{lines, parse_u64, rsplit_once, trim, words};
use crate::error::{Error, Result};

const FILE: &str = "net/dev";

/// One interface line of `/proc/net/dev`, with the counters psutil uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct NetDev {
    /// Interface name (non-UTF-8 bytes are replaced by U+FFFD).
    pub name: String,
    /// Receive `bytes`.
    pub rx_bytes: u64,
    /// Receive `packets`.
    pub rx_packets: u64,
    /// Receive `errs`.
    pub rx_errs: u64,
    /// Receive `drop`.
    pub rx_drop: u64,
    /// Transmit `bytes`.
    pub tx_bytes: u64,
    /// Transmit `packets`.
    pub tx_packets: u64,
    /// Transmit `errs`.
    pub tx_errs: u64,
    /// Transmit `drop`.
    pub tx_drop: u64,
}

/// Parses `/proc/net/dev`, keeping the kernel's order of interfaces. The first two
/// lines are headers. A line without `:`, with an empty name, with fewer than 16
/// counters or with a non-numeric counter is a parse error.
pub fn parse(data: &[u8]) -> Result<Vec<NetDev>> {
    let mut out = Vec::new();
    for (n, line) in lines(data).skip(2) {
        let Some((name, rest)) = rsplit_once(line, b':') else {
            return Err(Error::parse(FILE, Some(n), "line has no ':'"));
        };
        let name = trim(name);
        if name.is_empty() {
            return Err(Error::parse(FILE, Some(n), "empty interface name"));
        }
        let mut v = [0u64; 16];
        let mut count = 0;
        for (slot, w) in v.iter_mut().zip(words(rest)) {
            *slot = parse_u64(w).ok_or_else(|| {
                Error::parse(
                    FILE,
                    Some(n),
                    format!("bad counter {:?}", String::from_utf8_lossy(w)),
                )
            })?;
            count += 1;
        }
        if count < 16 {
            return Err(Error::parse(
                FILE,
                Some(n),
                format!("expected 16 counters, found {count}"),
            ));
        }
        let [rx_bytes, rx_packets, rx_errs, rx_drop, _, _, _, _, tx_bytes, tx_packets, tx_errs, tx_drop, ..] =
            v;
        out.push(NetDev {
            name: String::from_utf8_lossy(name).into_owned(),
            rx_bytes,
            rx_packets,
            rx_errs,
            rx_drop,
            tx_bytes,
            tx_packets,
            tx_errs,
            tx_drop,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "Inter-|   Receive                                                |  Transmit\n face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n";

    #[test]
    fn parses_lines() {
        let data = format!(
            "{HEAD}    lo:    3193      29    1    2    0     0          0         0     3194      30    3    4    0     0       0          0\n\
             eth0:1: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n\
             eth1:18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
        );
        let v = parse(data.as_bytes()).unwrap();
        assert_eq!(v.len(), 3);
        assert_eq!(
            v[0],
            NetDev {
                name: "lo".into(),
                rx_bytes: 3193,
                rx_packets: 29,
                rx_errs: 1,
                rx_drop: 2,
                tx_bytes: 3194,
                tx_packets: 30,
                tx_errs: 3,
                tx_drop: 4,
            }
        );
        // split at the last ':'
        assert_eq!(v[1].name, "eth0:1");
        assert_eq!((v[1].rx_bytes, v[1].tx_bytes, v[1].tx_drop), (1, 9, 12));
        // no space after the colon (large counters run into the name)
        assert_eq!(v[2].name, "eth1");
        assert_eq!(v[2].rx_bytes, u64::MAX);
    }

    #[test]
    fn headers_only_and_empty() {
        assert!(parse(HEAD.as_bytes()).unwrap().is_empty());
        assert!(parse(b"").unwrap().is_empty());
    }

    #[test]
    fn garbage_is_an_error() {
        for bad in [
            "  lo 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n",
            "  lo: 1 2 3\n",
            "  lo: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 x\n",
            "  : 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n",
            "  lo: -1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n",
        ] {
            let e = parse(format!("{HEAD}{bad}").as_bytes()).unwrap_err();
            assert!(e.to_string().contains("net/dev line 3"), "{e}");
        }
        // truncated at any byte never panics
        let full = format!("{HEAD}  lo: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n");
        for i in 0..full.len() {
            let _ = parse(&full.as_bytes()[..i]);
        }
    }
}
