//! Pieces shared by several pages.

pub mod account;
pub mod audience;
pub mod chart;
pub mod checkin;
pub mod download;
pub mod field;
pub mod focus;
pub mod goal_card;
pub mod later;
pub mod notices;
pub mod pupil_data;
pub mod sync_status;
