//! Every validation rule, with the exact line and column it reports.
//!
//! Each file in `tests/fixtures/invalid/` starts with `// expect:` lines:
//! `// expect: <error|warning> <line>:<col> <message part> | <help part>`.
//! The file must produce exactly those diagnostics, in that order.

use fact_sorter::diagnostic::{Severity, render};
use fact_sorter::validate::{LevelReport, MAX_FILE_BYTES, load_level};
use std::path::Path;

struct Expectation {
    severity: Severity,
    line: usize,
    column: usize,
    message: String,
    help: String,
}

fn expectations(source: &str) -> Vec<Expectation> {
    source
        .lines()
        .filter_map(|line| line.strip_prefix("// expect: "))
        .map(|spec| {
            let (head, help) = spec.split_once(" | ").unwrap_or((spec, ""));
            let mut parts = head.splitn(3, ' ');
            let severity = match parts.next().unwrap() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                other => panic!("bad severity {other}"),
            };
            let (line, column) = parts.next().unwrap().split_once(':').unwrap();
            Expectation {
                severity,
                line: line.parse().unwrap(),
                column: column.parse().unwrap(),
                message: parts.next().unwrap_or("").to_owned(),
                help: help.to_owned(),
            }
        })
        .collect()
}

#[test]
fn each_invalid_fixture_reports_exactly_its_expected_diagnostics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 14, "fixtures missing: {files:?}");
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let expected = expectations(&source);
        assert!(
            !expected.is_empty(),
            "{} has no expectations",
            path.display()
        );
        let report = load_level(&path.display().to_string(), source.as_bytes());
        let got: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| {
                format!(
                    "{:?} {}:{} {} | {}",
                    d.severity, d.line, d.column, d.message, d.help
                )
            })
            .collect();
        assert_eq!(
            got.len(),
            expected.len(),
            "{}: got {got:#?}",
            path.display()
        );
        for (d, e) in report.diagnostics.iter().zip(&expected) {
            let place = format!("{}: got {got:#?}", path.display());
            assert_eq!(d.severity, e.severity, "{place}");
            assert_eq!((d.line, d.column), (e.line, e.column), "{place}");
            assert!(d.message.contains(&e.message), "{place}");
            assert!(d.help.contains(&e.help), "{place}");
        }
        let has_error = expected.iter().any(|e| e.severity == Severity::Error);
        assert_eq!(report.level.is_none(), has_error, "{}", path.display());
    }
}

fn rendered(report: &LevelReport) -> String {
    let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    render(&mut out, &report.file, &report.source, &report.diagnostics).unwrap();
    String::from_utf8(out.into_inner()).unwrap()
}

#[test]
fn rendering_shows_place_source_line_caret_and_help() {
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/unknown-category.ron"),
    )
    .unwrap();
    let report = load_level("levels/bridge.ron", source.as_bytes());
    let text = rendered(&report);
    assert!(text.contains("error: unknown category `Opinon`"), "{text}");
    assert!(text.contains("--> levels/bridge.ron:9:68"), "{text}");
    assert!(text.contains("answer: Opinon, explanation"), "{text}");
    let caret_line = text.lines().find(|l| l.contains("^^^^^^")).expect(&text);
    let source_line = text.lines().find(|l| l.contains("answer: Opinon")).unwrap();
    // The caret sits under the word it points at.
    assert_eq!(caret_line.find('^'), source_line.find("Opinon"), "{text}");
    assert!(text.contains("help: did you mean `Opinion`?"), "{text}");
}

const VALID_HEAD: &str =
    "Level(title: \"T\", source: Source(title: \"S\"), passages: [Passage(text: \"";

fn statement(text: &str, answer: &str) -> String {
    format!(
        "Statement(text: \"{text}\", answer: {answer}, check: \"The archive.\", explanation: \"one two three four five six seven eight\"),\n"
    )
}

#[test]
fn long_statement_is_a_warning_with_its_place() {
    let long = "word ".repeat(70).trim_end().to_owned();
    let source = format!(
        "{VALID_HEAD}{long}\", statements: [\n{}])])",
        statement(&long, "Opinion")
    );
    let report = load_level("long.ron", source.as_bytes());
    assert_eq!(report.diagnostics.len(), 1, "{:#?}", report.diagnostics);
    let d = &report.diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.message, "the statement is 349 characters long");
    assert_eq!((d.line, d.column), (2, 17));
    assert!(
        report.level.is_some(),
        "warnings do not stop a level loading"
    );
}

#[test]
fn unbalanced_level_warns_at_the_title() {
    let texts: Vec<String> = (0..10).map(|i| format!("Claim {i}.")).collect();
    let passage = texts.join(" ");
    let mut statements = String::new();
    for (i, text) in texts.iter().enumerate() {
        let answer = if i == 0 {
            "Unsupported"
        } else if i < 5 {
            "Fact"
        } else {
            "Opinion"
        };
        statements.push_str(&statement(text, answer));
    }
    let source = format!("{VALID_HEAD}{passage}\", statements: [\n{statements}])])");
    let report = load_level("mix.ron", source.as_bytes());
    let warnings: Vec<_> = report
        .diagnostics
        .iter()
        .map(|d| (d.line, d.column, d.message.as_str()))
        .collect();
    assert_eq!(
        warnings,
        vec![(1, 14, "only 1 of 10 statements are Unsupported (10%)")]
    );
    // Two of ten (20%) is enough.
    let source = source.replacen("answer: Fact", "answer: Unsupported", 1);
    assert!(
        load_level("mix.ron", source.as_bytes())
            .diagnostics
            .is_empty()
    );
}

#[test]
fn file_over_one_mebibyte_is_rejected() {
    let source = format!("// {}\n", "x".repeat(MAX_FILE_BYTES));
    let report = load_level("huge.ron", source.as_bytes());
    assert_eq!(report.diagnostics.len(), 1);
    assert!(
        report.diagnostics[0]
            .message
            .contains("larger than 1024 KiB")
    );
    assert!(report.level.is_none());
}

#[test]
fn non_utf8_points_at_the_bad_byte() {
    let mut bytes = b"Level(\n  title: \"Caf".to_vec();
    bytes.push(0xE9); // Latin-1 é
    bytes.extend_from_slice(b"\",\n)");
    let report = load_level("latin1.ron", &bytes);
    let d = &report.diagnostics[0];
    assert_eq!((d.line, d.column), (2, 14));
    assert!(d.message.contains("not valid UTF-8"));
    assert!(d.help.contains("UTF-8"));
}

#[test]
fn optional_fields_need_no_some_and_struct_names_are_optional() {
    let source = r#"(
        title: "T", summary: "One line", grade: "5-8",
        source: (title: "S", author: "A", url: "https://example.org", kind: "Sample"),
        passages: [(heading: "H", text: "It rained on 3 May.", statements: [
            (text: "It rained on 3 May.", answer: Fact, also: [Unsupported], signals: ["3 May"],
             check: "The weather service's daily records.", explanation: "A date and weather you can look up in the weather service records."),
        ])],
    )"#;
    let report = load_level("plain.ron", source.as_bytes());
    assert!(report.diagnostics.is_empty(), "{:#?}", report.diagnostics);
    let level = report.level.unwrap();
    assert_eq!(level.language, "en");
    assert_eq!(level.grade.as_deref(), Some("5-8"));
    assert_eq!(level.source.author.as_deref(), Some("A"));
}
