//! Look and feel: fonts, colours ([`palette`]), reusable widgets
//! ([`widget`]), button hover feedback and scaling the UI to the window.

pub mod palette;
pub mod screen_reader;
pub mod widget;

use bevy::input_focus::{InputFocus, InputFocusVisible};
use bevy::picking::events::{Out, Over, Pointer};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<UiFonts>();
    app.add_plugins(screen_reader::plugin);
    app.add_systems(
        Update,
        (
            consume_keys_taken_by_focus.before(super::AppSystems::RecordInput),
            show_focus_ring,
        ),
    );
    app.add_observer(highlight_hovered_button);
    app.add_observer(restore_unhovered_button);
    app.add_systems(Update, scale_ui_to_window);
    app.add_systems(
        Update,
        scroll_with_keys
            .in_set(super::AppSystems::RecordInput)
            .run_if(in_state(super::menu::Menu::Closed)),
    );
}

/// The panel that the arrow keys and Page Up/Down scroll on this screen
/// (the mouse wheel and touch scroll any `ScrollArea`).
#[derive(Component, Debug, Clone, Copy)]
pub struct KeyboardScroll;

fn scroll_with_keys(
    keys: Res<ButtonInput<KeyCode>>,
    mut panels: Query<(&ComputedNode, &mut ScrollPosition), With<KeyboardScroll>>,
) {
    let step = if keys.just_pressed(KeyCode::ArrowDown) {
        40.0
    } else if keys.just_pressed(KeyCode::ArrowUp) {
        -40.0
    } else if keys.just_pressed(KeyCode::PageDown) {
        300.0
    } else if keys.just_pressed(KeyCode::PageUp) {
        -300.0
    } else {
        return;
    };
    for (node, mut scroll) in &mut panels {
        let visible = node.size().y * node.inverse_scale_factor;
        let content = node.content_size().y * node.inverse_scale_factor;
        scroll.y = (scroll.y + step).clamp(0.0, (content - visible).max(0.0));
    }
}

/// The game's fonts. Atkinson Hyperlegible for reading; a DejaVu subset for symbols.
#[derive(Resource, Debug, Clone)]
pub struct UiFonts {
    pub regular: Handle<Font>,
    pub bold: Handle<Font>,
    pub italic: Handle<Font>,
    pub symbols: Handle<Font>,
}

impl FromWorld for UiFonts {
    fn from_world(world: &mut World) -> Self {
        let assets = world.resource::<AssetServer>();
        UiFonts {
            regular: assets.load("fonts/AtkinsonHyperlegible-Regular.ttf"),
            bold: assets.load("fonts/AtkinsonHyperlegible-Bold.ttf"),
            italic: assets.load("fonts/AtkinsonHyperlegible-Italic.ttf"),
            symbols: assets.load("fonts/SymbolsDejaVuSans-Bold.ttf"),
        }
    }
}

impl UiFonts {
    pub fn all(&self) -> [&Handle<Font>; 4] {
        [&self.regular, &self.bold, &self.italic, &self.symbols]
    }
}

/// A button's resting and hovered background colours.
#[derive(Component, Debug, Clone, Copy)]
pub struct ButtonColors {
    pub normal: Color,
    pub hovered: Color,
}

fn highlight_hovered_button(
    over: On<Pointer<Over>>,
    mut buttons: Query<(&ButtonColors, &mut BackgroundColor)>,
) {
    if let Ok((colors, mut background)) = buttons.get_mut(over.entity) {
        background.0 = colors.hovered;
    }
}

fn restore_unhovered_button(
    out: On<Pointer<Out>>,
    mut buttons: Query<(&ButtonColors, &mut BackgroundColor)>,
) {
    if let Ok((colors, mut background)) = buttons.get_mut(out.entity) {
        background.0 = colors.normal;
    }
}

/// Keeps the layout proportional: 1280×720 and 1920×1080 look the same,
/// only larger. Small windows shrink a little, then scroll.
fn scale_ui_to_window(
    windows: Query<Ref<Window>, With<PrimaryWindow>>,
    settings: Res<crate::game::preferences::CurrentSettings>,
    scale: Option<ResMut<UiScale>>,
) {
    if let (Ok(window), Some(mut scale)) = (windows.single(), scale) {
        if !window.is_changed() && !settings.is_changed() {
            return;
        }
        // The window's size, times the player's text size (Settings).
        let wanted = (window.height() / palette::DESIGN_HEIGHT)
            .min(window.width() / 1280.0)
            .clamp(0.8, 3.0)
            * settings.0.text_size.scale();
        if (scale.0 - wanted).abs() > 0.01 {
            scale.0 = wanted;
        }
    }
}

/// Marks the button that shows the keyboard focus ring.
#[derive(Component, Debug)]
pub struct FocusRing;

/// Draws a thick outline around the focused button while the keyboard is
/// in use (Tab), so the player always sees where Enter will go.
fn show_focus_ring(
    focus: Option<Res<InputFocus>>,
    visible: Option<Res<InputFocusVisible>>,
    rings: Query<Entity, With<FocusRing>>,
    mut commands: Commands,
) {
    let (Some(focus), Some(visible)) = (focus, visible) else {
        return;
    };
    if !focus.is_changed() && !visible.is_changed() {
        return;
    }
    for ring in &rings {
        commands.entity(ring).remove::<(FocusRing, Outline)>();
    }
    if visible.0
        && let Some(focused) = focus.get()
    {
        commands.entity(focused).try_insert((
            FocusRing,
            Outline::new(px(4), px(3), palette::selected_border()),
        ));
    }
}

/// With a button focused by Tab, Enter and Space press that button (Bevy's
/// button widget handles it); the screen's own Enter/Space shortcut must
/// not fire as well.
fn consume_keys_taken_by_focus(
    focus: Option<Res<InputFocus>>,
    visible: Option<Res<InputFocusVisible>>,
    mut keys: ResMut<ButtonInput<KeyCode>>,
) {
    let focused = focus.is_some_and(|f| f.get().is_some()) && visible.is_some_and(|v| v.0);
    if focused {
        for key in [KeyCode::Enter, KeyCode::NumpadEnter, KeyCode::Space] {
            keys.clear_just_pressed(key);
        }
    }
}
