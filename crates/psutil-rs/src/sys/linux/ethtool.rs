#![allow(unsafe_code)]
//! Interface ioctls on an `AF_INET` datagram socket: `SIOCGIFFLAGS`, `SIOCGIFMTU` and
//! `SIOCETHTOOL` with `ETHTOOL_GSET` (what psutil's `net_if_stats` calls).

use std::io;
use std::os::fd::{AsRawFd, OwnedFd};

use rustix::net::{socket, AddressFamily, SocketType};

/// `struct ethtool_cmd` of `<linux/ethtool.h>` (the legacy `ETHTOOL_GSET` layout).
#[repr(C)]
#[derive(Default)]
struct EthtoolCmd {
    cmd: u32,
    supported: u32,
    advertising: u32,
    speed: u16,
    duplex: u8,
    port: u8,
    phy_address: u8,
    transceiver: u8,
    autoneg: u8,
    mdio_support: u8,
    maxtxpkt: u32,
    maxrxpkt: u32,
    speed_hi: u16,
    eth_tp_mdix: u8,
    eth_tp_mdix_ctrl: u8,
    lp_advertising: u32,
    reserved: [u32; 2],
}

const ETHTOOL_GSET: u32 = 1;
/// `SPEED_UNKNOWN` of `<linux/ethtool.h>`.
const SPEED_UNKNOWN: u32 = u32::MAX;

/// The `ifr_ifru` union of `struct ifreq` (only the members used here, padded to the
/// kernel's size: `struct ifmap` is the largest member).
#[repr(C)]
#[derive(Clone, Copy)]
union IfrIfru {
    flags: libc::c_short,
    mtu: libc::c_int,
    data: *mut libc::c_void,
    pad: [u8; 24],
}

/// `struct ifreq` of `<net/if.h>`.
#[repr(C)]
struct IfReq {
    name: [libc::c_char; libc::IFNAMSIZ],
    ifru: IfrIfru,
}

impl IfReq {
    /// A request for interface `nic` (truncated to `IFNAMSIZ - 1` bytes, as psutil's
    /// `strncpy` does).
    fn new(nic: &str) -> Self {
        let mut name = [0 as libc::c_char; libc::IFNAMSIZ];
        for (d, s) in name.iter_mut().take(libc::IFNAMSIZ - 1).zip(nic.bytes()) {
            *d = s as libc::c_char;
        }
        IfReq {
            name,
            ifru: IfrIfru { pad: [0; 24] },
        }
    }
}

/// An `AF_INET`/`SOCK_DGRAM` socket to issue interface ioctls on.
pub(crate) struct IfSocket(OwnedFd);

/// Duplex and speed as `ETHTOOL_GSET` reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DuplexSpeed {
    /// `DUPLEX_HALF` (0), `DUPLEX_FULL` (1), `DUPLEX_UNKNOWN` (0xff), or `None` when
    /// the driver does not support the request (EOPNOTSUPP/EINVAL).
    pub duplex: Option<u8>,
    /// Mbit/s; 0 when unknown (`SPEED_UNKNOWN`, above `INT_MAX`, or unsupported).
    pub speed: u32,
}

impl IfSocket {
    /// Opens the socket.
    pub(crate) fn open() -> io::Result<Self> {
        Ok(IfSocket(socket(
            AddressFamily::INET,
            SocketType::DGRAM,
            None,
        )?))
    }

    fn ioctl(&self, request: libc::c_ulong, req: &mut IfReq) -> io::Result<()> {
        // SAFETY: `req` is a properly initialised `struct ifreq` living for the whole
        // call, and each request used here reads/writes only inside it (or, for
        // SIOCETHTOOL, through `ifr_data`, which the caller points at a live struct).
        let rc = unsafe { libc::ioctl(self.0.as_raw_fd(), request as _, req as *mut IfReq) };
        if rc == -1 {
            Err(io::Error::last_os_error())
        } else {
            Ok(())
        }
    }

    /// `SIOCGIFFLAGS`: the interface flags (`IFF_*`, low 16 bits).
    pub(crate) fn flags(&self, nic: &str) -> io::Result<u16> {
        let mut req = IfReq::new(nic);
        self.ioctl(libc::SIOCGIFFLAGS, &mut req)?;
        // SAFETY: SIOCGIFFLAGS succeeded, so the kernel wrote the `ifr_flags` member.
        let flags = unsafe { req.ifru.flags };
        Ok(flags as u16)
    }

    /// `SIOCGIFMTU`: the MTU in bytes.
    pub(crate) fn mtu(&self, nic: &str) -> io::Result<i32> {
        let mut req = IfReq::new(nic);
        self.ioctl(libc::SIOCGIFMTU, &mut req)?;
        // SAFETY: SIOCGIFMTU succeeded, so the kernel wrote the `ifr_mtu` member.
        Ok(unsafe { req.ifru.mtu })
    }

    /// `SIOCETHTOOL` / `ETHTOOL_GSET`: duplex and speed. EOPNOTSUPP and EINVAL (no
    /// ethtool support, e.g. loopback or wifi), ENOTTY and ENOSYS (no such ioctl here:
    /// qemu-user does not translate it, seccomp filters may refuse it) give "unknown";
    /// other errors are returned.
    pub(crate) fn duplex_speed(&self, nic: &str) -> io::Result<DuplexSpeed> {
        let mut cmd = EthtoolCmd {
            cmd: ETHTOOL_GSET,
            ..Default::default()
        };
        let mut req = IfReq::new(nic);
        req.ifru.data = (&mut cmd as *mut EthtoolCmd).cast();
        match self.ioctl(libc::SIOCETHTOOL, &mut req) {
            Ok(()) => {
                let speed = (u32::from(cmd.speed_hi) << 16) | u32::from(cmd.speed);
                let speed = if speed == SPEED_UNKNOWN || speed > i32::MAX as u32 {
                    0
                } else {
                    speed
                };
                Ok(DuplexSpeed {
                    duplex: Some(cmd.duplex),
                    speed,
                })
            }
            Err(e)
                if matches!(
                    e.raw_os_error(),
                    Some(libc::EOPNOTSUPP | libc::EINVAL | libc::ENOTTY | libc::ENOSYS)
                ) =>
            {
                Ok(DuplexSpeed {
                    duplex: None,
                    speed: 0,
                })
            }
            Err(e) => Err(e),
        }
    }
}
