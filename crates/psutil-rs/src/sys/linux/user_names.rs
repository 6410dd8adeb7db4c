//! uid → user name: the one place where the crate looks a user name up
//! ([`Process::username`](crate::Process::username), the process table's `username`,
//! and [`users`](crate::users) when a logind session file lacks `USER=`).
//!
//! On the host's own root the name comes from the C library's name service switch
//! (`getpwuid_r(3)`), as psutil's `pwd.getpwuid`: accounts from LDAP, SSSD, systemd's
//! DynamicUser and userdb, `extrausers`... are found. Under any other root (a fixture
//! tree, [`Root::under`], [`set_procfs_path`](crate::set_procfs_path) on another
//! `/proc`) the host's NSS knows nothing about that system's users, so the root's own
//! `etc/passwd` is read. A uid that has no name gives the uid as a string, as psutil.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

use crate::error::Result;
use crate::parse::etc_passwd;
use crate::sys;
use crate::sys::root::Root;

/// Names looked up so far, shared by the reading threads of one table snapshot: each
/// uid is looked up once per snapshot (an NSS source may be a network server), and a
/// non-host root's `etc/passwd` is read once.
#[derive(Debug, Clone, Default)]
pub(crate) struct UserNames(Arc<Mutex<Cache>>);

#[derive(Debug, Default)]
struct Cache {
    /// `<root>/etc/passwd` (non-host roots): `None` until read, then the file or `None`
    /// when it does not exist.
    passwd: Option<Option<Vec<u8>>>,
    names: HashMap<u32, String>,
}

impl UserNames {
    /// An empty cache.
    pub(crate) fn new() -> UserNames {
        UserNames::default()
    }

    /// The name of `uid` on `root` (see the module docs), from the cache when it was
    /// looked up before. Errors only when a non-host root's `etc/passwd` exists but
    /// cannot be read; a failed read is not cached.
    pub(crate) fn get(&self, root: &Root, uid: u32) -> Result<String> {
        // The lock is held during the lookup, so that threads asking for the same uid
        // at once make one lookup. A panic elsewhere leaves the map usable.
        let mut cache = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(n) = cache.names.get(&uid) {
            return Ok(n.clone());
        }
        let name = if root.is_host() {
            sys::passwd::user_name(uid)
        } else {
            let path = root.etc().join("passwd");
            if cache.passwd.is_none() {
                cache.passwd = Some(sys::fs::read_opt(&path)?);
            }
            match cache.passwd.as_ref().and_then(|p| p.as_deref()) {
                Some(data) => etc_passwd::user_name(data, uid).map_err(|e| e.at_path(&path))?,
                None => None,
            }
        };
        let name = match name {
            Some(n) => String::from_utf8_lossy(&n).into_owned(),
            None => uid.to_string(),
        };
        cache.names.insert(uid, name.clone());
        Ok(name)
    }
}

/// The name of `uid` on `root`, without a cache (one lookup; see the module docs).
pub(crate) fn user_name(root: &Root, uid: u32) -> Result<String> {
    UserNames::new().get(root, uid)
}

impl Root {
    /// The name of user `uid` on this root, as [`Process::username`](crate::Process::username)
    /// names a process's real uid: through NSS on the host, from `<root>/etc/passwd`
    /// elsewhere; the uid as text when it has no name. For a uid known without a
    /// process (the owner of `/proc/<pid>`, a file's). An extension beyond psutil.
    pub fn user_name(&self, uid: u32) -> Result<String> {
        user_name(self, uid)
    }
}
