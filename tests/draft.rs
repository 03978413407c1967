//! `fact-sorter draft` on a small article written for this test
//! (`tests/fixtures/draft/article.txt`): the exact passages, statements and
//! skipped text it yields, and RON that reads back as the same level.

use fact_sorter::draft::{DraftOptions, TODO_MARK, draft, draft_to_ron, split_sentences};
use fact_sorter::level::{Category, Level};
use std::path::Path;

fn article() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/draft/article.txt");
    std::fs::read_to_string(path).expect("the fixture article exists")
}

const TITLE: &str = "Millbrook tries a new bus route";

/// Every statement the fixture should yield, in order, with its suggested
/// category.
const STATEMENTS: [(&str, Category); 8] = [
    (
        "The Millbrook town council voted 5 to 2 on Tuesday to run a trial bus service, Route 12, between the train station and Riverside Park.",
        Category::Fact,
    ),
    (
        "According to the council's transport report, the trial will cost $1.2 million over two years.",
        Category::Fact,
    ),
    (
        "Dr. Amara Osei, who planned bus routes in the U.S. Midwest for ten years, said buses will run every 20 minutes from 6 a.m. to 9 p.m. on weekdays.",
        Category::Fact,
    ),
    (
        "The new route is the best idea the council has had in years.",
        Category::Opinion,
    ),
    (
        "Everyone in town has wanted a bus to the park... Now they finally have one.",
        Category::Unsupported,
    ),
    ("Nobody knows.", Category::Unsupported),
    (
        r#"Student Leo Park, 16, told the Millbrook Herald, "I wait 40 minutes for the old bus. That is too long.""#,
        Category::Fact,
    ),
    (
        "Some residents say the council secretly plans to raise parking fees to pay for the buses.",
        Category::Unsupported,
    ),
];

#[test]
fn the_fixture_yields_exactly_these_passages_and_statements() {
    let d = draft(&article(), &DraftOptions::default());
    let level = &d.level;
    assert_eq!(level.title, TITLE);
    assert_eq!(level.source.title, format!("{TODO_MARK}: source title"));

    let headings: Vec<Option<&str>> = level
        .passages
        .iter()
        .map(|p| p.heading.as_deref())
        .collect();
    assert_eq!(headings, [Some(TITLE), None, Some("What riders say")]);
    let counts: Vec<usize> = level.passages.iter().map(|p| p.statements.len()).collect();
    assert_eq!(counts, [3, 3, 2]);
    assert_eq!(
        level.passages[1].text,
        "The new route is the best idea the council has had in years. Everyone in town has wanted a bus to the park... Now they finally have one. Will it last? Nobody knows."
    );

    let statements: Vec<(&str, Category)> = level
        .statements()
        .map(|s| (s.text.as_str(), s.answer))
        .collect();
    assert_eq!(statements, STATEMENTS);

    let skipped: Vec<(&str, &str)> = d.skipped.iter().map(|s| (s.why, s.text.as_str())).collect();
    assert_eq!(
        skipped,
        [
            ("heading", TITLE),
            ("question", "Will it last?"),
            ("heading", "What riders say"),
            ("too short", "Fine."),
        ]
    );
}

#[test]
fn headings_and_questions_never_become_statements() {
    let d = draft(&article(), &DraftOptions::default());
    for statement in d.level.statements() {
        assert_ne!(statement.text, TITLE);
        assert_ne!(statement.text, "What riders say");
        assert!(!statement.text.ends_with('?'), "{}", statement.text);
        assert!(statement.text.split_whitespace().count() >= 2);
    }
    for passage in &d.level.passages {
        assert!(!passage.text.contains(TITLE));
        assert!(!passage.text.contains("What riders say"));
    }
}

#[test]
fn statements_signals_and_suggestions_are_verbatim_and_marked_todo() {
    let d = draft(&article(), &DraftOptions::default());
    assert_eq!(d.suggestions.len(), d.level.statement_count());
    let passage_of: Vec<usize> = d.suggestions.iter().map(|s| s.passage).collect();
    assert_eq!(passage_of, [0, 0, 0, 1, 1, 1, 2, 2]);
    for (suggestion, statement) in d.suggestions.iter().zip(d.level.statements()) {
        let passage = &d.level.passages[suggestion.passage];
        assert!(passage.text.contains(&statement.text), "{}", statement.text);
        assert_eq!(suggestion.text, statement.text);
        assert_eq!(suggestion.category, statement.answer);
        assert_eq!(suggestion.signals, statement.signals);
        assert!(!statement.signals.is_empty(), "{}", statement.text);
        for signal in &statement.signals {
            assert!(statement.text.contains(signal.as_str()), "{signal}");
        }
        assert!(statement.explanation.starts_with(TODO_MARK));
        assert!(statement.explanation.contains(&suggestion.reason));
        assert_eq!(
            statement.check.is_some(),
            statement.answer == Category::Fact,
            "{}",
            statement.text
        );
    }
    let signals = |i: usize| d.suggestions[i].signals.clone();
    assert_eq!(signals(3), ["best"]);
    assert_eq!(signals(4), ["Everyone"]);
    assert_eq!(signals(5), ["Nobody"]);
    assert_eq!(signals(7), ["Some residents", "secretly", "plans to"]);
}

#[test]
fn sentences_split_at_the_right_places() {
    let text = article();
    let last = text.trim_end().rsplit("\n\n").next().unwrap();
    assert_eq!(
        split_sentences(last),
        [
            r#"Student Leo Park, 16, told the Millbrook Herald, "I wait 40 minutes for the old bus. That is too long.""#,
            "Some residents say the council secretly plans to raise parking fees to pay for the buses.",
            "Fine.",
        ]
    );
}

#[test]
fn the_draft_reads_back_as_the_same_level_but_does_not_pass_check() {
    let d = draft(&article(), &DraftOptions::default());
    let text = draft_to_ron(&d);
    assert!(text.starts_with("// DRAFT"), "{text}");
    assert!(text.contains("fact-sorter check"));
    assert!(text.contains("//   question: Will it last?"));

    let level: Level = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str(&text)
        .expect("a draft is valid RON");
    assert_eq!(level, d.level);

    // Only the TODO marks keep the draft from loading.
    let report = fact_sorter::validate::validate_source("draft.ron", &text);
    assert!(report.level.is_none());
    let errors: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|diagnostic| diagnostic.is_error())
        .map(|diagnostic| diagnostic.message.as_str())
        .collect();
    assert!(!errors.is_empty());
    for message in errors {
        assert!(message.contains(TODO_MARK), "{message}");
    }
}

#[test]
fn options_name_the_level_and_its_source() {
    let options = DraftOptions {
        title: Some("Bus route debate".to_owned()),
        source_title: Some("Millbrook Herald, 3 March".to_owned()),
    };
    let d = draft(&article(), &options);
    assert_eq!(d.level.title, "Bus route debate");
    assert_eq!(d.level.source.title, "Millbrook Herald, 3 March");
    // The article's first heading still heads the first passage.
    assert_eq!(d.level.passages[0].heading.as_deref(), Some(TITLE));
}
