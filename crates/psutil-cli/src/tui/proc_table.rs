//! The process-table widget of `psutil top` and `psutil iotop`: the rows of the last
//! refresh (from its [`Sampler`]), which of them are shown in which order, the
//! selection, and the drawing: header lines, then a table of [`Col`]s and COMMAND with
//! the sort column underlined and the selected row highlighted.

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Cell, Paragraph, Row, StatefulWidget, Table, TableState, Widget};

use psutil_rs::{Pid, Process};

use super::columns::{CellOpts, Col};
use super::order::{visible, ViewOpts};
use super::prompt::{move_selection, Prompt};
use super::row::ProcRow;
use super::sampler::Sampler;
use super::screen::Flow;

/// A live process table.
pub struct ProcTable {
    sampler: Sampler,
    /// The rows of the last refresh.
    pub rows: Vec<ProcRow>,
    /// What is shown and in which order.
    pub opts: ViewOpts,
    /// Shown rows: (index into `rows`, tree depth).
    pub order: Vec<(usize, usize)>,
    /// The selected line of `order`.
    pub sel: usize,
    /// The selected process, when the selection follows its process.
    sel_pid: Option<Pid>,
    /// The selection stays on its process when the order changes (else on its line).
    follow: bool,
    state: TableState,
    /// Rows per page (the table's height less its header).
    page: usize,
}

impl ProcTable {
    /// A table of what `sampler` reads, shown with `opts`; `follow`: the selection stays
    /// on its process when the order changes. Samples once, the baseline of the first
    /// frame's rates.
    pub fn new(mut sampler: Sampler, opts: ViewOpts, follow: bool) -> ProcTable {
        sampler.refresh();
        ProcTable {
            sampler,
            rows: Vec::new(),
            opts,
            order: Vec::new(),
            sel: 0,
            sel_pid: None,
            follow,
            state: TableState::default(),
            page: 10,
        }
    }

    /// Reads command lines or not (see [`Sampler::set_cmdline`]).
    pub fn set_cmdline(&mut self, on: bool) {
        self.sampler.set_cmdline(on);
    }

    /// Samples the processes again and recomputes the order.
    pub fn refresh(&mut self) {
        self.rows = self.sampler.refresh();
        self.reorder();
    }

    /// Recomputes the shown order, keeping the selection on the same process (or
    /// line).
    pub fn reorder(&mut self) {
        self.order = visible(&self.rows, &self.opts);
        let pos = self.sel_pid.and_then(|pid| {
            self.order
                .iter()
                .position(|(i, _)| self.rows.get(*i).is_some_and(|r| r.pid() == pid))
        });
        self.sel = pos.unwrap_or(self.sel.min(self.order.len().saturating_sub(1)));
        self.follow_selection();
    }

    /// Changes what is shown, then reorders; returns [`Flow::Redraw`], what a key that
    /// changes the view asks for.
    pub fn change(&mut self, f: impl FnOnce(&mut ViewOpts)) -> Flow {
        f(&mut self.opts);
        self.reorder();
        Flow::Redraw
    }

    fn follow_selection(&mut self) {
        if self.follow {
            self.sel_pid = self.selected().map(ProcRow::pid);
        }
    }

    /// The selected row.
    pub fn selected(&self) -> Option<&ProcRow> {
        self.order
            .get(self.sel)
            .and_then(|(i, _)| self.rows.get(*i))
    }

    /// The selected process, when the selection follows its process.
    pub fn selected_pid(&self) -> Option<Pid> {
        self.sel_pid
    }

    /// The name of a process of the last refresh (empty when it is not there).
    pub fn name_of(&self, pid: Pid) -> String {
        self.rows
            .iter()
            .find(|r| r.pid() == pid)
            .map(|r| r.info.name.clone())
            .unwrap_or_default()
    }

    /// The handle of a process seen at the last refresh (see [`Sampler::process`]).
    pub fn process(&self, pid: Pid) -> Option<&Process> {
        self.sampler.process(pid)
    }

    /// Moves the selection if `code` is a movement key; returns whether it was.
    pub fn move_key(&mut self, code: KeyCode) -> bool {
        match move_selection(self.sel, self.order.len(), self.page, code) {
            Some(sel) => {
                self.sel = sel;
                self.follow_selection();
                true
            }
            None => false,
        }
    }

    /// Lines needed to show `header` lines and every row.
    pub fn full_height(&self, header: u16) -> u16 {
        let rows = u16::try_from(self.order.len()).unwrap_or(u16::MAX - 64);
        header.saturating_add(1).saturating_add(rows)
    }

    /// The prompt line in normal mode: the sort column and switches, the filter, then
    /// the key `help` if any.
    pub fn sort_line(&self, help: Option<&str>) -> Line<'static> {
        let o = &self.opts;
        let mut s = format!(
            "Sort: {}{}{}{}",
            o.sort.column(),
            if o.reverse { " (reversed)" } else { "" },
            if o.only_io { "  only I/O" } else { "" },
            if o.accumulated { "  accumulated" } else { "" },
        );
        if !o.filter.is_empty() {
            s.push_str(&format!("  Filter: {}", o.filter));
        }
        if let Some(h) = help {
            s.push_str(h);
        }
        Line::styled(s, Style::new().add_modifier(Modifier::DIM))
    }

    /// The prompt line while the name/user filter is typed.
    pub fn filter_line(p: &Prompt) -> Line<'static> {
        Line::styled(
            format!(
                "Filter (name or user, Enter keeps, Esc clears): {}_",
                p.text
            ),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// Draws `header` lines, then the shown rows in columns `cols` and COMMAND.
    pub fn render(
        &mut self,
        header: Vec<Line<'static>>,
        cols: &[Col],
        cells: CellOpts,
        area: Rect,
        buf: &mut Buffer,
    ) {
        let hh = u16::try_from(header.len())
            .unwrap_or(u16::MAX)
            .min(area.height);
        Paragraph::new(header).render(Rect { height: hh, ..area }, buf);
        let table_area = Rect {
            y: area.y + hh,
            height: area.height - hh,
            ..area
        };
        self.page = usize::from(table_area.height.saturating_sub(1));
        let sort_col = self.opts.sort.col();
        let head = cols
            .iter()
            .map(|c| {
                let style = if *c == sort_col {
                    Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                } else {
                    Style::new()
                };
                Cell::from(Span::styled(c.head_text(), style))
            })
            .chain(std::iter::once(Cell::from("COMMAND")));
        let header = Row::new(head).style(Style::new().add_modifier(Modifier::REVERSED));
        let rows: Vec<Row> = self
            .order
            .iter()
            .filter_map(|(i, d)| self.rows.get(*i).map(|r| row(r, *d, cols, cells)))
            .collect();
        let widths = cols
            .iter()
            .map(|c| Constraint::Length(c.width()))
            .chain(std::iter::once(Constraint::Fill(1)));
        let table = Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .row_highlight_style(Style::new().bg(Color::Blue).fg(Color::White));
        self.state
            .select((!self.order.is_empty()).then_some(self.sel));
        StatefulWidget::render(table, table_area, buf, &mut self.state);
    }
}

/// The cells of one row: `cols`, then COMMAND indented by its tree `depth`.
fn row(r: &ProcRow, depth: usize, cols: &[Col], o: CellOpts) -> Row<'static> {
    let cmd = if o.full_cmd { &r.cmdline } else { &r.info.name };
    let indent = if depth > 0 {
        format!("{}`- ", "  ".repeat(depth - 1))
    } else {
        String::new()
    };
    let cells = cols
        .iter()
        .map(|c| c.cell(r, o))
        .chain(std::iter::once(format!("{indent}{cmd}")));
    Row::new(cells.map(Cell::from))
}
