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
