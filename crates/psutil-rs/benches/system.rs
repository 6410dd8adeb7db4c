//! Micro-benchmarks of every system-wide function, so regressions show.
//! Run: `cargo bench -p psutil-rs --bench system`.
//!
//! Linux only for now (the readers benchmarked are Linux's); elsewhere the binary does
//! nothing.

#[cfg(target_os = "linux")]
mod linux {
    use std::hint::black_box;

    use criterion::{criterion_group, Criterion};

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
        c.bench_function("boot_time_system", |b| {
            b.iter(|| black_box(psutil_rs::boot_time_system()))
        });
    }

    fn cpu(c: &mut Criterion) {
        c.bench_function("cpu_times", |b| {
            b.iter(|| black_box(psutil_rs::cpu_times()))
        });
        c.bench_function("cpu_times_percpu", |b| {
            b.iter(|| black_box(psutil_rs::cpu_times_percpu()))
        });
        c.bench_function("cpu_percent", |b| {
            b.iter(|| black_box(psutil_rs::cpu_percent(None)))
        });
        c.bench_function("cpu_percent_percpu", |b| {
            b.iter(|| black_box(psutil_rs::cpu_percent_percpu(None)))
        });
        c.bench_function("cpu_times_percent", |b| {
            b.iter(|| black_box(psutil_rs::cpu_times_percent(None)))
        });
        c.bench_function("cpu_times_percent_percpu", |b| {
            b.iter(|| black_box(psutil_rs::cpu_times_percent_percpu(None)))
        });
        c.bench_function("cpu_count", |b| {
            b.iter(|| black_box(psutil_rs::cpu_count()))
        });
        c.bench_function("cpu_count_physical", |b| {
            b.iter(|| black_box(psutil_rs::cpu_count_physical()))
        });
        c.bench_function("cpu_stats", |b| {
            b.iter(|| black_box(psutil_rs::cpu_stats()))
        });
        c.bench_function("cpu_freq", |b| b.iter(|| black_box(psutil_rs::cpu_freq())));
        c.bench_function("cpu_freq_percpu", |b| {
            b.iter(|| black_box(psutil_rs::cpu_freq_percpu()))
        });
        c.bench_function("getloadavg", |b| {
            b.iter(|| black_box(psutil_rs::getloadavg()))
        });
    }

    fn disk(c: &mut Criterion) {
        c.bench_function("disk_usage_timeout", |b| {
            b.iter(|| {
                black_box(psutil_rs::disk_usage_timeout(
                    "/",
                    std::time::Duration::from_secs(5),
                ))
            })
        });
        c.bench_function("disk_partitions", |b| {
            b.iter(|| black_box(psutil_rs::disk_partitions(false)))
        });
        c.bench_function("disk_partitions_all", |b| {
            b.iter(|| black_box(psutil_rs::disk_partitions(true)))
        });
        c.bench_function("disk_usage", |b| {
            b.iter(|| black_box(psutil_rs::disk_usage("/")))
        });
        c.bench_function("disk_io_counters", |b| {
            b.iter(|| black_box(psutil_rs::disk_io_counters()))
        });
        c.bench_function("disk_io_counters_perdisk", |b| {
            b.iter(|| black_box(psutil_rs::disk_io_counters_perdisk()))
        });
    }

    fn net(c: &mut Criterion) {
        c.bench_function("net_io_counters", |b| {
            b.iter(|| black_box(psutil_rs::net_io_counters()))
        });
        c.bench_function("net_io_counters_pernic", |b| {
            b.iter(|| black_box(psutil_rs::net_io_counters_pernic()))
        });
        c.bench_function("net_if_addrs", |b| {
            b.iter(|| black_box(psutil_rs::net_if_addrs()))
        });
        c.bench_function("net_if_stats", |b| {
            b.iter(|| black_box(psutil_rs::net_if_stats()))
        });
    }

    fn connections(c: &mut Criterion) {
        for kind in ["inet", "tcp", "udp", "unix", "all"] {
            let k: psutil_rs::ConnectionKind = kind.parse().unwrap();
            c.bench_function(&format!("net_connections_{kind}"), |b| {
                b.iter(|| black_box(psutil_rs::net_connections(k)))
            });
        }
    }

    fn sensors_users(c: &mut Criterion) {
        c.bench_function("sensors_temperatures_fahrenheit", |b| {
            b.iter(|| black_box(psutil_rs::sensors_temperatures_fahrenheit()))
        });
        c.bench_function("users_from_file", |b| {
            b.iter(|| black_box(psutil_rs::users_from_file("/var/run/utmp")))
        });
        c.bench_function("sensors_temperatures", |b| {
            b.iter(|| black_box(psutil_rs::sensors_temperatures()))
        });
        c.bench_function("sensors_fans", |b| {
            b.iter(|| black_box(psutil_rs::sensors_fans()))
        });
        c.bench_function("sensors_battery", |b| {
            b.iter(|| black_box(psutil_rs::sensors_battery()))
        });
        c.bench_function("users", |b| b.iter(|| black_box(psutil_rs::users())));
        // The fixture trees have real sensors; the host has none.
        let root = psutil_rs::Root::under(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/linux/laptop-hwmon"
        ));
        c.bench_function("sensors_temperatures_fixture", |b| {
            b.iter(|| black_box(root.sensors_temperatures()))
        });
        c.bench_function("sensors_battery_fixture", |b| {
            b.iter(|| black_box(root.sensors_battery()))
        });
    }

    criterion_group!(
        benches,
        memory,
        boot,
        cpu,
        disk,
        net,
        connections,
        sensors_users
    );
}

#[cfg(target_os = "linux")]
criterion::criterion_main!(linux::benches);

/// Nothing to run off Linux.
#[cfg(not(target_os = "linux"))]
fn main() {}
