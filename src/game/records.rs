//! Results for the teacher. When a round ends, one row per answered
//! statement is saved: on desktop, appended to `results.csv` in the OS data
//! folder (atomically, see [`crate::results`]); on the web, kept for this
//! session and offered as a CSV download. Nothing ever leaves the device
//! unless the player saves or downloads it.

use super::Screen;
use super::gameplay::ActiveRound;
use super::levels::LevelCatalog;
use crate::results::{self, ResultRow, SaveOutcome};
use bevy::prelude::*;
use std::path::PathBuf;

/// Overrides the folder results are saved in (tests, the smoke test, and
/// teachers who want results on a shared drive).
pub const DATA_DIR_ENV: &str = "FACT_SORTER_DATA_DIR";

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<PlayerName>();
    app.init_resource::<ResultsStore>();
    app.init_resource::<LastSave>();
    // Before the results screen is built, so it can say where they went.
    app.add_systems(OnExit(Screen::Play), save_round_results);
}

/// The player's name or class code, remembered for this session only.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct PlayerName(pub String);

/// Where results go, and the rows of this session (the web download, and
/// rows still waiting for a save that failed).
#[derive(Resource, Debug, Clone)]
pub struct ResultsStore {
    /// The results file; `None` on the web, or when no data folder exists.
    pub file: Option<PathBuf>,
    /// Every row of this session, in order.
    pub session: Vec<ResultRow>,
    /// Rows not yet in the file because a save failed; retried next round.
    pub unsaved: Vec<ResultRow>,
}

impl Default for ResultsStore {
    fn default() -> Self {
        ResultsStore {
            file: results_folder().map(|dir| dir.join(results::RESULTS_FILE)),
            session: Vec::new(),
            unsaved: Vec::new(),
        }
    }
}

/// The platform's data folder for the game (or `FACT_SORTER_DATA_DIR`).
#[cfg(not(target_arch = "wasm32"))]
pub fn results_folder() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "Fact Sorter", "fact-sorter")
        .map(|dirs| dirs.data_dir().to_path_buf())
}

#[cfg(target_arch = "wasm32")]
pub fn results_folder() -> Option<PathBuf> {
    None
}

/// What happened to the last round's results, for the results screen.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub enum LastSave {
    #[default]
    Nothing,
    /// Saved in the file; `notice` says if an unreadable old file was kept aside.
    Saved {
        file: PathBuf,
        rows: usize,
        notice: Option<String>,
    },
    /// Kept for this session only: offered as a download (web).
    SessionOnly { rows: usize },
    /// The save failed; the rows are kept and tried again after the next round.
    Failed { error: String },
}

/// The wall clock, also in the browser (where `SystemTime::now` panics).
fn now() -> std::time::SystemTime {
    #[cfg(target_arch = "wasm32")]
    {
        let millis = js_sys::Date::now().max(0.0) as u64;
        std::time::UNIX_EPOCH + std::time::Duration::from_millis(millis)
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        std::time::SystemTime::now()
    }
}

fn save_round_results(
    active: Option<Res<ActiveRound>>,
    catalog: Res<LevelCatalog>,
    player: Res<PlayerName>,
    mut store: ResMut<ResultsStore>,
    mut last: ResMut<LastSave>,
) {
    // Only finished rounds: leaving through the menu saves nothing.
    let Some(active) = active.filter(|active| active.round.current().is_none()) else {
        return;
    };
    let level_file = catalog
        .entries
        .get(active.entry)
        .map_or_else(String::new, |entry| entry.file.clone());
    let rows = results::rows_for_round(&active.round, &player.0, &level_file, now());
    let count = rows.len();
    store.session.extend(rows.iter().cloned());
    let Some(file) = store.file.clone() else {
        *last = LastSave::SessionOnly {
            rows: store.session.len(),
        };
        return;
    };
    let mut pending = std::mem::take(&mut store.unsaved);
    pending.extend(rows);
    let saved = file
        .parent()
        .map_or(Ok(()), std::fs::create_dir_all)
        .map_err(|err| err.to_string())
        .and_then(|()| results::save_rows(&file, &pending).map_err(|err| err.to_string()));
    *last = match saved {
        Ok(outcome) => {
            let notice = outcome.notice();
            if let SaveOutcome::StartedFresh { kept_aside } = &outcome {
                warn!(
                    "results file was unreadable; kept aside as {}",
                    kept_aside.display()
                );
            }
            LastSave::Saved {
                file,
                rows: count,
                notice,
            }
        }
        Err(error) => {
            warn!("could not save results: {error}");
            store.unsaved = pending;
            LastSave::Failed { error }
        }
    };
}

/// Opens the folder holding the results file in the system's file manager.
#[cfg(not(target_arch = "wasm32"))]
pub fn open_folder(folder: &std::path::Path) -> std::io::Result<()> {
    let program = if cfg!(target_os = "windows") {
        "explorer"
    } else if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program)
        .arg(folder)
        .spawn()
        .map(|_| ())
}

/// Offers this session's results as a CSV download (web). The file is made
/// in the browser; nothing is sent anywhere.
pub fn download_session_csv(rows: &[ResultRow]) {
    let Ok(bytes) = results::to_csv(rows) else {
        return;
    };
    let dialog = rfd::AsyncFileDialog::new()
        .set_file_name("fact-sorter-results.csv")
        .add_filter("CSV", &["csv"]);
    bevy::tasks::IoTaskPool::get()
        .spawn(async move {
            if let Some(file) = dialog.save_file().await
                && let Err(err) = file.write(&bytes).await
            {
                warn!("could not save the results: {err}");
            }
        })
        .detach();
}
