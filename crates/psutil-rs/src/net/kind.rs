//! The small enums of the network API: address families, socket types, connection
//! kinds and TCP states.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::sys::af;

/// A socket address family, as the platform numbers it (`AF_*`: `<sys/socket.h>` on
/// Linux, `ws2def.h` on Windows).
///
/// Serialized as the number, like Python's `socket.AddressFamily` IntEnum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AddressFamily {
    /// `AF_UNIX` (1): Unix domain sockets.
    Unix,
    /// `AF_INET` (2): IPv4.
    Inet,
    /// `AF_INET6` (Linux 10, Windows 23): IPv6.
    Inet6,
    /// Link-layer (MAC) addresses: psutil's `AF_LINK` (Linux `AF_PACKET` = 17; Windows
    /// -1, here 0xFFFF).
    Packet,
    /// Any other family, by number.
    Other(u16),
}

impl AddressFamily {
    /// psutil's `AF_LINK`: on Linux the same value as `AF_PACKET`.
    pub const LINK: AddressFamily = AddressFamily::Packet;

    /// The family for the platform's `AF_*` number.
    pub fn from_raw(n: u16) -> Self {
        match n {
            af::AF_UNIX => AddressFamily::Unix,
            af::AF_INET => AddressFamily::Inet,
            af::AF_INET6 => AddressFamily::Inet6,
            af::AF_LINK => AddressFamily::Packet,
            n => AddressFamily::Other(n),
        }
    }

    /// The platform's `AF_*` number.
    pub fn as_raw(self) -> u16 {
        match self {
            AddressFamily::Unix => af::AF_UNIX,
            AddressFamily::Inet => af::AF_INET,
            AddressFamily::Inet6 => af::AF_INET6,
            AddressFamily::Packet => af::AF_LINK,
            AddressFamily::Other(n) => n,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for AddressFamily {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_u16(self.as_raw())
    }
}

/// A socket type, as the platform numbers it (`SOCK_*`, the same on Linux and Windows).
///
/// Serialized as the number, like Python's `socket.SocketKind` IntEnum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SocketType {
    /// `SOCK_STREAM` (1): TCP, or a stream Unix socket.
    Stream,
    /// `SOCK_DGRAM` (2): UDP, or a datagram Unix socket.
    Dgram,
    /// `SOCK_RAW` (3).
    Raw,
    /// `SOCK_RDM` (4).
    Rdm,
    /// `SOCK_SEQPACKET` (5).
    SeqPacket,
    /// Any other type, by number.
    Other(u16),
}

impl SocketType {
    /// The type for the platform's `SOCK_*` number.
    pub fn from_raw(n: u16) -> Self {
        match n {
            af::SOCK_STREAM => SocketType::Stream,
            af::SOCK_DGRAM => SocketType::Dgram,
            af::SOCK_RAW => SocketType::Raw,
            af::SOCK_RDM => SocketType::Rdm,
            af::SOCK_SEQPACKET => SocketType::SeqPacket,
            n => SocketType::Other(n),
        }
    }

    /// The platform's `SOCK_*` number.
    pub fn as_raw(self) -> u16 {
        match self {
            SocketType::Stream => af::SOCK_STREAM,
            SocketType::Dgram => af::SOCK_DGRAM,
            SocketType::Raw => af::SOCK_RAW,
            SocketType::Rdm => af::SOCK_RDM,
            SocketType::SeqPacket => af::SOCK_SEQPACKET,
            SocketType::Other(n) => n,
        }
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for SocketType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_u16(self.as_raw())
    }
}

/// Which sockets [`net_connections`](crate::net_connections) returns: psutil's `kind`
/// argument. Parse psutil's strings with [`str::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ConnectionKind {
    /// `"inet"`: TCP and UDP over IPv4 and IPv6 (psutil's default).
    #[default]
    Inet,
    /// `"inet4"`: TCP and UDP over IPv4.
    Inet4,
    /// `"inet6"`: TCP and UDP over IPv6.
    Inet6,
    /// `"tcp"`: TCP over IPv4 and IPv6.
    Tcp,
    /// `"tcp4"`: TCP over IPv4.
    Tcp4,
    /// `"tcp6"`: TCP over IPv6.
    Tcp6,
    /// `"udp"`: UDP over IPv4 and IPv6.
    Udp,
    /// `"udp4"`: UDP over IPv4.
    Udp4,
    /// `"udp6"`: UDP over IPv6.
    Udp6,
    /// `"unix"`: Unix domain sockets of every type.
    Unix,
    /// `"all"`: all of the above.
    All,
}

/// One of psutil's socket tables (`_common.conn_tmap`'s entries): on Linux
/// `/proc/net/<name>` or a sock_diag query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Tcp4,
    Tcp6,
    Udp4,
    Udp6,
    Unix,
}

impl ConnectionKind {
    /// All kinds, in psutil's order (`_common.conn_tmap`).
    pub const ALL: [ConnectionKind; 11] = [
        ConnectionKind::All,
        ConnectionKind::Tcp,
        ConnectionKind::Tcp4,
        ConnectionKind::Udp,
        ConnectionKind::Udp4,
        ConnectionKind::Inet,
        ConnectionKind::Inet4,
        ConnectionKind::Inet6,
        ConnectionKind::Tcp6,
        ConnectionKind::Udp6,
        ConnectionKind::Unix,
    ];

    /// psutil's string for this kind.
    pub fn as_str(self) -> &'static str {
        match self {
            ConnectionKind::Inet => "inet",
            ConnectionKind::Inet4 => "inet4",
            ConnectionKind::Inet6 => "inet6",
            ConnectionKind::Tcp => "tcp",
            ConnectionKind::Tcp4 => "tcp4",
            ConnectionKind::Tcp6 => "tcp6",
            ConnectionKind::Udp => "udp",
            ConnectionKind::Udp4 => "udp4",
            ConnectionKind::Udp6 => "udp6",
            ConnectionKind::Unix => "unix",
            ConnectionKind::All => "all",
        }
    }

    /// The socket tables this kind reads, in psutil's order.
    pub(crate) fn tables(self) -> &'static [Table] {
        use Table::*;
        match self {
            ConnectionKind::All => &[Tcp4, Tcp6, Udp4, Udp6, Unix],
            ConnectionKind::Tcp => &[Tcp4, Tcp6],
            ConnectionKind::Tcp4 => &[Tcp4],
            ConnectionKind::Tcp6 => &[Tcp6],
            ConnectionKind::Udp => &[Udp4, Udp6],
            ConnectionKind::Udp4 => &[Udp4],
            ConnectionKind::Udp6 => &[Udp6],
            ConnectionKind::Unix => &[Unix],
            ConnectionKind::Inet => &[Tcp4, Tcp6, Udp4, Udp6],
            ConnectionKind::Inet4 => &[Tcp4, Udp4],
            ConnectionKind::Inet6 => &[Tcp6, Udp6],
        }
    }
}

impl fmt::Display for ConnectionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ConnectionKind {
    type Err = Error;

    /// Parses psutil's kind strings; anything else is [`Error::InvalidArgument`] listing
    /// the valid kinds.
    fn from_str(s: &str) -> Result<Self> {
        ConnectionKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let valid: Vec<&str> = ConnectionKind::ALL.iter().map(|k| k.as_str()).collect();
                Error::invalid(format!(
                    "invalid kind argument {s:?}; valid ones are: {}",
                    valid.join(", ")
                ))
            })
    }
}

/// The state of a connection: psutil's `CONN_*` strings. TCP sockets carry the kernel's
/// TCP state; UDP and Unix sockets are always [`ConnectionStatus::None`].
///
/// Serialized as psutil's string (`"ESTABLISHED"`, ..., `"NONE"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConnectionStatus {
    /// `TCP_ESTABLISHED` (1).
    Established,
    /// `TCP_SYN_SENT` (2).
    SynSent,
    /// `TCP_SYN_RECV` (3).
    SynRecv,
    /// `TCP_FIN_WAIT1` (4).
    FinWait1,
    /// `TCP_FIN_WAIT2` (5).
    FinWait2,
    /// `TCP_TIME_WAIT` (6).
    TimeWait,
    /// `TCP_CLOSE` (7).
    Close,
    /// `TCP_CLOSE_WAIT` (8).
    CloseWait,
    /// `TCP_LAST_ACK` (9).
    LastAck,
    /// `TCP_LISTEN` (10).
    Listen,
    /// `TCP_CLOSING` (11).
    Closing,
    /// Not a TCP socket (psutil's `CONN_NONE`).
    None,
    /// `MIB_TCP_STATE_DELETE_TCB` (12): the connection's control block is being deleted.
    /// Windows only, as psutil's `CONN_DELETE_TCB`; never produced on Linux.
    DeleteTcb,
}

impl ConnectionStatus {
    /// The status for a kernel TCP state number (`include/net/tcp_states.h`), `None`
    /// for a number outside 1..=11 (such as `TCP_NEW_SYN_RECV`, which the kernel shows
    /// as `SYN_RECV` in /proc).
    pub fn from_tcp_state(n: u8) -> Option<Self> {
        use ConnectionStatus::*;
        Some(match n {
            1 => Established,
            2 => SynSent,
            3 => SynRecv,
            4 => FinWait1,
            5 => FinWait2,
            6 => TimeWait,
            7 => Close,
            8 => CloseWait,
            9 => LastAck,
            10 => Listen,
            11 => Closing,
            _ => return Option::None,
        })
    }

    /// psutil's `CONN_*` string.
    pub fn as_str(self) -> &'static str {
        use ConnectionStatus::*;
        match self {
            Established => "ESTABLISHED",
            SynSent => "SYN_SENT",
            SynRecv => "SYN_RECV",
            FinWait1 => "FIN_WAIT1",
            FinWait2 => "FIN_WAIT2",
            TimeWait => "TIME_WAIT",
            Close => "CLOSE",
            CloseWait => "CLOSE_WAIT",
            LastAck => "LAST_ACK",
            Listen => "LISTEN",
            Closing => "CLOSING",
            None => "NONE",
            DeleteTcb => "DELETE_TCB",
        }
    }
}

impl fmt::Display for ConnectionStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for ConnectionStatus {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_bad_kind_lists_valid_ones() {
        for k in ConnectionKind::ALL {
            assert_eq!(k.as_str().parse::<ConnectionKind>().unwrap(), k);
        }
        let e = "tcp7".parse::<ConnectionKind>().unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("\"tcp7\""), "{msg}");
        for k in ConnectionKind::ALL {
            assert!(msg.contains(k.as_str()), "{msg}");
        }
    }

    #[test]
    fn numbers() {
        for n in 0..40 {
            assert_eq!(AddressFamily::from_raw(n).as_raw(), n);
            assert_eq!(SocketType::from_raw(n).as_raw(), n);
        }
        assert_eq!(AddressFamily::LINK.as_raw(), af::AF_LINK);
        assert_eq!(
            ConnectionStatus::from_tcp_state(10),
            Some(ConnectionStatus::Listen)
        );
        assert_eq!(ConnectionStatus::from_tcp_state(12), None);
    }
}
