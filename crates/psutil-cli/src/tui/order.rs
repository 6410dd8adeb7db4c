//! Which rows a live view shows and in which order: sort keys, the name/user filter,
//! the I/O-only switch and the parent/child tree. Pure functions over [`ProcRow`]s.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use psutil_rs::Pid;

use super::columns::Col;
use super::row::ProcRow;

/// The sort orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    /// %CPU, highest first.
    Cpu,
    /// RES, highest first.
    Mem,
    /// TIME+, highest first.
    Time,
    /// PID, lowest first.
    Pid,
    /// Disk read, highest first.
    Read,
    /// Disk write, highest first.
    Write,
    /// Disk read + write, highest first.
    Io,
}

impl SortKey {
    /// The column the key sorts on.
    pub fn col(self) -> Col {
        match self {
            SortKey::Cpu => Col::Cpu,
            SortKey::Mem => Col::Res,
            SortKey::Time => Col::Time,
            SortKey::Pid => Col::Pid,
            SortKey::Read => Col::Read,
            SortKey::Write => Col::Write,
            SortKey::Io => Col::Total,
        }
    }

    /// The header of the column the key sorts on.
    pub fn column(self) -> &'static str {
        self.col().head()
    }
}

/// What is shown and in which order.
#[derive(Debug, Clone, PartialEq)]
pub struct ViewOpts {
    /// Sort order.
    pub sort: SortKey,
    /// Reverse the sort order.
    pub reverse: bool,
    /// Keep only processes whose name, command line or user contains this
    /// (case-insensitive); empty keeps all.
    pub filter: String,
    /// Show the parent/child tree (children under their parent, siblings sorted).
    pub tree: bool,
    /// Only processes with I/O (nonzero rate, or nonzero total when `accumulated`).
    pub only_io: bool,
    /// I/O as totals instead of rates.
    pub accumulated: bool,
}

impl ViewOpts {
    /// Default options with this sort order.
    pub fn new(sort: SortKey) -> ViewOpts {
        ViewOpts {
            sort,
            reverse: false,
            filter: String::new(),
            tree: false,
            only_io: false,
            accumulated: false,
        }
    }
}

/// Compares two rows by `key` (ties by pid, lowest first).
pub fn compare(a: &ProcRow, b: &ProcRow, key: SortKey, accumulated: bool) -> Ordering {
    let io = |r: &ProcRow| r.io_values(accumulated);
    let primary = match key {
        SortKey::Cpu => b.cpu_pct.total_cmp(&a.cpu_pct),
        SortKey::Mem => b.info.rss().cmp(&a.info.rss()),
        SortKey::Time => b.info.cpu_total().total_cmp(&a.info.cpu_total()),
        SortKey::Pid => Ordering::Equal,
        SortKey::Read => io(b).0.total_cmp(&io(a).0),
        SortKey::Write => io(b).1.total_cmp(&io(a).1),
        SortKey::Io => {
            let (ar, aw) = io(a);
            let (br, bw) = io(b);
            (br + bw).total_cmp(&(ar + aw))
        }
    };
    primary.then(a.pid().cmp(&b.pid()))
}

/// True if the row passes the filter (substring of name, command line or user,
/// case-insensitive).
pub fn matches(row: &ProcRow, filter: &str) -> bool {
    if filter.is_empty() {
        return true;
    }
    let f = filter.to_lowercase();
    [&row.info.name, &row.cmdline, &row.user]
        .iter()
        .any(|s| s.to_lowercase().contains(&f))
}

fn has_io(row: &ProcRow, accumulated: bool) -> bool {
    row.io.is_some_and(|i| {
        let (r, w) = i.values(accumulated);
        r > 0.0 || w > 0.0
    })
}

/// The rows to show, in order: `(index into rows, tree depth)`. Depth is 0 outside
/// tree view. In tree view a row whose parent is not shown is a root.
pub fn visible(rows: &[ProcRow], opts: &ViewOpts) -> Vec<(usize, usize)> {
    let mut idx: Vec<usize> = (0..rows.len())
        .filter(|&i| {
            rows.get(i).is_some_and(|r| {
                matches(r, &opts.filter) && (!opts.only_io || has_io(r, opts.accumulated))
            })
        })
        .collect();
    let cmp = |a: &usize, b: &usize| match (rows.get(*a), rows.get(*b)) {
        (Some(x), Some(y)) => {
            let o = compare(x, y, opts.sort, opts.accumulated);
            if opts.reverse {
                o.reverse()
            } else {
                o
            }
        }
        _ => Ordering::Equal,
    };
    idx.sort_by(cmp);
    if !opts.tree {
        return idx.into_iter().map(|i| (i, 0)).collect();
    }
    tree_order(rows, &idx)
}

/// Depth-first order of the rows at `sorted` (already in sibling order): each row
/// followed by its children. Rows whose parent is not among them are roots, in
/// `sorted` order. Cycles (impossible in /proc, but not trusted) are broken.
pub fn tree_order(rows: &[ProcRow], sorted: &[usize]) -> Vec<(usize, usize)> {
    let shown: HashMap<Pid, usize> = sorted
        .iter()
        .filter_map(|&i| rows.get(i).map(|r| (r.pid(), i)))
        .collect();
    let mut children: HashMap<Pid, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for &i in sorted {
        let Some(r) = rows.get(i) else { continue };
        if r.ppid() != r.pid() && shown.contains_key(&r.ppid()) {
            children.entry(r.ppid()).or_default().push(i);
        } else {
            roots.push(i);
        }
    }
    let mut out = Vec::with_capacity(sorted.len());
    let mut seen = HashSet::new();
    let walk = |start: usize, out: &mut Vec<(usize, usize)>, seen: &mut HashSet<usize>| {
        let mut stack = vec![(start, 0usize)];
        while let Some((i, depth)) = stack.pop() {
            if !seen.insert(i) {
                continue;
            }
            out.push((i, depth));
            let Some(r) = rows.get(i) else { continue };
            if let Some(kids) = children.get(&r.pid()) {
                for &k in kids.iter().rev() {
                    stack.push((k, depth + 1));
                }
            }
        }
    };
    for &r in &roots {
        walk(r, &mut out, &mut seen);
    }
    // Rows only reachable through a cycle: show them as roots.
    for &i in sorted {
        if !seen.contains(&i) {
            walk(i, &mut out, &mut seen);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::row::testing::{row, set_cpu_secs, set_rss};
    use super::super::row::IoRow;
    use super::*;

    fn pids(rows: &[ProcRow], v: &[(usize, usize)]) -> Vec<Pid> {
        v.iter().map(|(i, _)| rows[*i].pid()).collect()
    }

    /// A row with this resident size, %CPU and CPU seconds.
    fn busy(pid: Pid, ppid: Pid, name: &str, res: u64, cpu_pct: f64, secs: f64) -> ProcRow {
        let mut r = row(pid, ppid, name);
        set_rss(&mut r.info, res);
        set_cpu_secs(&mut r.info, secs);
        r.cpu_pct = cpu_pct;
        r
    }

    fn sample() -> Vec<ProcRow> {
        let a = busy(1, 0, "init", 10, 1.0, 100.0);
        let mut b = busy(2, 1, "bash", 30, 50.0, 5.0);
        b.user = "alice".into();
        let mut c = busy(3, 2, "vim", 20, 120.0, 7.0);
        c.user = "alice".into();
        let d = busy(4, 1, "sshd", 20, 50.0, 1.0);
        vec![d, c, a, b]
    }

    #[test]
    fn sort_keys() {
        let rows = sample();
        let mut o = ViewOpts::new(SortKey::Cpu);
        assert_eq!(pids(&rows, &visible(&rows, &o)), [3, 2, 4, 1]);
        o.sort = SortKey::Mem;
        // ties (pids 3 and 4 at 20) by pid
        assert_eq!(pids(&rows, &visible(&rows, &o)), [2, 3, 4, 1]);
        o.sort = SortKey::Time;
        assert_eq!(pids(&rows, &visible(&rows, &o)), [1, 3, 2, 4]);
        o.sort = SortKey::Pid;
        assert_eq!(pids(&rows, &visible(&rows, &o)), [1, 2, 3, 4]);
        o.reverse = true;
        assert_eq!(pids(&rows, &visible(&rows, &o)), [4, 3, 2, 1]);
    }

    #[test]
    fn filter_by_name_command_or_user() {
        let rows = sample();
        let mut o = ViewOpts::new(SortKey::Pid);
        o.filter = "ALICE".into();
        assert_eq!(pids(&rows, &visible(&rows, &o)), [2, 3]);
        o.filter = "ssh".into();
        assert_eq!(pids(&rows, &visible(&rows, &o)), [4]);
        o.filter = "--flag".into();
        assert_eq!(visible(&rows, &o).len(), 4);
        o.filter = "nothing-matches".into();
        assert!(visible(&rows, &o).is_empty());
    }

    #[test]
    fn tree_view() {
        let rows = sample();
        let mut o = ViewOpts::new(SortKey::Cpu);
        o.tree = true;
        let v = visible(&rows, &o);
        // init, then its children by %CPU (bash 50 ties sshd 50 -> pid order), vim under bash
        assert_eq!(pids(&rows, &v), [1, 2, 3, 4]);
        let depths: Vec<usize> = v.iter().map(|(_, d)| *d).collect();
        assert_eq!(depths, [0, 1, 2, 1]);
        // Filtered parent: the child becomes a root.
        o.filter = "vim".into();
        assert_eq!(visible(&rows, &o), vec![(1, 0)]);
    }

    #[test]
    fn tree_survives_cycles_and_self_parents() {
        let rows = vec![row(5, 6, "a"), row(6, 5, "b"), row(7, 7, "c")];
        let v = tree_order(&rows, &[0, 1, 2]);
        let mut got = pids(&rows, &v);
        got.sort();
        assert_eq!(got, [5, 6, 7]);
    }

    #[test]
    fn only_io_and_accumulated() {
        let mut rows = sample();
        rows[0].io = Some(IoRow {
            read_rate: 0.0,
            write_rate: 100.0,
            read_acc: 0,
            write_acc: 1000,
        });
        rows[1].io = Some(IoRow {
            read_rate: 0.0,
            write_rate: 0.0,
            read_acc: 5000,
            write_acc: 0,
        });
        let mut o = ViewOpts::new(SortKey::Io);
        o.only_io = true;
        assert_eq!(pids(&rows, &visible(&rows, &o)), [4]);
        o.accumulated = true;
        assert_eq!(pids(&rows, &visible(&rows, &o)), [3, 4]);
        o.sort = SortKey::Write;
        assert_eq!(pids(&rows, &visible(&rows, &o)), [4, 3]);
        o.only_io = false;
        o.sort = SortKey::Read;
        // no io counters sort as zero, then by pid
        assert_eq!(pids(&rows, &visible(&rows, &o)), [3, 1, 2, 4]);
    }
}
