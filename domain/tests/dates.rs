//! Calendar dates: parsing, formatting, arithmetic and weekdays.

use domain::Date;

fn d(text: &str) -> Date {
    Date::parse(text).unwrap_or_else(|| panic!("{text} should parse"))
}

#[test]
fn parse_and_format_round_trip() {
    for text in ["2024-02-29", "1900-01-01", "9999-12-31", "2023-12-31", "2024-01-01", "2000-02-29", "1970-01-01"] {
        let date = d(text);
        assert_eq!(date.to_string(), text);
        assert_eq!(Date::parse(&date.to_string()), Some(date));
    }
    let date = d("2024-07-05");
    assert_eq!((date.year(), date.month(), date.day()), (2024, 7, 5));
}

#[test]
fn new_checks_the_calendar() {
    assert_eq!(Date::new(2024, 2, 29).map(|d| d.to_string()), Some("2024-02-29".to_string()));
    assert_eq!(Date::new(2023, 2, 29), None, "2023 is not a leap year");
    assert_eq!(Date::new(1900, 2, 29), None, "1900 is not a leap year (divisible by 100)");
    assert!(Date::new(2000, 2, 29).is_some(), "2000 is a leap year (divisible by 400)");
    assert_eq!(Date::new(2024, 4, 31), None);
    assert_eq!(Date::new(2024, 6, 31), None);
    assert_eq!(Date::new(2024, 9, 31), None);
    assert_eq!(Date::new(2024, 11, 31), None);
    assert!(Date::new(2024, 12, 31).is_some());
    assert_eq!(Date::new(2024, 13, 1), None);
    assert_eq!(Date::new(2024, 0, 1), None);
    assert_eq!(Date::new(2024, 1, 0), None);
    assert_eq!(Date::new(2024, 1, 32), None);
    assert_eq!(Date::new(1899, 12, 31), None, "before the supported years");
    assert_eq!(Date::new(10_000, 1, 1), None, "after the supported years");
}

#[test]
fn invalid_dates_are_rejected() {
    for text in [
        "2023-02-29",
        "2024-13-01",
        "2024-00-10",
        "2024-04-31",
        "2024-01-00",
        "2024-01-32",
        "",
        "   ",
        "garbage",
        "2024-1-5",
        "2024/01/05",
        "24-01-05",
        "05-01-2024",
        "2024-01-05x",
        "2024-01-05 12:00",
        "2024-01",
        "2024-+1-05",
        "2024-01-+5",
        "+202-01-05",
        "2024- 1-05",
        "1899-12-31",
        "２０２４-01-05",
        "2024-01-0é",
        "abcd-ef-gh",
    ] {
        assert_eq!(Date::parse(text), None, "{text:?} must not parse");
    }
}

#[test]
fn rfc3339_date_part_is_accepted() {
    assert_eq!(d("2024-03-15T12:00:00Z"), d("2024-03-15"));
    assert_eq!(d("2024-03-15T23:59:59.123+02:00"), d("2024-03-15"));
    assert_eq!(d("  2024-03-15  "), d("2024-03-15"), "surrounding spaces are trimmed");
    assert_eq!(Date::parse("2023-02-29T12:00:00Z"), None, "the date part must still be real");
}

#[test]
fn days_since_epoch() {
    assert_eq!(d("1970-01-01").to_days(), 0);
    assert_eq!(d("1970-01-02").to_days(), 1);
    assert_eq!(d("1969-12-31").to_days(), -1);
    // 30 years of 365 days plus the leap days 1972, 76, …, 96 (7) = 10 957.
    assert_eq!(d("2000-01-01").to_days(), 10_957);
    // 2000-01-01 + 366 (2000 is leap) + 365·3 + 366 (2004) … : the known value.
    assert_eq!(d("2024-01-01").to_days(), 19_723);
    assert_eq!(d("1900-01-01").to_days(), -25_567);
    for days in [-25_567, -1, 0, 1, 59, 60, 10_957, 19_723, 19_782, 2_932_896] {
        assert_eq!(Date::from_days(days).to_days(), days, "from_days({days}) round trip");
    }
    assert_eq!(Date::from_days(19_782), d("2024-02-29"));
}

#[test]
fn every_day_of_four_centuries_round_trips() {
    let start = d("1900-01-01");
    let mut previous = start;
    for offset in 1..(146_097 + 365) {
        let next = start.add_days(offset);
        assert_eq!(previous.days_until(next), 1, "{previous} → {next}");
        assert!(next > previous);
        assert_eq!(Date::parse(&next.to_string()), Some(next));
        previous = next;
    }
}

#[test]
fn adding_days() {
    assert_eq!(d("2024-02-28").add_days(1), d("2024-02-29"));
    assert_eq!(d("2024-02-29").add_days(1), d("2024-03-01"));
    assert_eq!(d("2023-02-28").add_days(1), d("2023-03-01"));
    assert_eq!(d("2023-12-31").add_days(1), d("2024-01-01"));
    assert_eq!(d("2024-01-01").add_days(-1), d("2023-12-31"));
    assert_eq!(d("2024-03-01").add_days(-1), d("2024-02-29"));
    assert_eq!(d("2024-01-15").add_days(0), d("2024-01-15"));
    assert_eq!(d("2024-01-01").add_days(366), d("2025-01-01"));
    assert_eq!(d("2023-01-01").add_days(365), d("2024-01-01"));
    assert_eq!(d("2024-01-31").add_days(30), d("2024-03-01"));
}

#[test]
fn adding_days_clamps_to_supported_years() {
    assert_eq!(d("9999-12-31").add_days(1), d("9999-12-31"));
    assert_eq!(d("9999-06-01").add_days(1_000), d("9999-12-31"));
    assert_eq!(d("1900-01-01").add_days(-1), d("1900-01-01"));
    assert_eq!(d("1900-03-01").add_days(-5_000), d("1900-01-01"));
    assert_eq!(d("2024-01-01").add_days(i64::MAX), d("9999-12-31"));
    assert_eq!(d("2024-01-01").add_days(i64::MIN), d("1900-01-01"));
    // Every clamped result is a real date that prints and parses again.
    for days in [-10_000_000, -30_000, 3_000_000, 10_000_000] {
        let date = Date::from_days(days);
        assert_eq!(Date::parse(&date.to_string()), Some(date), "from_days({days}) = {date}");
    }
}

#[test]
fn days_until() {
    assert_eq!(d("2024-01-01").days_until(d("2024-01-15")), 14);
    assert_eq!(d("2024-01-15").days_until(d("2024-01-01")), -14);
    assert_eq!(d("2024-02-01").days_until(d("2024-03-01")), 29);
    assert_eq!(d("2023-02-01").days_until(d("2023-03-01")), 28);
    assert_eq!(d("2024-01-01").days_until(d("2025-01-01")), 366);
    assert_eq!(d("2024-06-06").days_until(d("2024-06-06")), 0);
}

#[test]
fn weekday_monday_is_zero() {
    assert_eq!(d("1970-01-01").weekday(), 3, "a Thursday");
    assert_eq!(d("2024-01-01").weekday(), 0, "a Monday");
    assert_eq!(d("2024-02-29").weekday(), 3, "a Thursday");
    assert_eq!(d("2024-03-16").weekday(), 5, "a Saturday");
    assert_eq!(d("2024-03-17").weekday(), 6, "a Sunday");
    assert_eq!(d("2000-01-01").weekday(), 5, "a Saturday");
    assert_eq!(d("1900-01-01").weekday(), 0, "a Monday");
    assert_eq!(d("1969-12-31").weekday(), 2, "a Wednesday, before the epoch");
    let monday = d("2024-01-01");
    for offset in 0..70 {
        assert_eq!(i64::from(monday.add_days(offset).weekday()), offset % 7);
    }
}

#[test]
fn ordering_follows_the_calendar() {
    let mut dates = [d("2024-03-01"), d("2023-12-31"), d("2024-02-29"), d("2024-01-01")];
    dates.sort();
    let texts: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
    assert_eq!(texts, ["2023-12-31", "2024-01-01", "2024-02-29", "2024-03-01"]);
}
