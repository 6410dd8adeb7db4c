//! Runs the harness end to end in `--quick` mode and checks that every contender
//! produced a result and that they agree on the process count. Nothing is timed here:
//! the figures are only checked to exist.

use std::collections::HashMap;
use std::process::Command;

struct Row {
    status: String,
    samples: usize,
    items: Option<usize>,
}

#[test]
fn quick_run_gives_every_contender_a_result() {
    let dir = std::env::temp_dir().join(format!("bench-quick-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let tsv = dir.join("results.tsv");
    let out = Command::new(env!("CARGO_BIN_EXE_bench"))
        .args(["--quick", "--results"])
        .arg(&tsv)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "bench --quick failed: {stderr}");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("### Targets"), "no report: {report}");
    let text = std::fs::read_to_string(&tsv).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();

    let mut rows: HashMap<(String, String), Row> = HashMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 7, "bad line {line:?}");
        rows.insert(
            (f[0].to_string(), f[1].to_string()),
            Row {
                status: f[2].to_string(),
                samples: f[3].parse().unwrap(),
                items: f[5].parse().ok(),
            },
        );
    }
    let get = |c: &str, s: &str| {
        rows.get(&(c.to_string(), s.to_string()))
            .unwrap_or_else(|| panic!("no row for {c}/{s}:\n{text}"))
    };
    // No contender may fail on any snapshot; "na" (no such API) is allowed where the
    // contender lacks the API, and "unavailable" only for the Python packages (psutil_rs
    // is not installed before scripts/test.sh builds the wheel).
    for ((c, s), r) in &rows {
        if c == "psutil_rs" && r.status == "error" {
            // scripts/test.sh runs this before it builds and installs the wheel, so an
            // installed psutil_rs may be a stale build; its own pytest suite judges it.
            eprintln!("psutil_rs/{s} failed (installed package may be stale):\n{report}");
            continue;
        }
        assert_ne!(r.status, "error", "{c}/{s} failed:\n{report}");
        if r.status == "unavailable" {
            assert!(
                c == "psutil_rs" || c == "psutil",
                "{c}/{s} unavailable:\n{report}"
            );
        }
        if r.status == "ok" {
            assert_eq!(r.samples, 3, "{c}/{s}: quick mode runs 3 rounds");
            assert!(r.items.is_some(), "{c}/{s}: no item count");
        }
    }
    // Every contender that can build the process table did.
    let mut counts = Vec::new();
    for c in [
        "psutil-rs",
        "psutil",
        "sysinfo",
        "sysinfo-mt",
        "procfs",
        "floor",
        "ps",
    ] {
        let r = get(c, "a");
        if c == "psutil" && r.status == "unavailable" {
            eprintln!("psutil not installed: skipped");
            continue;
        }
        assert_eq!(r.status, "ok", "{c} gave no process table:\n{report}");
        counts.push((c, r.items.unwrap()));
    }
    // The system snapshot from every Rust contender and the floor.
    for c in ["psutil-rs", "sysinfo", "sysinfo-mt", "procfs", "floor"] {
        assert_eq!(get(c, "b").status, "ok", "{c}/b:\n{report}");
    }
    for c in ["psutil-rs", "procfs", "floor", "ss"] {
        assert_eq!(get(c, "c").status, "ok", "{c}/c:\n{report}");
    }
    for c in ["psutil-rs", "procfs", "floor"] {
        assert_eq!(get(c, "d").status, "ok", "{c}/d:\n{report}");
    }
    // They agree on the process count: the machine is shared (other builds come and
    // go), so within max(20, 10%) of the floor's, and each sees at least the workload.
    let floor = counts.iter().find(|(c, _)| *c == "floor").unwrap().1;
    let tol = (floor / 10).max(20);
    for (c, n) in &counts {
        assert!(
            *n >= 30,
            "{c} saw {n} processes, fewer than the workload of 30"
        );
        assert!(
            n.abs_diff(floor) <= tol,
            "{c} saw {n} processes, the floor {floor} (tolerance {tol}):\n{report}"
        );
    }
}

/// py/percall.py in its smoke mode: it runs, and its table has one row for every call
/// it lists (`--list`), timed or with the error it raised. Nothing about the timings
/// themselves is checked.
#[test]
fn percall_quick_lists_every_call() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/py/percall.py");
    let run = |args: &[&str]| {
        Command::new("python3")
            .arg(script)
            .args(args)
            .output()
            .unwrap()
    };
    let list = run(&["--list"]);
    let stderr = String::from_utf8_lossy(&list.stderr);
    if stderr.contains("No module named 'psutil'") {
        eprintln!("psutil not installed: skipped");
        return;
    }
    assert!(list.status.success(), "percall.py --list failed: {stderr}");
    let names: Vec<String> = String::from_utf8_lossy(&list.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert!(names.len() > 60, "too few calls listed: {names:?}");

    let out = run(&["--quick"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named 'psutil_rs'") {
        // scripts/test.sh runs this before it builds and installs the wheel
        eprintln!("psutil_rs not installed: skipped");
        return;
    }
    assert!(out.status.success(), "percall.py --quick failed: {stderr}");
    let table = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<(&str, &str)> = table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| call |"))
        .filter_map(|l| {
            let cells: Vec<&str> = l.split(" | ").collect();
            Some((cells.first()?.trim_start_matches("| "), *cells.last()?))
        })
        .collect();
    let row_names: Vec<&str> = rows.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        row_names, names,
        "rows differ from the calls listed:\n{table}"
    );
    for (name, last) in &rows {
        if last.contains("error:") {
            // an installed psutil_rs may be a stale build; its pytest suite judges it
            eprintln!("{name}: {last}");
        } else {
            assert!(last.contains('x'), "{name}: no ratio in {last:?}\n{table}");
        }
    }
    // the summary line (it counts the timed calls)
    assert!(
        table.contains(" calls; median ratio") || rows.iter().all(|(_, l)| l.contains("error:")),
        "no summary line:\n{table}"
    );
}
