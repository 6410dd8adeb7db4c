//! `net_connections`: this process's own sockets, found by both sources (netlink
//! sock_diag and `/proc/net/*`).

use super::connections_vs::{netlink_source, retry};
use super::*;

/// Both ways of reading the socket tables on the host.
fn both_sources(kind: ConnectionKind) -> [(&'static str, Vec<Connection>); 2] {
    let r = Root::host();
    [
        ("netlink", netlink_source(&r, kind)),
        ("procfs", r.net_connections_procfs(kind).unwrap()),
    ]
}

pub(super) fn inet(c: &ConnAddr) -> Option<std::net::SocketAddr> {
    c.as_inet().map(|a| std::net::SocketAddr::new(a.ip, a.port))
}

#[test]
fn net_connections_find_our_own_sockets() {
    use std::net::{TcpListener, TcpStream, UdpSocket};
    use std::os::linux::net::SocketAddrExt;
    use std::os::unix::net::{SocketAddr as UnixAddr, UnixListener};

    let pid = std::process::id();
    let l4 = TcpListener::bind("127.0.0.1:0").unwrap();
    let c4 = TcpStream::connect(l4.local_addr().unwrap()).unwrap();
    let (s4, _) = l4.accept().unwrap();
    let l6 = TcpListener::bind("[::1]:0").unwrap();
    let c6 = TcpStream::connect(l6.local_addr().unwrap()).unwrap();
    let (s6, _) = l6.accept().unwrap();
    let u4 = UdpSocket::bind("127.0.0.1:0").unwrap();
    let u6 = UdpSocket::bind("[::1]:0").unwrap();
    let dir = std::env::temp_dir().join(format!("psutil-rs-net-{pid}"));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sock");
    let _ = std::fs::remove_file(&path);
    let ux = UnixListener::bind(&path).unwrap();
    let abs_name = format!("psutil-rs-test-{pid}");
    let ua = UnixListener::bind_addr(&UnixAddr::from_abstract_name(abs_name.as_bytes()).unwrap())
        .unwrap();

    use AddressFamily as F;
    use ConnectionKind as K;
    use ConnectionStatus as S;
    use SocketType as T;
    struct Want {
        what: &'static str,
        fd: i32,
        family: F,
        ty: T,
        laddr: ConnAddr,
        raddr: ConnAddr,
        status: S,
        kinds: &'static [K],
    }
    let a = |s: std::net::SocketAddr| ConnAddr::Inet(psutil_rs::Addr::from(s));
    let tcp4: &[K] = &[K::All, K::Inet, K::Inet4, K::Tcp, K::Tcp4];
    let tcp6: &[K] = &[K::All, K::Inet, K::Inet6, K::Tcp, K::Tcp6];
    let udp4: &[K] = &[K::All, K::Inet, K::Inet4, K::Udp, K::Udp4];
    let udp6: &[K] = &[K::All, K::Inet, K::Inet6, K::Udp, K::Udp6];
    let unix: &[K] = &[K::All, K::Unix];
    let empty = || ConnAddr::Unix(Default::default());
    let wants = [
        Want {
            what: "tcp4 listen",
            fd: l4.as_raw_fd(),
            family: F::Inet,
            ty: T::Stream,
            laddr: a(l4.local_addr().unwrap()),
            raddr: ConnAddr::None,
            status: S::Listen,
            kinds: tcp4,
        },
        Want {
            what: "tcp4 client",
            fd: c4.as_raw_fd(),
            family: F::Inet,
            ty: T::Stream,
            laddr: a(c4.local_addr().unwrap()),
            raddr: a(c4.peer_addr().unwrap()),
            status: S::Established,
            kinds: tcp4,
        },
        Want {
            what: "tcp4 server",
            fd: s4.as_raw_fd(),
            family: F::Inet,
            ty: T::Stream,
            laddr: a(s4.local_addr().unwrap()),
            raddr: a(s4.peer_addr().unwrap()),
            status: S::Established,
            kinds: tcp4,
        },
        Want {
            what: "tcp6 listen",
            fd: l6.as_raw_fd(),
            family: F::Inet6,
            ty: T::Stream,
            laddr: a(l6.local_addr().unwrap()),
            raddr: ConnAddr::None,
            status: S::Listen,
            kinds: tcp6,
        },
        Want {
            what: "tcp6 client",
            fd: c6.as_raw_fd(),
            family: F::Inet6,
            ty: T::Stream,
            laddr: a(c6.local_addr().unwrap()),
            raddr: a(c6.peer_addr().unwrap()),
            status: S::Established,
            kinds: tcp6,
        },
        Want {
            what: "tcp6 server",
            fd: s6.as_raw_fd(),
            family: F::Inet6,
            ty: T::Stream,
            laddr: a(s6.local_addr().unwrap()),
            raddr: a(s6.peer_addr().unwrap()),
            status: S::Established,
            kinds: tcp6,
        },
        Want {
            what: "udp4",
            fd: u4.as_raw_fd(),
            family: F::Inet,
            ty: T::Dgram,
            laddr: a(u4.local_addr().unwrap()),
            raddr: ConnAddr::None,
            status: S::None,
            kinds: udp4,
        },
        Want {
            what: "udp6",
            fd: u6.as_raw_fd(),
            family: F::Inet6,
            ty: T::Dgram,
            laddr: a(u6.local_addr().unwrap()),
            raddr: ConnAddr::None,
            status: S::None,
            kinds: udp6,
        },
        Want {
            what: "unix path",
            fd: ux.as_raw_fd(),
            family: F::Unix,
            ty: T::Stream,
            laddr: ConnAddr::Unix(path.clone().into_os_string()),
            raddr: empty(),
            status: S::None,
            kinds: unix,
        },
        Want {
            what: "unix abstract",
            fd: ua.as_raw_fd(),
            family: F::Unix,
            ty: T::Stream,
            laddr: ConnAddr::Unix(format!("@{abs_name}").into()),
            raddr: empty(),
            status: S::None,
            kinds: unix,
        },
    ];
    // Another test thread may fork a child (ip, ss, python) at any time; until it execs,
    // the child holds copies of our sockets and, being a later pid, wins psutil's
    // inode -> pid map. So each check is retried a few times.
    let check = |kind: ConnectionKind, source: &str, conns: &[Connection]| -> Result<(), String> {
        for w in &wants {
            let found: Vec<&Connection> = conns
                .iter()
                .filter(|c| c.pid == Some(pid) && c.fd == w.fd)
                .collect();
            if !w.kinds.contains(&kind) {
                if !found.is_empty() {
                    return Err(format!(
                        "{source} {kind}: {} should be absent: {found:?}",
                        w.what
                    ));
                }
                continue;
            }
            // Connection is #[non_exhaustive]: compared field by field.
            let fields = |c: &Connection| {
                let (laddr, raddr) = (c.laddr.clone(), c.raddr.clone());
                (c.fd, c.family, c.r#type, laddr, raddr, c.status, c.pid)
            };
            let expected = (
                w.fd,
                w.family,
                w.ty,
                w.laddr.clone(),
                w.raddr.clone(),
                w.status,
                Some(pid),
            );
            if found.iter().map(|c| fields(c)).collect::<Vec<_>>() != vec![expected.clone()] {
                return Err(format!(
                    "{source} {kind}: {}: found {found:?}, want {expected:?}",
                    w.what
                ));
            }
        }
        Ok(())
    };
    for kind in ConnectionKind::ALL {
        retry(&format!("kind {kind}"), || {
            for (source, conns) in both_sources(kind) {
                check(kind, source, &conns)?;
            }
            Ok(())
        });
    }
    drop((c4, s4, c6, s6));
    let _ = std::fs::remove_dir_all(&dir);
}
