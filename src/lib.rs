//! Fact Sorter: a classroom media-literacy game.
//!
//! The crate has two layers. The pure core (no Bevy) holds the level model,
//! parsing and validation, the round engine and the teacher command line;
//! it builds and tests in seconds with `--no-default-features`. The `game`
//! feature adds the Bevy game, which wraps the core thinly.

pub mod cli;
pub mod diagnostic;
pub mod draft;
#[cfg(feature = "game")]
pub mod game;
pub mod level;
pub mod library;
pub mod results;
pub mod round;
pub mod settings;
pub mod sheet;
pub mod spans;
pub mod text;
pub mod tools;
pub mod validate;
pub mod write;
