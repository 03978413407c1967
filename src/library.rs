//! Finding and reading level files on disk: the shared front door of
//! `fact-sorter check` and the desktop game.

use crate::diagnostic::{Diagnostic, LineIndex, Severity};
use crate::validate::{LevelReport, MAX_FILE_BYTES, load_level, parse_ron, ron_options};
use serde::{Deserialize, Serialize};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The file name of the web level manifest, which is not itself a level.
pub const MANIFEST_FILE: &str = "index.ron";

/// The `.ron` level files named by `paths`: files as given, folders scanned
/// (not recursively) and sorted by name. Missing paths are returned as they
/// are, so that reading them reports the problem.
pub fn level_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .map(|entry| entry.path())
                        .filter(|p| is_level_file(p))
                        .collect()
                })
                .unwrap_or_default();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// Whether `path` looks like a level: `*.ron`, and not the manifest.
pub fn is_level_file(path: &Path) -> bool {
    path.is_file()
        && path.extension().is_some_and(|ext| ext == "ron")
        && path.file_name().is_some_and(|name| name != MANIFEST_FILE)
}

/// Reads and validates one level file. Oversized files are not read whole.
pub fn read_level(path: &Path) -> LevelReport {
    let name = path.display().to_string();
    let mut bytes = Vec::new();
    let read = std::fs::File::open(path).and_then(|file| {
        // One byte past the limit is enough to report "too large".
        file.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes)
    });
    match read {
        Ok(_) => load_level(&name, &bytes),
        Err(err) => LevelReport::unreadable(&name, &err.to_string()),
    }
}

/// The web build's list of level files (`levels/index.ron`): a browser
/// cannot list a folder, so the game reads this instead.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LevelIndex {
    /// File names inside the same folder, in play order.
    pub levels: Vec<String>,
}

impl LevelIndex {
    /// Every level file in `dir`, by name.
    pub fn of_folder(dir: &Path) -> LevelIndex {
        let levels = level_files(&[dir.to_path_buf()])
            .iter()
            .filter_map(|path| path.file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .collect();
        LevelIndex { levels }
    }

    pub fn parse(text: &str) -> Result<LevelIndex, ron::error::SpannedError> {
        ron_options().from_str(text)
    }

    /// Reads a manifest the way the game does: syntax errors, and entries
    /// that cannot be level files, come back as a report with line and column.
    pub fn load(file: &str, bytes: &[u8]) -> Result<LevelIndex, Box<LevelReport>> {
        let index: LevelIndex = parse_ron(file, bytes)?;
        match index.levels.iter().find(|name| !is_plain_level_name(name)) {
            None => Ok(index),
            Some(bad) => {
                let source = String::from_utf8_lossy(bytes).into_owned();
                let quoted = format!("\"{bad}\"");
                let start = source.find(&quoted).unwrap_or(0);
                let lines = LineIndex::new(&source);
                let (line, column) = lines.line_col(&source, start);
                Err(Box::new(LevelReport {
                    file: file.to_owned(),
                    level: None,
                    diagnostics: vec![Diagnostic {
                        severity: Severity::Error,
                        message: format!("`{bad}` is not the name of a level file in this folder"),
                        line,
                        column,
                        label: "not a level file name".to_owned(),
                        help: format!(
                            "list only `.ron` file names from this folder (no folders), or run `fact-sorter index` on the folder to rewrite {MANIFEST_FILE}"
                        ),
                        span: start..start + quoted.len(),
                    }],
                    source,
                }))
            }
        }
    }

    /// The manifest file's text, with a comment saying how to refresh it.
    pub fn to_ron(&self) -> String {
        let mut out = String::from(
            "// The level list for the web build, written by `fact-sorter index`.\n\
             // After adding or removing a level file here, run `fact-sorter index` on this folder again.\n\
             LevelIndex(\n    levels: [\n",
        );
        for level in &self.levels {
            out.push_str(&format!(
                "        {},\n",
                ron::to_string(level).unwrap_or_else(|_| format!("{level:?}"))
            ));
        }
        out.push_str("    ],\n)\n");
        out
    }

    /// (Re)writes `dir/index.ron` from the level files in `dir`.
    pub fn write_for_folder(dir: &Path) -> std::io::Result<LevelIndex> {
        let index = LevelIndex::of_folder(dir);
        let path = dir.join(MANIFEST_FILE);
        // Write beside, then rename: a half-written manifest is never served.
        let temporary = dir.join(format!("{MANIFEST_FILE}.tmp"));
        std::fs::write(&temporary, index.to_ron())?;
        std::fs::rename(&temporary, path)?;
        Ok(index)
    }
}

/// A level file name in the same folder: `name.ron`, not the manifest, no path.
fn is_plain_level_name(name: &str) -> bool {
    let path = Path::new(name);
    path.components().count() == 1
        && !name.contains(['/', '\\'])
        && name != MANIFEST_FILE
        && path.extension().is_some_and(|ext| ext == "ron")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_lists_level_files_and_round_trips() {
        let dir = std::env::temp_dir().join(format!("fact-sorter-index-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for name in ["b.ron", "a.ron", "notes.txt"] {
            std::fs::write(dir.join(name), "").unwrap();
        }
        let index = LevelIndex::write_for_folder(&dir).unwrap();
        assert_eq!(index.levels, vec!["a.ron", "b.ron"]);
        let text = std::fs::read_to_string(dir.join(MANIFEST_FILE)).unwrap();
        assert_eq!(LevelIndex::parse(&text).unwrap(), index);
        // Running it again does not list the index itself.
        assert_eq!(LevelIndex::write_for_folder(&dir).unwrap(), index);
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn manifest_errors_point_at_the_line_and_column() {
        let file = "levels/index.ron";
        let ok = LevelIndex::load(file, b"LevelIndex(levels: [\"a.ron\"])").unwrap();
        assert_eq!(ok.levels, vec!["a.ron"]);

        let syntax = LevelIndex::load(file, b"LevelIndex(\n  levels: [\"a.ron\" \"b.ron\"],\n)")
            .unwrap_err();
        let first = syntax.first_error().unwrap();
        assert_eq!((first.line, first.column), (2, 20), "{}", first.message);

        for bad in ["../secret.ron", "notes.txt", "index.ron", "sub/level.ron"] {
            let text =
                format!("LevelIndex(\n  levels: [\n    \"a.ron\",\n    \"{bad}\",\n  ],\n)\n");
            let report = LevelIndex::load(file, text.as_bytes()).unwrap_err();
            let error = report.first_error().unwrap();
            assert_eq!((error.line, error.column), (4, 5), "{bad}");
            assert!(error.message.contains(bad), "{}", error.message);
        }
    }
}
