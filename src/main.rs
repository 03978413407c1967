//! The `fact-sorter` binary: the game, plus the teacher tools.

#[cfg(not(target_arch = "wasm32"))]
use clap::Parser;
use fact_sorter::cli::PlayOptions;
#[cfg(not(target_arch = "wasm32"))]
use fact_sorter::cli::{Cli, run};
use std::process::ExitCode;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> ExitCode {
    run(Cli::parse(), play)
}

/// In a browser there is no command line: start the game.
#[cfg(target_arch = "wasm32")]
fn main() {
    play(PlayOptions {
        file: None,
        seed: None,
    });
}

#[cfg(feature = "game")]
fn play(options: PlayOptions) -> ExitCode {
    fact_sorter::game::run(options)
}

#[cfg(not(feature = "game"))]
fn play(_: PlayOptions) -> ExitCode {
    eprintln!(
        "fact-sorter was built without the `game` feature; only the teacher tools (such as `check`) are available."
    );
    ExitCode::FAILURE
}
