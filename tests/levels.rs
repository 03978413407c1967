//! The shipped level library: every file passes `check` with no errors and
//! no warnings, the library meets its content targets, and the catalog
//! matches the files.

use fact_sorter::level::{Category, Level};
use fact_sorter::library::{level_files, read_level};
use fact_sorter::validate::LevelReport;
use std::path::{Path, PathBuf};

fn shipped() -> Vec<LevelReport> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("levels");
    let reports: Vec<LevelReport> = level_files(&[dir]).iter().map(|p| read_level(p)).collect();
    assert!(!reports.is_empty(), "no levels found");
    reports
}

fn file_name(report: &LevelReport) -> String {
    PathBuf::from(&report.file)
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

#[test]
fn every_shipped_level_passes_check_without_warnings() {
    for report in shipped() {
        let problems: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| d.one_line(&report.file))
            .collect();
        assert!(problems.is_empty(), "{problems:#?}");
        assert!(report.level.is_some());
    }
}

#[test]
fn library_meets_its_content_targets() {
    let levels: Vec<(String, Level)> = shipped()
        .into_iter()
        .map(|r| (file_name(&r), r.level.unwrap()))
        .collect();
    assert!(levels.len() >= 11, "{} levels", levels.len());
    let statements: Vec<_> = levels.iter().flat_map(|(_, l)| l.statements()).collect();
    assert!(statements.len() >= 180, "{} statements", statements.len());
    for category in Category::ALL {
        let share = statements.iter().filter(|s| s.answer == category).count() as f64
            / statements.len() as f64;
        assert!((0.25..=0.40).contains(&share), "{category}: {share:.2}");
    }
    let with_also = statements.iter().filter(|s| !s.also.is_empty()).count();
    assert!(
        with_also * 10 >= statements.len(),
        "only {with_also} use `also`"
    );
    for (file, level) in &levels {
        let counts = level.category_counts();
        assert!(counts.iter().all(|&c| c >= 3), "{file}: {counts:?}");
        for s in level.statements() {
            let words = s.explanation.split_whitespace().count();
            assert!(
                (15..=60).contains(&words),
                "{file}: {words} words: {}",
                s.text
            );
            if s.answer == Category::Fact {
                assert!(s.check.is_some(), "{file}: Fact without check: {}", s.text);
            }
            assert!(!s.signals.is_empty(), "{file}: no signal: {}", s.text);
        }
    }
    let grade = |band: &str| {
        levels
            .iter()
            .filter(|(_, l)| l.grade.as_deref() == Some(band))
            .count()
    };
    assert!(grade("5-8") >= 3 && grade("9-12") >= 3);
}

#[test]
fn catalog_matches_the_level_files() {
    let catalog =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("levels/CATALOG.md"))
            .unwrap();
    let rows: Vec<Vec<String>> = catalog
        .lines()
        .filter(|line| line.starts_with("| `"))
        .map(|line| {
            line.trim_matches('|')
                .split('|')
                .map(|cell| cell.trim().to_owned())
                .collect()
        })
        .collect();
    let reports = shipped();
    assert_eq!(rows.len(), reports.len(), "one catalog row per level file");
    for (row, report) in rows.iter().zip(&reports) {
        let level = report.level.as_ref().unwrap();
        let [f, o, u] = level.category_counts();
        let expected = vec![
            format!("`{}`", file_name(report)),
            level.title.clone(),
            level.source.kind.clone().unwrap_or_default(),
            level.grade.clone().unwrap_or_default(),
            level.statement_count().to_string(),
            format!("{f} / {o} / {u}"),
        ];
        assert_eq!(row, &expected, "levels/CATALOG.md row for {}", report.file);
    }
}

#[test]
fn the_authoring_guide_example_passes_check() {
    let guide =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("levels/README.md"))
            .unwrap();
    let section = guide
        .split("## A complete example to copy")
        .nth(1)
        .expect("the guide has its example section");
    let example = section
        .split("```ron")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the example is a ```ron block");
    let report = fact_sorter::validate::load_level("guide-example.ron", example.as_bytes());
    let problems: Vec<String> = report
        .diagnostics
        .iter()
        .map(|d| d.one_line("guide"))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    let level = report.level.unwrap();
    assert!(level.category_counts().iter().all(|&c| c >= 2));
}

#[test]
fn the_guide_trial_level_passes_check_and_its_draft_does_not() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/guide-trial");
    let finished = fact_sorter::library::read_level(&dir.join("school-lunch.ron"));
    let problems: Vec<String> = finished
        .diagnostics
        .iter()
        .map(|d| d.one_line(&finished.file))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(finished.level.unwrap().statement_count() >= 10);
    let draft = fact_sorter::library::read_level(&dir.join("school-lunch.draft.ron"));
    assert!(draft.has_errors());
    assert!(
        draft
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .all(|d| d.message.contains("TODO")),
        "a fresh draft fails only on its TODOs"
    );
}
