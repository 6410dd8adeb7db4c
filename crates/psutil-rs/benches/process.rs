//! Micro-benchmarks of the per-process readers, so regressions show.
//! Run: `cargo bench -p psutil-rs --bench process`.
//!
//! Every reader runs on a handle to the benchmark's own process (always readable, and
//! with a few threads, open files and a real command line). The comparison against other
//! libraries is the `bench` crate's job (see BENCHMARKS.md).
//!
//! Linux only for now (the readers benchmarked are Linux's); elsewhere the binary does
//! nothing.

#[cfg(target_os = "linux")]
mod linux {
    use std::hint::black_box;

    use criterion::{criterion_group, Criterion};
    use psutil_rs::os::linux::ProcessExt as _;
    use psutil_rs::os::unix::ProcessExt as _;
    use psutil_rs::Process;

    fn table(c: &mut Criterion) {
        c.bench_function("pids", |b| b.iter(|| black_box(psutil_rs::pids())));
        let me = std::process::id();
        c.bench_function("pid_exists", |b| {
            b.iter(|| black_box(psutil_rs::pid_exists(me)))
        });
        c.bench_function("Process::new", |b| b.iter(|| black_box(Process::new(me))));
        c.bench_function("process_iter (cached)", |b| {
            b.iter(|| black_box(psutil_rs::process_iter()))
        });
    }

    /// The process table of the whole machine: snapshot (a)'s attributes (stat, status and
    /// cmdline per process), `pid, name` (stat only), every attribute, and the same (a) set
    /// through `process_iter` + `as_dict` for comparison.
    fn process_table(c: &mut Criterion) {
        use psutil_rs::{Attr, AttrSet, ProcessTable, Value};
        let set_a = AttrSet::from([
            Attr::Pid,
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
        let mut warm = ProcessTable::new(set_a);
        c.bench_function("ProcessTable::snapshot (a), reused table", |b| {
            b.iter(|| black_box(warm.snapshot()))
        });
        c.bench_function("process_table (a), cold", |b| {
            b.iter(|| black_box(psutil_rs::process_table(set_a)))
        });
        c.bench_function("process_table pid,name", |b| {
            b.iter(|| {
                black_box(psutil_rs::process_table(AttrSet::from([
                    Attr::Pid,
                    Attr::Name,
                ])))
            })
        });
        c.bench_function("process_iter + as_dict (a)", |b| {
            b.iter(|| {
                let procs = psutil_rs::process_iter().unwrap_or_default();
                black_box(
                    procs
                        .iter()
                        .filter_map(|p| p.as_dict(set_a, &Value::None).ok())
                        .count(),
                )
            })
        });
    }

    fn readers(c: &mut Criterion) {
        let p = Process::current().unwrap();
        macro_rules! bench {
            ($($name:ident $(($($arg:expr),*))?),* $(,)?) => {$(
                c.bench_function(concat!("Process::", stringify!($name)), |b| {
                    b.iter(|| black_box(p.$name($($($arg),*)?)))
                });
            )*};
        }
        bench!(
            ppid,
            name,
            status,
            create_time,
            cpu_times,
            cpu_num,
            terminal,
            num_threads,
            nice,
            uids,
            gids,
            num_ctx_switches,
            username,
            memory_info,
            cmdline,
            environ,
            exe,
            cwd,
            io_counters,
            num_fds,
            threads,
            cpu_percent(None),
            is_running,
            parent,
            parents,
            children(false),
            memory_full_info,
            memory_maps,
            memory_maps_ungrouped,
            memory_percent("rss"),
            open_files,
            cpu_affinity,
            ionice,
            stat_ext,
            locked_memory,
            fds,
            root_dir,
            delay_stats,
            rlimit(psutil_rs::RlimitResource::Nofile),
        );
        c.bench_function("Process::as_dict (all)", |b| {
            b.iter(|| black_box(p.as_dict(psutil_rs::AttrSet::empty(), &psutil_rs::Value::None)))
        });
        c.bench_function("Process::net_connections", |b| {
            b.iter(|| black_box(p.net_connections(psutil_rs::ConnectionKind::Inet)))
        });
    }

    criterion_group!(benches, table, process_table, readers);
}

#[cfg(target_os = "linux")]
criterion::criterion_main!(linux::benches);

/// Nothing to run off Linux.
#[cfg(not(target_os = "linux"))]
fn main() {}
