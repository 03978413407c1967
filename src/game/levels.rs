//! Level files as Bevy assets. The loader calls the same parse + validate as
//! `fact-sorter check`; a level with errors still loads, as a report, so the
//! level list can show what is wrong while every other level plays.

use super::{LaunchOptions, Screen};
use crate::level::Level;
use crate::library::{self, LevelIndex};
use crate::validate::{LevelReport, load_level};
use bevy::asset::io::{AssetSourceBuilder, Reader};
use bevy::asset::{AssetLoader, LoadContext, LoadState};
use bevy::prelude::*;

/// The name of the asset source for the top-level `levels/` folder.
pub const LEVEL_SOURCE: &str = "levels";

pub(super) fn plugin(app: &mut App) {
    app.init_asset::<LevelAsset>();
    app.init_asset_loader::<LevelLoader>();
    app.init_asset::<LevelManifest>();
    app.init_asset_loader::<ManifestLoader>();
    app.init_resource::<LevelCatalog>();
    app.init_resource::<LevelFolder>();
    app.init_resource::<LevelListing>();
    app.add_systems(OnEnter(Screen::Loading), discover_levels);
    app.add_systems(
        Update,
        list_manifest_levels.run_if(|catalog: Res<LevelCatalog>| catalog.manifest.is_some()),
    );
}

/// How the game finds the level files in `levels/`.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelListing {
    /// List the folder (desktop): a teacher just drops files in.
    Folder,
    /// Read the folder's manifest, `index.ron` (web): a browser cannot
    /// list a folder on a web server.
    Manifest,
}

impl Default for LevelListing {
    fn default() -> Self {
        if cfg!(target_arch = "wasm32") {
            LevelListing::Manifest
        } else {
            LevelListing::Folder
        }
    }
}

/// Makes `levels://file.ron` read from `folder` (relative to the asset base
/// path, normally the folder holding `assets/`). Must run before
/// `AssetPlugin` is added.
pub fn register_level_source(app: &mut App, folder: &str) {
    app.register_asset_source(
        LEVEL_SOURCE,
        AssetSourceBuilder::platform_default(folder, None),
    );
    app.insert_resource(LevelFolder(folder.to_owned()));
}

/// The folder behind the `levels://` asset source.
#[derive(Resource, Debug, Clone)]
pub struct LevelFolder(pub String);

impl Default for LevelFolder {
    fn default() -> Self {
        LevelFolder(LEVEL_SOURCE.to_owned())
    }
}

/// One level file, parsed and validated.
#[derive(Asset, TypePath, Debug)]
pub struct LevelAsset {
    pub report: LevelReport,
}

/// Reads `.ron` level files through [`load_level`].
#[derive(Default, TypePath)]
pub struct LevelLoader;

/// Only reading can fail; a broken level is a successful load of its report.
#[derive(Debug, thiserror::Error)]
pub enum LevelLoadError {
    #[error("cannot read the level file: {0}")]
    Io(#[from] std::io::Error),
}

impl AssetLoader for LevelLoader {
    type Asset = LevelAsset;
    type Settings = ();
    type Error = LevelLoadError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<LevelAsset, LevelLoadError> {
        let (file, bytes) = read_whole(reader, load_context).await?;
        Ok(LevelAsset {
            report: load_level(&file, &bytes),
        })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// The web level list, `levels/index.ron`, or the report of why it cannot be used.
#[derive(Asset, TypePath, Debug)]
pub struct LevelManifest(pub Result<LevelIndex, Box<LevelReport>>);

/// Reads [`LevelManifest`]s. It claims no extension, so it is only used
/// when asked for by type; every other `.ron` file is a level.
#[derive(Default, TypePath)]
pub struct ManifestLoader;

impl AssetLoader for ManifestLoader {
    type Asset = LevelManifest;
    type Settings = ();
    type Error = LevelLoadError;

    async fn load(
        &self,
        reader: &mut dyn Reader,
        _settings: &(),
        load_context: &mut LoadContext<'_>,
    ) -> Result<LevelManifest, LevelLoadError> {
        let (file, bytes) = read_whole(reader, load_context).await?;
        Ok(LevelManifest(LevelIndex::load(&file, &bytes)))
    }
}

/// The file's name as teachers see it, and all its bytes.
async fn read_whole(
    reader: &mut dyn Reader,
    load_context: &LoadContext<'_>,
) -> Result<(String, Vec<u8>), LevelLoadError> {
    let mut bytes = Vec::new();
    reader.read_to_end(&mut bytes).await?;
    Ok((display_name(load_context.path().path()), bytes))
}

/// `levels/name.ron`, the way teachers see the file.
fn display_name(path: &std::path::Path) -> String {
    format!("{LEVEL_SOURCE}/{}", path.display())
}

/// Every level the player can pick, in file-name order.
#[derive(Resource, Debug, Default)]
pub struct LevelCatalog {
    pub entries: Vec<LevelEntry>,
    /// The manifest being read; the list is complete once this is `None`.
    pub manifest: Option<Handle<LevelManifest>>,
}

#[derive(Debug, Clone)]
pub struct LevelEntry {
    /// As shown in error messages: `levels/name.ron`.
    pub file: String,
    pub handle: Handle<LevelAsset>,
}

/// Where a level stands.
#[derive(Debug)]
pub enum LevelStatus<'a> {
    Loading,
    Ready(&'a Level),
    /// The file cannot be played; the text is the first error, `file:line:col: message`.
    Broken(String),
}

impl LevelStatus<'_> {
    pub fn is_settled(&self) -> bool {
        !matches!(self, LevelStatus::Loading)
    }
}

impl LevelCatalog {
    /// Whether every level file is known (not necessarily loaded yet).
    pub fn is_listed(&self) -> bool {
        self.manifest.is_none()
    }

    /// Adds a level that was read some other way (command line, file picker);
    /// returns its index.
    pub fn add_report(&mut self, report: LevelReport, levels: &mut Assets<LevelAsset>) -> usize {
        self.entries.push(LevelEntry {
            file: report.file.clone(),
            handle: levels.add(LevelAsset { report }),
        });
        self.entries.len() - 1
    }

    fn add_file(&mut self, name: &str, server: &AssetServer) {
        self.entries.push(LevelEntry {
            file: format!("{LEVEL_SOURCE}/{name}"),
            handle: server.load(format!("{LEVEL_SOURCE}://{name}")),
        });
    }

    pub fn status<'a>(
        &self,
        index: usize,
        levels: &'a Assets<LevelAsset>,
        server: &AssetServer,
    ) -> LevelStatus<'a> {
        let Some(entry) = self.entries.get(index) else {
            return LevelStatus::Broken("no such level".to_owned());
        };
        if let Some(asset) = levels.get(&entry.handle) {
            return match (&asset.report.level, asset.report.first_error()) {
                (Some(level), _) => LevelStatus::Ready(level),
                (None, Some(error)) => LevelStatus::Broken(error.one_line(&asset.report.file)),
                (None, None) => LevelStatus::Broken(format!("{}: cannot be read", entry.file)),
            };
        }
        match server.load_state(&entry.handle) {
            LoadState::Failed(err) => LevelStatus::Broken(format!("{}: {err}", entry.file)),
            _ => LevelStatus::Loading,
        }
    }

    /// Index of the first level that can be played.
    pub fn first_ready(&self, levels: &Assets<LevelAsset>, server: &AssetServer) -> Option<usize> {
        (0..self.entries.len())
            .find(|&i| matches!(self.status(i, levels, server), LevelStatus::Ready(_)))
    }
}

/// Finds the level files: the one named on the command line, or every
/// `.ron` file in `levels/` (listed, or read from its manifest).
fn discover_levels(
    options: Res<LaunchOptions>,
    folder: Res<LevelFolder>,
    listing: Res<LevelListing>,
    server: Res<AssetServer>,
    mut levels: ResMut<Assets<LevelAsset>>,
    mut catalog: ResMut<LevelCatalog>,
) {
    catalog.entries.clear();
    catalog.manifest = None;
    if let Some(path) = &options.file {
        // A file from anywhere on disk: read it directly, with the same checks.
        catalog.add_report(library::read_level(path), &mut levels);
        return;
    }
    match *listing {
        LevelListing::Folder => {
            for name in level_file_names(&folder.0) {
                catalog.add_file(&name, &server);
            }
        }
        LevelListing::Manifest => {
            catalog.manifest =
                Some(server.load(format!("{LEVEL_SOURCE}://{}", library::MANIFEST_FILE)));
        }
    }
}

/// Once the manifest is read, loads every level it lists. A manifest that
/// is missing or broken is shown in the level list with its error.
fn list_manifest_levels(
    server: Res<AssetServer>,
    manifests: Res<Assets<LevelManifest>>,
    mut levels: ResMut<Assets<LevelAsset>>,
    mut catalog: ResMut<LevelCatalog>,
) {
    let Some(handle) = catalog.manifest.clone() else {
        return;
    };
    let file = format!("{LEVEL_SOURCE}/{}", library::MANIFEST_FILE);
    let listed = match (manifests.get(&handle), server.load_state(&handle)) {
        (Some(LevelManifest(listed)), _) => listed.clone(),
        (None, LoadState::Failed(err)) => Err(Box::new(LevelReport::unreadable(
            &file,
            &format!("{err}. Run `fact-sorter index` on the levels folder to write it"),
        ))),
        _ => return,
    };
    catalog.manifest = None;
    match listed {
        Ok(index) => {
            for name in &index.levels {
                catalog.add_file(name, &server);
            }
        }
        Err(report) => {
            catalog.add_report(*report, &mut levels);
        }
    }
}

/// The level files in the `levels/` folder, by name.
#[cfg(not(target_arch = "wasm32"))]
fn level_file_names(folder: &str) -> Vec<String> {
    let dir = bevy::asset::io::file::FileAssetReader::get_base_path().join(folder);
    library::level_files(&[dir])
        .iter()
        .filter_map(|path| path.file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .collect()
}

/// A browser cannot list a folder: the web build always uses the manifest.
#[cfg(target_arch = "wasm32")]
fn level_file_names(_folder: &str) -> Vec<String> {
    Vec::new()
}
