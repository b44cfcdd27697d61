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

/// Each message's text (value and attributes, comments left out) in one language's files, with
/// the file it is in.
fn message_texts(language: &str) -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/locales")
        .join(language);
    let mut texts = vec![];
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("locale dir entry").path();
        if path.extension().and_then(|e| e.to_str()) != Some("ftl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read ftl");
        let file = path.display().to_string();
        texts.extend(
            text.lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .map(|l| (file.clone(), l.to_string())),
        );
    }
    texts
}

#[test]
fn dutch_says_accepted_and_validated_one_way_each() {
    // A coupon taken at the till is "aangenomen" (the verdict's own headline), never also
    // "aanvaard"; a validation is "goedgekeurd" (GOEDGEKEURD), never also "gevalideerd".
    let mixed: Vec<_> = message_texts("nl")
        .into_iter()
        .filter(|(_, line)| {
            let l = line.to_lowercase();
            l.contains("aanvaard") || l.contains("gevalideerd")
        })
        .collect();
    assert!(mixed.is_empty(), "Dutch mixes its words: {mixed:#?}");
    let said = message_texts("nl");
    assert!(said.iter().any(|(_, l)| l.contains("AANGENOMEN")));
    assert!(said.iter().any(|(_, l)| l.contains("GOEDGEKEURD")));
}
