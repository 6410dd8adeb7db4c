//! `/proc/stat`: kernel and system statistics (CPU times, context switches, boot time).

use super::fields::{lines, parse_u64, words};
use crate::error::{Error, Result};

const FILE: &str = "stat";

/// The `btime` line: boot time in seconds since the epoch.
pub fn parse_btime(data: &[u8]) -> Result<u64> {
    for (n, line) in lines(data) {
        let mut w = words(line);
        if w.next() == Some(b"btime") {
            return w
                .next()
                .and_then(parse_u64)
                .ok_or_else(|| Error::parse(FILE, Some(n), "btime is not a number"));
        }
    }
    Err(Error::parse(FILE, None, "no btime line"))
}

/// One `cpu` or `cpuN` line of `/proc/stat`, in clock ticks (`USER_HZ`).
///
/// The kernel added columns over time; a column the line does not have is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct CpuTicks {
    /// Normal processes in user mode.
    pub user: u64,
    /// Niced processes in user mode.
    pub nice: u64,
    /// Kernel mode.
    pub system: u64,
    /// Idle.
    pub idle: u64,
    /// Waiting for I/O (since Linux 2.5.41).
    pub iowait: u64,
    /// Servicing interrupts (since Linux 2.6.0).
    pub irq: u64,
    /// Servicing softirqs (since Linux 2.6.0).
    pub softirq: u64,
    /// Stolen by the hypervisor (8th column, since Linux 2.6.11).
    pub steal: Option<u64>,
    /// Running a guest, also counted in `user` (9th column, since Linux 2.6.24).
    pub guest: Option<u64>,
    /// Running a niced guest, also counted in `nice` (10th column, since Linux 2.6.33).
    pub guest_nice: Option<u64>,
}

/// The CPU lines of `/proc/stat`: the system-wide `cpu` line and the `cpuN` lines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct CpuLines {
    /// The first line (`cpu ...`): the sum over all CPUs.
    pub total: CpuTicks,
    /// The following lines starting with `cpu`, in file order.
    pub percpu: Vec<CpuTicks>,
    /// How many value columns are used (7 to 10): the count of the first line, capped
    /// at 10. Every per-CPU line is read with this many columns, as psutil does.
    pub columns: usize,
}

/// The fewest columns psutil accepts (Linux 2.6.0 to 2.6.10 print 7).
const MIN_COLUMNS: usize = 7;
/// The columns psutil knows about (`guest_nice` is the 10th).
const MAX_COLUMNS: usize = 10;

fn ticks_from(values: &[&[u8]], columns: usize, n: usize) -> Result<CpuTicks> {
    let mut v = [0u64; MAX_COLUMNS];
    for (i, slot) in v.iter_mut().enumerate().take(columns) {
        let word = values.get(i).ok_or_else(|| {
            Error::parse(
                FILE,
                Some(n),
                format!(
                    "expected {columns} CPU time columns, found {}",
                    values.len()
                ),
            )
        })?;
        *slot = parse_u64(word).ok_or_else(|| {
            Error::parse(
                FILE,
                Some(n),
                format!(
                    "CPU time {:?} is not a number",
                    String::from_utf8_lossy(word)
                ),
            )
        })?;
    }
    let [user, nice, system, idle, iowait, irq, softirq, steal, guest, guest_nice] = v;
    let opt = |i: usize, x: u64| (columns > i).then_some(x);
    Ok(CpuTicks {
        user,
        nice,
        system,
        idle,
        iowait,
        irq,
        softirq,
        steal: opt(7, steal),
        guest: opt(8, guest),
        guest_nice: opt(9, guest_nice),
    })
}

/// Parses the CPU lines: the first line of the file gives the system-wide times and
/// decides the column count (psutil reads the first line whatever its label); every
/// later line starting with `cpu` is one CPU.
///
/// Errors: an empty file, a first line with fewer than 7 columns, a per-CPU line
/// shorter than the first line, or a value that is not a number.
pub fn parse_cpu_lines(data: &[u8]) -> Result<CpuLines> {
    let mut it = lines(data);
    let Some((n, first)) = it.next() else {
        return Err(Error::parse(FILE, None, "empty file"));
    };
    let values: Vec<&[u8]> = words(first).skip(1).collect();
    if values.len() < MIN_COLUMNS {
        return Err(Error::parse(
            FILE,
            Some(n),
            format!(
                "the cpu line has {} columns, at least {MIN_COLUMNS} expected",
                values.len()
            ),
        ));
    }
    let columns = values.len().min(MAX_COLUMNS);
    let total = ticks_from(&values, columns, n)?;
    let mut percpu = Vec::new();
    for (n, line) in it {
        if !line.starts_with(b"cpu") {
            continue;
        }
        let values: Vec<&[u8]> = words(line).skip(1).collect();
        percpu.push(ticks_from(&values, columns, n)?);
    }
    Ok(CpuLines {
        total,
        percpu,
        columns,
    })
}

/// The counters of the `ctxt`, `intr` and `softirq` lines (the first number of each).
/// A missing line is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct StatCounters {
    /// `ctxt`: context switches since boot.
    pub ctxt: Option<u64>,
    /// `intr`: the total of all interrupts serviced since boot.
    pub intr: Option<u64>,
    /// `softirq`: the total of all softirqs serviced since boot (since Linux 2.6.31).
    pub softirq: Option<u64>,
}

/// Parses the `ctxt`, `intr` and `softirq` lines. Like psutil, a line is recognised by
/// its prefix and its second word is the value.
pub fn parse_counters(data: &[u8]) -> Result<StatCounters> {
    let mut c = StatCounters::default();
    for (n, line) in lines(data) {
        let slot = if line.starts_with(b"ctxt") {
            &mut c.ctxt
        } else if line.starts_with(b"intr") {
            &mut c.intr
        } else if line.starts_with(b"softirq") {
            &mut c.softirq
        } else {
            continue;
        };
        let v = words(line)
            .nth(1)
            .and_then(parse_u64)
            .ok_or_else(|| Error::parse(FILE, Some(n), "counter is missing or not a number"))?;
        *slot = Some(v);
        if c.ctxt.is_some() && c.intr.is_some() && c.softirq.is_some() {
            break;
        }
    }
    Ok(c)
}

/// Counts the lines whose first space-separated word starts with `cpu` and a digit
/// (psutil's last-resort logical CPU count).
pub fn count_cpu_lines(data: &[u8]) -> usize {
    lines(data)
        .filter(|(_, l)| {
            l.strip_prefix(b"cpu")
                .and_then(|rest| rest.first())
                .is_some_and(u8::is_ascii_digit)
        })
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn btime() {
        assert_eq!(
            parse_btime(b"cpu 1 2 3\nbtime 1700000000\n").unwrap(),
            1_700_000_000
        );
        assert!(parse_btime(b"cpu 1 2 3\n").is_err());
        assert!(parse_btime(b"btime -1\n").is_err());
    }

    #[test]
    fn cpu_lines_ten_columns() {
        let s = b"cpu  11143 0 3945 54400 181 0 16 9 0 0\n\
cpu0 5443 0 1616 27737 46 0 4 4 0 0\n\
cpu1 5699 0 2329 26662 135 0 11 5 0 0\n\
intr 1 2 3\nctxt 278113\nbtime 1\nprocesses 9\nsoftirq 81883 1 2\n";
        let c = parse_cpu_lines(s).unwrap();
        assert_eq!(c.columns, 10);
        assert_eq!(c.total.user, 11143);
        assert_eq!(c.total.idle, 54400);
        assert_eq!(c.total.steal, Some(9));
        assert_eq!(c.total.guest_nice, Some(0));
        assert_eq!(c.percpu.len(), 2);
        assert_eq!(c.percpu[1].iowait, 135);
        assert_eq!(count_cpu_lines(s), 2);
        let k = parse_counters(s).unwrap();
        assert_eq!(k.ctxt, Some(278113));
        assert_eq!(k.intr, Some(1));
        assert_eq!(k.softirq, Some(81883));
    }

    #[test]
    fn cpu_lines_old_kernels() {
        // Linux 2.6.0..2.6.10: 7 columns.
        let c = parse_cpu_lines(b"cpu 1 2 3 4 5 6 7\ncpu0 1 2 3 4 5 6 7\n").unwrap();
        assert_eq!(c.columns, 7);
        assert_eq!(c.total.softirq, 7);
        assert_eq!(
            (c.total.steal, c.total.guest, c.total.guest_nice),
            (None, None, None)
        );
        // 2.6.11..2.6.23: steal; 2.6.24..2.6.32: guest.
        let c = parse_cpu_lines(b"cpu 1 2 3 4 5 6 7 8\n").unwrap();
        assert_eq!((c.total.steal, c.total.guest), (Some(8), None));
        let c = parse_cpu_lines(b"cpu 1 2 3 4 5 6 7 8 9\n").unwrap();
        assert_eq!((c.total.guest, c.total.guest_nice), (Some(9), None));
        // A future 11th column is ignored.
        let c = parse_cpu_lines(b"cpu 1 2 3 4 5 6 7 8 9 10 11\ncpu0 1 2 3 4 5 6 7 8 9 10 11\n")
            .unwrap();
        assert_eq!(c.columns, 10);
        assert_eq!(c.percpu[0].guest_nice, Some(10));
    }

    #[test]
    fn cpu_lines_garbage() {
        assert!(parse_cpu_lines(b"").is_err());
        assert!(parse_cpu_lines(b"\n\n").is_err());
        assert!(parse_cpu_lines(b"cpu 1 2 3\n").is_err());
        assert!(parse_cpu_lines(b"cpu 1 2 3 4 5 6 x\n").is_err());
        assert!(parse_cpu_lines(b"cpu 1 2 3 4 5 6 -7\n").is_err());
        // A per-CPU line shorter than the first line.
        let e = parse_cpu_lines(b"cpu 1 2 3 4 5 6 7 8\ncpu0 1 2 3 4 5 6 7\n").unwrap_err();
        assert!(e.to_string().contains("line 2"), "{e}");
        assert!(parse_counters(b"ctxt x\n").is_err());
        assert_eq!(parse_counters(b"").unwrap(), StatCounters::default());
        assert_eq!(count_cpu_lines(b"cpu 1\ncpux 2\ncpu12 3\n"), 1);
    }
}
