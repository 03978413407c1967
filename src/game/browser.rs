//! The browser's side of the web build: the player's settings in the
//! page's local storage, and results handed to the browser as a download.
//! Both stay on the device; nothing is sent anywhere.

use wasm_bindgen::JsCast;

/// The local storage key that holds the settings (the same RON text as the
/// desktop settings file).
pub const SETTINGS_KEY: &str = "fact-sorter.settings";

fn storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .ok_or("no browser window")?
        .local_storage()
        .map_err(|_| "the browser refused local storage".to_owned())?
        .ok_or_else(|| "this browser keeps no local storage (private window?)".to_owned())
}

/// The text stored under `key`, if any.
pub fn load(key: &str) -> Result<Option<String>, String> {
    storage()?
        .get_item(key)
        .map_err(|_| format!("could not read {key} from local storage"))
}

/// Stores `text` under `key`.
pub fn store(key: &str, text: &str) -> Result<(), String> {
    storage()?
        .set_item(key, text)
        .map_err(|_| format!("could not write {key} to local storage (is it full?)"))
}

/// Hands `bytes` to the browser as a file download called `name`.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let window = web_sys::window().ok_or("no browser window")?;
    let document = window.document().ok_or("no document")?;
    let parts = js_sys::Array::new();
    parts.push(&js_sys::Uint8Array::from(bytes).into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser could not make the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|_| "the browser could not make a link to the file")?;
    let link = document
        .create_element("a")
        .map_err(|_| "could not make a download link")?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| "could not make a download link")?;
    link.set_href(&url);
    link.set_download(name);
    link.click();
    // The address is not revoked: some browsers cancel a download whose
    // address goes at once, and a results file is a few kilobytes.
    Ok(())
}
