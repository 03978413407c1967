//! The round as the game plays it: starting a level, answering, hints,
//! moving on. Screens and input only trigger these events; the rules live
//! in [`crate::round`].

use super::levels::{LevelAsset, LevelCatalog, LevelStatus};
use super::menu::Menu;
use super::{LaunchOptions, Screen};
use crate::level::Category;
use crate::round::{AnswerRecord, Round};
use bevy::prelude::*;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

pub(super) fn plugin(app: &mut App) {
    app.add_sub_state::<PlayPhase>();
    app.init_resource::<SeedSource>();
    app.init_resource::<LastAnswer>();
    app.add_observer(start_level);
    app.add_observer(record_answer);
    app.add_observer(reveal_hint);
    app.add_observer(advance_to_next_statement);
    app.add_observer(play_again);
}

/// The two phases of the play screen.
#[derive(SubStates, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[source(Screen = Screen::Play)]
pub enum PlayPhase {
    /// A statement is highlighted and waits for an answer.
    #[default]
    Question,
    /// The answer is judged and explained.
    Feedback,
}

/// Start the catalog's level at this index.
#[derive(Event, Debug, Clone, Copy)]
pub struct StartLevel(pub usize);

/// Sort the current statement into this category.
#[derive(Event, Debug, Clone, Copy)]
pub struct AnswerWith(pub Category);

/// Reveal the signal words of the current statement (halves its points).
#[derive(Event, Debug, Clone, Copy)]
pub struct TakeHint;

/// Leave the feedback and go to the next statement (or the results).
#[derive(Event, Debug, Clone, Copy)]
pub struct ContinueRound;

/// Play the same level again with a new seed.
#[derive(Event, Debug, Clone, Copy)]
pub struct PlayAgain;

/// The round being played, and which catalog entry it came from.
#[derive(Resource, Debug, Clone)]
pub struct ActiveRound {
    pub round: Round,
    pub entry: usize,
}

/// The answer being shown in the feedback phase.
#[derive(Resource, Debug, Default, Clone)]
pub struct LastAnswer(pub Option<AnswerRecord>);

/// Seeds for rounds: the command line's `--seed` first, then fresh ones.
#[derive(Resource, Debug)]
pub struct SeedSource {
    pub first: Option<u64>,
}

impl FromWorld for SeedSource {
    fn from_world(world: &mut World) -> Self {
        SeedSource {
            first: world.get_resource::<LaunchOptions>().and_then(|o| o.seed),
        }
    }
}

impl SeedSource {
    pub fn next_seed(&mut self) -> u64 {
        self.first
            .take()
            // Six digits are easy to note down and type back with `--seed`.
            .unwrap_or_else(|| rand::make_rng::<ChaCha8Rng>().next_u64() % 1_000_000)
    }
}

fn start_level(
    start: On<StartLevel>,
    catalog: Res<LevelCatalog>,
    levels: Res<Assets<LevelAsset>>,
    server: Res<AssetServer>,
    mut seeds: ResMut<SeedSource>,
    mut commands: Commands,
    mut last: ResMut<LastAnswer>,
    mut next_screen: ResMut<NextState<Screen>>,
    next_phase: Option<ResMut<NextState<PlayPhase>>>,
) {
    let LevelStatus::Ready(level) = catalog.status(start.0, &levels, &server) else {
        return;
    };
    let round = Round::new(level.clone(), seeds.next_seed());
    if round.is_empty() {
        return;
    }
    commands.insert_resource(ActiveRound {
        round,
        entry: start.0,
    });
    last.0 = None;
    next_screen.set(Screen::Play);
    // Restarting from inside the play screen (hot reload) keeps the phase
    // sub-state alive, so go back to the question explicitly.
    if let Some(mut phase) = next_phase {
        phase.set(PlayPhase::Question);
    }
}

/// Whether the question is on screen and nothing else has the player's attention.
fn can_answer(
    phase: Option<Res<State<PlayPhase>>>,
    menu: Res<State<Menu>>,
    last: &LastAnswer,
) -> bool {
    phase.is_some_and(|p| *p.get() == PlayPhase::Question)
        && *menu.get() == Menu::Closed
        && last.0.is_none()
}

fn record_answer(
    answer: On<AnswerWith>,
    phase: Option<Res<State<PlayPhase>>>,
    menu: Res<State<Menu>>,
    mut active: Option<ResMut<ActiveRound>>,
    mut last: ResMut<LastAnswer>,
    mut next_phase: ResMut<NextState<PlayPhase>>,
) {
    if !can_answer(phase, menu, &last) {
        return;
    }
    let Some(active) = active.as_mut() else {
        return;
    };
    if let Some(record) = active.round.answer(answer.0) {
        last.0 = Some(record);
        next_phase.set(PlayPhase::Feedback);
    }
}

fn reveal_hint(
    _: On<TakeHint>,
    phase: Option<Res<State<PlayPhase>>>,
    menu: Res<State<Menu>>,
    last: Res<LastAnswer>,
    mut active: Option<ResMut<ActiveRound>>,
) {
    if !can_answer(phase, menu, &last) {
        return;
    }
    if let Some(active) = active.as_mut()
        && !active.round.hint_used()
    {
        active.round.take_hint();
    }
}

fn advance_to_next_statement(
    _: On<ContinueRound>,
    phase: Option<Res<State<PlayPhase>>>,
    menu: Res<State<Menu>>,
    active: Option<Res<ActiveRound>>,
    mut last: ResMut<LastAnswer>,
    mut next_phase: ResMut<NextState<PlayPhase>>,
    mut next_screen: ResMut<NextState<Screen>>,
) {
    let in_feedback = phase.is_some_and(|p| *p.get() == PlayPhase::Feedback);
    if !in_feedback || *menu.get() != Menu::Closed || last.0.take().is_none() {
        return;
    }
    match active {
        Some(active) if !active.round.is_finished() => next_phase.set(PlayPhase::Question),
        _ => next_screen.set(Screen::Results),
    }
}

fn play_again(_: On<PlayAgain>, active: Option<Res<ActiveRound>>, mut commands: Commands) {
    if let Some(active) = active {
        commands.trigger(StartLevel(active.entry));
    }
}
