//! `/proc/net/tcp`, `/proc/net/tcp6`, `/proc/net/udp` and `/proc/net/udp6`: one line
//! per inet socket of the reader's network namespace.
//!
//! After a header line, each line is `sl: local rem st tx:rx tr:when retrnsmt uid
//! timeout inode ...`. Addresses are `HEX:PORT`: the IP is the raw `in_addr` /
//! `in6_addr` printed as native-endian 32-bit words (`%08X`), the port big hex.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::fields::{lines, parse_hex_u64, parse_u64, split_once, words};
use crate::error::{Error, Result};

/// One socket line.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct InetSocket {
    /// Local address and port.
    pub local: (IpAddr, u16),
    /// Remote address and port (`0.0.0.0:0` / `[::]:0` when not connected).
    pub remote: (IpAddr, u16),
    /// The `st` column: the kernel's TCP state number (`TCP_ESTABLISHED` = 1 ...
    /// `TCP_CLOSING` = 11). UDP sockets show 7 (`TCP_CLOSE`) or 1 when connected.
    pub state: u8,
    /// The socket inode (0 for TIME_WAIT and SYN_RECV request sockets).
    pub inode: u64,
}

/// Which address family a file holds: `tcp`/`udp` are IPv4, `tcp6`/`udp6` IPv6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IpVersion {
    /// IPv4 (`/proc/net/tcp`, `/proc/net/udp`).
    V4,
    /// IPv6 (`/proc/net/tcp6`, `/proc/net/udp6`).
    V6,
}

/// Parses one of the files; `file` (e.g. `"net/tcp6"`) is used in errors. The first line
/// is a header. A line with fewer than 10 columns, or a bad address, state or inode, is a
/// parse error.
///
/// The IP words are decoded in the native byte order: the file must come from a kernel
/// of the same endianness as this program (true for the running system).
pub fn parse(data: &[u8], version: IpVersion, file: &str) -> Result<Vec<InetSocket>> {
    let mut out = Vec::new();
    for (n, line) in lines(data).skip(1) {
        let err = |what: &str| Error::parse(file, Some(n), what);
        let cols: Vec<&[u8]> = words(line).take(10).collect();
        let [_, local, remote, state, _, _, _, _, _, inode] = cols[..] else {
            return Err(err("expected at least 10 columns"));
        };
        let local = decode_address(local, version).ok_or_else(|| err("bad local address"))?;
        let remote = decode_address(remote, version).ok_or_else(|| err("bad remote address"))?;
        let state = parse_hex_u64(state)
            .and_then(|s| u8::try_from(s).ok())
            .ok_or_else(|| err("bad state"))?;
        let inode = parse_u64(inode).ok_or_else(|| err("bad inode"))?;
        out.push(InetSocket {
            local,
            remote,
            state,
            inode,
        });
    }
    Ok(out)
}

/// Decodes `HEX:PORT`, e.g. `0100007F:0016` → `(127.0.0.1, 22)` on little-endian.
pub fn decode_address(s: &[u8], version: IpVersion) -> Option<(IpAddr, u16)> {
    let (ip, port) = split_once(s, b':')?;
    if port.len() > 4 {
        return None;
    }
    let port = u16::try_from(parse_hex_u64(port)?).ok()?;
    let word = |i: usize| -> Option<[u8; 4]> {
        let hex = ip.get(i * 8..i * 8 + 8)?;
        let w = u32::try_from(parse_hex_u64(hex)?).ok()?;
        Some(w.to_ne_bytes())
    };
    let ip = match version {
        IpVersion::V4 => {
            if ip.len() != 8 {
                return None;
            }
            IpAddr::V4(Ipv4Addr::from(word(0)?))
        }
        IpVersion::V6 => {
            if ip.len() != 32 {
                return None;
            }
            let mut b = [0u8; 16];
            for (i, chunk) in b.chunks_mut(4).enumerate() {
                chunk.copy_from_slice(&word(i)?);
            }
            IpAddr::V6(Ipv6Addr::from(b))
        }
    };
    Some((ip, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hex of an address as this machine's kernel prints it.
    fn hex4(ip: Ipv4Addr) -> String {
        format!("{:08X}", u32::from_ne_bytes(ip.octets()))
    }

    fn hex6(ip: Ipv6Addr) -> String {
        ip.octets()
            .chunks(4)
            .map(|c| format!("{:08X}", u32::from_ne_bytes([c[0], c[1], c[2], c[3]])))
            .collect()
    }

    #[test]
    fn tcp4_lines() {
        let data = format!(
            "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n\
             \x20  0: {}:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1518 1 0000000003c88f57 100 0 0 10 0\n\
             \x20  1: {}:9E49 {}:0016 01 00000000:00000000 00:00000000 00000000  1000        0 99 1 0 20 4 30 10 -1\n",
            hex4(Ipv4Addr::UNSPECIFIED),
            hex4(Ipv4Addr::new(10, 0, 0, 5)),
            hex4(Ipv4Addr::new(192, 168, 1, 1)),
        );
        let v = parse(data.as_bytes(), IpVersion::V4, "net/tcp").unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].local, (IpAddr::V4(Ipv4Addr::UNSPECIFIED), 2024));
        assert_eq!(v[0].state, 10);
        assert_eq!(v[0].inode, 1518);
        assert_eq!(v[1].local, ("10.0.0.5".parse().unwrap(), 0x9E49));
        assert_eq!(v[1].remote, ("192.168.1.1".parse().unwrap(), 22));
        assert_eq!(v[1].state, 1);
    }

    #[test]
    fn tcp6_lines_hand_written() {
        // listening on [::]:22, a v4-mapped connection, and a link-local one
        let mapped: Ipv6Addr = "::ffff:127.0.0.1".parse().unwrap();
        let ll: Ipv6Addr = "fe80::fc:ff:fe00:1".parse().unwrap();
        let data = format!(
            "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n\
             \x20  0: {}:0016 {}:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20 1 0 100 0 0 10 0\n\
             \x20  1: {}:1F90 {}:C350 06 00000000:00000000 03:00000000 00000000     0        0 0 3 0\n\
             \x20  2: {}:0050 {}:D431 01 00000000:00000000 00:00000000 00000000     0        0 77 1 0\n",
            hex6(Ipv6Addr::UNSPECIFIED),
            hex6(Ipv6Addr::UNSPECIFIED),
            hex6(mapped),
            hex6(mapped),
            hex6(ll),
            hex6("2001:db8::1".parse().unwrap()),
        );
        let v = parse(data.as_bytes(), IpVersion::V6, "net/tcp6").unwrap();
        assert_eq!(v[0].local, (IpAddr::V6(Ipv6Addr::UNSPECIFIED), 22));
        assert_eq!(v[1].local, (IpAddr::V6(mapped), 8080));
        assert_eq!((v[1].state, v[1].inode), (6, 0));
        assert_eq!(v[2].local, (IpAddr::V6(ll), 80));
        assert_eq!(v[2].remote, ("2001:db8::1".parse().unwrap(), 0xD431));
    }

    #[test]
    fn header_only_and_empty() {
        assert!(parse(b"  sl local\n", IpVersion::V4, "net/udp")
            .unwrap()
            .is_empty());
        assert!(parse(b"", IpVersion::V6, "net/udp6").unwrap().is_empty());
    }

    #[test]
    fn garbage_is_an_error() {
        let head = "  sl  local_address rem_address   st\n";
        for bad in [
            "0: 00000000:0016 00000000:0000 0A 0:0 0:0 0 0 0\n",
            "0: 0000000:0016 00000000:0000 0A 0:0 0:0 0 0 0 5\n",
            "0: 00000000:10016 00000000:0000 0A 0:0 0:0 0 0 0 5\n",
            "0: 00000000 00000000:0000 0A 0:0 0:0 0 0 0 5\n",
            "0: 00000000:0016 00000000:0000 ZZ 0:0 0:0 0 0 0 5\n",
            "0: 00000000:0016 00000000:0000 100 0:0 0:0 0 0 0 5\n",
            "0: 00000000:0016 00000000:0000 0A 0:0 0:0 0 0 0 -5\n",
            "0: 0000000G:0016 00000000:0000 0A 0:0 0:0 0 0 0 5\n",
        ] {
            let e = parse(format!("{head}{bad}").as_bytes(), IpVersion::V4, "net/tcp").unwrap_err();
            assert!(e.to_string().contains("net/tcp line 2"), "{bad}: {e}");
        }
        // v4-length address in a v6 file
        let line = format!("{head}0: 00000000:0016 00000000:0000 0A 0:0 0:0 0 0 0 5\n");
        assert!(parse(line.as_bytes(), IpVersion::V6, "net/tcp6").is_err());
        for i in 0..line.len() {
            let _ = parse(&line.as_bytes()[..i], IpVersion::V4, "net/tcp");
        }
    }
}
