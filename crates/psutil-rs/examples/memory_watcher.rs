//! Prints a line each time available memory drops: by `--step` MiB since the last line
//! (default 64), or below `--below` MiB (default: never), as a watchdog would.
//!
//! ```sh
//! cargo run --example memory_watcher                         # every second until Ctrl-C
//! cargo run --example memory_watcher -- --step 16 --below 512
//! cargo run --example memory_watcher -- --iterations 3 --interval 0.1
//! ```

use std::time::Duration;

use psutil_rs::virtual_memory;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let opts = Options::parse()?;
    let mib = |bytes: u64| bytes >> 20;
    let vm = virtual_memory()?;
    println!(
        "available {} MiB of {} MiB",
        mib(vm.available),
        mib(vm.total)
    );
    let mut reported = vm.available;
    let mut low = false;
    let mut done = 0;
    while opts.iterations.is_none_or(|n| done < n) {
        std::thread::sleep(opts.interval);
        let now = virtual_memory()?.available;
        if reported.saturating_sub(now) >= opts.step {
            println!(
                "available dropped to {} MiB (-{} MiB)",
                mib(now),
                mib(reported - now)
            );
            reported = now;
        } else if now > reported {
            // Memory came back: the next drop is measured from here.
            reported = now;
        }
        let below = opts.below.is_some_and(|b| now < b);
        if below && !low {
            println!(
                "available {} MiB is below {} MiB",
                mib(now),
                mib(opts.below.unwrap_or(0))
            );
        }
        low = below;
        done += 1;
    }
    Ok(())
}

/// The command line, in bytes and durations.
struct Options {
    step: u64,
    below: Option<u64>,
    interval: Duration,
    iterations: Option<u64>,
}

impl Options {
    fn parse() -> Result<Options, String> {
        let mut o = Options {
            step: 64 << 20,
            below: None,
            interval: Duration::from_secs(1),
            iterations: None,
        };
        let mut args = std::env::args().skip(1);
        while let Some(a) = args.next() {
            let v = args.next().ok_or(format!("{a} needs a value"))?;
            let bad = || format!("bad {a} {v:?}");
            match a.as_str() {
                "--step" => o.step = v.parse::<u64>().map_err(|_| bad())? << 20,
                "--below" => o.below = Some(v.parse::<u64>().map_err(|_| bad())? << 20),
                "--iterations" => o.iterations = Some(v.parse().map_err(|_| bad())?),
                "--interval" => {
                    let s: f64 = v.parse().map_err(|_| bad())?;
                    o.interval = Duration::try_from_secs_f64(s).map_err(|_| bad())?;
                }
                _ => {
                    return Err(format!(
                        "unknown argument {a:?} (--step MIB, --below MIB, --interval SECONDS, --iterations N)"
                    ))
                }
            }
        }
        Ok(o)
    }
}
