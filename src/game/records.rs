//! Results for the teacher. When a round ends, one row per answered
//! statement is saved: on desktop, appended to `results.csv` in the OS data
//! folder (atomically, see [`crate::results`]); on the web, kept for this
//! session and offered as a CSV download. Nothing ever leaves the device
//! unless the player saves or downloads it.
//!
//! On desktop the save runs on its own thread, so a slow disk or another
//! copy of the game holding the file's lock never freezes the screen; the
//! results screen says "Saving…" until it is done. Closing the game waits
//! for a save still running, so a round is never lost by quitting early.

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
    app.init_resource::<SaveInProgress>();
    // Before the results screen is built, so it can say where they went.
    app.add_systems(OnExit(Screen::Play), save_round_results);
    app.add_systems(
        Update,
        finish_save.run_if(|saving: Res<SaveInProgress>| saving.0.is_some()),
    );
    app.add_systems(Last, wait_for_save_on_exit);
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
    /// Being written to the file on another thread.
    Saving { rows: usize },
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
    mut saving: ResMut<SaveInProgress>,
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
    // One save at a time, in order: a save still running finishes first.
    if let Some(running) = saving.0.take() {
        let outcome = running.wait();
        outcome.apply(&mut store, &mut last);
    }
    let mut pending = std::mem::take(&mut store.unsaved);
    pending.extend(rows);
    *last = LastSave::Saving { rows: count };
    saving.0 = Some(RunningSave::start(file, pending, count));
}

/// The save running in the background, if any.
#[derive(Resource, Default)]
pub struct SaveInProgress(Option<RunningSave>);

/// A save of `rows` to `file`: on a thread on desktop, at once on the web
/// (where there are no threads, and no file either).
struct RunningSave {
    file: PathBuf,
    count: usize,
    pending: Vec<ResultRow>,
    #[cfg(not(target_arch = "wasm32"))]
    thread: std::thread::JoinHandle<Result<SaveOutcome, String>>,
    #[cfg(target_arch = "wasm32")]
    result: Result<SaveOutcome, String>,
}

impl RunningSave {
    fn start(file: PathBuf, pending: Vec<ResultRow>, count: usize) -> RunningSave {
        let rows = pending.clone();
        let target = file.clone();
        let save = move || {
            target
                .parent()
                .map_or(Ok(()), std::fs::create_dir_all)
                .map_err(|err| err.to_string())
                .and_then(|()| results::save_rows(&target, &rows).map_err(|err| err.to_string()))
        };
        RunningSave {
            file,
            count,
            pending,
            #[cfg(not(target_arch = "wasm32"))]
            thread: std::thread::spawn(save),
            #[cfg(target_arch = "wasm32")]
            result: save(),
        }
    }

    fn is_finished(&self) -> bool {
        #[cfg(not(target_arch = "wasm32"))]
        {
            self.thread.is_finished()
        }
        #[cfg(target_arch = "wasm32")]
        {
            true
        }
    }

    /// Blocks until the save is done.
    fn wait(self) -> FinishedSave {
        #[cfg(not(target_arch = "wasm32"))]
        let result = self
            .thread
            .join()
            .unwrap_or_else(|_| Err("the saving thread stopped unexpectedly".to_owned()));
        #[cfg(target_arch = "wasm32")]
        let result = self.result;
        FinishedSave {
            file: self.file,
            count: self.count,
            pending: self.pending,
            result,
        }
    }
}

struct FinishedSave {
    file: PathBuf,
    count: usize,
    pending: Vec<ResultRow>,
    result: Result<SaveOutcome, String>,
}

impl FinishedSave {
    /// Reports the outcome; rows that could not be saved are kept for the
    /// next round's save.
    fn apply(self, store: &mut ResultsStore, last: &mut LastSave) {
        *last = match self.result {
            Ok(outcome) => {
                if let SaveOutcome::StartedFresh { kept_aside } = &outcome {
                    warn!(
                        "results file was unreadable; kept aside as {}",
                        kept_aside.display()
                    );
                }
                info!(
                    "results: {} answers saved to {}",
                    self.count,
                    self.file.display()
                );
                LastSave::Saved {
                    file: self.file,
                    rows: self.count,
                    notice: outcome.notice(),
                }
            }
            Err(error) => {
                warn!("could not save results: {error}");
                let mut unsaved = self.pending;
                unsaved.append(&mut store.unsaved);
                store.unsaved = unsaved;
                LastSave::Failed { error }
            }
        };
    }
}

fn finish_save(
    mut saving: ResMut<SaveInProgress>,
    mut store: ResMut<ResultsStore>,
    mut last: ResMut<LastSave>,
) {
    if saving.0.as_ref().is_some_and(RunningSave::is_finished)
        && let Some(done) = saving.0.take()
    {
        done.wait().apply(&mut store, &mut last);
    }
}

/// Quitting right after a round: let the save finish before the game closes.
fn wait_for_save_on_exit(mut exit: MessageReader<AppExit>, mut saving: ResMut<SaveInProgress>) {
    if exit.read().next().is_some()
        && let Some(running) = saving.0.take()
    {
        let file = running.file.clone();
        match running.wait().result {
            Ok(_) => info!("results saved to {} before closing", file.display()),
            Err(error) => error!("results could not be saved before closing: {error}"),
        }
    }
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

/// Offers this session's results as a CSV download. The file is made on
/// the device; nothing is sent anywhere. On the web the browser downloads
/// it; on a desktop without a data folder a save dialog asks where.
pub fn download_session_csv(rows: &[ResultRow]) {
    let bytes = match results::to_csv(rows) {
        Ok(bytes) => bytes,
        Err(err) => {
            warn!("could not make the results file: {err}");
            return;
        }
    };
    #[cfg(target_arch = "wasm32")]
    match super::browser::download(DOWNLOAD_NAME, "text/csv", &bytes) {
        Ok(()) => info!("results: {} answers offered as {DOWNLOAD_NAME}", rows.len()),
        Err(err) => warn!("could not download the results: {err}"),
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let dialog = rfd::AsyncFileDialog::new()
            .set_file_name(DOWNLOAD_NAME)
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
}

/// The name offered for downloaded results.
pub const DOWNLOAD_NAME: &str = "fact-sorter-results.csv";
