//! The `fact-sorter` command line: play (the default), and the teacher tools
//! such as `check`.

use crate::diagnostic::{Diagnostic, render};
use crate::level::Category;
use crate::library::{level_files, read_level};
use crate::tools;
use crate::validate::LevelReport;
use clap::{Parser, Subcommand, ValueEnum};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream, WriteColor};
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Fact Sorter: sort statements from real articles into fact, opinion or unsupported claim.
#[derive(Debug, Parser)]
#[command(name = "fact-sorter", version, about)]
pub struct Cli {
    /// Seed for the statement order; the same seed gives the same order.
    #[arg(long, global = true)]
    pub seed: Option<u64>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Play one level file (instead of the levels in `levels/`).
    Play {
        /// The `.ron` level file.
        file: PathBuf,
    },
    /// Check level files for mistakes and print each with its line and column.
    Check {
        /// Level files or folders [default: levels/].
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Write a small, commented sample level to start from (it passes `check`).
    New {
        /// Where to write it, for example `levels/my-article.ron`.
        path: PathBuf,
        /// Replace the file if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Write a level as a spreadsheet (CSV) to edit in Excel, LibreOffice or Google Sheets.
    Export {
        /// The `.ron` level file.
        level: PathBuf,
        /// The CSV file to write.
        #[arg(long, value_name = "OUT.csv")]
        csv: PathBuf,
        /// Replace the CSV file if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Turn a spreadsheet (CSV, as `export` writes it) back into a level file.
    Import {
        /// The CSV file.
        csv: PathBuf,
        /// The `.ron` level file to write.
        #[arg(long, value_name = "LEVEL.ron")]
        out: PathBuf,
        /// Replace the level file if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Draft a level from a plain-text article: passages, sentences and suggested categories, with TODOs to finish.
    Draft {
        /// The article as plain text (paragraphs separated by blank lines).
        article: PathBuf,
        /// The `.ron` level file to write.
        #[arg(long, value_name = "LEVEL.ron")]
        out: PathBuf,
        /// The level title (default: the article's first heading).
        #[arg(long)]
        title: Option<String>,
        /// The article's title, for the level's source.
        #[arg(long)]
        source: Option<String>,
        /// Replace the level file if it already exists.
        #[arg(long)]
        force: bool,
    },
    /// Stress-test the results file (used by tests/results.rs).
    #[command(hide = true)]
    ResultsStress {
        path: PathBuf,
        #[arg(long, default_value_t = 1000)]
        rounds: usize,
    },
    /// (Re)write DIR/index.ron, the level list the web build reads.
    Index {
        /// The folder of level files, for example `dist/levels`.
        dir: PathBuf,
    },
}

/// How `check` prints its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Messages with the source line, a caret and a help line.
    Text,
    /// One JSON document for editors, CI and spreadsheets.
    Json,
}

/// What the game needs from the command line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlayOptions {
    /// Play only this file.
    pub file: Option<PathBuf>,
    pub seed: Option<u64>,
}

/// Runs the command line. `play` starts the game through `play`, which is
/// passed in so that this module stays free of Bevy.
pub fn run(cli: Cli, play: impl FnOnce(PlayOptions) -> ExitCode) -> ExitCode {
    match cli.command {
        None => play(PlayOptions {
            file: None,
            seed: cli.seed,
        }),
        Some(Command::Play { file }) => play(PlayOptions {
            file: Some(file),
            seed: cli.seed,
        }),
        Some(Command::Check { paths, format }) => check(&paths, format),
        Some(Command::Index { dir }) => index(&dir),
        Some(Command::ResultsStress { path, rounds }) => report(
            crate::results::stress_writer(&path, rounds)
                .map(|()| String::new())
                .map_err(|e| e.to_string()),
        ),
        Some(Command::New { path, force }) => report(tools::new_level(&path, force)),
        Some(Command::Export { level, csv, force }) => report(tools::export(&level, &csv, force)),
        Some(Command::Import { csv, out, force }) => report(tools::import(&csv, &out, force)),
        Some(Command::Draft {
            article,
            out,
            title,
            source,
            force,
        }) => report(tools::draft(
            &article,
            &out,
            &crate::draft::DraftOptions {
                title,
                source_title: source,
            },
            force,
        )),
    }
}

/// Prints what a teacher tool did, or why it failed.
fn report(outcome: Result<String, String>) -> ExitCode {
    match outcome {
        Ok(done) => {
            println!("{done}");
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("fact-sorter: {problem}");
            ExitCode::FAILURE
        }
    }
}

/// `fact-sorter index DIR`.
pub fn index(dir: &std::path::Path) -> ExitCode {
    if !dir.is_dir() {
        eprintln!("fact-sorter: {} is not a folder", dir.display());
        return ExitCode::FAILURE;
    }
    match crate::library::LevelIndex::write_for_folder(dir) {
        Ok(index) => {
            println!(
                "wrote {} listing {} level files",
                dir.join(crate::library::MANIFEST_FILE).display(),
                index.levels.len()
            );
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!(
                "fact-sorter: cannot write the index in {}: {err}",
                dir.display()
            );
            ExitCode::FAILURE
        }
    }
}

/// `fact-sorter check`: exit code 1 when any level has an error.
pub fn check(paths: &[PathBuf], format: Format) -> ExitCode {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("levels")]
    } else {
        paths.to_vec()
    };
    let reports: Vec<LevelReport> = level_files(&paths).iter().map(|p| read_level(p)).collect();
    let written = match format {
        Format::Text => {
            // Colour only for a person at a terminal, never in files or pipes.
            let color = if std::io::stdout().is_terminal() {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            };
            let mut out = StandardStream::stdout(color);
            write_text(&mut out, &reports)
        }
        Format::Json => {
            let mut out = std::io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &JsonReport::new(&reports))
                .map_err(std::io::Error::other)
                .and_then(|()| writeln!(out))
        }
    };
    if let Err(err) = written {
        eprintln!("fact-sorter: cannot write the report: {err}");
        return ExitCode::from(2);
    }
    if reports.is_empty() || reports.iter().any(LevelReport::has_errors) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Every diagnostic, then `4 levels ok, 1 with errors, 3 warnings`.
pub fn write_text(out: &mut dyn WriteColor, reports: &[LevelReport]) -> std::io::Result<()> {
    for report in reports {
        render(out, &report.file, &report.source, &report.diagnostics)?;
    }
    writeln!(out, "{}", summary_line(reports))
}

/// The one-line summary printed at the end of `check`.
pub fn summary_line(reports: &[LevelReport]) -> String {
    if reports.is_empty() {
        return "no level files found (levels are `.ron` files)".to_owned();
    }
    let broken = reports.iter().filter(|r| r.has_errors()).count();
    let warnings: usize = reports.iter().map(LevelReport::warning_count).sum();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{} ok, {broken} with errors, {}",
        plural(reports.len() - broken, "level"),
        plural(warnings, "warning")
    )
}

/// The JSON document printed by `check --format json`.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    pub summary: JsonSummary,
    pub levels: Vec<JsonLevel<'a>>,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Debug, Serialize)]
pub struct JsonSummary {
    pub levels: usize,
    pub ok: usize,
    pub with_errors: usize,
    pub warnings: usize,
    pub statements: usize,
}

#[derive(Debug, Serialize)]
pub struct JsonLevel<'a> {
    pub file: &'a str,
    pub ok: bool,
    pub title: Option<&'a str>,
    pub grade: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub passages: usize,
    pub statement_count: usize,
    /// Statements per main answer.
    pub categories: JsonCounts,
    pub statements: Vec<JsonStatement<'a>>,
}

#[derive(Debug, Default, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct JsonCounts {
    pub fact: usize,
    pub opinion: usize,
    pub unsupported: usize,
}

#[derive(Debug, Serialize)]
pub struct JsonStatement<'a> {
    pub passage: usize,
    pub text: &'a str,
    pub answer: Category,
    pub also: &'a [Category],
    pub signals: &'a [String],
    pub has_check: bool,
    pub explanation_words: usize,
}

#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    pub file: &'a str,
    #[serde(flatten)]
    pub diagnostic: &'a Diagnostic,
}

impl<'a> JsonReport<'a> {
    pub fn new(reports: &'a [LevelReport]) -> JsonReport<'a> {
        let levels: Vec<JsonLevel> = reports.iter().map(JsonLevel::new).collect();
        JsonReport {
            summary: JsonSummary {
                levels: reports.len(),
                ok: reports.iter().filter(|r| !r.has_errors()).count(),
                with_errors: reports.iter().filter(|r| r.has_errors()).count(),
                warnings: reports.iter().map(LevelReport::warning_count).sum(),
                statements: levels.iter().map(|l| l.statement_count).sum(),
            },
            levels,
            diagnostics: reports
                .iter()
                .flat_map(|report| {
                    report.diagnostics.iter().map(|diagnostic| JsonDiagnostic {
                        file: &report.file,
                        diagnostic,
                    })
                })
                .collect(),
        }
    }
}

impl<'a> JsonLevel<'a> {
    fn new(report: &'a LevelReport) -> JsonLevel<'a> {
        let level = report.level.as_ref();
        let statements: Vec<JsonStatement> = level
            .into_iter()
            .flat_map(|level| level.passages.iter().enumerate())
            .flat_map(|(passage, p)| {
                p.statements.iter().map(move |s| JsonStatement {
                    passage,
                    text: &s.text,
                    answer: s.answer,
                    also: &s.also,
                    signals: &s.signals,
                    has_check: s.check.as_deref().is_some_and(|c| !c.trim().is_empty()),
                    explanation_words: crate::text::word_count(&s.explanation),
                })
            })
            .collect();
        let counts = level.map(|l| l.category_counts()).unwrap_or_default();
        JsonLevel {
            file: &report.file,
            ok: !report.has_errors(),
            title: level.map(|l| l.title.as_str()),
            grade: level.and_then(|l| l.grade.as_deref()),
            kind: level.and_then(|l| l.source.kind.as_deref()),
            passages: level.map_or(0, |l| l.passages.len()),
            statement_count: statements.len(),
            categories: JsonCounts {
                fact: counts[Category::Fact.index()],
                opinion: counts[Category::Opinion.index()],
                unsupported: counts[Category::Unsupported.index()],
            },
            statements,
        }
    }
}
