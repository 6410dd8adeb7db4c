//! `statvfs` on the mounts with a timeout, and no pile-up on a hung mount.
//!
//! `statvfs(2)` on a network filesystem whose server is gone (or a FUSE daemon that
//! stopped answering) can block for minutes or forever, and a thread blocked in the
//! kernel cannot be cancelled. Each call runs on a helper thread and the scrape waits
//! for it at most the configured timeout. A mount whose call is still blocked is
//! *stuck*: later scrapes skip it at once (no wait, no new thread) until the blocked
//! call returns, so a hung mount costs one timeout in the first scrape, one lingering
//! thread, and nothing after.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, Mutex};
use std::time::Duration;

use psutil_rs::DiskUsage;

/// Why a mount has no usage in this scrape.
#[derive(Debug, PartialEq, Eq)]
pub enum Failure {
    /// An earlier call on this mount is still blocked: not tried again.
    Stuck,
    /// This scrape's call did not answer within the timeout (it is now stuck).
    TimedOut,
    /// `statvfs` failed, or the helper thread could not start.
    Error,
}

/// `statvfs` with a timeout, and the mounts whose call is still blocked.
#[derive(Debug)]
pub struct Statvfs {
    timeout: Duration,
    stuck: Arc<Mutex<HashSet<PathBuf>>>,
}

impl Statvfs {
    /// Calls wait at most `timeout`.
    pub fn new(timeout: Duration) -> Statvfs {
        Statvfs {
            timeout,
            stuck: Arc::default(),
        }
    }

    /// The usage of the filesystem mounted at `mount`.
    pub fn usage(&self, mount: &Path) -> Result<DiskUsage, Failure> {
        let mount = mount.to_path_buf();
        self.run(mount.clone(), move || {
            psutil_rs::disk_usage(&mount).map_err(|_| Failure::Error)
        })
    }

    /// Mounts whose `statvfs` is blocked right now.
    pub fn stuck(&self) -> usize {
        self.stuck.lock().map_or(0, |s| s.len())
    }

    /// Runs `f` (the call on `mount`) on a helper thread. The mount is marked stuck
    /// before the thread starts and unmarked by the thread when `f` returns, before it
    /// sends the result: on a timeout the mark stays until the blocked call returns,
    /// with no window in which a late answer could leave it marked for good.
    fn run(
        &self,
        mount: PathBuf,
        f: impl FnOnce() -> Result<DiskUsage, Failure> + Send + 'static,
    ) -> Result<DiskUsage, Failure> {
        {
            let Ok(mut stuck) = self.stuck.lock() else {
                return Err(Failure::Error);
            };
            if !stuck.insert(mount.clone()) {
                return Err(Failure::Stuck);
            }
        }
        let (tx, rx) = mpsc::sync_channel(1);
        let stuck = self.stuck.clone();
        let key = mount.clone();
        let spawned = std::thread::Builder::new()
            .name("psutil-statvfs".into())
            .spawn(move || {
                let r = f();
                if let Ok(mut s) = stuck.lock() {
                    s.remove(&key);
                }
                // The receiver is gone after a timeout; nothing to do then.
                let _ = tx.send(r);
            });
        if spawned.is_err() {
            if let Ok(mut s) = self.stuck.lock() {
                s.remove(&mount);
            }
            return Err(Failure::Error);
        }
        match rx.recv_timeout(self.timeout) {
            Ok(r) => r,
            Err(mpsc::RecvTimeoutError::Timeout) => Err(Failure::TimedOut),
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(Failure::Error),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc::channel;
    use std::time::Instant;

    fn some_usage() -> DiskUsage {
        psutil_rs::disk_usage("/").unwrap()
    }

    #[test]
    fn a_blocked_call_marks_the_mount_stuck_until_it_returns() {
        let s = Statvfs::new(Duration::from_millis(50));
        let (release, wait) = channel::<()>();
        let t0 = Instant::now();
        let r = s.run(PathBuf::from("/hung"), move || {
            let _ = wait.recv();
            Ok(some_usage())
        });
        assert_eq!(r.unwrap_err(), Failure::TimedOut);
        assert!(t0.elapsed() < Duration::from_secs(2));
        assert_eq!(s.stuck(), 1);
        // Skipped at once while blocked: the closure is not run.
        let t1 = Instant::now();
        let r = s.run(PathBuf::from("/hung"), || panic!("not called while stuck"));
        assert_eq!(r.unwrap_err(), Failure::Stuck);
        assert!(t1.elapsed() < Duration::from_millis(40));
        // Other mounts go on.
        assert!(s.run(PathBuf::from("/"), || Ok(some_usage())).is_ok());
        // The blocked call returns: the mount is tried again.
        release.send(()).unwrap();
        let end = Instant::now() + Duration::from_secs(5);
        while s.stuck() > 0 && Instant::now() < end {
            std::thread::sleep(Duration::from_millis(5));
        }
        assert_eq!(s.stuck(), 0);
        assert!(s.run(PathBuf::from("/hung"), || Ok(some_usage())).is_ok());
    }

    #[test]
    fn errors_unmark_the_mount() {
        let s = Statvfs::new(Duration::from_secs(5));
        assert_eq!(
            s.usage(Path::new("/nonexistent/psutil-serve")).unwrap_err(),
            Failure::Error
        );
        assert_eq!(s.stuck(), 0);
        assert_eq!(s.usage(Path::new("/")).unwrap().total, some_usage().total);
    }
}
