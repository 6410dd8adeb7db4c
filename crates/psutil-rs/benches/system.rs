//! Micro-benchmarks of every system-wide function, so regressions show.
//! Run: `cargo bench -p psutil-rs --bench system`.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};

fn memory(c: &mut Criterion) {
    c.bench_function("virtual_memory", |b| {
        b.iter(|| black_box(psutil_rs::virtual_memory()))
    });
    c.bench_function("swap_memory", |b| {
        b.iter(|| black_box(psutil_rs::swap_memory()))
    });
}

fn boot(c: &mut Criterion) {
    c.bench_function("boot_time", |b| {
        b.iter(|| black_box(psutil_rs::boot_time()))
    });
}

criterion_group!(benches, memory, boot);
criterion_main!(benches);
