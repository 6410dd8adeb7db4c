//! Cell formatting of the live views: htop-style bars, top's KiB and TIME+ columns,
//! iotop's amounts, clipped user names.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::fmt::scale;

/// An htop-style bar: `label[|||||     text]`, `pct` of the inner width filled.
pub fn bar<'a>(label: &str, pct: f64, text: &str, width: u16, color: Color) -> Line<'a> {
    let inner = usize::from(width).saturating_sub(label.chars().count() + 2);
    let filled = ((pct.clamp(0.0, 100.0) / 100.0) * inner as f64).round() as usize;
    let filled = filled.min(inner);
    let text: String = text.chars().take(inner).collect();
    let tlen = text.chars().count();
    // The text sits right-aligned inside the bar, over the fill.
    let mut cells: Vec<char> = std::iter::repeat_n('|', filled)
        .chain(std::iter::repeat_n(' ', inner - filled))
        .collect();
    for (i, c) in text.chars().enumerate() {
        if let Some(cell) = cells.get_mut(inner - tlen + i) {
            *cell = c;
        }
    }
    let split = filled.min(inner - tlen);
    let (a, b): (String, String) = (
        cells.iter().take(split).collect(),
        cells.iter().skip(split).collect(),
    );
    Line::from(vec![
        Span::styled(label.to_string(), Style::new().fg(Color::Cyan)),
        Span::raw("["),
        Span::styled(a, Style::new().fg(color)),
        Span::styled(b, Style::new().add_modifier(Modifier::DIM)),
        Span::raw("]"),
    ])
}

/// top's memory column: KiB, or `g`/`t`-suffixed when wider than 7 digits.
pub fn top_memory(bytes: u64) -> String {
    let k = bytes / 1024;
    if k < 10_000_000 {
        k.to_string()
    } else if k < 10_000_000 << 10 {
        format!("{:.1}g", k as f64 / (1u64 << 20) as f64)
    } else {
        format!("{:.1}t", k as f64 / (1u64 << 30) as f64)
    }
}

/// top's TIME+ column: `minutes:seconds.hundredths`.
pub fn time_plus(secs: f64) -> String {
    let cs = (secs.max(0.0) * 100.0).round() as u64;
    format!("{}:{:02}.{:02}", cs / 6000, (cs / 100) % 60, cs % 100)
}

/// iotop's rate/size format: `12.34 K/s` (binary prefixes), or without `/s`.
pub fn io_amount(v: f64, per_sec: bool) -> String {
    let (v, unit) = scale(v.max(0.0), 1000.0, &["B", "K", "M", "G", "T", "P"]);
    if per_sec {
        format!("{v:.2} {unit}/s")
    } else {
        format!("{v:.2} {unit}")
    }
}

/// A user name cut to `w` characters with top's `+` marker.
pub fn clip(s: &str, w: usize) -> String {
    if s.chars().count() <= w {
        s.to_string()
    } else {
        let mut c: String = s.chars().take(w.saturating_sub(1)).collect();
        c.push('+');
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(top_memory(4096 * 1024), "4096");
        assert_eq!(top_memory(20 << 30), "20.0g");
        assert_eq!(time_plus(0.0), "0:00.00");
        assert_eq!(time_plus(83.456), "1:23.46");
        assert_eq!(time_plus(7384.0), "123:04.00");
        assert_eq!(io_amount(0.0, true), "0.00 B/s");
        assert_eq!(io_amount(2048.0, true), "2.00 K/s");
        assert_eq!(io_amount(5.0 * 1048576.0, false), "5.00 M");
        assert_eq!(clip("systemd-network", 8), "systemd+");
        assert_eq!(clip("root", 8), "root");
    }

    #[test]
    fn bars_fill_and_label() {
        let l = bar("cpu0", 50.0, "50.0%", 26, Color::Green);
        let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(s.chars().count(), 26);
        assert_eq!(s, "cpu0[||||||||||     50.0%]");
        let s: String = bar("x", 0.0, "", 5, Color::Green)
            .spans
            .iter()
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(s, "x[  ]");
    }
}
