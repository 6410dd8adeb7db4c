//! psutil's `process_iter()`: [`Process`] instances cached across calls.

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use super::handle::Process;
use crate::error::{Error, Pid, Result};
use crate::sys;
use crate::sys::process::IterScope;

struct Cache {
    scope: Option<IterScope>,
    map: BTreeMap<Pid, Arc<Process>>,
}

static CACHE: Mutex<Cache> = Mutex::new(Cache {
    scope: None,
    map: BTreeMap::new(),
});

fn cache() -> std::sync::MutexGuard<'static, Cache> {
    CACHE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Every process, in pid order, as psutil 7's `process_iter()`: the [`Process`]
/// instances are cached across calls (so per-instance state such as
/// [`cpu_percent`](Process::cpu_percent)'s baseline survives, which is what makes a
/// monitoring loop work), pids that are gone are dropped from the cache, new pids get a
/// new instance, and a pid whose process was replaced (pid reuse) gets a fresh instance.
///
/// The reuse test is cheaper than psutil's (which, since 6.0, only notices reuse that
/// [`is_running`](Process::is_running) saw): the backend's listing gives each pid a key
/// that stays the same while the cached instance's process lives (Linux: the inode
/// number of each `/proc/<pid>` directory, from the `/proc` listing, which procfs keeps
/// for as long as a cached instance's open handle pins it and the process lives, so no
/// file is read); a different key is confirmed with [`is_running`](Process::is_running). A process that vanishes before
/// its instance is made is skipped (psutil's `NoSuchProcess`). For the attributes of
/// every process, [`ProcessTable`](crate::ProcessTable) is much faster.
///
/// The cache belongs to the current root (Linux: `Root`) and is emptied when
/// `set_procfs_path` changes it. Thread-safe.
pub fn process_iter() -> Result<Vec<Arc<Process>>> {
    let scope = sys::process::iter_scope();
    let listing = sys::process::list_keyed(&scope)?;
    let mut cache = cache();
    if cache.scope.as_ref() != Some(&scope) {
        cache.map.clear();
        cache.scope = Some(scope.clone());
    }
    let mut old = std::mem::take(&mut cache.map);
    let mut out = Vec::with_capacity(listing.len());
    for (pid, key) in listing {
        let kept = old.remove(&pid).filter(|p| {
            if p.state().gone {
                return false;
            }
            sys::process::same_key(p, key) || p.is_running()
        });
        let p = match kept {
            Some(p) => p,
            None => match sys::process::open_in(&scope, pid) {
                Ok(p) => Arc::new(p),
                Err(Error::NoSuchProcess { .. }) => continue,
                // What was cached so far stays, as psutil's `finally`.
                Err(e) => return Err(e),
            },
        };
        cache.map.insert(pid, p.clone());
        out.push(p);
    }
    Ok(out)
}

/// Drops `p` from the cache (it was found gone).
pub(crate) fn forget(p: &Arc<Process>) {
    let mut cache = cache();
    if cache.map.get(&p.pid).is_some_and(|c| Arc::ptr_eq(c, p)) {
        cache.map.remove(&p.pid);
    }
}

/// Empties [`process_iter`]'s cache. psutil's `process_iter.cache_clear()`.
pub fn process_iter_cache_clear() {
    let mut cache = cache();
    cache.map.clear();
    cache.scope = None;
}
