//! Every message the English files define exists in every other language, and every file parses:
//! a cashier never sees a message id, nor English in the middle of Dutch because a key was missed.

use fluent_syntax::ast::Entry;
use std::collections::BTreeSet;
use std::path::Path;

const LANGUAGES: [&str; 4] = ["en", "nl", "fr", "de"];

/// The message ids (and `id.attribute`s) defined in one language's files.
fn message_ids(language: &str) -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/locales")
        .join(language);
    let mut ids = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("locale dir entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("ftl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read ftl");
        let resource = fluent_syntax::parser::parse(text.as_str())
            .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", path.display()));
        for entry in &resource.body {
            if let Entry::Message(m) = entry {
                ids.insert(m.id.name.to_string());
                for attribute in &m.attributes {
                    ids.insert(format!("{}.{}", m.id.name, attribute.id.name));
                }
            }
        }
    }
    ids
}

#[test]
fn every_english_message_exists_in_every_language() {
    let english = message_ids("en");
    assert!(!english.is_empty(), "no English messages found");
    for language in &LANGUAGES[1..] {
        let theirs = message_ids(language);
        let missing: Vec<_> = english.difference(&theirs).collect();
        assert!(missing.is_empty(), "{language} lacks {missing:?}");
        let extra: Vec<_> = theirs.difference(&english).collect();
        assert!(
            extra.is_empty(),
            "{language} has messages English lacks: {extra:?}"
        );
    }
}
