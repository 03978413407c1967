//! The `fact-sorter` binary: the game, plus the teacher tools.

use clap::Parser;
use fact_sorter::cli::{Cli, PlayOptions, run};
use std::process::ExitCode;

fn main() -> ExitCode {
    run(Cli::parse(), play)
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
