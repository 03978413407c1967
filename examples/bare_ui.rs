//! The reference for `scripts/bench-desktop.sh` and `docs/perf.md`: a bare
//! Bevy UI app (one text node) with the same Bevy features and window
//! settings as the game, reporting its first rendered frame the same way.

use bevy::diagnostic::FrameCount;
use bevy::prelude::*;
use bevy::winit::WinitSettings;

fn main() -> AppExit {
    App::new()
        .add_plugins(DefaultPlugins.set(WindowPlugin {
            primary_window: Some(Window {
                title: "Bare Bevy UI".to_owned(),
                resolution: (1280, 720).into(),
                canvas: Some("#fact-sorter-canvas".to_owned()),
                fit_canvas_to_parent: true,
                ..default()
            }),
            ..default()
        }))
        .insert_resource(WinitSettings::desktop_app())
        .add_systems(Startup, |mut commands: Commands| {
            commands.spawn(Camera2d);
            commands.spawn(Text::new("Bare Bevy UI"));
        })
        .add_systems(Last, report_first_frame)
        .run()
}

fn report_first_frame(
    frames: Res<FrameCount>,
    mut done: Local<bool>,
    mut exit: MessageWriter<AppExit>,
) {
    if !*done && frames.0 >= 2 {
        *done = true;
        // The browser test (scripts/test-web.sh) times this console line.
        info!("first frame drawn");
        if cfg!(target_arch = "wasm32") {
            return;
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        println!("FIRST_FRAME_UNIX_MS={now}");
        if std::env::var("FACT_SORTER_TIMING").as_deref() == Ok("exit") {
            exit.write(AppExit::Success);
        }
    }
}
