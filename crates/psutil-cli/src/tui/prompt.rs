//! Keys of the live views: the one-line text prompt (filter, signal, nice value) and
//! selection movement.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A one-line text prompt (filter, signal, nice value).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Prompt {
    /// What was typed.
    pub text: String,
}

/// What a key did to a prompt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptResult {
    /// Still typing.
    Editing,
    /// Enter.
    Done(String),
    /// Esc.
    Cancelled,
}

impl Prompt {
    /// Applies a key.
    pub fn key(&mut self, k: KeyEvent) -> PromptResult {
        match k.code {
            KeyCode::Enter => PromptResult::Done(self.text.clone()),
            KeyCode::Esc => PromptResult::Cancelled,
            KeyCode::Backspace => {
                self.text.pop();
                PromptResult::Editing
            }
            KeyCode::Char('u') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                self.text.clear();
                PromptResult::Editing
            }
            KeyCode::Char(c) if !c.is_control() => {
                self.text.push(c);
                PromptResult::Editing
            }
            _ => PromptResult::Editing,
        }
    }
}

/// Moves a selection by a key (Up/Down/PgUp/PgDn/Home/End) within `len` rows, `page`
/// rows per page. Returns `None` if the key is not a movement key.
pub fn move_selection(cur: usize, len: usize, page: usize, code: KeyCode) -> Option<usize> {
    let last = len.saturating_sub(1);
    let page = page.max(1);
    let new = match code {
        KeyCode::Up => cur.saturating_sub(1),
        KeyCode::Down => cur.saturating_add(1),
        KeyCode::PageUp => cur.saturating_sub(page),
        KeyCode::PageDown => cur.saturating_add(page),
        KeyCode::Home => 0,
        KeyCode::End => last,
        _ => return None,
    };
    Some(new.min(last))
}

/// A key typed into the name/user filter prompt: the filter follows the text as it is
/// typed, Enter keeps it, Esc clears it. Returns whether the prompt stays open.
pub fn filter_key(prompt: &mut Prompt, k: KeyEvent, filter: &mut String) -> bool {
    match prompt.key(k) {
        PromptResult::Editing => {
            filter.clone_from(&prompt.text);
            true
        }
        PromptResult::Done(text) => {
            *filter = text;
            false
        }
        PromptResult::Cancelled => {
            filter.clear();
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_moves_within_bounds() {
        assert_eq!(move_selection(0, 10, 4, KeyCode::Up), Some(0));
        assert_eq!(move_selection(0, 10, 4, KeyCode::Down), Some(1));
        assert_eq!(move_selection(8, 10, 4, KeyCode::PageDown), Some(9));
        assert_eq!(move_selection(5, 10, 4, KeyCode::PageUp), Some(1));
        assert_eq!(move_selection(5, 10, 4, KeyCode::End), Some(9));
        assert_eq!(move_selection(5, 0, 4, KeyCode::Down), Some(0));
        assert_eq!(move_selection(5, 10, 4, KeyCode::Char('x')), None);
    }

    #[test]
    fn prompt_edits() {
        let k = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let mut p = Prompt::default();
        assert_eq!(p.key(k(KeyCode::Char('a'))), PromptResult::Editing);
        p.key(k(KeyCode::Char('b')));
        p.key(k(KeyCode::Backspace));
        assert_eq!(p.key(k(KeyCode::Enter)), PromptResult::Done("a".into()));
        assert_eq!(p.key(k(KeyCode::Esc)), PromptResult::Cancelled);
    }

    #[test]
    fn filter_follows_typing() {
        let k = |c| KeyEvent::new(c, KeyModifiers::NONE);
        let (mut p, mut f) = (Prompt::default(), String::new());
        assert!(filter_key(&mut p, k(KeyCode::Char('s')), &mut f));
        assert!(filter_key(&mut p, k(KeyCode::Char('h')), &mut f));
        assert_eq!(f, "sh");
        assert!(!filter_key(&mut p, k(KeyCode::Enter), &mut f));
        assert_eq!(f, "sh");
        assert!(!filter_key(&mut p, k(KeyCode::Esc), &mut f));
        assert_eq!(f, "");
    }
}
