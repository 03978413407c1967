//! A scripted player for the real-window smoke test. When the environment
//! variable `FACT_SORTER_SMOKE` names a folder, the game plays the first
//! level by key presses, saves a screenshot of every screen there, and exits
//! (with an error if a screenshot was all one colour or never arrived).

use super::Screen;
use super::gameplay::{ActiveRound, PlayPhase};
use super::menu::Menu;
use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use bevy::window::PrimaryWindow;
use bevy::winit::WinitSettings;
use std::path::PathBuf;

/// The environment variable that turns the scripted player on.
pub const SMOKE_ENV: &str = "FACT_SORTER_SMOKE";

pub(super) fn plugin(app: &mut App) {
    let Some(dir) = std::env::var_os(SMOKE_ENV).map(PathBuf::from) else {
        return;
    };
    if let Err(err) = std::fs::create_dir_all(&dir) {
        panic!(
            "cannot create the screenshot folder {}: {err}",
            dir.display()
        );
    }
    // The scripted player needs frames even while nobody touches the window.
    app.insert_resource(WinitSettings::game());
    app.insert_resource(SmokeScript { dir, ..default() });
    app.add_systems(First, release_keys);
    app.add_systems(Update, drive_smoke_script.after(super::AppSystems::Update));
}

/// Where the scripted player is.
#[derive(Resource, Debug, Default)]
pub struct SmokeScript {
    dir: PathBuf,
    step: usize,
    /// Frames to wait before the next step.
    wait: u32,
    /// Frames spent waiting for the expected screen.
    stalled: u32,
    pending_shots: usize,
    /// Captures of the current screenshot step so far.
    shot_attempts: u32,
    /// The current screenshot step's capture is saved (or has failed for good).
    shot_done: bool,
    /// The screen of the current screenshot step has had its settling frames.
    settled: bool,
    saved: Vec<String>,
    failures: Vec<String>,
    held: Vec<KeyCode>,
    answered: usize,
}

/// Steps in order; each waits for its screen, then acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Shot(&'static str, Screen),
    Press(KeyCode),
    AnswerEveryStatement,
    Finish,
}

const SCRIPT: &[Step] = &[
    Step::Shot("01-title", Screen::Title),
    Step::Press(KeyCode::KeyL),
    Step::Shot("02-level-select", Screen::LevelSelect),
    Step::Press(KeyCode::Enter),
    Step::Shot("03-question", Screen::Play),
    Step::Press(KeyCode::KeyH),
    Step::Shot("04-hint", Screen::Play),
    Step::Press(KeyCode::Digit1),
    Step::Shot("05-feedback", Screen::Play),
    Step::Press(KeyCode::Enter),
    Step::AnswerEveryStatement,
    Step::Shot("06-results", Screen::Results),
    Step::Press(KeyCode::Escape),
    Step::Shot("07-menu", Screen::Results),
    Step::Press(KeyCode::KeyS),
    Step::Shot("08-settings", Screen::Results),
    Step::Press(KeyCode::Digit2),
    Step::Shot("09-high-contrast-settings", Screen::Results),
    Step::Press(KeyCode::Escape),
    Step::Press(KeyCode::KeyL),
    Step::Shot("10-high-contrast-levels", Screen::LevelSelect),
    Step::Press(KeyCode::Enter),
    Step::Shot("11-high-contrast-question", Screen::Play),
    Step::Finish,
];

/// Frames to let layout and text settle before a screenshot.
const SETTLE_FRAMES: u32 = 12;
/// Captures of one screen that may come out blank before that is a failure.
const BLANK_RETRIES: u32 = 10;
/// Give up on a step after this many frames.
const STALL_LIMIT: u32 = 1200;

fn drive_smoke_script(
    mut script: ResMut<SmokeScript>,
    screen: Res<State<Screen>>,
    phase: Option<Res<State<PlayPhase>>>,
    menu: Res<State<Menu>>,
    active: Option<Res<ActiveRound>>,
    window: Query<Entity, With<PrimaryWindow>>,
    mut keys: MessageWriter<KeyboardInput>,
    mut exit: MessageWriter<AppExit>,
    mut commands: Commands,
) {
    if script.wait > 0 {
        script.wait -= 1;
        return;
    }
    let Ok(window) = window.single() else {
        return;
    };
    let Some(&step) = SCRIPT.get(script.step) else {
        return;
    };
    script.stalled += 1;
    if script.stalled > STALL_LIMIT {
        let message = format!(
            "step {step:?} never became possible (screen {:?})",
            screen.get()
        );
        error!("smoke test: {message}");
        script.failures.push(message);
        script.step = SCRIPT.len() - 1;
        script.stalled = 0;
        return;
    }
    let mut press = |script: &mut SmokeScript, key: KeyCode| {
        keys.write(key_message(key, ButtonState::Pressed, window));
        script.held.push(key);
        script.wait = SETTLE_FRAMES;
    };
    match step {
        Step::Shot(name, wanted) => {
            if *screen.get() != wanted || script.pending_shots > 0 {
                return;
            }
            if !script.shot_done {
                // Settle first; on a cold start (shaders still compiling in
                // the software renderer) the first captures can be blank,
                // so a blank one is taken again a few times.
                script.wait = SETTLE_FRAMES;
                if script.settled {
                    script.pending_shots += 1;
                    script.shot_attempts += 1;
                    let path = script.dir.join(format!("{name}.png"));
                    commands
                        .spawn(Screenshot::primary_window())
                        .observe(save_checked_screenshot(path));
                }
                script.settled = true;
                return;
            }
            script.shot_done = false;
            script.shot_attempts = 0;
            script.settled = false;
        }
        Step::Press(key) => press(&mut script, key),
        Step::AnswerEveryStatement => {
            if *screen.get() == Screen::Results {
                info!("smoke test: answered {} statements", script.answered);
                script.step += 1;
                script.stalled = 0;
                return;
            }
            let Some(active) = active else {
                return;
            };
            match phase.map(|p| *p.get()) {
                Some(PlayPhase::Question) if *menu.get() == Menu::Closed => {
                    // Alternate right and wrong answers so the results have content.
                    let Some(at) = active.round.current() else {
                        return;
                    };
                    let right = active.round.statement(at).answer;
                    let chosen = if script.answered % 3 == 1 {
                        crate::level::Category::ALL[(right.index() + 1) % 3]
                    } else {
                        right
                    };
                    script.answered += 1;
                    let key = [KeyCode::Digit1, KeyCode::Digit2, KeyCode::Digit3][chosen.index()];
                    press(&mut script, key);
                }
                Some(PlayPhase::Feedback) => press(&mut script, KeyCode::Enter),
                _ => {}
            }
            return;
        }
        Step::Finish => {
            if script.pending_shots > 0 {
                return;
            }
            let expected = SCRIPT
                .iter()
                .filter(|s| matches!(s, Step::Shot(..)))
                .count();
            if script.saved.len() != expected {
                let message = format!("{} of {expected} screenshots saved", script.saved.len());
                script.failures.push(message);
            }
            if script.failures.is_empty() {
                info!("smoke test passed: {}", script.saved.join(", "));
                exit.write(AppExit::Success);
            } else {
                for failure in &script.failures {
                    error!("smoke test failed: {failure}");
                }
                exit.write(AppExit::error());
            }
            script.step += 1;
            return;
        }
    }
    script.step += 1;
    script.stalled = 0;
}

/// Releases keys pressed on the previous frame, like a real key tap.
fn release_keys(
    mut script: ResMut<SmokeScript>,
    window: Query<Entity, With<PrimaryWindow>>,
    mut keys: MessageWriter<KeyboardInput>,
) {
    let Ok(window) = window.single() else {
        return;
    };
    for key in std::mem::take(&mut script.held) {
        keys.write(key_message(key, ButtonState::Released, window));
    }
}

fn key_message(key_code: KeyCode, state: ButtonState, window: Entity) -> KeyboardInput {
    KeyboardInput {
        key_code,
        logical_key: Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified),
        state,
        text: None,
        repeat: false,
        window,
    }
}

/// Saves the screenshot as PNG and records a failure when it is all one colour.
fn save_checked_screenshot(
    path: PathBuf,
) -> impl FnMut(On<ScreenshotCaptured>, ResMut<SmokeScript>) {
    move |captured, mut script| {
        script.pending_shots = script.pending_shots.saturating_sub(1);
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let image = &captured.image;
        let uniform = image.data.as_ref().is_none_or(|data| {
            let first = data.get(..4);
            data.chunks_exact(4).all(|pixel| Some(pixel) == first)
        });
        if uniform && script.shot_attempts < BLANK_RETRIES {
            return;
        }
        script.shot_done = true;
        if uniform {
            script.failures.push(format!("{name} is all one colour"));
        }
        match image.clone().try_into_dynamic() {
            Ok(dynamic) => match dynamic.to_rgb8().save(&path) {
                Ok(()) => script.saved.push(name),
                Err(err) => script.failures.push(format!("{name}: cannot save: {err}")),
            },
            Err(err) => script
                .failures
                .push(format!("{name}: cannot convert: {err}")),
        }
    }
}
