//! Start-up timing for `scripts/bench-desktop.sh`. With `FACT_SORTER_TIMING`
//! set, prints the wall-clock time of the first rendered frame (and of the
//! first question on screen) as Unix milliseconds; with the value `exit` the
//! game quits after the first question is shown.

use super::gameplay::PlayPhase;
use bevy::diagnostic::FrameCount;
use bevy::prelude::*;

/// The environment variable that turns timing output on.
pub const TIMING_ENV: &str = "FACT_SORTER_TIMING";

pub(super) fn plugin(app: &mut App) {
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
