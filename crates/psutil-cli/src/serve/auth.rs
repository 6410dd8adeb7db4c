//! Basic auth against the web-config file's `basic_auth_users` (bcrypt hashes, as in
//! node_exporter). A successful check is remembered per (user, password) pair for the
//! life of the process, keyed by a randomly keyed 64-bit digest so the password itself is
//! not kept, and bounded in size: bcrypt is slow on purpose, and a scraper sends the same
//! credentials every few seconds.

use std::collections::{BTreeMap, HashSet};
use std::hash::{BuildHasher, RandomState};
use std::sync::Mutex;

use base64::Engine;

/// At most this many remembered successful logins.
const CACHE_MAX: usize = 256;

/// The users and their bcrypt hashes.
pub struct Users {
    users: BTreeMap<String, String>,
    ok: Mutex<HashSet<u64>>,
    /// Randomly keyed per process, so the digests cannot be precomputed.
    keys: RandomState,
}

impl Users {
    /// `users` (name → bcrypt hash).
    pub fn new(users: BTreeMap<String, String>) -> Users {
        Users {
            users,
            ok: Mutex::new(HashSet::new()),
            keys: RandomState::new(),
        }
    }

    /// True when the `Authorization` header carries the basic credentials of a
    /// configured user.
    pub fn allows(&self, authorization: Option<&[u8]>) -> bool {
        let Some((user, pass)) = authorization.and_then(decode_basic) else {
            return false;
        };
        let Some(hash) = self.users.get(&user) else {
            return false;
        };
        let key = self.keys.hash_one((&user, &pass, hash));
        if self.ok.lock().map(|s| s.contains(&key)).unwrap_or(false) {
            return true;
        }
        let good = bcrypt::verify(&pass, hash).unwrap_or(false);
        if good {
            if let Ok(mut s) = self.ok.lock() {
                if s.len() >= CACHE_MAX {
                    s.clear();
                }
                s.insert(key);
            }
        }
        good
    }
}

/// `Basic base64(user:pass)` → (user, pass).
fn decode_basic(v: &[u8]) -> Option<(String, String)> {
    let v = std::str::from_utf8(v).ok()?.trim();
    let (scheme, b64) = v.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let raw = base64::engine::general_purpose::STANDARD
        .decode(b64.trim())
        .ok()?;
    let s = String::from_utf8(raw).ok()?;
    let (u, p) = s.split_once(':')?;
    Some((u.to_string(), p.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_bcrypt_and_remembers() {
        let mut m = BTreeMap::new();
        m.insert("alice".to_string(), bcrypt::hash("s3cret", 4).unwrap());
        let u = Users::new(m);
        let hdr = |s: &str| {
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(s)
            )
        };
        assert!(u.allows(Some(hdr("alice:s3cret").as_bytes())));
        assert!(u.allows(Some(hdr("alice:s3cret").as_bytes())));
        assert!(!u.allows(Some(hdr("alice:wrong").as_bytes())));
        assert!(!u.allows(Some(hdr("bob:s3cret").as_bytes())));
        assert!(!u.allows(Some(b"Bearer xyz")));
        assert!(!u.allows(None));
    }
}
