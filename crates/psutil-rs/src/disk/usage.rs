//! `disk_usage()`: the space on the filesystem holding a path (`statvfs(2)` on Linux).

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::percent::usage_percent;
use crate::sys;

/// Space on the filesystem holding a path, in bytes. psutil's `sdiskusage`.
///
/// As in `df`: `used` counts the blocks reserved for root as free (`total - used`
/// includes them), while `free` and `percent` are what an unprivileged user can use, so
/// `used + free` can be less than `total`.
#[doc(alias = "sdiskusage")]
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct DiskUsage {
    /// `f_blocks × f_frsize`: the filesystem's size.
    pub total: u64,
    /// `total − f_bfree × f_frsize`: space in use.
    pub used: u64,
    /// `f_bavail × f_frsize`: space available to unprivileged users.
    pub free: u64,
    /// `used / (used + free) × 100`, rounded to one decimal (0 when both are 0): the
    /// share of the space a user can have that is taken, like `df`'s `Use%` (which
    /// rounds up instead).
    pub percent: f64,
}

impl DiskUsage {
    /// psutil's formula from the three sizes `statvfs(2)` gives (Linux) or their
    /// equivalents: `total`, the space free for root and the space free for users.
    pub(crate) fn from_statvfs((total, free_to_root, free_to_user): (u64, u64, u64)) -> Self {
        let used = total.saturating_sub(free_to_root);
        DiskUsage {
            total,
            used,
            free: free_to_user,
            percent: usage_percent(used as f64, used as f64 + free_to_user as f64),
        }
    }
}

/// Space usage of the filesystem holding `path`. psutil's `disk_usage(path)`.
///
/// Linux: one `statvfs(2)` call on `path`, which describes the running system whatever
/// `Root` (Linux) is current (a relative path is relative to the current
/// directory). A path that does not exist is [`Error::NotFound`] naming it; other
/// failures are [`Error::AccessDenied`] or [`Error::Io`] with the path.
///
/// `statvfs` on a network filesystem whose server is gone can block for a long time
/// (forever on a `hard` NFS mount); [`disk_usage_timeout`] bounds the wait.
///
/// Windows: `GetDiskFreeSpaceExW` (`free` is the total free bytes, as psutil).
pub fn disk_usage(path: impl AsRef<Path>) -> Result<DiskUsage> {
    sys::disk::disk_usage(path.as_ref())
}

/// [`disk_usage`] that gives up after `timeout`: `statvfs(2)` runs on a helper thread
/// and, if it has not answered in time, this returns [`Error::TimeoutExpired`] (with
/// `seconds` set to `timeout` and no pid).
///
/// A thread blocked in the kernel cannot be cancelled, so on timeout the helper thread
/// lingers until `statvfs` returns (on a dead `hard` NFS mount, possibly for the life of
/// the process); its result is then dropped. Each call that times out can leave one
/// such thread behind. Failing to start the thread is [`Error::Io`].
pub fn disk_usage_timeout(path: impl AsRef<Path>, timeout: Duration) -> Result<DiskUsage> {
    let path = path.as_ref().to_path_buf();
    let thread_path = path.clone();
    with_timeout(&path, timeout, move || disk_usage(&thread_path))
}

/// Runs `f` on a new thread and waits at most `timeout` for its result.
fn with_timeout<T: Send + 'static>(
    path: &Path,
    timeout: Duration,
    f: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let (tx, rx) = mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("psutil-statvfs".into())
        .spawn(move || {
            // The receiver is gone after a timeout; nothing to do then.
            let _ = tx.send(f());
        })
        .map_err(|e| Error::Io {
            path: Some(path.to_path_buf()),
            source: e,
        })?;
    match rx.recv_timeout(timeout) {
        Ok(result) => result,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(Error::TimeoutExpired {
            seconds: timeout.as_secs_f64(),
            pid: None,
            name: None,
        }),
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(Error::Io {
            path: Some(path.to_path_buf()),
            source: std::io::Error::other("statvfs helper thread ended without an answer"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_matches_psutil() {
        // total 1000, 400 free for root, 350 free for users.
        let u = DiskUsage::from_statvfs((1000, 400, 350));
        assert_eq!((u.total, u.used, u.free), (1000, 600, 350));
        assert_eq!(u.percent, 63.2); // round(600 / 950 * 100, 1)
        let u = DiskUsage::from_statvfs((0, 0, 0));
        assert_eq!(u.percent, 0.0);
        // A full filesystem with reserved blocks left: 100 %.
        let u = DiskUsage::from_statvfs((1000, 50, 0));
        assert_eq!(u.percent, 100.0);
    }

    #[test]
    fn timeout_expires_on_a_call_that_hangs() {
        // A stand-in for statvfs on a dead NFS server: a call that takes 3 s.
        let start = std::time::Instant::now();
        let r: Result<()> = with_timeout(Path::new("/hung"), Duration::from_millis(100), || {
            std::thread::sleep(Duration::from_secs(3));
            Ok(())
        });
        let elapsed = start.elapsed();
        match r {
            Err(Error::TimeoutExpired { seconds, pid, .. }) => {
                assert_eq!(seconds, 0.1);
                assert_eq!(pid, None);
            }
            other => panic!("expected TimeoutExpired, got {other:?}"),
        }
        assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
        // A call that answers in time passes its result (or error) through.
        let r = with_timeout(Path::new("/x"), Duration::from_secs(10), || Ok(7));
        assert_eq!(r.unwrap(), 7);
        let r: Result<()> = with_timeout(Path::new("/x"), Duration::from_secs(10), || {
            Err(Error::NotFound { path: "/x".into() })
        });
        assert!(r.unwrap_err().is_not_found());
        // A helper that dies without answering is an I/O error naming the path.
        let r: Result<()> = with_timeout(Path::new("/dies"), Duration::from_secs(10), || {
            panic!("helper died")
        });
        assert!(r.unwrap_err().to_string().contains("/dies"));
    }
}
