//! Micro-benchmarks of the per-process readers, so regressions show.
//! Run: `cargo bench -p psutil-rs --bench process`.
//!
//! Every reader runs on a handle to the benchmark's own process (always readable, and
//! with a few threads, open files and a real command line). The comparison against other
//! libraries is the `bench` crate's job (see BENCHMARKS.md).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use psutil_rs::Process;

fn table(c: &mut Criterion) {
    c.bench_function("pids", |b| b.iter(|| black_box(psutil_rs::pids())));
    let me = std::process::id();
    c.bench_function("pid_exists", |b| {
        b.iter(|| black_box(psutil_rs::pid_exists(me)))
    });
    c.bench_function("Process::new", |b| b.iter(|| black_box(Process::new(me))));
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
        children(false),
        memory_full_info,
        memory_maps,
        memory_maps_ungrouped,
        memory_percent("rss"),
        open_files,
        cpu_affinity,
        ionice,
    );
}

criterion_group!(benches, table, readers);
criterion_main!(benches);
