//! The `fact-sorter` binary, run the way a teacher or CI runs it.

use std::path::Path;
use std::process::{Command, Output};

fn fact_sorter(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fact-sorter"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

#[test]
fn check_reports_file_line_col_and_exits_1_on_a_broken_level() {
    let output = fact_sorter(&[
        "check",
        "tests/fixtures/invalid/unknown-category.ron",
        "levels/local-news-library.ron",
    ]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("error: unknown category `Opinon`"), "{text}");
    assert!(
        text.contains("tests/fixtures/invalid/unknown-category.ron:9:68"),
        "{text}"
    );
    assert!(text.contains("help: did you mean `Opinion`?"), "{text}");
    assert!(
        text.trim_end()
            .ends_with("1 level ok, 1 with errors, 0 warnings"),
        "{text}"
    );
}

#[test]
fn check_of_the_shipped_levels_exits_0() {
    let output = fact_sorter(&["check"]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(
        text.contains("levels ok, 0 with errors, 0 warnings"),
        "{text}"
    );
}

#[test]
fn check_json_lists_levels_statements_and_diagnostics() {
    let output = fact_sorter(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/invalid/no-passages.ron",
        "tests/fixtures/invalid/warnings.ron",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["summary"]["levels"], 2);
    assert_eq!(json["summary"]["with_errors"], 1);
    assert_eq!(json["summary"]["warnings"], 2);
    let warnings = &json["levels"][1];
    assert_eq!(warnings["title"], "The bridge");
    assert_eq!(warnings["ok"], true);
    assert_eq!(warnings["categories"]["Fact"], 1);
    assert_eq!(warnings["statements"][0]["answer"], "Fact");
    assert_eq!(warnings["statements"][0]["also"], serde_json::json!([]));
    assert_eq!(json["levels"][0]["ok"], false);
    let first = &json["diagnostics"][0];
    assert!(first["file"].as_str().unwrap().ends_with("no-passages.ron"));
    assert_eq!(first["severity"], "error");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(5), Some(15))
    );
    assert!(first["help"].as_str().unwrap().contains("Passage("));
}

#[test]
fn check_of_a_missing_path_is_an_error_not_a_crash() {
    let output = fact_sorter(&["check", "levels/no-such-level.ron"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("cannot read the file"));
    assert!(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("levels")
            .is_dir()
    );
}

#[test]
fn index_writes_the_manifest_of_a_level_folder() {
    let dir = std::env::temp_dir().join(format!("fact-sorter-cli-index-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["local-news-library.ron", "ad-smart-bottle.ron"] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("levels")
                .join(name),
            dir.join(name),
        )
        .unwrap();
    }
    let output = fact_sorter(&["index", &dir.display().to_string()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("listing 2 level files"));
    let text = std::fs::read_to_string(dir.join("index.ron")).unwrap();
    let index = fact_sorter::library::LevelIndex::parse(&text).unwrap();
    assert_eq!(
        index.levels,
        vec!["ad-smart-bottle.ron", "local-news-library.ron"]
    );
    let missing = fact_sorter(&["index", "no/such/folder"]);
    assert_eq!(missing.status.code(), Some(1));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn new_writes_a_sample_level_that_passes_check_and_never_overwrites() {
    let dir = std::env::temp_dir().join(format!("fact-sorter-new-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    let path = dir.join("my-level.ron");
    let path_text = path.to_str().unwrap();
    let output = fact_sorter(&["new", path_text]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("fact-sorter check"));

    let checked = fact_sorter(&["check", path_text]);
    assert_eq!(checked.status.code(), Some(0), "{}", stdout(&checked));
    assert!(stdout(&checked).contains("1 level ok, 0 with errors, 0 warnings"));

    // A second `new` must not destroy the teacher's work.
    std::fs::write(&path, "my edits").unwrap();
    let again = fact_sorter(&["new", path_text]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my edits");
    let forced = fact_sorter(&["new", "--force", path_text]);
    assert_eq!(forced.status.code(), Some(0));
    assert_ne!(std::fs::read_to_string(&path).unwrap(), "my edits");
    std::fs::remove_dir_all(dir).ok();
}

/// A fresh folder under the system temp dir, for one test.
fn temp_folder(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("fact-sorter-cli-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn export_then_import_gives_back_the_same_level() {
    let dir = temp_folder("sheet");
    let csv = dir.join("level.csv");
    let ron = dir.join("level.ron");
    let exported = fact_sorter(&[
        "export",
        "levels/science-sleep-study.ron",
        "--csv",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(exported.status.code(), Some(0), "{}", stderr(&exported));
    let imported = fact_sorter(&[
        "import",
        csv.to_str().unwrap(),
        "--out",
        ron.to_str().unwrap(),
    ]);
    assert_eq!(imported.status.code(), Some(0), "{}", stderr(&imported));
    assert!(stdout(&imported).contains("1 level ok, 0 with errors, 0 warnings"));
    let original = fact_sorter::library::read_level(Path::new("levels/science-sleep-study.ron"));
    let again = fact_sorter::library::read_level(&ron);
    assert!(original.level.is_some());
    assert_eq!(again.level, original.level);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn import_reports_a_bad_answer_at_its_row_and_column_and_writes_nothing() {
    let dir = temp_folder("bad-answer");
    let ron = dir.join("level.ron");
    let output = fact_sorter(&[
        "import",
        "tests/fixtures/csv/bad-answer.csv",
        "--out",
        ron.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains(
            "tests/fixtures/csv/bad-answer.csv:14:D (answer): error: unknown answer \"Opnion\""
        ),
        "{text}"
    );
    assert!(!ron.exists());
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_draft_is_written_but_check_rejects_it_until_the_todos_are_done() {
    let dir = temp_folder("draft");
    let ron = dir.join("draft.ron");
    let output = fact_sorter(&[
        "draft",
        "tests/fixtures/draft/article.txt",
        "--out",
        ron.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(
        stdout(&output).contains("8 statements"),
        "{}",
        stdout(&output)
    );
    let checked = fact_sorter(&["check", ron.to_str().unwrap()]);
    assert_eq!(checked.status.code(), Some(1));
    let text = stdout(&checked);
    assert!(text.contains("the explanation still says TODO"), "{text}");
    assert!(text.contains("0 levels ok, 1 with errors"), "{text}");
    std::fs::remove_dir_all(dir).ok();
}
