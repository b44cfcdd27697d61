//! The kiosk's local SQLite journal: every attempt and its outcome, durable.
