//! Panics. The crash screen — a calm message with a reload button in place of
//! a dead page — is index.html's, shown for any WebAssembly trap: after a
//! panic nothing in the wasm can be trusted, and in the release build a panic
//! is a bare trap with no hook at all (scripts/build-wasm.mjs, SMALL_STD).

/// Debug builds: a panic's message and place go to the browser's console
/// before the trap, for whoever is developing.
pub fn install() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
}
