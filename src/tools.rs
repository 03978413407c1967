//! The teacher tools behind `new`, `export`, `import` and `draft`: each
//! reads and writes files and returns a sentence saying what it did, or
//! what went wrong and how to fix it.

use crate::cli::write_text;
use crate::diagnostic::LineIndex;
use crate::draft::{Draft, DraftOptions};
use crate::level::{Category, Level};
use crate::library::read_level;
use crate::validate::{LevelReport, MAX_FILE_BYTES, parse_ron, validate_source};
use crate::write::level_to_ron;
use codespan_reporting::term::termcolor::NoColor;
use std::path::Path;

/// The largest spreadsheet or article the tools read (a level is far smaller).
const MAX_INPUT_BYTES: u64 = 8 * MAX_FILE_BYTES as u64;

/// The sample level `fact-sorter new` writes: small, commented, and valid.
pub const NEW_LEVEL_TEMPLATE: &str = include_str!("templates/new-level.ron");

/// `fact-sorter new PATH`.
pub fn new_level(path: &Path, force: bool) -> Result<String, String> {
    if path.extension().is_none_or(|ext| ext != "ron") {
        return Err(format!(
            "{} does not end in .ron; level files must, for example levels/my-article.ron",
            path.display()
        ));
    }
    write_new_file(path, NEW_LEVEL_TEMPLATE.as_bytes(), force)?;
    Ok(format!(
        "wrote {0}: a small sample level. Replace its article and statements with your own, then run: fact-sorter check {0}",
        path.display()
    ))
}

/// Writes `bytes` to `path` through a temporary file and a rename, so a
/// crash never leaves half a file. An existing file is only replaced with
/// `force`.
pub fn write_new_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), String> {
    if path.exists() && !force {
        return Err(format!(
            "{} already exists; choose another name, or add --force to replace it",
            path.display()
        ));
    }
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|err| format!("cannot create the folder {}: {err}", dir.display()))?;
    }
    let mut temporary = path.as_os_str().to_owned();
    temporary.push(".tmp");
    let temporary = Path::new(&temporary);
    std::fs::write(temporary, bytes)
        .and_then(|()| std::fs::rename(temporary, path))
        .map_err(|err| {
            std::fs::remove_file(temporary).ok();
            format!("cannot write {}: {err}", path.display())
        })
}

/// `fact-sorter export LEVEL.ron --csv OUT.csv`. Only a level without
/// errors is exported, so the sheet always imports again.
pub fn export(level: &Path, csv: &Path, force: bool) -> Result<String, String> {
    let report = read_level(level);
    // A level that reads but still breaks a rule (a draft with TODOs, say)
    // can be finished in the spreadsheet; one that does not read cannot.
    let parsed = match &report.level {
        Some(parsed) => parsed.clone(),
        None => parse_ron::<Level>(&report.file, report.source.as_bytes()).map_err(|_| {
            format!(
                "{} cannot be read as a level; fix these errors first:\n{}",
                level.display(),
                diagnostics_text(&report)
            )
        })?,
    };
    write_new_file(csv, crate::sheet::export_csv(&parsed).as_bytes(), force)?;
    let still = if report.has_errors() {
        format!(
            " The level still has {} error(s) (run fact-sorter check); fix them in the sheet.",
            report.diagnostics.iter().filter(|d| d.is_error()).count()
        )
    } else {
        String::new()
    };
    Ok(format!(
        "wrote {}: {}.{still} Open it in a spreadsheet, edit, save as CSV UTF-8, then run: fact-sorter import {} --out {} --force",
        csv.display(),
        sizes(&parsed),
        csv.display(),
        level.display()
    ))
}

/// "12 statements in 1 passage".
fn sizes(level: &Level) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{} in {}",
        plural(level.statement_count(), "statement"),
        plural(level.passages.len(), "passage")
    )
}

/// `fact-sorter import IN.csv --out LEVEL.ron`. Sheet errors point at the
/// spreadsheet's row and column and nothing is written. The level is then
/// checked like any other; it is written even with level errors (such as a
/// statement not found in its passage), so they can be fixed in either file.
pub fn import(csv: &Path, out: &Path, force: bool) -> Result<String, String> {
    let bytes = read_input(csv)?;
    let file = csv.display().to_string();
    let level = crate::sheet::import_csv(&bytes).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| e.one_line(&file)).collect();
        format!(
            "{} has {} problem{}; nothing was written:\n{}",
            file,
            errors.len(),
            if errors.len() == 1 { "" } else { "s" },
            lines.join("\n")
        )
    })?;
    let text = level_to_ron(&level);
    let report = validate_source(&out.display().to_string(), &text);
    write_new_file(out, text.as_bytes(), force)?;
    if report.has_errors() {
        return Err(format!(
            "wrote {}, but the level has errors (lines below are in that file; fix them there, or in the sheet and import again with --force):\n{}",
            out.display(),
            diagnostics_text(&report)
        ));
    }
    Ok(format!(
        "wrote {}: {}; {}",
        out.display(),
        sizes(&level),
        crate::cli::summary_line(std::slice::from_ref(&report))
    ))
}

/// `fact-sorter draft ARTICLE.txt --out LEVEL.ron`.
pub fn draft(
    article: &Path,
    out: &Path,
    options: &DraftOptions,
    force: bool,
) -> Result<String, String> {
    let bytes = read_input(article)?;
    let text = std::str::from_utf8(&bytes).map_err(|err| {
        let (line, column) = {
            let valid = String::from_utf8_lossy(&bytes[..err.valid_up_to()]).into_owned();
            LineIndex::new(&valid).line_col(&valid, valid.len())
        };
        format!(
            "{}:{line}:{column}: the file is not UTF-8 text; save it as plain text with the encoding UTF-8",
            article.display()
        )
    })?;
    let drafted = crate::draft::draft(text, options);
    if drafted.level.passages.is_empty() {
        return Err(format!(
            "{} has no sentences to sort (paragraphs are separated by blank lines)",
            article.display()
        ));
    }
    write_new_file(out, crate::draft::draft_to_ron(&drafted).as_bytes(), force)?;
    Ok(draft_summary(&drafted, out))
}

fn draft_summary(drafted: &Draft, out: &Path) -> String {
    let mut counts = [0; 3];
    for suggestion in &drafted.suggestions {
        counts[suggestion.category.index()] += 1;
    }
    let mix: Vec<String> = Category::ALL
        .iter()
        .map(|c| format!("{} {}", counts[c.index()], c.label()))
        .collect();
    format!(
        "wrote {}: {} with suggested categories ({}), {} headings, questions and fragments left out.\n\
         Every suggestion is a guess: read each statement, fix its answer, write the explanations marked TODO, delete statements not worth sorting, then run: fact-sorter check {}",
        out.display(),
        sizes(&drafted.level),
        mix.join(", "),
        drafted.skipped.len(),
        out.display()
    )
}

/// Reads a file the tools take as input, refusing very large ones.
fn read_input(path: &Path) -> Result<Vec<u8>, String> {
    let size = std::fs::metadata(path)
        .map_err(|err| format!("cannot read {}: {err}", path.display()))?
        .len();
    if size > MAX_INPUT_BYTES {
        return Err(format!(
            "{} is {} KiB; the most this tool reads is {} KiB. Split it into smaller files.",
            path.display(),
            size / 1024,
            MAX_INPUT_BYTES / 1024
        ));
    }
    std::fs::read(path).map_err(|err| format!("cannot read {}: {err}", path.display()))
}

/// A level's diagnostics as `check` prints them, without colour.
fn diagnostics_text(report: &LevelReport) -> String {
    let mut out = NoColor::new(Vec::new());
    if write_text(&mut out, std::slice::from_ref(report)).is_err() {
        return String::new();
    }
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}
