//! Random and mutated level text never panics parse + validate, and a level
//! that loads always satisfies the rules the game relies on.

use fact_sorter::text::find_verbatim;
use fact_sorter::validate::load_level;
use proptest::prelude::*;
use std::path::Path;

fn seed_levels() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    [
        "levels/local-news-library.ron",
        "tests/fixtures/invalid/also-problems.ron",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(dir.join(f)).unwrap())
    .collect()
}

/// An edit to a level's text: delete, insert or replace a span.
#[derive(Debug, Clone)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
    Replace { at: usize, len: usize, text: String },
}

fn edit() -> impl Strategy<Value = Edit> {
    let text = prop_oneof![
        Just("\"".to_owned()),
        Just("(".to_owned()),
        Just(")".to_owned()),
        Just("[".to_owned()),
        Just(",".to_owned()),
        Just("r#\"".to_owned()),
        Just("answer: Opinon".to_owned()),
        Just("also: [Fact, Fact]".to_owned()),
        Just("é“”\u{0}\u{202e}".to_owned()),
        "\\PC{0,12}",
    ];
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), text.clone()).prop_map(|(at, text)| Edit::Insert { at, text }),
        (any::<usize>(), 0usize..20, text).prop_map(|(at, len, text)| Edit::Replace {
            at,
            len,
            text
        }),
    ]
}

fn apply(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for e in edits {
        let n = bytes.len().max(1);
        match e {
            Edit::Delete { at, len } => {
                let at = at % n;
                let end = (at + len).min(bytes.len());
                bytes.drain(at.min(bytes.len())..end);
            }
            Edit::Insert { at, text } => {
                let at = (at % n).min(bytes.len());
                bytes.splice(at..at, text.bytes());
            }
            Edit::Replace { at, len, text } => {
                let at = (at % n).min(bytes.len());
                let end = (at + len).min(bytes.len());
                bytes.splice(at..end, text.bytes());
            }
        }
    }
    bytes
}

fn assert_consistent(bytes: &[u8]) {
    let report = load_level("fuzz.ron", bytes);
    for d in &report.diagnostics {
        assert!(d.line >= 1 && d.column >= 1);
        assert!(d.span.start <= d.span.end && d.span.end <= report.source.len() + 1);
    }
    assert_eq!(report.level.is_some(), !report.has_errors());
    if let Some(level) = report.level {
        assert!(!level.passages.is_empty());
        for passage in &level.passages {
            for statement in &passage.statements {
                assert!(find_verbatim(&passage.text, &statement.text).is_some());
                assert!(!statement.also.contains(&statement.answer));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mutated_levels_never_panic(which in 0usize..2, edits in proptest::collection::vec(edit(), 1..6)) {
        let seed = seed_levels().swap_remove(which);
        assert_consistent(&apply(seed.into_bytes(), &edits));
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        assert_consistent(&bytes);
    }
}
