//! Pieces shared by several pages.

pub mod account;
pub mod chart;
pub mod checkin;
pub mod field;
pub mod focus;
pub mod goal_card;
pub mod notices;
pub mod sync_status;
