//! Finding and reading level files on disk: the shared front door of
//! `fact-sorter check` and the desktop game.

use crate::validate::{LevelReport, MAX_FILE_BYTES, load_level};
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
