//! A Rust panic reaches JS as a real `Error` (`name` `InternalError`, `code` `internal_error`)
//! with the panic's message (and, in the full module, its place), instead of an opaque
//! `RuntimeError: unreachable`.
//!
//! The modules are built with `panic = "abort"`: nothing can catch a panic on the Rust side. So
//! the hook throws the error itself, from inside the panicking call; the JS exception unwinds
//! the wasm stack up to the caller. No destructor runs on the way and the standard library still
//! counts the panic as running, so the module instance is in an unknown state: the message says
//! to load it again, and a second panic in the same instance traps as before. About 500 bytes
//! gzipped in the default module (a crate like `console_error_panic_hook` only logs to the
//! console, and the JS side would still get `unreachable`).

use crate::error::JsError;
use std::panic::PanicHookInfo;
use wasm_bindgen::prelude::*;

/// Installs the hook when the module is instantiated.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(hook));
}

fn hook(info: &PanicHookInfo<'_>) {
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(no message)");
    wasm_bindgen::throw_val(JsError::panic(message, &place(info)).into_js());
}

/// Where the panic happened, in the full module only: naming it keeps every panic site's file
/// name in the module, 1.1 KB gzipped that the default module's budget does not have.
#[cfg(feature = "full")]
fn place(info: &PanicHookInfo<'_>) -> String {
    info.location()
        .map(|l| format!(" at {}:{}", l.file(), l.line()))
        .unwrap_or_default()
}

#[cfg(not(feature = "full"))]
fn place(_: &PanicHookInfo<'_>) -> String {
    String::new()
}

/// Panics with `message`: the test build's way to check the hook (cargo feature `panic-test`,
/// never in the published modules).
#[cfg(feature = "panic-test")]
#[wasm_bindgen(js_name = __panicForTest, skip_typescript)]
pub fn panic_for_test(message: &str) {
    panic!("{message}");
}
