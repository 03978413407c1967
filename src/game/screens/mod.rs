//! One plugin per screen; each screen's root despawns when it is left.

pub mod level_select;
pub mod loading;
pub mod play;
pub mod results;
pub mod title;

use bevy::prelude::*;

pub(super) fn plugin(app: &mut App) {
    app.add_plugins((
        loading::plugin,
        title::plugin,
        level_select::plugin,
        play::plugin,
        results::plugin,
    ));
}
