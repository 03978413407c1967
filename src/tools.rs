//! The teacher tools behind `new`, `export`, `import` and `draft`: each
//! reads and writes files and returns a sentence saying what it did, or
//! what went wrong and how to fix it.

use std::path::Path;

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
