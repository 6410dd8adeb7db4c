//! Small sysctl values: integers of the size the kernel declares, `kern.boottime`
//! (`struct timeval`), `vm.vmtotal` (`struct vmtotal`, `<sys/vmmeter.h>`),
//! `vm.swap_info.<n>` (`struct xswdev`, `<vm/vm_param.h>`), and the text values
//! `kern.sched.topology_spec` and `dev.cpu.<n>.freq_levels`, `kern.proc.args`
//! argument lists and `kern.proc.rlimit` (`struct rlimit`).

use crate::error::{Error, Result};

use crate::parse::bytes::{i32_at, i64_at, u32_at, u64_at};

/// An integer sysctl of 4 (`int`, `u_int`) or 8 (`long`, `u_long`, `uint64_t`) bytes,
/// signed as `signed` says; negative values read as 0. `None` for any other length.
pub fn uint(buf: &[u8], signed: bool) -> Option<u64> {
    let v: i128 = match (buf.len(), signed) {
        (4, true) => i32_at(buf, 0)?.into(),
        (4, false) => u32_at(buf, 0)?.into(),
        (8, true) => i64_at(buf, 0)?.into(),
        (8, false) => u64_at(buf, 0)?.into(),
        _ => return None,
    };
    Some(u64::try_from(v).unwrap_or(0))
}

/// An `int` sysctl, as it is (negative values included).
pub fn int(buf: &[u8]) -> Option<i32> {
    (buf.len() == 4).then(|| i32_at(buf, 0)).flatten()
}

/// `kern.boottime`: the `struct timeval`'s whole seconds (psutil's `boot_time()` on
/// FreeBSD drops the microseconds).
pub fn boottime(buf: &[u8]) -> Result<f64> {
    match (buf.len(), i64_at(buf, 0)) {
        (16, Some(sec)) => Ok(sec as f64),
        _ => Err(Error::parse("kern.boottime", None, "not a struct timeval")),
    }
}

/// `sizeof(struct vmtotal)` on FreeBSD ≥ 12 (`uint64_t` page counts).
pub const VMTOTAL_LEN: usize = 88;
/// `t_vmshr`: shared virtual memory, pages.
pub const T_VMSHR: usize = 32;
/// `t_rmshr`: shared real memory, pages.
pub const T_RMSHR: usize = 48;

/// psutil's `shared` pages: `t_vmshr + t_rmshr` of `vm.vmtotal`.
pub fn vmtotal_shared(buf: &[u8]) -> Result<u64> {
    match (
        buf.len() >= VMTOTAL_LEN,
        u64_at(buf, T_VMSHR),
        u64_at(buf, T_RMSHR),
    ) {
        (true, Some(a), Some(b)) => Ok(a.saturating_add(b)),
        _ => Err(Error::parse("vm.vmtotal", None, "short struct vmtotal")),
    }
}

/// `XSWDEV_VERSION`.
pub const XSWDEV_VERSION: u32 = 2;
/// `sizeof(struct xswdev)` (`u_int xsw_version; dev_t xsw_dev; int xsw_flags; int
/// xsw_nblks; int xsw_used`).
pub const XSWDEV_LEN: usize = 32;
/// `xsw_nblks`: the device's size in pages.
pub const XSW_NBLKS: usize = 20;
/// `xsw_used`: pages in use.
pub const XSW_USED: usize = 24;

/// One swap device of `vm.swap_info.<n>`: `(total, used)` pages (what
/// `kvm_getswapinfo` sums).
pub fn xswdev(buf: &[u8]) -> Result<(u64, u64)> {
    let bad = || Error::parse("vm.swap_info", None, "not a struct xswdev version 2");
    if buf.len() < XSWDEV_LEN || u32_at(buf, 0) != Some(XSWDEV_VERSION) {
        return Err(bad());
    }
    let n = |at| {
        i32_at(buf, at)
            .map(|v| u64::try_from(v).unwrap_or(0))
            .ok_or_else(bad)
    };
    Ok((n(XSW_NBLKS)?, n(XSW_USED)?))
}

/// The physical cores in `kern.sched.topology_spec`: psutil counts the `cpu` elements
/// at `group/children/group/cpu` below the root `groups`, i.e. the `<cpu` tags inside
/// exactly two open `<group` elements. `None` when there is none.
pub fn topology_cores(xml: &[u8]) -> Option<usize> {
    let text = String::from_utf8_lossy(xml);
    let (mut depth, mut cores) = (0usize, 0usize);
    let mut rest: &str = &text;
    while let Some(i) = rest.find('<') {
        rest = rest.get(i + 1..)?;
        let end = rest.find('>')?;
        let tag = rest.get(..end)?;
        let self_closing = tag.ends_with('/');
        let name = tag
            .split(|c: char| c.is_whitespace() || c == '/')
            .find(|s| !s.is_empty())
            .unwrap_or("");
        if tag.starts_with('/') {
            if name == "group" {
                depth = depth.saturating_sub(1);
            }
        } else if name == "group" && !self_closing {
            depth += 1;
        } else if name == "cpu" && depth == 2 {
            cores += 1;
        }
        rest = rest.get(end + 1..)?;
    }
    (cores > 0).then_some(cores)
}

/// `dev.cpu.<n>.freq_levels` (`"2401/35000 2400/35000 1800/24000"`, MHz/mW pairs,
/// fastest first): `(max, min)` MHz, psutil's first and last. `None` when empty or
/// unreadable.
pub fn freq_levels(text: &[u8]) -> Option<(f64, f64)> {
    let text = String::from_utf8_lossy(text);
    let mhz: Vec<f64> = text
        .split_whitespace()
        .filter_map(|pair| pair.split('/').next()?.parse().ok())
        .collect();
    Some((*mhz.first()?, *mhz.last()?))
}

/// A `dev.cpu.<n>.temperature` / `coretemp.tjmax` value (deci-Kelvin, sysctl type
/// `IK`) as psutil's whole degrees Celsius: `(dK - 2731) / 10`, truncated.
pub fn decikelvin_to_celsius(dk: i32) -> f64 {
    f64::from((dk - 2731) / 10)
}

/// `kern.proc.args.<pid>`: the arguments, each NUL-terminated (a last one without its
/// NUL is kept). psutil's `cmdline()` on FreeBSD splits the buffer the same way.
pub fn args(buf: &[u8]) -> Vec<Vec<u8>> {
    if buf.is_empty() {
        return Vec::new();
    }
    let body = buf.strip_suffix(&[0]).unwrap_or(buf);
    body.split(|&b| b == 0).map(<[u8]>::to_vec).collect()
}

/// `sizeof(struct rlimit)`: `rlim_t rlim_cur; rlim_t rlim_max` (`rlim_t` is `int64_t`).
pub const RLIMIT_LEN: usize = 16;
/// `RLIM_INFINITY` of FreeBSD's `<sys/resource.h>` (`INT64_MAX`).
pub const RLIM_INFINITY: u64 = i64::MAX as u64;

/// `kern.proc.rlimit.<pid>.<resource>`: `(soft, hard)`; negative values read as
/// [`RLIM_INFINITY`].
pub fn rlimit(buf: &[u8]) -> Result<(u64, u64)> {
    let v = |at| i64_at(buf, at).map(|x| u64::try_from(x).unwrap_or(RLIM_INFINITY));
    match (buf.len(), v(0), v(8)) {
        (RLIMIT_LEN, Some(cur), Some(max)) => Ok((cur, max)),
        _ => Err(Error::parse(
            "kern.proc.rlimit",
            None,
            "not a struct rlimit",
        )),
    }
}

/// The `struct rlimit` bytes of `(soft, hard)` for a `kern.proc.rlimit` write.
pub fn rlimit_bytes((soft, hard): (u64, u64)) -> [u8; RLIMIT_LEN] {
    let c = |v: u64| i64::try_from(v).unwrap_or(i64::MAX).to_le_bytes();
    let mut out = [0u8; RLIMIT_LEN];
    for (d, s) in out.iter_mut().zip(c(soft).into_iter().chain(c(hard))) {
        *d = s;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_and_times() {
        assert_eq!(uint(&7u32.to_le_bytes(), false), Some(7));
        assert_eq!(uint(&(-1i64).to_le_bytes(), true), Some(0));
        assert_eq!(uint(&[1, 2, 3], false), None);
        assert_eq!(int(&(-1i32).to_le_bytes()), Some(-1));
        let mut tv = 1_700_000_000i64.to_le_bytes().to_vec();
        tv.extend(999_999i64.to_le_bytes());
        assert_eq!(boottime(&tv).unwrap(), 1_700_000_000.0);
        assert!(boottime(&tv[..8]).is_err());
    }

    #[test]
    fn vmtotal_and_swap() {
        let mut v = vec![0u8; VMTOTAL_LEN];
        v[T_VMSHR..T_VMSHR + 8].copy_from_slice(&3u64.to_le_bytes());
        v[T_RMSHR..T_RMSHR + 8].copy_from_slice(&4u64.to_le_bytes());
        assert_eq!(vmtotal_shared(&v).unwrap(), 7);
        assert!(vmtotal_shared(&v[..50]).is_err());
        let mut x = vec![0u8; XSWDEV_LEN];
        x[0..4].copy_from_slice(&2u32.to_le_bytes());
        x[XSW_NBLKS..XSW_NBLKS + 4].copy_from_slice(&1000i32.to_le_bytes());
        x[XSW_USED..XSW_USED + 4].copy_from_slice(&10i32.to_le_bytes());
        assert_eq!(xswdev(&x).unwrap(), (1000, 10));
        x[0] = 1;
        assert!(xswdev(&x).is_err());
        assert!(xswdev(&[2, 0, 0, 0]).is_err());
    }

    #[test]
    fn topology() {
        let xml = br#"<groups>
 <group level="1" cache-level="0">
  <cpu count="4" mask="f,0,0,0">0, 1, 2, 3</cpu>
  <children>
   <group level="2" cache-level="2">
    <cpu count="2" mask="3,0,0,0">0, 1</cpu>
    <flags><flag name="THREAD">THREAD group</flag></flags>
   </group>
   <group level="2" cache-level="2">
    <cpu count="2" mask="c,0,0,0">2, 3</cpu>
   </group>
  </children>
 </group>
</groups>"#;
        assert_eq!(topology_cores(xml), Some(2));
        assert_eq!(
            topology_cores(b"<groups><group><cpu/></group></groups>"),
            None
        );
        assert_eq!(topology_cores(b"<<<"), None);
    }

    #[test]
    fn freq_and_temperature() {
        assert_eq!(
            freq_levels(b"2401/35000 2400/35000 800/8000"),
            Some((2401.0, 800.0))
        );
        assert_eq!(freq_levels(b""), None);
        assert_eq!(decikelvin_to_celsius(3181), 45.0);
    }

    #[test]
    fn args_and_rlimits() {
        assert_eq!(
            args(b"sh\0-c\0echo hi\0"),
            vec![b"sh".to_vec(), b"-c".to_vec(), b"echo hi".to_vec()]
        );
        assert_eq!(args(b"a\0\0b"), vec![b"a".to_vec(), vec![], b"b".to_vec()]);
        assert!(args(b"").is_empty());
        assert_eq!(args(b"\0"), vec![Vec::<u8>::new()]);
        let b = rlimit_bytes((1024, RLIM_INFINITY));
        assert_eq!(rlimit(&b).unwrap(), (1024, RLIM_INFINITY));
        assert!(rlimit(&b[..8]).is_err());
        let mut neg = (-1i64).to_le_bytes().to_vec();
        neg.extend(5i64.to_le_bytes());
        assert_eq!(rlimit(&neg).unwrap(), (RLIM_INFINITY, 5));
    }
}
