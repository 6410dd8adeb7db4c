//! Column layout shared by the tabular subcommands: each column as wide as its widest
//! cell, one space between columns, like GNU df and ps.

/// How a column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Padded on the right.
    Left,
    /// Padded on the left.
    Right,
    /// The last column: not padded.
    Last,
}

/// A table of text cells.
pub struct Table {
    heads: Vec<(String, Align)>,
    rows: Vec<Vec<String>>,
    min: Vec<usize>,
}

impl Table {
    /// A table with these column headers.
    pub fn new(heads: &[(&str, Align)]) -> Table {
        Table {
            heads: heads.iter().map(|(h, a)| (h.to_string(), *a)).collect(),
            rows: Vec::new(),
            min: vec![0; heads.len()],
        }
    }

    /// Makes column `col` at least `w` characters wide.
    pub fn min_width(&mut self, col: usize, w: usize) {
        if let Some(m) = self.min.get_mut(col) {
            *m = w;
        }
    }

    /// Adds a row.
    pub fn push(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// Renders header and rows, each line ending in a newline.
    pub fn render(&self) -> String {
        let mut widths: Vec<usize> = self
            .heads
            .iter()
            .zip(&self.min)
            .map(|((h, _), m)| h.chars().count().max(*m))
            .collect();
        for row in &self.rows {
            for (w, c) in widths.iter_mut().zip(row) {
                *w = (*w).max(c.chars().count());
            }
        }
        let mut out = String::new();
        let head_cells: Vec<String> = self.heads.iter().map(|(h, _)| h.clone()).collect();
        for cells in std::iter::once(&head_cells).chain(&self.rows) {
            let mut line = String::new();
            for (i, ((cell, (_, align)), w)) in
                cells.iter().zip(&self.heads).zip(&widths).enumerate()
            {
                if i > 0 {
                    line.push(' ');
                }
                match align {
                    Align::Left => line.push_str(&format!("{cell:<w$}")),
                    Align::Right => line.push_str(&format!("{cell:>w$}")),
                    Align::Last => line.push_str(cell),
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }
}
