//! The kiosk's commands and their keys, in one table: input maps a function key to its command
//! here, the footer and the help screen take their words from here, and `State::enabled` says
//! whether a command works right now (a disabled one does nothing and is not offered).
//!
//! Printable characters are never commands (scanners type them all); Enter, Esc, Tab and the
//! arrows act on what the screen shows and are described by each screen's footer.

/// Something the cashier asks for with a dedicated key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    Help,
    Lookup,
    Summary,
    Barcode,
    /// Retry after CHECK FAILED or UNKNOWN; reload on the lookup's detail view.
    Retry,
    Undo,
    /// The conflict inbox: offline acceptances the server refused.
    Conflicts,
    Quit,
}

/// One command's key and words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub command: Command,
    /// The function key (F1..F12), if the command has one.
    pub function_key: Option<u8>,
    /// The key as the footer and help show it.
    pub key: &'static str,
    /// The footer's word.
    pub label: &'static str,
    /// The help screen's line.
    pub help: &'static str,
}

/// Every command, in the order help lists them.
pub const COMMANDS: [Binding; 8] = [
    Binding {
        command: Command::Help,
        function_key: Some(1),
        key: "F1",
        label: "help",
        help: "this help",
    },
    Binding {
        command: Command::Lookup,
        function_key: Some(2),
        key: "F2",
        label: "lookup",
        help: "staff lookup by email, phone or code",
    },
    Binding {
        command: Command::Summary,
        function_key: Some(3),
        key: "F3",
        label: "shift",
        help: "shift summary: today's counts per outcome",
    },
    Binding {
        command: Command::Barcode,
        function_key: Some(4),
        key: "F4",
        label: "barcode",
        help: "barcode of the session on screen (Tab: next type)",
    },
    Binding {
        command: Command::Retry,
        function_key: Some(5),
        key: "F5",
        label: "retry",
        help: "retry after CHECK FAILED or UNKNOWN; reload in lookup",
    },
    Binding {
        command: Command::Undo,
        function_key: Some(8),
        key: "F8",
        label: "undo",
        help: "undo the last validation (a short while; PIN if set)",
    },
    Binding {
        command: Command::Conflicts,
        function_key: Some(9),
        key: "F9",
        label: "conflicts",
        help: "conflict inbox: offline acceptances the server refused",
    },
    Binding {
        command: Command::Quit,
        function_key: None,
        key: "Ctrl-Q",
        label: "quit",
        help: "quit (asks first)",
    },
];

impl Command {
    /// The command on function key `n`, if any.
    pub fn from_function_key(n: u8) -> Option<Command> {
        COMMANDS
            .iter()
            .find(|b| b.function_key == Some(n))
            .map(|b| b.command)
    }

    pub fn binding(self) -> &'static Binding {
        // Every command has a row: the table is matched exhaustively by `every_command_has_one_row`.
        COMMANDS
            .iter()
            .find(|b| b.command == self)
            .unwrap_or(&COMMANDS[0])
    }

    /// (key, footer word).
    pub fn key_label(self) -> (&'static str, &'static str) {
        let b = self.binding();
        (b.key, b.label)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_one_row_and_keys_are_not_shared() {
        for c in [
            Command::Help,
            Command::Lookup,
            Command::Summary,
            Command::Barcode,
            Command::Retry,
            Command::Undo,
            Command::Conflicts,
            Command::Quit,
        ] {
            assert_eq!(COMMANDS.iter().filter(|b| b.command == c).count(), 1, "{c:?}");
        }
        let keys: std::collections::HashSet<_> = COMMANDS.iter().map(|b| b.key).collect();
        assert_eq!(keys.len(), COMMANDS.len());
        assert_eq!(Command::from_function_key(8), Some(Command::Undo));
        assert_eq!(Command::from_function_key(6), None);
    }
}
