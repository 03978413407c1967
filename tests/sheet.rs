//! The spreadsheet round trip (`fact-sorter export --csv` and `import`):
//! every shipped level survives it unchanged, and the sheets in
//! `tests/fixtures/csv/` import to exact levels or exact errors.

use fact_sorter::level::{Category, Level, Passage, Source, Statement};
use fact_sorter::library::{level_files, read_level};
use fact_sorter::sheet::{SheetError, export_csv, import_csv};
use fact_sorter::validate::validate_source;
use fact_sorter::write::level_to_ron;
use std::path::Path;

fn import_ok(bytes: &[u8]) -> Level {
    import_csv(bytes).unwrap_or_else(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| e.one_line("sheet.csv")).collect();
        panic!("{lines:#?}")
    })
}

fn import_errors(bytes: &[u8]) -> Vec<SheetError> {
    match import_csv(bytes) {
        Ok(level) => panic!("expected errors, got {level:#?}"),
        Err(errors) => errors,
    }
}

#[test]
fn every_shipped_level_survives_export_and_import() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("levels");
    let files = level_files(&[dir]);
    assert!(files.len() >= 10, "{files:?}");
    for file in files {
        let name = file.display().to_string();
        let level = read_level(&file)
            .level
            .unwrap_or_else(|| panic!("{name} passes check"));
        let csv = export_csv(&level);
        assert!(csv.starts_with('\u{feff}'), "{name}: no byte-order mark");
        let back = import_ok(csv.as_bytes());
        assert_eq!(back, level, "{name}");
        // And once more: the exported text is stable.
        assert_eq!(export_csv(&back), csv, "{name}");
    }
}

fn skate_park() -> Level {
    Level {
        title: "The new skate park".to_owned(),
        summary: Some("A short town news report: dates, budgets and opinions.".to_owned()),
        source: Source {
            title: "Skate park opens on Alder Street".to_owned(),
            author: Some("Tom Ashby".to_owned()),
            published: None,
            url: None,
            kind: Some("Sample news report written for Fact Sorter".to_owned()),
        },
        grade: Some("5-8".to_owned()),
        language: "en".to_owned(),
        passages: vec![
            Passage {
                heading: Some("Opening day".to_owned()),
                text: "The Willowmere skate park on Alder Street opened on Saturday, 14 June. It is the best skate park in the whole county. Everyone in town has wanted a skate park for years.".to_owned(),
                statements: vec![
                    Statement {
                        text: "The Willowmere skate park on Alder Street opened on Saturday, 14 June.".to_owned(),
                        answer: Category::Fact,
                        also: vec![],
                        explanation: "A place and an exact date are given, so a student could confirm the opening day from council notices.".to_owned(),
                        signals: vec!["opened on Saturday".to_owned(), "14 June".to_owned()],
                        check: Some("Look for the opening notice on the Willowmere council website.".to_owned()),
                    },
                    Statement {
                        text: "It is the best skate park in the whole county.".to_owned(),
                        answer: Category::Opinion,
                        also: vec![Category::Unsupported],
                        explanation: "“Best” is the writer’s judgement: skaters like different things, and no ranking or survey is given.".to_owned(),
                        signals: vec!["the best".to_owned()],
                        check: None,
                    },
                    Statement {
                        text: "Everyone in town has wanted a skate park for years.".to_owned(),
                        answer: Category::Unsupported,
                        also: vec![],
                        explanation: "“Everyone” is a sweeping word about thousands of people, and no survey or vote is mentioned.".to_owned(),
                        signals: vec!["Everyone in town".to_owned()],
                        check: None,
                    },
                ],
            },
            Passage {
                heading: Some("Cost".to_owned()),
                // The line break inside the cell is `\r\n` in the file.
                text: "The town council paid $185,000 for the park, according to its 2025 budget report.\nLocal skater Mia Chen, 12, said the new ramps are “way more fun than the old car park.”".to_owned(),
                statements: vec![Statement {
                    text: "The town council paid $185,000 for the park, according to its 2025 budget report.".to_owned(),
                    answer: Category::Fact,
                    also: vec![Category::Opinion],
                    explanation: "An exact amount of money and a named source, the council’s 2025 budget report, make this checkable.".to_owned(),
                    signals: vec![
                        "$185,000".to_owned(),
                        "according to its 2025 budget report".to_owned(),
                    ],
                    check: Some("Open the council’s 2025 budget report on the council website and find the line for the skate park.".to_owned()),
                }],
            },
        ],
    }
}

#[test]
fn a_sheet_with_bom_and_crlf_imports_to_the_expected_level() {
    let bytes = include_bytes!("fixtures/csv/good-bom-crlf.csv");
    // The fixture really is what Excel's "CSV UTF-8" writes.
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert!(bytes.windows(2).any(|pair| pair == b"\r\n"));

    let level = import_ok(bytes);
    assert_eq!(level, skate_park());

    // The RON that `import` writes passes `check` with nothing to report.
    let ron = level_to_ron(&level);
    let report = validate_source("good-bom-crlf.ron", &ron);
    let problems: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| d.one_line("good-bom-crlf.ron"))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}\n{ron}");
    assert_eq!(report.level.as_ref(), Some(&level));

    // import → export → import
    let again = import_ok(export_csv(&level).as_bytes());
    assert_eq!(again, level);
}

#[test]
fn a_misspelled_answer_is_reported_at_its_row_and_column() {
    let errors = import_errors(include_bytes!("fixtures/csv/bad-answer.csv"));
    assert_eq!(
        errors,
        vec![SheetError {
            row: 14,
            column: Some(4),
            column_name: Some("answer".to_owned()),
            message: "unknown answer \"Opnion\"".to_owned(),
            help: "use Fact, Opinion or Unsupported (did you mean Opinion?)".to_owned(),
        }]
    );
    assert_eq!(
        errors[0].one_line("bad-answer.csv"),
        "bad-answer.csv:14:D (answer): error: unknown answer \"Opnion\"; use Fact, Opinion or Unsupported (did you mean Opinion?)"
    );
    assert_eq!(
        errors[0].to_string(),
        "row 14, column D (answer): unknown answer \"Opnion\""
    );
}

#[test]
fn a_missing_required_column_is_named() {
    let errors = import_errors(include_bytes!("fixtures/csv/missing-column.csv"));
    assert_eq!(
        errors,
        vec![SheetError {
            row: 3,
            column: None,
            column_name: None,
            message: "the header row has no \"explanation\" column".to_owned(),
            help: "add a column named explanation; the header row is: passage_heading, passage, statement, answer, also, explanation, signals, check".to_owned(),
        }]
    );
    assert_eq!(
        errors[0].one_line("missing-column.csv"),
        "missing-column.csv:3: error: the header row has no \"explanation\" column; add a column named explanation; the header row is: passage_heading, passage, statement, answer, also, explanation, signals, check"
    );
}

#[test]
fn an_unknown_metadata_key_suggests_the_closest_one() {
    let errors = import_errors(include_bytes!("fixtures/csv/unknown-metadata.csv"));
    assert_eq!(
        errors,
        vec![SheetError {
            row: 2,
            column: Some(1),
            column_name: None,
            message: "unknown metadata key \"#sumary\"".to_owned(),
            help: "did you mean #summary? The keys are: #title, #summary, #source_title, #source_author, #source_published, #source_url, #source_kind, #grade, #language".to_owned(),
        }]
    );
    assert!(
        errors[0]
            .one_line("unknown-metadata.csv")
            .starts_with("unknown-metadata.csv:2:A: error: unknown metadata key \"#sumary\"; did you mean #summary?"),
        "{}",
        errors[0].one_line("unknown-metadata.csv")
    );
}

#[test]
fn a_sheet_saved_in_a_legacy_encoding_asks_for_utf8() {
    let errors = import_errors(include_bytes!("fixtures/csv/windows-1252.csv"));
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let error = &errors[0];
    assert_eq!((error.row, error.column), (2, Some(2)));
    assert_eq!(error.message, "this cell is not UTF-8 text");
    assert!(error.help.contains("CSV UTF-8"), "{}", error.help);
}
