//! Start-up timing and progress markers.
//! - Desktop (`scripts/bench-desktop.sh`): with `FACT_SORTER_TIMING` set,
//!   prints the wall-clock time of the first rendered frame (and of the first
//!   question on screen) as Unix milliseconds; with the value `exit` the game
//!   quits after the first question is shown.
//! - Everywhere: logs each screen, phase and answer at `info` level. The
//!   browser test (`scripts/test-web.sh`) follows the game through these
//!   console lines, and they help when a teacher reports a problem.

use super::Screen;
use super::gameplay::{AnswerWith, PlayPhase};
use bevy::diagnostic::FrameCount;
use bevy::prelude::*;

/// The environment variable that turns timing output on.
pub const TIMING_ENV: &str = "FACT_SORTER_TIMING";

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            log_screen.run_if(state_changed::<Screen>),
            log_phase.run_if(state_changed::<PlayPhase>),
        ),
    );
    app.add_observer(log_answer);
    if cfg!(target_arch = "wasm32") {
        app.add_systems(Last, log_first_frame);
    }
    let Ok(mode) = std::env::var(TIMING_ENV) else {
        return;
    };
    app.insert_resource(TimingMode {
        exit_when_ready: mode == "exit",
        first_frame_seen: false,
    });
    app.add_systems(Last, report_first_frame);
    app.add_systems(OnEnter(PlayPhase::Question), report_ready);
}

#[derive(Resource)]
struct TimingMode {
    exit_when_ready: bool,
    first_frame_seen: bool,
}

/// Milliseconds since the Unix epoch, for comparing with the launching script's clock.
pub fn unix_millis() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_millis())
}

/// The second frame is the first one the (pipelined) renderer has drawn.
fn report_first_frame(frames: Res<FrameCount>, mut mode: ResMut<TimingMode>) {
    if !mode.first_frame_seen && frames.0 >= 2 {
        mode.first_frame_seen = true;
        println!("FIRST_FRAME_UNIX_MS={}", unix_millis());
    }
}

fn report_ready(mode: Res<TimingMode>, mut exit: MessageWriter<AppExit>) {
    println!("QUESTION_READY_UNIX_MS={}", unix_millis());
    if mode.exit_when_ready {
        exit.write(AppExit::Success);
    }
}

fn log_screen(screen: Res<State<Screen>>) {
    info!("screen: {:?}", screen.get());
}

fn log_phase(phase: Option<Res<State<PlayPhase>>>) {
    if let Some(phase) = phase {
        info!("phase: {:?}", phase.get());
    }
}

fn log_answer(answer: On<AnswerWith>) {
    info!("answer: {:?}", answer.0);
}

/// The browser has no wall clock for the script to compare with; the test
/// times this console line from navigation instead.
fn log_first_frame(frames: Res<FrameCount>, mut done: Local<bool>) {
    if !*done && frames.0 >= 2 {
        *done = true;
        info!("first frame drawn");
    }
}
