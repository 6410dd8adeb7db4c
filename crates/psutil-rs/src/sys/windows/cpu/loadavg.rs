//! `getloadavg()` on Windows: psutil's emulation. Windows has no load average, so on
//! the first call a thread starts sampling the PDH counter `\System\Processor Queue
//! Length` every 5 seconds and folds each sample into three exponentially damped
//! averages ([`parse::windows::loadavg`](crate::parse::windows::loadavg)).

use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use super::pdh::Counter;
use crate::cpu::LoadAvg;
use crate::error::{Error, Result};
use crate::parse::windows::loadavg::{LoadAverages, SAMPLE_INTERVAL_SECS};

/// The counter psutil samples.
const QUEUE_LENGTH: &str = "\\System\\Processor Queue Length";

/// The averages the sampler thread updates, once it is running.
static SAMPLER: Mutex<Option<Arc<Mutex<LoadAverages>>>> = Mutex::new(None);

/// Starts the sampler thread: it opens the PDH counter itself (PDH handles stay on
/// their thread) and reports whether that worked before it starts sampling.
fn start() -> Result<Arc<Mutex<LoadAverages>>> {
    let averages = Arc::new(Mutex::new(LoadAverages::default()));
    let shared = Arc::clone(&averages);
    let (tx, rx) = mpsc::sync_channel::<std::result::Result<(), String>>(1);
    std::thread::Builder::new()
        .name("psutil-loadavg".into())
        .spawn(move || {
            let counter = match Counter::open(QUEUE_LENGTH) {
                Ok(c) => {
                    let _ = tx.send(Ok(()));
                    c
                }
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            };
            loop {
                std::thread::sleep(Duration::from_secs_f64(SAMPLE_INTERVAL_SECS));
                if let Some(v) = counter.sample() {
                    shared
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .update(v);
                }
            }
        })
        .map_err(|e| Error::Io {
            path: Some("getloadavg sampler thread".into()),
            source: e,
        })?;
    match rx.recv() {
        Ok(Ok(())) => Ok(averages),
        Ok(Err(msg)) => Err(Error::unsupported(msg)),
        Err(_) => Err(Error::unsupported("the getloadavg sampler thread ended")),
    }
}

/// `getloadavg()`: psutil's emulated load averages, rounded to two decimals. They are
/// (0.0, 0.0, 0.0) until the first sample, 5 s after the first call.
///
/// When the counter cannot be added (performance counters disabled, or Wine 8, which
/// lacks it) this is [`Error::Unsupported`], as psutil raises `RuntimeError` there; the
/// next call tries again.
pub(crate) fn getloadavg() -> Result<LoadAvg> {
    let mut slot = SAMPLER.lock().unwrap_or_else(PoisonError::into_inner);
    let averages = match slot.as_ref() {
        Some(a) => Arc::clone(a),
        None => {
            let a = start()?;
            *slot = Some(Arc::clone(&a));
            a
        }
    };
    drop(slot);
    let rounded = averages
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .rounded();
    Ok(LoadAvg::from(rounded))
}
