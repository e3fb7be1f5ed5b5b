//! Samspil: a pupil, their teacher, their coach and their family set and
//! follow learning goals together.
//!
//! Layers: [`domain`] holds every rule; [`backend`] alone touches storage and
//! the network; [`state`] is the session shared by the pages and components.

pub mod app;
pub mod backend;
pub mod components;
pub mod crash;
pub mod erasure;
pub mod i18n;
pub mod lazy;
pub mod pages;
pub mod pwa;
pub mod state;
pub mod sync;

/// Installs the crash screen and mounts the app on `<body>`.
pub fn start() {
    crash::install();
    pwa::install();
    leptos::mount::mount_to_body(app::App);
    lazy::prefetch_when_idle();
}
