//! Headless play-throughs: the game's own plugins on `MinimalPlugins` +
//! `StatesPlugin`, driven through the real input path (key presses into
//! `ButtonInput<KeyCode>`, and `Activate` events as a click produces).
#![cfg(feature = "game")]

use bevy::asset::{AssetMetaCheck, AssetPlugin};
use bevy::input::ButtonState;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::input_focus::tab_navigation::TabNavigationPlugin;
use bevy::input_focus::{InputDispatchPlugin, InputFocus, InputFocusPlugin, InputFocusVisible};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::ui_widgets::Activate;
use fact_sorter::game::gameplay::{ActiveRound, LastAnswer, PlayPhase};
use fact_sorter::game::levels::{self, LevelAsset, LevelCatalog, LevelListing, LevelStatus};
use fact_sorter::game::menu::Menu;
use fact_sorter::game::open_file::LevelFileOpened;
use fact_sorter::game::preferences::{CurrentSettings, ScoreDisplay, SettingsStore};
use fact_sorter::game::records::{LastSave, PlayerName, ResultsStore};
use fact_sorter::game::reload::ReloadNotice;
use fact_sorter::game::screens::level_select::LevelCursor;
use fact_sorter::game::screens::play::{AnswerButton, ContinueButton, HintButton, QuestionRoot};
use fact_sorter::game::theme::FocusRing;
use fact_sorter::game::theme::palette;
use fact_sorter::game::{LaunchOptions, Screen};
use fact_sorter::level::Category;
use fact_sorter::round::{Verdict, points_for};
use fact_sorter::settings::{Settings, TextSize};
use std::path::Path;

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A headless game reading levels from `folder` (relative to the crate).
fn game(folder: &str, options: LaunchOptions) -> App {
    game_with(folder, options, LevelListing::Folder, false)
}

/// A headless game; `watch` turns on Bevy's file watcher (hot reload).
fn game_with(folder: &str, options: LaunchOptions, listing: LevelListing, watch: bool) -> App {
    let mut app = App::new();
    levels::register_level_source(&mut app, folder);
    app.insert_resource(listing);
    app.add_plugins((
        MinimalPlugins,
        StatesPlugin,
        AssetPlugin {
            file_path: manifest_dir().join("assets").display().to_string(),
            meta_check: AssetMetaCheck::Never,
            watch_for_changes_override: Some(watch),
            ..default()
        },
    ));
    // No text rendering headless: the font type is known, the files are not read.
    app.init_asset::<Font>();
    app.init_resource::<ButtonInput<KeyCode>>();
    app.add_message::<KeyboardInput>();
    app.insert_resource(options);
    // Never the real data folder: results stay in memory unless a test says where.
    app.insert_resource(ResultsStore {
        file: None,
        session: Vec::new(),
        unsaved: Vec::new(),
    });
    // Never the real config folder either.
    app.insert_resource(SettingsStore {
        file: None,
        loaded: Settings::default(),
        notice: None,
    });
    app.add_plugins(fact_sorter::game::plugin);
    app
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn phase(app: &App) -> Option<PlayPhase> {
    app.world()
        .get_resource::<State<PlayPhase>>()
        .map(|s| *s.get())
}

fn run_until(app: &mut App, what: &str, done: impl Fn(&App) -> bool) {
    for _ in 0..2000 {
        if done(app) {
            return;
        }
        app.update();
    }
    panic!("timed out waiting for {what}; screen {:?}", screen(app));
}

/// A key tap: pressed for one frame, then released.
fn press(app: &mut App, key: KeyCode) {
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .press(key);
    app.update();
    let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
    keys.release(key);
    keys.clear();
    app.update();
}

/// What a click or tap on a button produces.
fn click(app: &mut App, entity: Entity) {
    app.world_mut().trigger(Activate { entity });
    app.update();
    app.update();
}

fn answer_button(app: &mut App, category: Category) -> Entity {
    let mut query = app.world_mut().query::<(Entity, &AnswerButton)>();
    query
        .iter(app.world())
        .find(|(_, b)| b.0 == category)
        .map(|(e, _)| e)
        .expect("answer buttons are on screen")
}

fn key_for(category: Category, letters: bool) -> KeyCode {
    match (category, letters) {
        (Category::Fact, false) => KeyCode::Digit1,
        (Category::Opinion, false) => KeyCode::Digit2,
        (Category::Unsupported, false) => KeyCode::Digit3,
        (Category::Fact, true) => KeyCode::KeyF,
        (Category::Opinion, true) => KeyCode::KeyO,
        (Category::Unsupported, true) => KeyCode::KeyU,
    }
}

fn active(app: &App) -> &ActiveRound {
    app.world().resource::<ActiveRound>()
}

fn loaded(folder: &str, options: LaunchOptions) -> App {
    finish_loading(game(folder, options))
}

fn finish_loading(mut app: App) -> App {
    run_until(&mut app, "loading", |app| screen(app) != Screen::Loading);
    app
}

/// Each catalog entry's file and, when it cannot be played, its error.
fn catalog_statuses(app: &App) -> Vec<(String, Option<String>)> {
    let world = app.world();
    let catalog = world.resource::<LevelCatalog>();
    let levels = world.resource::<Assets<LevelAsset>>();
    let server = world.resource::<AssetServer>();
    (0..catalog.entries.len())
        .map(|i| {
            let problem = match catalog.status(i, levels, server) {
                LevelStatus::Ready(_) => None,
                LevelStatus::Broken(error) => Some(error),
                LevelStatus::Loading => Some("still loading".to_owned()),
            };
            (catalog.entries[i].file.clone(), problem)
        })
        .collect()
}

/// A fresh folder under the system temp dir, for one test.
fn temp_folder(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("fact-sorter-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Plays the round to the results, choosing with `choose(statement answer, also)`.
fn play_round(app: &mut App, choose: impl Fn(usize, Category, &[Category]) -> Category) {
    let mut step = 0;
    while screen(app) == Screen::Play {
        match phase(app) {
            Some(PlayPhase::Question) => {
                run_until(app, "question UI", |app| {
                    let mut q = app.world().try_query::<&QuestionRoot>().unwrap();
                    q.iter(app.world()).next().is_some()
                });
                let round = &active(app).round;
                let statement = round.statement(round.current().unwrap());
                let chosen = choose(step, statement.answer, &statement.also.clone());
                // Mix the three input paths: digits, letters and clicks.
                match step % 3 {
                    0 => press(app, key_for(chosen, false)),
                    1 => press(app, key_for(chosen, true)),
                    _ => {
                        let button = answer_button(app, chosen);
                        click(app, button);
                    }
                }
                assert_eq!(
                    phase(app),
                    Some(PlayPhase::Feedback),
                    "answer {step} was not taken"
                );
                step += 1;
            }
            Some(PlayPhase::Feedback) => {
                let key = if step % 2 == 0 {
                    KeyCode::Enter
                } else {
                    KeyCode::Space
                };
                press(app, key);
            }
            None => app.update(),
        }
    }
    assert_eq!(screen(app), Screen::Results);
}

#[test]
fn perfect_player_scores_the_maximum_on_every_shipped_level() {
    let mut app = loaded("levels", LaunchOptions::default());
    assert_eq!(screen(&app), Screen::Title);
    let count = app.world().resource::<LevelCatalog>().entries.len();
    assert!(count >= 11, "{count} levels");
    press(&mut app, KeyCode::KeyL);
    for index in 0..count {
        assert_eq!(screen(&app), Screen::LevelSelect);
        // Walk the cursor with the arrow keys to the level, then Enter.
        while app.world().resource::<LevelCursor>().0 < index {
            press(&mut app, KeyCode::ArrowDown);
        }
        press(&mut app, KeyCode::Enter);
        assert_eq!(screen(&app), Screen::Play, "level {index} did not start");
        assert_eq!(active(&app).entry, index);
        play_round(&mut app, |_, answer, _| answer);
        let summary = active(&app).round.summary();
        assert_eq!(summary.score, summary.max_score, "level {index}");
        assert_eq!(summary.answered, active(&app).round.len());
        assert!(summary.missed.is_empty());
        press(&mut app, KeyCode::KeyL);
    }
}

#[test]
fn always_fact_player_gets_exact_accuracy_and_too_trusting_count() {
    let file = manifest_dir().join("levels/border-1-numbers.ron");
    let mut app = loaded(
        "levels",
        LaunchOptions {
            file: Some(file.clone()),
            seed: Some(11),
        },
    );
    assert_eq!(screen(&app), Screen::Play, "play FILE starts the level");
    assert_eq!(active(&app).round.seed(), 11);
    play_round(&mut app, |_, _, _| Category::Fact);
    // Expected figures straight from the level file.
    let level = fact_sorter::library::read_level(&file).level.unwrap();
    let summary = active(&app).round.summary();
    for category in Category::ALL {
        let of_kind: Vec<_> = level
            .statements()
            .filter(|s| s.answer == category)
            .collect();
        let accepted = of_kind.iter().filter(|s| s.accepts(Category::Fact)).count();
        let result = summary.per_category[category.index()];
        assert_eq!(
            (result.accepted, result.total),
            (accepted, of_kind.len()),
            "{category}"
        );
    }
    let too_trusting = level
        .statements()
        .filter(|s| s.answer != Category::Fact && !s.also.contains(&Category::Fact))
        .count();
    assert!(too_trusting > 0);
    assert_eq!(summary.too_trusting, too_trusting);
    assert_eq!(summary.too_suspicious, 0);
}

#[test]
fn hint_halves_the_points() {
    let mut app = loaded(
        "levels",
        LaunchOptions {
            file: Some(manifest_dir().join("levels/local-news-library.ron")),
            seed: Some(3),
        },
    );
    assert_eq!(phase(&app), Some(PlayPhase::Question));
    press(&mut app, KeyCode::KeyH);
    assert!(active(&app).round.hint_used());
    let round = &active(&app).round;
    let answer = round.statement(round.current().unwrap()).answer;
    press(&mut app, key_for(answer, false));
    let record = app
        .world()
        .resource::<LastAnswer>()
        .0
        .expect("answer recorded");
    assert_eq!(record.verdict, Verdict::Correct);
    assert!(record.hint_used);
    assert_eq!(record.points, points_for(Verdict::Correct, 1, false) / 2);
    // The next statement starts without the hint.
    press(&mut app, KeyCode::Enter);
    let round = &active(&app).round;
    let answer = round.statement(round.current().unwrap()).answer;
    press(&mut app, key_for(answer, false));
    let record = app.world().resource::<LastAnswer>().0.unwrap();
    assert_eq!(record.points, points_for(Verdict::Correct, 2, false));
}

#[test]
fn broken_level_is_listed_with_its_error_and_the_others_still_start() {
    let dir = std::env::temp_dir().join(format!("fact-sorter-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for good in ["ad-smart-bottle.ron", "local-news-library.ron"] {
        std::fs::copy(manifest_dir().join("levels").join(good), dir.join(good)).unwrap();
    }
    std::fs::copy(
        manifest_dir().join("tests/fixtures/invalid/unknown-category.ron"),
        dir.join("b-broken.ron"),
    )
    .unwrap();
    let mut app = loaded(&dir.display().to_string(), LaunchOptions::default());
    press(&mut app, KeyCode::KeyL);
    assert_eq!(screen(&app), Screen::LevelSelect);
    let texts: Vec<String> = {
        let mut q = app.world_mut().query::<&Text>();
        q.iter(app.world()).map(|t| t.0.clone()).collect()
    };
    assert!(
        texts
            .iter()
            .any(|t| t.contains("levels/b-broken.ron:9:68: error: unknown category `Opinon`")),
        "{texts:#?}"
    );
    // The broken level (index 1) cannot be started...
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::LevelSelect);
    // ...but the one after it can.
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Play);
    assert_eq!(active(&app).entry, 2);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn escape_then_resume_returns_to_the_same_statement() {
    let mut app = loaded(
        "levels",
        LaunchOptions {
            file: Some(manifest_dir().join("levels/review-cup-final.ron")),
            seed: Some(5),
        },
    );
    let round = &active(&app).round;
    let answer = round.statement(round.current().unwrap()).answer;
    press(&mut app, key_for(answer, false));
    press(&mut app, KeyCode::Enter);
    let before = (active(&app).round.position(), active(&app).round.current());
    assert_eq!(before.0, 1);
    press(&mut app, KeyCode::Escape);
    assert_eq!(*app.world().resource::<State<Menu>>().get(), Menu::Open);
    // Answer keys do nothing while the menu is open.
    press(&mut app, KeyCode::Digit1);
    assert_eq!(phase(&app), Some(PlayPhase::Question));
    press(&mut app, KeyCode::Escape);
    assert_eq!(*app.world().resource::<State<Menu>>().get(), Menu::Closed);
    let after = (active(&app).round.position(), active(&app).round.current());
    assert_eq!(before, after);
    let mut roots = app.world_mut().query::<&QuestionRoot>();
    let shown: Vec<QuestionRoot> = roots.iter(app.world()).copied().collect();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].position, 1);
}

#[test]
fn play_again_uses_a_new_seed_and_levels_key_returns_to_the_list() {
    let mut app = loaded(
        "levels",
        LaunchOptions {
            file: Some(manifest_dir().join("levels/ad-smart-bottle.ron")),
            seed: Some(1),
        },
    );
    play_round(&mut app, |step, answer, also| {
        let wrong = Category::ALL
            .into_iter()
            .find(|c| *c != answer && !also.contains(c));
        if step == 0 { wrong.unwrap() } else { answer }
    });
    let summary = active(&app).round.summary();
    assert_eq!(summary.missed.len(), 1);
    press(&mut app, KeyCode::KeyR);
    assert_eq!(screen(&app), Screen::Play);
    assert_ne!(active(&app).round.seed(), 1);
    assert_eq!(active(&app).round.position(), 0);
}

#[test]
fn web_manifest_lists_its_levels_and_shows_missing_and_broken_ones() {
    let dir = temp_folder("manifest");
    std::fs::copy(
        manifest_dir().join("levels/ad-smart-bottle.ron"),
        dir.join("good.ron"),
    )
    .unwrap();
    std::fs::copy(
        manifest_dir().join("tests/fixtures/invalid/unknown-category.ron"),
        dir.join("broken.ron"),
    )
    .unwrap();
    // Not listed, so not shown: the web build only knows what the manifest says.
    std::fs::copy(
        manifest_dir().join("levels/local-news-library.ron"),
        dir.join("unlisted.ron"),
    )
    .unwrap();
    std::fs::write(
        dir.join("index.ron"),
        "LevelIndex(levels: [\"good.ron\", \"missing.ron\", \"broken.ron\"])",
    )
    .unwrap();
    let folder = dir.display().to_string();
    let mut app = finish_loading(game_with(
        &folder,
        LaunchOptions::default(),
        LevelListing::Manifest,
        false,
    ));
    let statuses = catalog_statuses(&app);
    let files: Vec<&str> = statuses.iter().map(|(file, _)| file.as_str()).collect();
    assert_eq!(
        files,
        ["levels/good.ron", "levels/missing.ron", "levels/broken.ron"]
    );
    assert_eq!(statuses[0].1, None);
    let missing = statuses[1].1.as_deref().unwrap();
    assert!(missing.starts_with("levels/missing.ron: "), "{missing}");
    let broken = statuses[2].1.as_deref().unwrap();
    assert!(
        broken.starts_with("levels/broken.ron:9:68: error: unknown category"),
        "{broken}"
    );
    // The listed level plays.
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Play);
    assert_eq!(active(&app).round.level().title, "Too smart to be true?");

    // A missing manifest is itself listed, with how to fix it.
    std::fs::remove_file(dir.join("index.ron")).unwrap();
    let app = finish_loading(game_with(
        &folder,
        LaunchOptions::default(),
        LevelListing::Manifest,
        false,
    ));
    let statuses = catalog_statuses(&app);
    assert_eq!(statuses.len(), 1, "{statuses:?}");
    assert_eq!(statuses[0].0, "levels/index.ron");
    assert!(
        statuses[0]
            .1
            .as_deref()
            .unwrap()
            .contains("fact-sorter index"),
        "{statuses:?}"
    );

    // A manifest with a mistake points at its line and column.
    std::fs::write(
        dir.join("index.ron"),
        "LevelIndex(\n  levels: [\"good.ron\" \"broken.ron\"],\n)",
    )
    .unwrap();
    let app = finish_loading(game_with(
        &folder,
        LaunchOptions::default(),
        LevelListing::Manifest,
        false,
    ));
    let statuses = catalog_statuses(&app);
    let error = statuses[0].1.as_deref().unwrap();
    assert!(
        error.starts_with("levels/index.ron:2:23: error:"),
        "{error}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn an_opened_level_file_plays_and_a_broken_one_is_listed() {
    let mut app = loaded("levels", LaunchOptions::default());
    let shipped = app.world().resource::<LevelCatalog>().entries.len();
    let broken =
        std::fs::read(manifest_dir().join("tests/fixtures/invalid/unknown-category.ron")).unwrap();
    app.world_mut().trigger(LevelFileOpened {
        name: "Downloads/my-level.ron".to_owned(),
        bytes: broken,
    });
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::LevelSelect);
    let statuses = catalog_statuses(&app);
    assert_eq!(statuses.len(), shipped + 1);
    let (file, problem) = &statuses[shipped];
    assert_eq!(file, "Downloads/my-level.ron");
    assert!(
        problem
            .as_deref()
            .unwrap()
            .starts_with("Downloads/my-level.ron:9:68: error: unknown category"),
        "{problem:?}"
    );
    assert_eq!(app.world().resource::<LevelCursor>().0, shipped);

    let good = std::fs::read(manifest_dir().join("levels/ad-smart-bottle.ron")).unwrap();
    app.world_mut().trigger(LevelFileOpened {
        name: "my-good-level.ron".to_owned(),
        bytes: good,
    });
    app.update();
    assert_eq!(screen(&app), Screen::Play);
    assert_eq!(active(&app).entry, shipped + 1);
    assert_eq!(active(&app).round.level().title, "Too smart to be true?");
}

/// Runs frames (with short sleeps, so the file watcher can see the disk)
/// until `done`, for at most 20 seconds.
fn run_until_slowly(app: &mut App, what: &str, done: impl Fn(&mut App) -> bool) {
    let start = std::time::Instant::now();
    while start.elapsed() < std::time::Duration::from_secs(20) {
        app.update();
        if done(app) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("timed out waiting for {what}; screen {:?}", screen(app));
}

fn reload_notice(app: &mut App) -> Option<ReloadNotice> {
    let mut query = app.world_mut().query::<&ReloadNotice>();
    query.iter(app.world()).next().copied()
}

#[test]
#[cfg(not(target_arch = "wasm32"))]
fn saving_the_level_being_played_offers_a_restart_and_a_broken_save_never_crashes() {
    let dir = temp_folder("hot-reload");
    let file = dir.join("level.ron");
    let original =
        std::fs::read_to_string(manifest_dir().join("levels/ad-smart-bottle.ron")).unwrap();
    std::fs::write(&file, &original).unwrap();
    let folder = dir.display().to_string();
    let mut app = finish_loading(game_with(
        &folder,
        LaunchOptions::default(),
        LevelListing::Folder,
        true,
    ));
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Play);
    press(&mut app, key_for(Category::Fact, false));
    assert_eq!(phase(&app), Some(PlayPhase::Feedback));

    // A save with a mistake: the error is shown, the round goes on.
    std::fs::write(
        &file,
        original.replacen("answer: Opinion", "answer: Opinon", 1),
    )
    .unwrap();
    run_until_slowly(&mut app, "the error notice", |app| {
        reload_notice(app).is_some()
    });
    assert_eq!(reload_notice(&mut app), Some(ReloadNotice { ready: false }));
    let texts: Vec<String> = {
        let mut q = app.world_mut().query::<&Text>();
        q.iter(app.world()).map(|t| t.0.clone()).collect()
    };
    assert!(
        texts
            .iter()
            .any(|t| t.contains("levels/level.ron:") && t.contains("unknown category `Opinon`")),
        "{texts:#?}"
    );
    assert_eq!(screen(&app), Screen::Play);
    assert_eq!(phase(&app), Some(PlayPhase::Feedback));
    assert_eq!(active(&app).round.answers().len(), 1);
    // R does nothing while the saved version is broken.
    press(&mut app, KeyCode::KeyR);
    assert_eq!(active(&app).round.answers().len(), 1);

    // A good save: offered as a restart, which plays the new content.
    let renamed = original.replacen(
        "title: \"Too smart to be true?\"",
        "title: \"Too smart? (edited)\"",
        1,
    );
    assert_ne!(renamed, original);
    std::fs::write(&file, renamed).unwrap();
    run_until_slowly(&mut app, "the restart offer", |app| {
        reload_notice(app) == Some(ReloadNotice { ready: true })
    });
    // The level list already knows the new title.
    {
        let world = app.world();
        let catalog = world.resource::<LevelCatalog>();
        let status = catalog.status(
            0,
            world.resource::<Assets<LevelAsset>>(),
            world.resource::<AssetServer>(),
        );
        assert!(
            matches!(status, LevelStatus::Ready(level) if level.title == "Too smart? (edited)")
        );
    }
    assert_eq!(active(&app).round.level().title, "Too smart to be true?");
    press(&mut app, KeyCode::KeyR);
    app.update();
    assert_eq!(screen(&app), Screen::Play);
    assert_eq!(phase(&app), Some(PlayPhase::Question));
    assert_eq!(active(&app).round.level().title, "Too smart? (edited)");
    assert!(active(&app).round.answers().is_empty());
    assert_eq!(reload_notice(&mut app), None);
    std::fs::remove_dir_all(dir).ok();
}

/// Typing text the way the keyboard delivers it (the name field reads these).
fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.world_mut().write_message(KeyboardInput {
            key_code: KeyCode::KeyA,
            logical_key: Key::Character(c.to_string().into()),
            state: ButtonState::Pressed,
            text: Some(c.to_string().into()),
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
    }
    app.update();
}

fn key_message(app: &mut App, key: Key) {
    app.world_mut().write_message(KeyboardInput {
        key_code: KeyCode::Enter,
        logical_key: key,
        state: ButtonState::Pressed,
        text: None,
        repeat: false,
        window: Entity::PLACEHOLDER,
    });
    app.update();
    app.update();
}

/// Runs frames until the background save has reported back.
fn wait_for_save(app: &mut App) {
    for _ in 0..1000 {
        if !matches!(app.world().resource::<LastSave>(), LastSave::Saving { .. }) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.update();
    }
    panic!("the results save never finished");
}

#[test]
fn a_finished_round_is_saved_with_the_player_name_one_row_per_answer() {
    let dir = temp_folder("results");
    let file = dir.join("results.csv");
    let mut app = game("levels", LaunchOptions::default());
    app.insert_resource(ResultsStore {
        file: Some(file.clone()),
        session: Vec::new(),
        unsaved: Vec::new(),
    });
    let mut app = finish_loading(app);
    press(&mut app, KeyCode::KeyL);
    assert_eq!(screen(&app), Screen::LevelSelect);

    // N opens the name field; typing, Backspace and Enter set the name.
    // A quick typist's first letters, typed before the field is on screen,
    // count; the N that opened it does not.
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .press(KeyCode::KeyN);
    app.world_mut().write_message(KeyboardInput {
        key_code: KeyCode::KeyN,
        logical_key: Key::Character("n".into()),
        state: ButtonState::Pressed,
        text: Some("n".into()),
        repeat: false,
        window: Entity::PLACEHOLDER,
    });
    app.update();
    // The field opens on the next frame, which is asked for at once (the
    // game otherwise redraws only on input).
    let redraws = app
        .world()
        .resource::<Messages<bevy::window::RequestRedraw>>()
        .iter_current_update_messages()
        .count();
    assert!(redraws > 0, "no redraw asked for the name field");
    {
        let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
        keys.release(KeyCode::KeyN);
        keys.clear();
    }
    type_text(&mut app, "Ad");
    assert_eq!(
        *app.world().resource::<State<Menu>>().get(),
        Menu::PlayerName
    );
    // Typing does not move the level cursor or start a level.
    type_text(&mut app, "a 7Bx");
    key_message(&mut app, Key::Backspace);
    key_message(&mut app, Key::Enter);
    assert_eq!(*app.world().resource::<State<Menu>>().get(), Menu::Closed);
    assert_eq!(app.world().resource::<PlayerName>().0, "Ada 7B");
    assert_eq!(screen(&app), Screen::LevelSelect);
    let texts: Vec<String> = {
        let mut q = app.world_mut().query::<&Text>();
        q.iter(app.world()).map(|t| t.0.clone()).collect()
    };
    assert!(texts.iter().any(|t| t == "Player: Ada 7B"), "{texts:#?}");

    // Leaving a round through the menu saves nothing.
    press(&mut app, KeyCode::Enter);
    press(&mut app, key_for(Category::Fact, false));
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::KeyL);
    assert_eq!(screen(&app), Screen::LevelSelect);
    assert!(!file.exists());

    // A finished round: one row per answer, in order, with the name.
    press(&mut app, KeyCode::Enter);
    let entry = active(&app).entry;
    play_round(&mut app, |_, answer, _| answer);
    assert_eq!(screen(&app), Screen::Results);
    // The save runs on its own thread; the screen says so until it is done.
    wait_for_save(&mut app);
    let round = active(&app).round.clone();
    let rows = fact_sorter::results::read_rows(&file).unwrap();
    assert_eq!(rows.len(), round.answers().len());
    assert!(!rows.is_empty());
    let level_file = app.world().resource::<LevelCatalog>().entries[entry]
        .file
        .clone();
    for (n, (row, record)) in rows.iter().zip(round.answers()).enumerate() {
        assert_eq!(row.player, "Ada 7B");
        assert_eq!(row.level_file, level_file);
        assert_eq!(row.level_title, round.level().title);
        assert_eq!(row.seed, round.seed());
        assert_eq!(row.statement_number, n + 1);
        assert_eq!(row.statement, round.statement(record.at).text);
        assert_eq!(row.answer, record.chosen);
        assert_eq!(row.correct_answer, record.expected);
        assert_eq!(row.points, record.points);
        assert!(!row.hint_used);
    }
    assert!(matches!(
        app.world().resource::<LastSave>(),
        LastSave::Saved { rows: n, notice: None, .. } if *n == rows.len()
    ));
    let texts: Vec<String> = {
        let mut q = app.world_mut().query::<&Text>();
        q.iter(app.world()).map(|t| t.0.clone()).collect()
    };
    let shown = file.display().to_string();
    assert!(texts.iter().any(|t| t.contains(&shown)), "{texts:#?}");

    // Play again: the next round is appended, the first is untouched.
    press(&mut app, KeyCode::KeyR);
    play_round(&mut app, |_, answer, _| answer);
    wait_for_save(&mut app);
    let again = fact_sorter::results::read_rows(&file).unwrap();
    assert_eq!(again.len(), 2 * rows.len());
    assert_eq!(again[..rows.len()], rows[..]);

    // Another copy of the game holds the file's lock: the save waits on its
    // own thread while the game goes on, and closing the game waits for it.
    let lock = std::fs::File::create(dir.join("results.csv.lock")).unwrap();
    lock.lock().unwrap();
    press(&mut app, KeyCode::KeyR);
    play_round(&mut app, |_, answer, _| answer);
    for _ in 0..10 {
        app.update();
    }
    assert!(matches!(
        app.world().resource::<LastSave>(),
        LastSave::Saving { .. }
    ));
    let texts: Vec<String> = {
        let mut q = app.world_mut().query::<&Text>();
        q.iter(app.world()).map(|t| t.0.clone()).collect()
    };
    assert!(texts.iter().any(|t| t.starts_with("Saving ")), "{texts:#?}");
    drop(lock);
    app.world_mut().write_message(AppExit::Success);
    app.update();
    let third = fact_sorter::results::read_rows(&file).unwrap();
    assert_eq!(third.len(), 3 * rows.len());
    std::fs::remove_dir_all(dir).ok();
}

/// WCAG 2 contrast ratio of two opaque colours.
fn contrast(a: Color, b: Color) -> f32 {
    let luminance = |c: Color| {
        let c = c.to_srgba();
        let lin = |v: f32| {
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(c.red) + 0.7152 * lin(c.green) + 0.0722 * lin(c.blue)
    };
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[test]
fn both_themes_meet_wcag_contrast_for_every_text_colour() {
    for (name, theme, minimum) in [
        ("paper", palette::PAPER, 4.5),
        ("high contrast", palette::HIGH_CONTRAST, 7.0),
    ] {
        let t = &theme;
        let mut pairs = vec![
            ("text", t.text, "background", t.background),
            ("text", t.text, "panel", t.panel),
            ("text", t.text, "quiet button", t.button_quiet),
            ("text", t.text, "hovered quiet button", t.button_quiet_hover),
            ("text", t.text, "statement highlight", t.statement_highlight),
            ("text", t.text, "signal highlight", t.signal_highlight),
            ("muted", t.muted, "background", t.background),
            ("muted", t.muted, "panel", t.panel),
            ("button text", t.button_text, "button", t.button),
            (
                "button text",
                t.button_text,
                "hovered button",
                t.button_hover,
            ),
        ];
        for (ink, color) in [
            ("error", t.error),
            ("correct", t.correct),
            ("also", t.also),
            ("wrong", t.wrong),
            ("Fact", t.categories[0]),
            ("Opinion", t.categories[1]),
            ("Unsupported", t.categories[2]),
        ] {
            pairs.push((ink, color, "background", t.background));
            pairs.push((ink, color, "panel", t.panel));
        }
        for (surface, color) in [
            ("Fact button", t.categories[0]),
            ("Opinion button", t.categories[1]),
            ("Unsupported button", t.categories[2]),
        ] {
            pairs.push(("button text", t.button_text, surface, color));
        }
        for (ink, a, surface, b) in pairs {
            let ratio = contrast(a, b);
            assert!(
                ratio >= minimum,
                "{name}: {ink} on {surface} is {ratio:.2}:1, below {minimum}:1"
            );
        }
    }
}

#[test]
fn settings_reach_the_ui_on_screen_text_size_theme_and_score() {
    let mut app = game("levels", LaunchOptions::default());
    app.insert_resource(UiScale(1.0));
    app.insert_resource(ClearColor(palette::PAPER.background));
    // A 1280×720 window, so the UI scale follows the text size setting.
    app.world_mut().spawn((
        Window {
            resolution: (1280, 720).into(),
            ..default()
        },
        bevy::window::PrimaryWindow,
    ));
    let mut app = finish_loading(app);
    press(&mut app, KeyCode::Enter);
    assert_eq!(screen(&app), Screen::Play);
    assert_eq!(app.world().resource::<UiScale>().0, 1.0);
    let scores = |app: &mut App| -> Vec<Display> {
        let mut q = app
            .world_mut()
            .query_filtered::<&Node, With<ScoreDisplay>>();
        q.iter(app.world()).map(|n| n.display).collect()
    };
    assert_eq!(scores(&mut app), [Display::Flex, Display::Flex]);

    // Esc, then S: the settings panel; keys 1 to 4 change one setting each.
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::KeyS);
    assert_eq!(*app.world().resource::<State<Menu>>().get(), Menu::Settings);
    press(&mut app, KeyCode::Digit1);
    assert_eq!(
        app.world().resource::<CurrentSettings>().0.text_size,
        TextSize::Large
    );
    assert_eq!(app.world().resource::<UiScale>().0, TextSize::Large.scale());
    press(&mut app, KeyCode::Digit4);
    assert!(!app.world().resource::<CurrentSettings>().0.show_score);
    // The score on screen is hidden at once.
    assert_eq!(scores(&mut app), [Display::None, Display::None]);

    // High contrast recolours what is already on screen.
    let passage_text_colors = |app: &mut App| -> Vec<Color> {
        let mut q = app.world_mut().query::<&TextColor>();
        q.iter(app.world()).map(|c| c.0).collect()
    };
    assert!(passage_text_colors(&mut app).contains(&palette::PAPER.text));
    press(&mut app, KeyCode::Digit2);
    assert!(app.world().resource::<CurrentSettings>().0.high_contrast);
    let colors = passage_text_colors(&mut app);
    assert!(colors.contains(&palette::HIGH_CONTRAST.text));
    assert!(!colors.contains(&palette::PAPER.text), "{colors:?}");
    assert_eq!(
        app.world().resource::<ClearColor>().0,
        palette::HIGH_CONTRAST.background
    );
    // And what is spawned next uses the new theme too.
    press(&mut app, KeyCode::Escape);
    assert_eq!(*app.world().resource::<State<Menu>>().get(), Menu::Closed);
    press(&mut app, key_for(Category::Opinion, false));
    assert_eq!(phase(&app), Some(PlayPhase::Feedback));
    let colors = passage_text_colors(&mut app);
    assert!(!colors.contains(&palette::PAPER.text), "{colors:?}");
    assert_eq!(scores(&mut app), [Display::None, Display::None]);

    // Back to the paper theme for the other tests in this process.
    press(&mut app, KeyCode::Escape);
    press(&mut app, KeyCode::KeyS);
    press(&mut app, KeyCode::Digit2);
    assert!(!app.world().resource::<CurrentSettings>().0.high_contrast);
    assert_eq!(palette::theme(), &palette::PAPER);
}

/// A key as the window delivers it, for one frame: the key message (read by
/// Tab navigation and by the focused button) and the key's pressed state
/// (read by the screens' shortcuts and by Shift+Tab).
fn keyboard(app: &mut App, key: KeyCode, logical: Key) {
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .press(key);
    app.world_mut().write_message(KeyboardInput {
        key_code: key,
        logical_key: logical,
        state: ButtonState::Pressed,
        text: None,
        repeat: false,
        window: Entity::PLACEHOLDER,
    });
    app.update();
    let mut keys = app.world_mut().resource_mut::<ButtonInput<KeyCode>>();
    keys.release(key);
    keys.clear();
    app.update();
}

fn tab(app: &mut App) -> Entity {
    keyboard(app, KeyCode::Tab, Key::Tab);
    app.world()
        .resource::<InputFocus>()
        .get()
        .expect("Tab focuses something")
}

/// The answer given to the statement on (or just off) screen.
fn last_chosen(app: &App) -> Option<Category> {
    app.world()
        .resource::<LastAnswer>()
        .0
        .as_ref()
        .map(|record| record.chosen)
}

fn the<C: Component>(app: &mut App) -> Entity {
    let mut q = app.world_mut().query_filtered::<Entity, With<C>>();
    q.single(app.world()).expect("exactly one on screen")
}

#[test]
fn tab_moves_a_visible_focus_ring_through_the_buttons_in_reading_order() {
    let mut app = game("levels", LaunchOptions::default());
    // What DefaultPlugins and the game's AppPlugin add for the keyboard.
    app.world_mut()
        .spawn((Window::default(), bevy::window::PrimaryWindow));
    app.add_message::<bevy::input::mouse::MouseWheel>();
    app.add_message::<bevy::input::gamepad::GamepadButtonChangedEvent>();
    app.add_plugins((
        InputFocusPlugin,
        InputDispatchPlugin,
        TabNavigationPlugin,
        bevy::ui_widgets::ButtonPlugin,
    ));
    let mut app = finish_loading(app);
    press(&mut app, KeyCode::Enter);
    run_until(&mut app, "question UI", |app| {
        let mut q = app.world().try_query::<&QuestionRoot>().unwrap();
        q.iter(app.world()).next().is_some()
    });
    let hint = the::<HintButton>(&mut app);
    let answers = Category::ALL.map(|category| answer_button(&mut app, category));
    assert!(!app.world().resource::<InputFocusVisible>().0);

    // Tab goes round every button and back to the first.
    let first = tab(&mut app);
    let mut cycle = vec![first];
    loop {
        let next = tab(&mut app);
        if next == first {
            break;
        }
        assert!(cycle.len() < 20, "Tab never came back to the first button");
        cycle.push(next);
    }
    // In reading order: the hint beside the statement, then the answers from left to right.
    let wanted = [hint, answers[0], answers[1], answers[2]];
    let seen: Vec<Entity> = cycle
        .iter()
        .copied()
        .filter(|e| wanted.contains(e))
        .collect();
    assert_eq!(seen, wanted);
    // The focused button, and only it, shows the ring.
    assert!(app.world().resource::<InputFocusVisible>().0);
    let mut rings = app
        .world_mut()
        .query_filtered::<Entity, (With<FocusRing>, With<Outline>)>();
    assert_eq!(rings.iter(app.world()).collect::<Vec<_>>(), [first]);

    // Shift+Tab goes back.
    let last = *cycle.last().unwrap();
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .press(KeyCode::ShiftLeft);
    let back = tab(&mut app);
    app.world_mut()
        .resource_mut::<ButtonInput<KeyCode>>()
        .release(KeyCode::ShiftLeft);
    assert_eq!(back, last);

    // Enter presses the focused button: Opinion is the answer, and the same
    // Enter does not also skip past the feedback.
    while tab(&mut app) != answers[1] {}
    keyboard(&mut app, KeyCode::Enter, Key::Enter);
    assert_eq!(phase(&app), Some(PlayPhase::Feedback));
    assert_eq!(last_chosen(&app), Some(Category::Opinion));

    // On the feedback screen Tab reaches "Next statement", and Space presses it.
    let next = the::<ContinueButton>(&mut app);
    for _ in 0..20 {
        if tab(&mut app) == next {
            break;
        }
    }
    assert_eq!(app.world().resource::<InputFocus>().get(), Some(next));
    keyboard(&mut app, KeyCode::Space, Key::Space);
    assert_eq!(phase(&app), Some(PlayPhase::Question));
    assert_eq!(active(&app).round.answers().len(), 1);
    // The pressed button is gone, and so is the focus: Bevy would send
    // screen readers nothing while it pointed at a missing entity.
    assert_eq!(app.world().resource::<InputFocus>().get(), None);

    // A screen reader's "click" presses a button, as a mouse would.
    run_until(&mut app, "question UI", |app| {
        let mut q = app.world().try_query::<&AnswerButton>().unwrap();
        q.iter(app.world()).next().is_some()
    });
    let fact = answer_button(&mut app, Category::Fact);
    app.world_mut()
        .write_message(bevy::a11y::ActionRequest(accesskit::ActionRequest {
            action: accesskit::Action::Click,
            target_tree: accesskit::TreeId::ROOT,
            target_node: accesskit::NodeId(fact.to_bits()),
            data: None,
        }));
    app.update();
    app.update();
    assert_eq!(phase(&app), Some(PlayPhase::Feedback));
    assert_eq!(last_chosen(&app), Some(Category::Fact));
}
