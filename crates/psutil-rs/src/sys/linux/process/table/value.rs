//! The value of each attribute of a record, from the files [`reader`](super::reader)
//! read (the other attributes through the [`Process`](crate::Process) method of that name).

use super::super::records;
use super::super::types::{
    CtxSwitches, Gids, MemoryFullInfo, MemoryInfo, ProcessCpuTimes, ProcessIoCounters, Uids,
};
use super::reader::{CurrentProcess, File};
use super::snapshot::TableReader;
use crate::error::Result;
use crate::parse::{pid_io, pid_statm};
use crate::process::{Attr, Value};
use crate::sys;

impl TableReader {
    pub(super) fn memory_info(&mut self, cur: &mut CurrentProcess<'_>) -> Result<MemoryInfo> {
        if self.needs_status {
            // status is read anyway for another attribute: its Vm lines hold the same
            // counters as statm, in KiB.
            let vm = self.status(cur)?.vm;
            // status's VmExe is min(text, executable mappings); statm's text is the text
            // range alone, which stat's startcode/endcode give when stat is read anyway
            // and the reader may see them (they read 1 and 1 otherwise).
            let code = if self.needs_stat {
                let st = self.stat(cur)?;
                records::text_from_code(st.startcode, st.endcode)
            } else {
                None
            };
            if let Some(m) = code.and_then(|text| MemoryInfo::from_status_vm(&vm, text)) {
                return Ok(m);
            }
        }
        self.load(cur, File::Statm)?;
        let pages = pid_statm::parse(self.buf(File::Statm))
            .map_err(|e| e.at_path(&cur.proc.path("statm")))?;
        Ok(MemoryInfo::from_statm(pages))
    }

    pub(super) fn username(&mut self, cur: &mut CurrentProcess<'_>) -> Result<String> {
        let [uid, _, _] = self.uids(cur)?;
        self.names.get(&self.root, uid)
    }

    pub(super) fn value(&mut self, cur: &mut CurrentProcess<'_>, a: Attr) -> Result<Value> {
        let hz = sys::clock_ticks();
        Ok(match a {
            Attr::Pid => Value::Pid(cur.proc.pid),
            Attr::Ppid => Value::Pid(self.stat(cur)?.ppid),
            Attr::Name => Value::Name(self.name(cur)?),
            Attr::Status => Value::Status(records::stat::status(self.stat(cur)?)),
            Attr::CreateTime => {
                let start = self.stat(cur)?.starttime;
                let boot = match self.boot_time {
                    Some(b) => b,
                    None => {
                        let b = self.root.boot_time()?;
                        self.boot_time = Some(b);
                        b
                    }
                };
                Value::Float(records::stat::create_time(start, hz, boot))
            }
            Attr::CpuTimes => Value::CpuTimes(ProcessCpuTimes::from_stat(self.stat(cur)?, hz)),
            Attr::CpuNum => Value::CpuNum(records::stat::cpu_num(self.stat(cur)?)?),
            Attr::NumThreads => Value::Count(records::stat::num_threads(self.stat(cur)?)),
            Attr::Nice => Value::Nice(records::stat::nice(self.stat(cur)?)?),
            Attr::Terminal => {
                let tty = self.stat(cur)?.tty_nr;
                if tty == 0 {
                    Value::None
                } else {
                    let root = &self.root;
                    let map = self
                        .ttys
                        .get_or_insert_with(|| sys::process::calls::tty_map(root.devfs()));
                    map.get(&tty).cloned().map_or(Value::None, Value::Path)
                }
            }
            Attr::Cmdline => Value::Cmdline(self.cmdline(cur)?),
            Attr::Uids => Value::Uids(Uids::from(self.uids(cur)?)),
            Attr::Gids => Value::Gids(Gids::from(self.gids(cur)?)),
            Attr::NumCtxSwitches => {
                Value::CtxSwitches(CtxSwitches::from_status(self.status(cur)?)?)
            }
            Attr::Username => Value::Username(self.username(cur)?),
            Attr::MemoryInfo => Value::MemoryInfo(self.memory_info(cur)?),
            Attr::MemoryFullInfo => {
                let m = self.memory_info(cur)?;
                Value::MemoryFullInfo(MemoryFullInfo::new(m, cur.proc.smaps_totals()?))
            }
            Attr::IoCounters => {
                self.load(cur, File::Io)?;
                let io = pid_io::parse(self.buf(File::Io))
                    .map_err(|e| e.at_path(&cur.proc.path("io")))?;
                Value::IoCounters(ProcessIoCounters::from(io))
            }
            other => cur.proc.attr(other)?,
        })
    }
}
