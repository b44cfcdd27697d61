//! Terminal events -> `Input`. Keys follow the till convention: printable characters are always
//! text (codes and URLs contain them all), commands are function keys, Enter, Esc, Tab and the
//! deliberate Ctrl-Q. A keyboard-wedge scanner is a very fast typist: its burst arrives as
//! characters followed by Enter, Ctrl-J or Tab, and the event loop drains a whole burst before it
//! redraws once.

use super::commands::Command;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind};

/// One thing the person (or the scanner) did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A printable character.
    Char(char),
    /// Bracketed paste: treated as typing (the receiving field strips control characters).
    Paste(String),
    /// Enter or Ctrl-J: ends a scan, or confirms.
    Enter,
    /// Tab: ends a scan (scanners configured with a Tab suffix); otherwise the screen's Tab.
    Tab,
    BackTab,
    Backspace,
    /// Esc: back, dismiss, or clear the scan field.
    Esc,
    /// Ctrl-U: empty the field being typed into (as in a shell).
    ClearLine,
    /// Ctrl-Y: yes to a destructive action. A deliberate chord a scanner never sends (scanners
    /// type printable characters and end with Enter, Ctrl-J or Tab), so a scan cannot confirm.
    Yes,
    Up,
    Down,
    Left,
    Right,
    /// A command key (a function key of the command table, or Ctrl-Q / Ctrl-C for quit, which
    /// asks for a confirmation first).
    Command(Command),
    /// The terminal changed size: redraw.
    Resize,
}

/// Maps one terminal event: nothing for events the kiosk ignores (key releases, mouse moves,
/// focus), else one input — or two for a key with Alt. The kiosk has no Alt keys; the terminal
/// library reports Esc and the key after it, read together, as that key with Alt (the cashier's
/// Esc and a scan right after it, on a busy machine). So it is Esc, then the key: neither the
/// Esc nor the scan's first character is lost.
pub fn map_event(ev: &Event) -> impl Iterator<Item = Input> {
    let (esc, ev) = match ev {
        Event::Key(k) if k.modifiers.contains(KeyModifiers::ALT) && k.kind != KeyEventKind::Release => {
            let mut key = *k;
            key.modifiers.remove(KeyModifiers::ALT);
            (Some(Input::Esc), Event::Key(key))
        }
        _ => (None, ev.clone()),
    };
    esc.into_iter().chain(map_one(&ev))
}

fn map_one(ev: &Event) -> Option<Input> {
    match ev {
        Event::Key(k) => map_key(k),
        Event::Paste(s) => Some(Input::Paste(s.clone())),
        Event::Resize(..) => Some(Input::Resize),
        // The wheel moves through lists; clicks and moves are ignored (a kiosk is keyboard-run).
        Event::Mouse(m) => match m.kind {
            MouseEventKind::ScrollUp => Some(Input::Up),
            MouseEventKind::ScrollDown => Some(Input::Down),
            _ => None,
        },
        Event::FocusGained | Event::FocusLost => None,
    }
}

pub fn map_key(k: &KeyEvent) -> Option<Input> {
    if k.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
    let alt = k.modifiers.contains(KeyModifiers::ALT);
    match k.code {
        KeyCode::Char('q' | 'Q' | 'c' | 'C') if ctrl => Some(Input::Command(Command::Quit)),
        // In raw mode a line feed arrives as Ctrl-J; scanners set to send LF end a scan with it.
        KeyCode::Char('j' | 'J') if ctrl => Some(Input::Enter),
        KeyCode::Char('m' | 'M') if ctrl => Some(Input::Enter),
        KeyCode::Char('i' | 'I') if ctrl => Some(Input::Tab),
        KeyCode::Char('h' | 'H') if ctrl => Some(Input::Backspace),
        KeyCode::Char('u' | 'U') if ctrl => Some(Input::ClearLine),
        KeyCode::Char('y' | 'Y') if ctrl => Some(Input::Yes),
        KeyCode::Char(_) if ctrl || alt => None,
        KeyCode::Char(c) if !c.is_control() => Some(Input::Char(c)),
        KeyCode::Char(_) => None,
        KeyCode::Enter => Some(Input::Enter),
        KeyCode::Tab => Some(Input::Tab),
        KeyCode::BackTab => Some(Input::BackTab),
        KeyCode::Backspace => Some(Input::Backspace),
        KeyCode::Esc => Some(Input::Esc),
        KeyCode::Up => Some(Input::Up),
        KeyCode::Down => Some(Input::Down),
        KeyCode::Left => Some(Input::Left),
        KeyCode::Right => Some(Input::Right),
        KeyCode::F(n) => Command::from_function_key(n).map(Input::Command),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, m: KeyModifiers) -> Option<Input> {
        map_key(&KeyEvent::new(code, m))
    }

    #[test]
    fn printable_keys_are_text_never_commands() {
        for c in "qQ?hjx/:@+-_.1 ".chars() {
            assert_eq!(key(KeyCode::Char(c), KeyModifiers::NONE), Some(Input::Char(c)));
            assert_eq!(key(KeyCode::Char(c), KeyModifiers::SHIFT), Some(Input::Char(c)));
        }
    }

    #[test]
    fn scan_terminators_and_deliberate_quit() {
        assert_eq!(key(KeyCode::Enter, KeyModifiers::NONE), Some(Input::Enter));
        assert_eq!(key(KeyCode::Char('j'), KeyModifiers::CONTROL), Some(Input::Enter));
        assert_eq!(key(KeyCode::Tab, KeyModifiers::NONE), Some(Input::Tab));
        let quit = Some(Input::Command(Command::Quit));
        assert_eq!(key(KeyCode::Char('q'), KeyModifiers::CONTROL), quit);
        assert_eq!(key(KeyCode::Char('c'), KeyModifiers::CONTROL), quit);
        assert_eq!(
            key(KeyCode::F(8), KeyModifiers::NONE),
            Some(Input::Command(Command::Undo))
        );
        assert_eq!(key(KeyCode::F(7), KeyModifiers::NONE), None, "no command on F7");
        assert_eq!(key(KeyCode::Char('x'), KeyModifiers::CONTROL), None);
        let release = KeyEvent::new_with_kind(KeyCode::Char('a'), KeyModifiers::NONE, KeyEventKind::Release);
        assert_eq!(map_key(&release), None);
    }

    #[test]
    fn paste_is_passed_on_whole() {
        assert_eq!(
            map_event(&Event::Paste("abc\n".into())).collect::<Vec<_>>(),
            [Input::Paste("abc\n".into())]
        );
    }

    #[test]
    fn a_key_with_alt_is_esc_then_the_key() {
        let event = |code, m| map_event(&Event::Key(KeyEvent::new(code, m))).collect::<Vec<_>>();
        // Esc and a scan's first character, read together.
        assert_eq!(
            event(KeyCode::Char('a'), KeyModifiers::ALT),
            [Input::Esc, Input::Char('a')]
        );
        assert_eq!(
            event(KeyCode::Char('W'), KeyModifiers::ALT | KeyModifiers::SHIFT),
            [Input::Esc, Input::Char('W')]
        );
        assert_eq!(
            event(KeyCode::Enter, KeyModifiers::ALT),
            [Input::Esc, Input::Enter]
        );
        assert_eq!(
            event(KeyCode::Char('q'), KeyModifiers::ALT | KeyModifiers::CONTROL),
            [Input::Esc, Input::Command(Command::Quit)]
        );
        assert_eq!(event(KeyCode::Char('a'), KeyModifiers::NONE), [Input::Char('a')]);
        let release = KeyEvent::new_with_kind(KeyCode::Char('a'), KeyModifiers::ALT, KeyEventKind::Release);
        assert_eq!(map_event(&Event::Key(release)).count(), 0);
    }
}
