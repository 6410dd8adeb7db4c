//! The Windows process table against sysinfo, built for the same target and run side by
//! side in one process (issue 14 item 5). Under Wine absolute times mean little (every
//! call crosses into the wineserver), so what is reported is the ratio, both libraries
//! reading the same processes at the same moment.
//!
//! Run: `cargo bench -p psutil-rs --bench windows_table --target x86_64-pc-windows-gnu`
//! (the runner in .cargo/config.toml starts it under Wine). Elsewhere it prints a note.
//!
//! Both read, for every process: pid, ppid, name, command line, status, owner, start
//! time, CPU times, resident and virtual memory and the thread count (the set the `bench`
//! crate compares on Linux). psutil-rs: one `ProcessTable` snapshot (one
//! `NtQuerySystemInformation(SystemProcessInformation)` plus the per-process reads the
//! snapshot does not carry); sysinfo: a fresh `System` refreshed with the matching
//! `ProcessRefreshKind`. The wineserver has few processes of its own, so the benchmark
//! first starts `CHILDREN` copies of itself that sleep, and stops them at the end.

#[cfg(windows)]
mod windows {
    use std::hint::black_box;
    use std::process::{Child, Command};
    use std::time::{Duration, Instant};

    use psutil_rs::{Attr, AttrSet, ProcessTable};

    /// Extra processes, so that the table is not only Wine's own services.
    const CHILDREN: usize = 24;
    /// Timed rounds per library (alternating, so drift hits both alike).
    const ROUNDS: usize = 15;
    const CHILD_ARG: &str = "--windows-table-child";

    fn psutil_rs_table() -> usize {
        let attrs = AttrSet::from([
            Attr::Ppid,
            Attr::Name,
            Attr::Cmdline,
            Attr::Status,
            Attr::Username,
            Attr::CreateTime,
            Attr::CpuTimes,
            Attr::MemoryInfo,
            Attr::NumThreads,
        ]);
        let rows = ProcessTable::new(attrs).snapshot().unwrap_or_default();
        black_box(&rows);
        rows.len()
    }

    fn sysinfo_table() -> usize {
        use sysinfo::{ProcessRefreshKind, ProcessesToUpdate, System, UpdateKind};
        let Ok(mut sys) = System::new() else {
            return 0;
        };
        sys.refresh_processes_specifics(
            ProcessesToUpdate::All,
            true,
            ProcessRefreshKind::nothing()
                .with_cpu()
                .with_memory()
                .with_user(UpdateKind::Always)
                .with_cmd(UpdateKind::Always)
                .with_tasks(),
        );
        let rows: Vec<_> = sys
            .processes()
            .iter()
            .map(|(pid, p)| {
                (
                    pid.as_u32(),
                    p.parent().map(|p| p.as_u32()),
                    p.name().to_owned(),
                    p.cmd().to_vec(),
                    p.status(),
                    p.user_id().cloned(),
                    p.start_time(),
                    p.accumulated_cpu_time(),
                    (p.memory(), p.virtual_memory()),
                    p.tasks().map(|t| t.len()),
                )
            })
            .collect();
        black_box(&rows);
        rows.len()
    }

    fn median(mut v: Vec<Duration>) -> Duration {
        v.sort_unstable();
        v.get(v.len() / 2).copied().unwrap_or_default()
    }

    pub fn main() {
        if std::env::args().any(|a| a == CHILD_ARG) {
            std::thread::sleep(Duration::from_secs(600));
            return;
        }
        let exe = std::env::current_exe().expect("own exe");
        let mut children: Vec<Child> = (0..CHILDREN)
            .filter_map(|_| Command::new(&exe).arg(CHILD_ARG).spawn().ok())
            .collect();
        std::thread::sleep(Duration::from_secs(2));
        // One untimed round each: DLL loading and first-use initialisation.
        let (n_ours, n_theirs) = (psutil_rs_table(), sysinfo_table());
        let (mut ours, mut theirs) = (Vec::new(), Vec::new());
        for _ in 0..ROUNDS {
            let t = Instant::now();
            psutil_rs_table();
            ours.push(t.elapsed());
            let t = Instant::now();
            sysinfo_table();
            theirs.push(t.elapsed());
        }
        for c in &mut children {
            let _ = c.kill();
            let _ = c.wait();
        }
        let (o, t) = (median(ours), median(theirs));
        println!("windows_table (under Wine, {ROUNDS} rounds, medians)");
        println!(
            "  psutil-rs ProcessTable: {n_ours} processes, {:.2} ms",
            o.as_secs_f64() * 1e3
        );
        println!(
            "  sysinfo refresh:        {n_theirs} processes, {:.2} ms",
            t.as_secs_f64() * 1e3
        );
        println!(
            "  ratio sysinfo / psutil-rs: {:.2}x",
            t.as_secs_f64() / o.as_secs_f64().max(1e-9)
        );
    }
}

fn main() {
    #[cfg(windows)]
    windows::main();
    #[cfg(not(windows))]
    eprintln!(
        "windows_table: the Windows process table benchmark; run it with \
         --target x86_64-pc-windows-gnu (under Wine)"
    );
}
