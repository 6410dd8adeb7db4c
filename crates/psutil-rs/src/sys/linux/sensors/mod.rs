//! Hardware sensors on Linux, read from `/sys` (hwmon, thermal and power_supply
//! classes): `sensors_battery()`, and the Linux-only `sensors_temperatures()` and
//! `sensors_fans()`.
//!
//! psutil always reads the real `/sys` here (it ignores `PROCFS_PATH`); this crate
//! reads [`Root::sysfs`](crate::Root::sysfs), which is `/sys` unless the root was built
//! with [`Root::under`](crate::Root::under).

mod battery;
mod fans;
mod temperatures;

pub(crate) use battery::sensors_battery;
pub use fans::{sensors_fans, Fan};
pub use temperatures::{sensors_temperatures, sensors_temperatures_fahrenheit, Temperature};

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::sys;

/// The entries of `dir` whose names satisfy `pred`, as full paths, unsorted. Like
/// Python's `glob`, a directory that cannot be listed (missing, not a directory,
/// unreadable) simply has no entries.
fn glob(dir: &Path, pred: impl Fn(&[u8]) -> bool) -> Vec<PathBuf> {
    sys::fs::list_dir(dir)
        .unwrap_or_default()
        .into_iter()
        .filter(|n| pred(n.as_bytes()))
        .map(|n| dir.join(n))
        .collect()
}

/// fnmatch's `<prefix>*_*`: starts with `prefix` and has a `_` after it.
fn prefix_underscore(prefix: &'static [u8]) -> impl Fn(&[u8]) -> bool {
    move |n: &[u8]| {
        n.strip_prefix(prefix)
            .is_some_and(|rest| rest.contains(&b'_'))
    }
}

/// fnmatch's `<prefix>*`.
fn starts_with(prefix: &'static [u8]) -> impl Fn(&[u8]) -> bool {
    move |n: &[u8]| n.starts_with(prefix)
}

/// psutil's `path.split('_')[0]` applied to the file name: `.../temp1_input` →
/// `.../temp1`.
fn sensor_base(path: &Path) -> PathBuf {
    let name = path.file_name().map(OsStr::as_bytes).unwrap_or_default();
    let stem = name.split(|&c| c == b'_').next().unwrap_or_default();
    path.with_file_name(OsStr::from_bytes(stem))
}

/// `base` + `suffix` (`.../temp1` + `_input`).
fn with_suffix(base: &Path, suffix: &str) -> PathBuf {
    let mut s = base.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Sorts and deduplicates paths as psutil's `sorted(set(...))` does on strings: by
/// their bytes (not component-wise, which orders `a-b` and `a/c` differently).
fn sort_dedup(paths: &mut Vec<PathBuf>) {
    paths.sort_by(|a, b| a.as_os_str().as_bytes().cmp(b.as_os_str().as_bytes()));
    paths.dedup();
}

/// The `hwmon*` directories of `<sysfs>/class/hwmon`.
fn hwmon_dirs(sysfs: &Path) -> Vec<PathBuf> {
    glob(&sysfs.join("class/hwmon"), starts_with(b"hwmon"))
}

/// Reads a sysfs attribute; `None` on any OS error (psutil's `bcat(path,
/// fallback=None)` catching `OSError`).
fn read_attr(path: &Path) -> Option<Vec<u8>> {
    sys::fs::read(path).ok()
}
