//! psutil's `nowrap` counters: totals that keep growing when a kernel counter wraps.
//!
//! Kernel I/O counters are 32-bit on some drivers and architectures and wrap to 0. psutil
//! (`_common.wrap_numbers`) remembers the last raw values per function; when a value is
//! smaller than the previous one it adds the previous value to a per-(key, field)
//! "reminder" that is added to every later value. Keys that disappear are forgotten.

use std::collections::BTreeMap;
use std::sync::Mutex;

/// Wrap-around correction state for one function (e.g. `disk_io_counters`), keyed by
/// device or NIC name, over `N` counter fields.
#[derive(Debug, Default)]
pub(crate) struct Nowrap<K, const N: usize> {
    state: Mutex<State<K, N>>,
}

#[derive(Debug)]
struct State<K, const N: usize> {
    last: BTreeMap<K, [u64; N]>,
    reminders: BTreeMap<K, [u64; N]>,
}

impl<K, const N: usize> Default for State<K, N> {
    fn default() -> Self {
        State {
            last: BTreeMap::new(),
            reminders: BTreeMap::new(),
        }
    }
}

impl<K: Ord + Clone, const N: usize> Nowrap<K, N> {
    /// An empty state (const, so it can live in a `static`).
    pub(crate) const fn new() -> Self {
        Nowrap {
            state: Mutex::new(State {
                last: BTreeMap::new(),
                reminders: BTreeMap::new(),
            }),
        }
    }

    /// Corrects `raw` (the values just read) in place and remembers them.
    pub(crate) fn apply(&self, raw: &mut [(K, [u64; N])]) {
        let Ok(mut st) = self.state.lock() else {
            return;
        };
        let st = &mut *st;
        let mut seen: BTreeMap<K, [u64; N]> = BTreeMap::new();
        for (key, values) in raw.iter_mut() {
            let new = *values;
            if let Some(old) = st.last.get(key) {
                let rem = st.reminders.entry(key.clone()).or_insert([0; N]);
                for ((r, &o), &n) in rem.iter_mut().zip(old.iter()).zip(new.iter()) {
                    if n < o {
                        *r = r.saturating_add(o);
                    }
                }
            }
            if let Some(rem) = st.reminders.get(key) {
                for (v, &r) in values.iter_mut().zip(rem.iter()) {
                    *v = v.saturating_add(r);
                }
            }
            seen.insert(key.clone(), new);
        }
        st.reminders.retain(|k, _| seen.contains_key(k));
        st.last = seen;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_like_psutil() {
        let nw: Nowrap<&str, 2> = Nowrap::new();
        let mut r = vec![("a", [100, 5])];
        nw.apply(&mut r);
        assert_eq!(r[0].1, [100, 5]);
        let mut r = vec![("a", [10, 6])]; // first field wrapped
        nw.apply(&mut r);
        assert_eq!(r[0].1, [110, 6]);
        let mut r = vec![("a", [20, 7])];
        nw.apply(&mut r);
        assert_eq!(r[0].1, [120, 7]);
        let mut r = vec![("a", [5, 8])]; // wraps again
        nw.apply(&mut r);
        assert_eq!(r[0].1, [125, 8]);
        // key disappears, then comes back: starts afresh
        nw.apply(&mut [("b", [1, 1])]);
        let mut r = vec![("a", [3, 3])];
        nw.apply(&mut r);
        assert_eq!(r[0].1, [3, 3]);
    }
}
