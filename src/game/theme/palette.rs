//! Every colour and size the game uses, in one place. Light "paper" theme:
//! it stays readable on washed-out classroom projectors.

use crate::level::Category;
use bevy::prelude::*;
use std::sync::atomic::{AtomicBool, Ordering};

/// Every colour of one theme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub background: Color,
    pub panel: Color,
    pub panel_border: Color,
    pub text: Color,
    pub muted: Color,
    pub error: Color,
    pub button: Color,
    pub button_hover: Color,
    pub button_text: Color,
    pub button_quiet: Color,
    pub button_quiet_hover: Color,
    pub disabled: Color,
    pub selected_border: Color,
    /// The highlighted statement inside its passage (background plus
    /// underline, so the highlight never relies on colour alone).
    pub statement_highlight: Color,
    /// Signal words revealed by the hint or shown in feedback.
    pub signal_highlight: Color,
    pub overlay: Color,
    pub correct: Color,
    pub also: Color,
    pub wrong: Color,
    /// Fact, Opinion, Unsupported.
    pub categories: [Color; 3],
}

/// The light "paper" theme: readable on washed-out classroom projectors.
pub const PAPER: Theme = Theme {
    background: Color::srgb(0.953, 0.937, 0.902),
    panel: Color::srgb(1.0, 1.0, 1.0),
    panel_border: Color::srgb(0.80, 0.77, 0.71),
    text: Color::srgb(0.106, 0.133, 0.188),
    muted: Color::srgb(0.32, 0.35, 0.41),
    error: Color::srgb(0.70, 0.15, 0.12),
    button: Color::srgb(0.18, 0.35, 0.67),
    button_hover: Color::srgb(0.13, 0.27, 0.55),
    button_text: Color::WHITE,
    button_quiet: Color::srgb(0.89, 0.87, 0.82),
    button_quiet_hover: Color::srgb(0.82, 0.79, 0.73),
    disabled: Color::srgb(0.85, 0.84, 0.81),
    selected_border: Color::srgb(0.18, 0.35, 0.67),
    statement_highlight: Color::srgb(1.0, 0.88, 0.55),
    signal_highlight: Color::srgb(0.72, 0.86, 1.0),
    overlay: Color::srgba(0.05, 0.07, 0.1, 0.6),
    correct: Color::srgb(0.16, 0.48, 0.20),
    also: Color::srgb(0.48, 0.37, 0.0),
    wrong: Color::srgb(0.70, 0.15, 0.12),
    categories: [
        Color::srgb(0.12, 0.37, 0.66),
        Color::srgb(0.49, 0.22, 0.58),
        Color::srgb(0.66, 0.31, 0.05),
    ],
};

/// High contrast: light text on black, yellow focus and buttons, every
/// text colour at least 7:1 against its background (WCAG AAA; see the test).
pub const HIGH_CONTRAST: Theme = Theme {
    background: Color::srgb(0.0, 0.0, 0.0),
    panel: Color::srgb(0.05, 0.05, 0.05),
    panel_border: Color::srgb(0.85, 0.85, 0.85),
    text: Color::srgb(1.0, 1.0, 1.0),
    muted: Color::srgb(0.86, 0.86, 0.86),
    error: Color::srgb(1.0, 0.62, 0.58),
    button: Color::srgb(1.0, 0.86, 0.0),
    button_hover: Color::srgb(1.0, 0.95, 0.55),
    button_text: Color::srgb(0.0, 0.0, 0.0),
    button_quiet: Color::srgb(0.16, 0.16, 0.16),
    button_quiet_hover: Color::srgb(0.28, 0.28, 0.28),
    disabled: Color::srgb(0.22, 0.22, 0.22),
    selected_border: Color::srgb(1.0, 0.86, 0.0),
    statement_highlight: Color::srgb(0.0, 0.16, 0.42),
    signal_highlight: Color::srgb(0.30, 0.0, 0.32),
    overlay: Color::srgba(0.0, 0.0, 0.0, 0.8),
    correct: Color::srgb(0.55, 1.0, 0.55),
    also: Color::srgb(1.0, 0.9, 0.35),
    wrong: Color::srgb(1.0, 0.62, 0.58),
    categories: [
        Color::srgb(0.60, 0.82, 1.0),
        Color::srgb(0.92, 0.70, 1.0),
        Color::srgb(1.0, 0.74, 0.42),
    ],
};

static HIGH_CONTRAST_ON: AtomicBool = AtomicBool::new(false);

/// Chooses the theme for everything spawned from now on (the settings
/// screen rebuilds the UI after a change).
pub fn use_high_contrast(on: bool) {
    HIGH_CONTRAST_ON.store(on, Ordering::Relaxed);
}

/// The theme in use.
pub fn theme() -> &'static Theme {
    if HIGH_CONTRAST_ON.load(Ordering::Relaxed) {
        &HIGH_CONTRAST
    } else {
        &PAPER
    }
}

pub fn background() -> Color {
    theme().background
}

pub fn panel() -> Color {
    theme().panel
}

pub fn panel_border() -> Color {
    theme().panel_border
}

pub fn text() -> Color {
    theme().text
}

pub fn muted() -> Color {
    theme().muted
}

pub fn error() -> Color {
    theme().error
}

pub fn button() -> Color {
    theme().button
}

pub fn button_hover() -> Color {
    theme().button_hover
}

pub fn button_text() -> Color {
    theme().button_text
}

pub fn button_quiet() -> Color {
    theme().button_quiet
}

pub fn button_quiet_hover() -> Color {
    theme().button_quiet_hover
}

pub fn disabled() -> Color {
    theme().disabled
}

pub fn selected_border() -> Color {
    theme().selected_border
}

pub fn statement_highlight() -> Color {
    theme().statement_highlight
}

pub fn signal_highlight() -> Color {
    theme().signal_highlight
}

pub fn overlay() -> Color {
    theme().overlay
}

pub fn correct() -> Color {
    theme().correct
}

pub fn also() -> Color {
    theme().also
}

pub fn wrong() -> Color {
    theme().wrong
}

/// Font sizes in logical pixels at 1280×720 (the UI scales with the window).
pub const TITLE_SIZE: f32 = 48.0;
pub const HEADER_SIZE: f32 = 30.0;
pub const CARD_SIZE: f32 = 24.0;
pub const BODY_SIZE: f32 = 21.0;
pub const BUTTON_SIZE: f32 = 22.0;
/// The smallest text anywhere: still readable from the back of a classroom.
pub const SMALL_SIZE: f32 = 18.0;

/// The logical height the layout is designed for.
pub const DESIGN_HEIGHT: f32 = 720.0;

/// A category's colour, symbol and keys: colour is never the only signal.
pub fn category_color(category: Category) -> Color {
    theme().categories[category.index()]
}

/// Drawn with the symbol font.
pub fn category_symbol(category: Category) -> &'static str {
    match category {
        Category::Fact => "✓",
        Category::Opinion => "❝",
        Category::Unsupported => "?",
    }
}

/// The keys that answer with this category, as shown on its button.
pub fn category_keys(category: Category) -> &'static str {
    match category {
        Category::Fact => "1 / F",
        Category::Opinion => "2 / O",
        Category::Unsupported => "3 / U",
    }
}
