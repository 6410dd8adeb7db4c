//! Which processes ps shows, in which order, and the table it prints.

use std::collections::{HashMap, HashSet};

use super::argv::{self, Column, PsOpts};
use super::fields::{self, cell, compare, is_command, spec, Ctx};
use crate::args::PsArgs;
use crate::out::{self, CmdError};
use crate::procinfo::{Extra, ProcInfo};
use crate::table::Align;
use crate::time::now;

/// Whether `p` is among the processes asked for. Without selection options procps
/// shows the processes of this user on this terminal; BSD `a` drops the user
/// condition, `x` the terminal one; selection options (pids, parents, users, names)
/// add their processes.
fn selected(o: &PsOpts, me: Option<&ProcInfo>, p: &ProcInfo) -> bool {
    if o.all {
        return true;
    }
    let mine = me.is_some_and(|m| m.uid == p.uid);
    let my_tty = me.is_some_and(|m| m.tty == p.tty);
    let by_default = if o.bsd {
        (o.bsd_a || mine) && (o.bsd_x || p.tty.is_some()) && (o.bsd_a || o.bsd_x || !o.selects())
    } else {
        !o.selects() && mine && my_tty
    };
    by_default
        || o.pids.contains(&p.pid)
        || p.ppid.is_some_and(|pp| o.ppids.contains(&pp))
        || o.users.iter().any(|u| {
            p.username.as_deref() == Some(u.as_str())
                || p.uid.map(|v| v.to_string()).as_deref() == Some(u.as_str())
        })
        || (!o.comms.is_empty() && o.comms.contains(&fields::comm(p)))
}

/// `procs` in tree order as procps draws it, each with the drawing before its
/// command: each process followed by its children, depth first, children in the
/// current order; the roots (whose parent is not listed) in the reverse of it; the
/// children of pid 1 drawn as roots. A child's drawing is ` \_ ` after one column of
/// four per ancestor level, ` |  ` where that ancestor has siblings still to come.
fn forest(procs: Vec<ProcInfo>) -> Vec<(ProcInfo, String)> {
    let pids: HashSet<u32> = procs.iter().map(|p| p.pid).collect();
    let mut children: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut roots = Vec::new();
    for (i, p) in procs.iter().enumerate() {
        match p.ppid {
            Some(pp) if pp != p.pid && pids.contains(&pp) => {
                children.entry(pp).or_default().push(i)
            }
            _ => roots.push(i),
        }
    }
    /// A process to draw: its index, whether it is drawn as a child, whether a
    /// sibling follows it, and its ancestors' columns.
    struct Item {
        i: usize,
        child: bool,
        more: bool,
        above: String,
    }
    let mut order = Vec::with_capacity(procs.len());
    // A stack: the first root to draw is the last one, the first child the first one.
    let mut stack: Vec<Item> = roots
        .into_iter()
        .map(|i| Item {
            i,
            child: false,
            more: false,
            above: String::new(),
        })
        .collect();
    while let Some(it) = stack.pop() {
        let pid = procs.get(it.i).map_or(0, |p| p.pid);
        let drawing = if it.child {
            format!("{} \\_ ", it.above)
        } else {
            String::new()
        };
        if let Some(kids) = children.get(&pid) {
            let above = if it.child {
                format!("{}{}", it.above, if it.more { " |  " } else { "    " })
            } else {
                String::new()
            };
            let n = kids.len();
            stack.extend(kids.iter().enumerate().rev().map(|(k, &i)| Item {
                i,
                child: pid != 1,
                more: k + 1 < n,
                above: above.clone(),
            }));
        }
        order.push((it.i, drawing));
    }
    let mut slots: Vec<Option<ProcInfo>> = procs.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(i, d)| slots.get_mut(i).and_then(Option::take).map(|p| (p, d)))
        .collect()
}

/// Lists processes as procps ps does for these words.
pub fn run(a: &PsArgs, json: bool) -> Result<(), CmdError> {
    let o = argv::parse(&a.words)?;
    let json = json || o.json;
    let columns: Vec<Column> = if o.columns.is_empty() && o.threads {
        fields::thread_columns(o.format)
    } else if o.columns.is_empty() {
        fields::format_columns(o.format)
    } else {
        o.columns.clone()
    };
    for col in &columns {
        if spec(&col.key).is_none() {
            return Err(format!("unknown output field {:?}", col.key).into());
        }
    }
    for key in &o.sort {
        let k = key.trim_start_matches(['-', '+']);
        if spec(k).is_none() {
            return Err(format!("unknown sort key {key:?}").into());
        }
    }
    let c = Ctx {
        now: now(),
        total_mem: psutil_rs::virtual_memory()?.total,
    };
    // stat_ext for STAT's s and +, NI's scheduling class and the group ids; status
    // for STAT's L.
    let used = |f: &[&str]| {
        columns.iter().any(|x| f.contains(&x.key.as_str()))
            || o.sort
                .iter()
                .any(|k| f.contains(&k.trim_start_matches(['-', '+'])))
    };
    let extra = Extra {
        stat_ext: used(&[
            "stat", "ni", "nice", "pgid", "pgrp", "sid", "sess", "session", "tpgid", "opri", "f",
            "flag", "flags",
        ]),
        psr: used(&["psr"]),
        wchan: used(&["wchan"]),
        locked: used(&["stat"]),
        // the command line only where it is shown (comm is the kernel's name)
        cmdline: json || used(&["args", "command", "cmd"]),
        ..Extra::NONE
    };
    let only_pids = !o.all
        && !o.bsd
        && o.selects()
        && o.ppids.is_empty()
        && o.users.is_empty()
        && o.comms.is_empty();
    // --forest without --sort: procps orders by start time (the roots newest first).
    let sort: Vec<String> = if o.forest && o.sort.is_empty() {
        vec!["start_time".into()]
    } else {
        o.sort.clone()
    };
    let mut procs: Vec<ProcInfo> = if only_pids {
        o.pids
            .iter()
            .filter_map(|&p| ProcInfo::read_with(p, extra))
            .collect()
    } else {
        let me = if o.all {
            None
        } else {
            ProcInfo::read_with(std::process::id(), Extra::NONE)
        };
        let mut all = ProcInfo::all(extra);
        all.retain(|p| selected(&o, me.as_ref(), p));
        all
    };
    for key in sort.iter().rev() {
        let desc = key.starts_with('-');
        let k = key.trim_start_matches(['-', '+']);
        procs.sort_by(|x, y| {
            let ord = compare(k, x, y, &c);
            if desc {
                ord.reverse()
            } else {
                ord
            }
        });
    }
    if o.threads && !json {
        // -L: each process's threads in its place, in tid order
        let mut rows = Vec::with_capacity(procs.len());
        for p in procs {
            match ProcInfo::threads(&p, extra) {
                Some(ts) if !ts.is_empty() => rows.extend(ts),
                Some(_) => {}
                None => return Err("-L: threads are listed on Linux only".into()),
            }
        }
        procs = rows;
    }
    let empty = procs.is_empty();
    if json {
        let v: Vec<_> = procs.iter().map(fields::json_record).collect();
        out::json(&v)?;
    } else {
        let rows: Vec<(ProcInfo, String)> = if o.forest {
            forest(procs)
        } else {
            procs.into_iter().map(|p| (p, String::new())).collect()
        };
        out::print(&render(&columns, &rows, o.headers, &c))?;
    }
    // procps exits 1, silently, when nothing was selected.
    if empty {
        return Err(out::Silent.into());
    }
    Ok(())
}

/// One line as procps lays it out: each column at its width, one space between; a
/// cell longer than its column pushes the line right, and the following right-aligned
/// cells give the excess back where they can (procps's "correct"); the last column is
/// not padded.
fn line(cells: &[String], aligns: &[Align], widths: &[usize]) -> String {
    let mut out = String::new();
    let (mut pos, mut want) = (0usize, 0usize);
    let n = cells.len();
    for (i, ((cell, align), w)) in cells.iter().zip(aligns).zip(widths).enumerate() {
        if i > 0 {
            out.push(' ');
            pos += 1;
            want += 1;
        }
        let len = cell.chars().count();
        let pad = match align {
            Align::Right => (want + w).saturating_sub(pos + len),
            _ => want.saturating_sub(pos),
        };
        out.extend(std::iter::repeat_n(' ', pad));
        out.push_str(cell);
        pos += pad + len;
        want += w;
        if *align == Align::Left && i + 1 < n {
            let fill = want.saturating_sub(pos);
            out.extend(std::iter::repeat_n(' ', fill));
            pos += fill;
        }
    }
    // (no trimming: a command's own trailing blanks are kept, as procps keeps them)
    out.push('\n');
    out
}

/// The table: procps's headers and widths; no header line when every header is empty
/// (`-o pid=`) or with `--no-headers`.
fn render(columns: &[Column], rows: &[(ProcInfo, String)], headers: bool, c: &Ctx) -> String {
    let n = columns.len();
    let specs: Vec<fields::Spec> = columns.iter().filter_map(|col| spec(&col.key)).collect();
    let heads: Vec<String> = columns
        .iter()
        .zip(&specs)
        .map(|(col, sp)| col.header.clone().unwrap_or_else(|| sp.header.to_string()))
        .collect();
    let aligns: Vec<Align> = specs
        .iter()
        .enumerate()
        .map(|(i, sp)| match sp.align {
            Align::Left if i + 1 == n => Align::Last,
            a => a,
        })
        .collect();
    let widths: Vec<usize> = columns
        .iter()
        .zip(&specs)
        .zip(&heads)
        .enumerate()
        .map(|(i, ((col, sp), h))| {
            let w = col.width.unwrap_or(sp.width);
            // the last column is as wide as its text
            if i + 1 == n && is_command(&col.key) && col.width.is_none() {
                0
            } else if col.key == "addr_1" && col.header.is_none() {
                // -l's one-column ADDR: procps lets its header run into the next
                // column, which gives the excess back
                w
            } else {
                w.max(h.chars().count())
            }
        })
        .collect();
    let mut text = String::new();
    if headers && heads.iter().any(|h| !h.is_empty()) {
        text.push_str(&line(&heads, &aligns, &widths));
    }
    for (p, drawing) in rows {
        let cells: Vec<String> = columns
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (col, w))| {
                let v = cell(&col.key, *w, p, c);
                if !fields::is_cut(&col.key) {
                    return v;
                }
                let v = if is_command(&col.key) {
                    format!("{drawing}{v}")
                } else {
                    v
                };
                // a command that is not the last column is cut at its width
                if i + 1 < n {
                    v.chars().take(*w).collect()
                } else {
                    v
                }
            })
            .collect();
        text.push_str(&line(&cells, &aligns, &widths));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_push_and_right_cells_give_back() {
        let a = [Align::Left, Align::Right, Align::Right, Align::Last];
        let w = [4, 5, 5, 0];
        let cells = |v: [&str; 4]| v.map(String::from);
        assert_eq!(
            line(&cells(["ab", "1", "2", "x"]), &a, &w),
            "ab       1     2 x\n"
        );
        // a 7-digit cell pushes by 2, the next right-aligned one takes it back
        assert_eq!(
            line(&cells(["ab", "1234567", "2", "x"]), &a, &w),
            "ab   1234567   2 x\n"
        );
        assert_eq!(
            line(&cells(["abcdef", "1", "2", "x"]), &a, &w),
            "abcdef   1     2 x\n"
        );
    }
}
