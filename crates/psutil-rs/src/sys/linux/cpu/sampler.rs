//! [`CpuSampler`] on a [`Root`]: the Linux source of the CPU times that
//! `cpu_percent()` and `cpu_times_percent()` compare.

use std::sync::Arc;

use crate::cpu::CpuSampler;
use crate::error::Result;
use crate::sys::root::Root;

/// What a [`CpuSampler`] reads the CPU times from: on Linux, a [`Root`] (its
/// `<proc>/stat`). It provides `cpu_times()`, `cpu_times_percpu()` and
/// `cpu_times_both()`.
pub(crate) type Source = Root;

/// The source the free functions (`cpu_percent()` and friends) read: the current
/// [`Root`].
pub(crate) fn current() -> Arc<Source> {
    Root::current()
}

impl Root {
    /// A [`CpuSampler`] reading this root, with its baseline read now.
    pub fn cpu_sampler(&self) -> Result<CpuSampler> {
        CpuSampler::on(self.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cpu::percent::{percent_of, times_percent_of, PERCENT, TIMES_PERCENT};
    use crate::cpu::CpuTimes;

    fn t(user: f64, idle: f64, iowait: f64, guest: Option<f64>) -> CpuTimes {
        CpuTimes {
            user,
            nice: 0.0,
            system: 0.0,
            idle,
            iowait,
            irq: 0.0,
            softirq: 0.0,
            steal: Some(0.0),
            guest,
            guest_nice: guest.map(|_| 0.0),
        }
    }

    #[test]
    fn percent_formula() {
        // 30 s user, 60 s idle, 10 s iowait: busy 30 of 100.
        let a = t(0.0, 0.0, 0.0, Some(0.0));
        let b = t(30.0, 60.0, 10.0, Some(20.0));
        // guest (20 s, inside user) is not added to the total.
        assert_eq!(percent_of(&a, &b), 30.0);
        assert_eq!(percent_of(&a, &a), 0.0);
        // A counter going backwards counts as 0.
        let c = t(-5.0, 60.0, 10.0, Some(0.0));
        assert_eq!(percent_of(&a, &c), 0.0);
        let p = times_percent_of(&a, &b);
        assert_eq!(
            (p.user, p.idle, p.iowait, p.guest),
            (30.0, 60.0, 10.0, Some(20.0))
        );
    }

    #[test]
    fn times_percent_scale_below_one_second() {
        // 0.2 s elapsed: psutil divides by max(1, 0.2) = 1.
        let a = t(0.0, 0.0, 0.0, None);
        let b = t(0.1, 0.1, 0.0, None);
        let p = times_percent_of(&a, &b);
        assert_eq!((p.user, p.idle), (10.0, 10.0));
        assert_eq!(p.guest, None);
    }

    /// The thread-local baselines of the free functions, on a fixture root (the free
    /// functions themselves read the process-wide root, which tests must not change).
    #[test]
    fn free_function_baselines_are_per_thread_and_separate() {
        let dir = std::env::temp_dir().join(format!("psutil-rs-percent-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("proc")).unwrap();
        let stat = dir.join("proc/stat");
        let write = move |user: u64, idle: u64| {
            let line =
                format!("cpu {user} 0 0 {idle} 0 0 0 0 0 0\ncpu0 {user} 0 0 {idle} 0 0 0 0 0 0\n");
            std::fs::write(&stat, line).unwrap();
        };
        write(100, 100);
        let root = Root::under(&dir);
        let percent = |root: &Root| PERCENT.with(|b| b.borrow_mut().total(root, None, percent_of));
        let times_percent = |root: &Root| {
            TIMES_PERCENT.with(|b| b.borrow_mut().total(root, None, times_percent_of))
        };
        let (p0, p1, p2, tp) = std::thread::scope(|s| {
            s.spawn(|| {
                // No baseline yet in this thread: two reads of an unchanged file, 0.0.
                let p0 = percent(&root).unwrap();
                let p1 = percent(&root).unwrap();
                // 300 ticks user and 100 idle since the baseline: 75 % busy.
                write(400, 200);
                let p2 = percent(&root).unwrap();
                // cpu_times_percent's baseline is separate: none yet, so all zeros.
                let tp = times_percent(&root).unwrap();
                (p0, p1, p2, tp)
            })
            .join()
            .unwrap()
        });
        assert_eq!((p0, p1, p2), (0.0, 0.0, 75.0));
        assert_eq!((tp.user, tp.idle), (0.0, 0.0));
        // Another thread has no baseline either.
        let other = std::thread::scope(|s| s.spawn(|| percent(&root).unwrap()).join().unwrap());
        assert_eq!(other, 0.0);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
