#![allow(unsafe_code)]
//! A PDH (Performance Data Helper) query with one counter: what psutil's
//! `getloadavg()` (`\System\Processor Queue Length`) and `swap_memory()`
//! (`\Paging File(_Total)\% Usage`) read. Wine 8 has neither counter:
//! `PdhAddEnglishCounterW` fails with `PDH_CSTATUS_NO_COUNTER` (wine-coverage.md).

use windows_sys::Win32::System::Performance::{
    PdhAddEnglishCounterW, PdhCloseQuery, PdhCollectQueryData, PdhGetFormattedCounterValue,
    PdhOpenQueryW, PDH_FMT_COUNTERVALUE, PDH_FMT_DOUBLE, PDH_HCOUNTER, PDH_HQUERY,
};

/// An open query holding one counter; closed on drop. Not `Send`: PDH handles stay on
/// the thread that made them.
pub(crate) struct Counter {
    query: PDH_HQUERY,
    counter: PDH_HCOUNTER,
}

impl Counter {
    /// Opens a query on the local machine and adds the counter `path` by its English
    /// name. The error is a message naming the failing call and its PDH status.
    pub(crate) fn open(path: &str) -> Result<Counter, String> {
        let mut query: PDH_HQUERY = std::ptr::null_mut();
        // SAFETY: NULL data source (real time), valid out-pointer.
        let status = unsafe { PdhOpenQueryW(std::ptr::null(), 0, &mut query) };
        if status != 0 {
            return Err(format!("PdhOpenQueryW failed with {status:#010x}"));
        }
        let wide: Vec<u16> = path.encode_utf16().chain(Some(0)).collect();
        let mut counter: PDH_HCOUNTER = std::ptr::null_mut();
        // SAFETY: `query` is open, `wide` is NUL-terminated, valid out-pointer.
        let status = unsafe { PdhAddEnglishCounterW(query, wide.as_ptr(), 0, &mut counter) };
        if status != 0 {
            // SAFETY: `query` is open and closed once.
            unsafe { PdhCloseQuery(query) };
            return Err(format!(
                "PdhAddEnglishCounterW({path}) failed with {status:#010x}: performance \
                 counters may be disabled"
            ));
        }
        Ok(Counter { query, counter })
    }

    /// Collects a sample (`PdhCollectQueryData`) and returns the counter's value as a
    /// double; `None` when either call fails or the value's status is not valid.
    pub(crate) fn sample(&self) -> Option<f64> {
        // SAFETY: `query` is open.
        if unsafe { PdhCollectQueryData(self.query) } != 0 {
            return None;
        }
        let mut value = PDH_FMT_COUNTERVALUE::default();
        // SAFETY: `counter` belongs to the open query; valid out-pointer; the type
        // pointer may be NULL.
        let status = unsafe {
            PdhGetFormattedCounterValue(
                self.counter,
                PDH_FMT_DOUBLE,
                std::ptr::null_mut(),
                &mut value,
            )
        };
        // PDH_CSTATUS_VALID_DATA (0) and PDH_CSTATUS_NEW_DATA (1) carry a value.
        if status != 0 || value.CStatus > 1 {
            return None;
        }
        // SAFETY: PDH_FMT_DOUBLE fills the doubleValue member of the union.
        Some(unsafe { value.Anonymous.doubleValue })
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        // SAFETY: the query is open and closed once (this also frees the counter).
        unsafe { PdhCloseQuery(self.query) };
    }
}
