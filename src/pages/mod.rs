//! One module per route.

pub mod erase;
pub mod goal;
pub mod goal_form;
pub mod goals;
pub mod home;
pub mod not_found;
pub mod peer;
pub mod pupil;
pub mod report;
pub mod settings;
pub mod start;
