//! Every colour and size the game uses, in one place. Light "paper" theme:
//! it stays readable on washed-out classroom projectors.

use crate::level::Category;
use bevy::prelude::*;

pub const BACKGROUND: Color = Color::srgb(0.953, 0.937, 0.902);
pub const PANEL: Color = Color::srgb(1.0, 1.0, 1.0);
pub const PANEL_BORDER: Color = Color::srgb(0.80, 0.77, 0.71);
pub const TEXT: Color = Color::srgb(0.106, 0.133, 0.188);
pub const MUTED: Color = Color::srgb(0.32, 0.35, 0.41);
pub const ERROR: Color = Color::srgb(0.70, 0.15, 0.12);

pub const BUTTON: Color = Color::srgb(0.18, 0.35, 0.67);
pub const BUTTON_HOVER: Color = Color::srgb(0.13, 0.27, 0.55);
pub const BUTTON_TEXT: Color = Color::WHITE;
pub const BUTTON_QUIET: Color = Color::srgb(0.89, 0.87, 0.82);
pub const BUTTON_QUIET_HOVER: Color = Color::srgb(0.82, 0.79, 0.73);
pub const DISABLED: Color = Color::srgb(0.85, 0.84, 0.81);
pub const SELECTED_BORDER: Color = Color::srgb(0.18, 0.35, 0.67);

/// The highlighted statement inside its passage (background plus underline,
/// so the highlight never relies on colour alone).
pub const STATEMENT_HIGHLIGHT: Color = Color::srgb(1.0, 0.88, 0.55);
/// Signal words revealed by the hint or shown in feedback.
pub const SIGNAL_HIGHLIGHT: Color = Color::srgb(0.72, 0.86, 1.0);
pub const OVERLAY: Color = Color::srgba(0.05, 0.07, 0.1, 0.6);

pub const CORRECT: Color = Color::srgb(0.16, 0.48, 0.20);
pub const ALSO: Color = Color::srgb(0.55, 0.42, 0.0);
pub const WRONG: Color = Color::srgb(0.70, 0.15, 0.12);

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
    match category {
        Category::Fact => Color::srgb(0.12, 0.37, 0.66),
        Category::Opinion => Color::srgb(0.49, 0.22, 0.58),
        Category::Unsupported => Color::srgb(0.66, 0.31, 0.05),
    }
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
