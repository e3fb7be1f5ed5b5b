//! Form validation: every field's problems, and the exact records a valid
//! form gives.

mod common;

use common::*;
use domain::validate::*;
use domain::*;
use proptest::prelude::*;

const TODAY: &str = "2024-03-01";

fn today() -> Date {
    d(TODAY)
}

fn levels() -> [String; 5] {
    ["Never", "Sometimes", "Often", "Nearly always", "Always"].map(String::from)
}

/// A draft that validates, with both a GAS scale and a measure.
fn valid_draft() -> GoalDraft {
    GoalDraft {
        title: "  I read every day  ".into(),
        why: "So that I can read the football news myself".into(),
        use_gas: true,
        gas_levels: levels(),
        gas_current: -1,
        use_measure: true,
        measure_name: "pages read per week".into(),
        baseline: "2".into(),
        target: "10".into(),
        contributions: vec![
            ("p".into(), "I read before bed".into()),
            ("t".into(), "  ".into()),
            ("c".into(), "I ask about the book at training".into()),
        ],
        review_date: "2024-05-01".into(),
        strength_ids: vec!["s1".into()],
        weight: "".into(),
    }
}

fn errors_of(draft: &GoalDraft) -> FieldErrors {
    draft.validate(today()).expect_err("the draft should be refused")
}

fn only(draft: &GoalDraft) -> (Field, Problem) {
    let errors = errors_of(draft);
    assert_eq!(errors.0.len(), 1, "exactly one error expected: {errors:?}");
    (errors.0[0].field, errors.0[0].problem)
}

#[test]
fn a_valid_draft_gives_exactly_this_content() {
    let content = valid_draft().validate(today()).unwrap();
    assert_eq!(
        content,
        GoalContent {
            title: "I read every day".into(),
            why: "So that I can read the football news myself".into(),
            gas: Some(GasScale { levels: levels(), current: GasLevel::new(-1).unwrap() }),
            measure: Some(Measure { name: "pages read per week".into(), baseline: 2.0, target: 10.0 }),
            contributions: vec![
                Contribution { person_id: "p".into(), text: "I read before bed".into() },
                Contribution { person_id: "c".into(), text: "I ask about the book at training".into() },
            ],
            review_date: d("2024-05-01"),
            strength_ids: vec!["s1".into()],
            weight: 1.0,
        }
    );
}

#[test]
fn gas_alone_or_measure_alone_is_enough() {
    let gas_only = GoalDraft { use_measure: false, baseline: "nonsense".into(), ..valid_draft() };
    let content = gas_only.validate(today()).unwrap();
    assert!(content.gas.is_some());
    assert_eq!(content.measure, None, "an unused measure is ignored, even when its fields are wrong");

    let measure_only = GoalDraft { use_gas: false, gas_levels: Default::default(), gas_current: 9, ..valid_draft() };
    let content = measure_only.validate(today()).unwrap();
    assert_eq!(content.gas, None, "an unused scale is ignored, even when its fields are wrong");
    assert!(content.measure.is_some());
}

#[test]
fn some_scale_is_required() {
    let draft = GoalDraft { use_gas: false, use_measure: false, ..valid_draft() };
    assert_eq!(only(&draft), (Field::Scale, Problem::Required));
}

#[test]
fn title_problems() {
    for blank in ["", "   ", "\n"] {
        assert_eq!(only(&GoalDraft { title: blank.into(), ..valid_draft() }), (Field::Title, Problem::Required));
    }
    let longest = "å".repeat(TITLE_MAX);
    let content = GoalDraft { title: longest.clone(), ..valid_draft() }.validate(today()).unwrap();
    assert_eq!(content.title, longest, "the limit counts characters, not bytes");
    assert_eq!(
        only(&GoalDraft { title: "a".repeat(TITLE_MAX + 1), ..valid_draft() }),
        (Field::Title, Problem::TooLong { max: TITLE_MAX })
    );
    assert_eq!(
        only(&GoalDraft { title: "Read\u{0}more".into(), ..valid_draft() }),
        (Field::Title, Problem::BadCharacters)
    );
}

#[test]
fn why_is_optional_but_limited() {
    let content = GoalDraft { why: "  ".into(), ..valid_draft() }.validate(today()).unwrap();
    assert_eq!(content.why, "");
    assert_eq!(
        only(&GoalDraft { why: "x".repeat(WHY_MAX + 1), ..valid_draft() }),
        (Field::Why, Problem::TooLong { max: WHY_MAX })
    );
    assert_eq!(only(&GoalDraft { why: "bell\u{7}".into(), ..valid_draft() }), (Field::Why, Problem::BadCharacters));
}

#[test]
fn line_breaks_and_tabs_are_fine_other_control_characters_are_not() {
    assert_eq!(optional_text("one\ntwo", 50), Ok("one\ntwo".into()));
    assert_eq!(optional_text("one\ttwo", 50), Ok("one\ttwo".into()));
    assert_eq!(optional_text("one\r\ntwo\rthree", 50), Ok("one\ntwo\nthree".into()), "Windows and old Mac line breaks");
    for bad in ["\u{0}", "\u{1b}[31m", "\u{7f}", "a\u{85}b", "a\u{8}b"] {
        assert_eq!(optional_text(bad, 50), Err(Problem::BadCharacters), "{bad:?}");
        assert_eq!(required_text(bad, 50), Err(Problem::BadCharacters), "{bad:?}");
    }
    assert_eq!(optional_text("  padded  ", 50), Ok("padded".into()));
    assert_eq!(optional_text("", 50), Ok(String::new()));
    assert_eq!(required_text("", 50), Err(Problem::Required));
    assert_eq!(required_text("ærø", 3), Ok("ærø".into()));
    assert_eq!(required_text("ærøå", 3), Err(Problem::TooLong { max: 3 }));
}

#[test]
fn every_gas_level_needs_a_description() {
    for i in 0..5 {
        let mut draft = valid_draft();
        draft.gas_levels[i] = " ".into();
        assert_eq!(only(&draft), (Field::GasLevel(i), Problem::Required));
        draft.gas_levels[i] = "x".repeat(GAS_LEVEL_MAX + 1);
        assert_eq!(only(&draft), (Field::GasLevel(i), Problem::TooLong { max: GAS_LEVEL_MAX }));
        draft.gas_levels[i] = "\u{1}".into();
        assert_eq!(only(&draft), (Field::GasLevel(i), Problem::BadCharacters));
    }
    let mut draft = valid_draft();
    draft.gas_levels = Default::default();
    let errors = errors_of(&draft);
    let fields: Vec<Field> = errors.0.iter().map(|e| e.field).collect();
    assert_eq!(fields, (0..5).map(Field::GasLevel).collect::<Vec<_>>());
}

#[test]
fn gas_current_must_be_a_level() {
    for current in [-2, -1, 0, 1, 2] {
        let content = GoalDraft { gas_current: current, ..valid_draft() }.validate(today()).unwrap();
        assert_eq!(content.gas.unwrap().current.value(), current);
    }
    for current in [-3, 3, i8::MIN, i8::MAX] {
        assert_eq!(
            only(&GoalDraft { gas_current: current, ..valid_draft() }),
            (Field::GasCurrent, Problem::OutOfRange { min: -2.0, max: 2.0 })
        );
    }
}

#[test]
fn measure_name_problems() {
    assert_eq!(only(&GoalDraft { measure_name: "".into(), ..valid_draft() }), (Field::MeasureName, Problem::Required));
    assert_eq!(
        only(&GoalDraft { measure_name: "m".repeat(MEASURE_NAME_MAX + 1), ..valid_draft() }),
        (Field::MeasureName, Problem::TooLong { max: MEASURE_NAME_MAX })
    );
}

#[test]
fn numbers_as_people_type_them() {
    assert_eq!(number("12"), Ok(12.0));
    assert_eq!(number(" 7.5 "), Ok(7.5));
    assert_eq!(number("7,5"), Ok(7.5), "Danish decimal comma");
    assert_eq!(number("-3,25"), Ok(-3.25));
    assert_eq!(number("0"), Ok(0.0));
    assert_eq!(number(",5"), Ok(0.5));
    assert_eq!(number("1000000"), Ok(NUMBER_LIMIT));
    assert_eq!(number("-1000000"), Ok(-NUMBER_LIMIT));
    assert_eq!(number(""), Err(Problem::Required));
    assert_eq!(number("   "), Err(Problem::Required));
    for bad in ["abc", "7,5,1", "1.000,5", "7 5", "12kr", "1/2", ",", "-", "NaN", "inf", "-infinity", "0x10"] {
        assert_eq!(number(bad), Err(Problem::NotANumber), "{bad:?}");
    }
    let out = Problem::OutOfRange { min: -NUMBER_LIMIT, max: NUMBER_LIMIT };
    assert_eq!(number("1000000,5"), Err(out));
    assert_eq!(number("-2000000"), Err(out));
    assert_eq!(number("1e300"), Err(out));
}

#[test]
fn baseline_and_target_problems() {
    assert_eq!(only(&GoalDraft { baseline: "".into(), ..valid_draft() }), (Field::Baseline, Problem::Required));
    assert_eq!(only(&GoalDraft { baseline: "two".into(), ..valid_draft() }), (Field::Baseline, Problem::NotANumber));
    assert_eq!(only(&GoalDraft { target: "".into(), ..valid_draft() }), (Field::Target, Problem::Required));
    assert_eq!(only(&GoalDraft { target: "ten".into(), ..valid_draft() }), (Field::Target, Problem::NotANumber));
    assert_eq!(
        only(&GoalDraft { target: "9999999".into(), ..valid_draft() }),
        (Field::Target, Problem::OutOfRange { min: -NUMBER_LIMIT, max: NUMBER_LIMIT })
    );
    assert_eq!(
        only(&GoalDraft { baseline: "10".into(), target: "10,0".into(), ..valid_draft() }),
        (Field::Target, Problem::TargetEqualsBaseline)
    );
    let content = GoalDraft { baseline: "7,5".into(), target: "2".into(), ..valid_draft() }.validate(today()).unwrap();
    assert_eq!(
        content.measure,
        Some(Measure { name: "pages read per week".into(), baseline: 7.5, target: 2.0 }),
        "a target below the baseline is fine (fewer mistakes)"
    );
}

#[test]
fn contribution_problems_name_the_position() {
    let mut draft = valid_draft();
    draft.contributions[2].1 = "c".repeat(CONTRIBUTION_MAX + 1);
    assert_eq!(only(&draft), (Field::Contribution(2), Problem::TooLong { max: CONTRIBUTION_MAX }));
    draft.contributions[2].1 = "ok".into();
    draft.contributions[0].1 = "\u{2}".into();
    assert_eq!(only(&draft), (Field::Contribution(0), Problem::BadCharacters));
}

#[test]
fn review_date_problems() {
    assert_eq!(review_date("", today()), Err(Problem::Required));
    assert_eq!(review_date("  ", today()), Err(Problem::Required));
    assert_eq!(review_date("next week", today()), Err(Problem::NotADate));
    assert_eq!(review_date("2024-02-30", today()), Err(Problem::NotADate));
    assert_eq!(review_date("2024-02-29", today()), Err(Problem::DateInPast));
    assert_eq!(review_date(TODAY, today()), Ok(today()), "today is allowed");
    let last = today().add_days(REVIEW_MAX_DAYS);
    assert_eq!(review_date(&last.to_string(), today()), Ok(last));
    assert_eq!(review_date(&last.add_days(1).to_string(), today()), Err(Problem::DateTooFar));
    assert_eq!(review_date("2024-05-01T00:00:00Z", today()), Ok(d("2024-05-01")));

    assert_eq!(only(&GoalDraft { review_date: "".into(), ..valid_draft() }), (Field::ReviewDate, Problem::Required));
    assert_eq!(only(&GoalDraft { review_date: "1/5".into(), ..valid_draft() }), (Field::ReviewDate, Problem::NotADate));
    assert_eq!(
        only(&GoalDraft { review_date: "2023-12-24".into(), ..valid_draft() }),
        (Field::ReviewDate, Problem::DateInPast)
    );
    assert_eq!(
        only(&GoalDraft { review_date: "2030-01-01".into(), ..valid_draft() }),
        (Field::ReviewDate, Problem::DateTooFar)
    );
}

#[test]
fn weight_problems() {
    let weight = |text: &str| GoalDraft { weight: text.into(), ..valid_draft() }.validate(today()).map(|c| c.weight);
    assert_eq!(weight(""), Ok(1.0));
    assert_eq!(weight("  "), Ok(1.0));
    assert_eq!(weight("2"), Ok(2.0));
    assert_eq!(weight("0,5"), Ok(0.5));
    assert_eq!(weight("0.1"), Ok(0.1));
    assert_eq!(weight("10"), Ok(10.0));
    let range = Problem::OutOfRange { min: 0.1, max: 10.0 };
    for bad in ["0", "0,05", "-1", "10.5", "100"] {
        assert_eq!(only(&GoalDraft { weight: bad.into(), ..valid_draft() }), (Field::Weight, range), "{bad}");
    }
    assert_eq!(only(&GoalDraft { weight: "heavy".into(), ..valid_draft() }), (Field::Weight, Problem::NotANumber));
}

#[test]
fn all_problems_are_reported_at_once() {
    let draft = GoalDraft {
        title: "".into(),
        why: "w".repeat(WHY_MAX + 1),
        gas_levels: Default::default(),
        baseline: "x".into(),
        review_date: "".into(),
        weight: "0".into(),
        ..valid_draft()
    };
    let errors = errors_of(&draft);
    assert_eq!(errors.of(Field::Title), Some(Problem::Required));
    assert_eq!(errors.of(Field::Why), Some(Problem::TooLong { max: WHY_MAX }));
    assert_eq!(errors.of(Field::GasLevel(3)), Some(Problem::Required));
    assert_eq!(errors.of(Field::Baseline), Some(Problem::NotANumber));
    assert_eq!(errors.of(Field::ReviewDate), Some(Problem::Required));
    assert_eq!(errors.of(Field::Weight), Some(Problem::OutOfRange { min: 0.1, max: 10.0 }));
    assert_eq!(errors.of(Field::Target), None);
    assert_eq!(errors.of(Field::MeasureName), None);
    assert_eq!(errors.0.len(), 10);
    assert!(!errors.is_empty());
    assert!(FieldErrors::default().is_empty());
}

#[test]
fn from_content_round_trips() {
    let content = valid_draft().validate(today()).unwrap();
    let draft = GoalDraft::from_content(&content);
    assert_eq!(draft.title, "I read every day");
    assert_eq!(draft.baseline, "2", "whole numbers without a needless .0");
    assert_eq!(draft.target, "10");
    assert_eq!(draft.weight, "1");
    assert_eq!(draft.review_date, "2024-05-01");
    assert_eq!(draft.contributions.len(), 2, "only the contributions that say something");
    assert_eq!(draft.validate(today()), Ok(content));

    // Without a scale or a measure the draft says so, and validation still round-trips.
    let mut gas_only = common::content("Read");
    gas_only.measure = None;
    gas_only.weight = 2.5;
    let draft = GoalDraft::from_content(&gas_only);
    assert!(draft.use_gas);
    assert!(!draft.use_measure);
    assert_eq!(draft.weight, "2.5");
    assert_eq!(draft.validate(d("2029-12-01")), Ok(gas_only));

    let measure_only = GoalContent {
        gas: None,
        measure: Some(Measure { name: "minutes".into(), baseline: 7.25, target: -0.5 }),
        ..common::content("Run")
    };
    let draft = GoalDraft::from_content(&measure_only);
    assert!(!draft.use_gas);
    assert_eq!(draft.baseline, "7.25");
    assert_eq!(draft.validate(d("2029-12-01")), Ok(measure_only));
}

#[test]
fn format_number_writes_what_number_reads() {
    assert_eq!(format_number(3.0), "3");
    assert_eq!(format_number(-3.0), "-3");
    assert_eq!(format_number(0.0), "0");
    assert_eq!(format_number(7.5), "7.5");
    assert_eq!(format_number(0.1 + 0.2), "0.30000000000000004");
    for value in [0.0, 1.0, -1.5, 7.25, 0.1 + 0.2, 123_456.789, NUMBER_LIMIT, 1e-7] {
        assert_eq!(number(&format_number(value)), Ok(value), "{value}");
    }
}

fn gas_goal() -> GoalContent {
    common::content("Read")
}

fn measure_goal() -> GoalContent {
    GoalContent {
        gas: None,
        measure: Some(Measure { name: "pages".into(), baseline: 2.0, target: 10.0 }),
        ..gas_goal()
    }
}

#[test]
fn check_in_with_a_gas_level() {
    let draft = CheckInDraft { gas: Some(1), value: "".into(), note: " Good week \n".into(), mood: Some(4) };
    assert_eq!(
        draft.validate(&gas_goal()),
        Ok(CheckInValues { gas: GasLevel::new(1), value: None, note: "Good week".into(), mood: Mood::new(4) })
    );
    let draft = CheckInDraft { gas: Some(-2), ..CheckInDraft::default() };
    assert_eq!(draft.validate(&gas_goal()).unwrap().gas, GasLevel::new(-2));
}

#[test]
fn check_in_with_a_value() {
    let draft = CheckInDraft { gas: None, value: "7,5".into(), note: "".into(), mood: None };
    assert_eq!(
        draft.validate(&measure_goal()),
        Ok(CheckInValues { gas: None, value: Some(7.5), note: String::new(), mood: None })
    );
    let errors =
        CheckInDraft { value: "lots".into(), ..CheckInDraft::default() }.validate(&measure_goal()).unwrap_err();
    assert_eq!(errors.0, vec![FieldError::new(Field::Value, Problem::NotANumber)]);
}

#[test]
fn check_in_needs_a_rating() {
    let errors =
        CheckInDraft { note: "Only a note".into(), ..CheckInDraft::default() }.validate(&gas_goal()).unwrap_err();
    assert_eq!(errors.0, vec![FieldError::new(Field::Rating, Problem::Required)]);
    // A rating the goal has no scale for does not count.
    let errors = CheckInDraft { gas: Some(1), ..CheckInDraft::default() }.validate(&measure_goal()).unwrap_err();
    assert_eq!(errors.of(Field::Rating), Some(Problem::Required));
    let errors = CheckInDraft { value: "4".into(), ..CheckInDraft::default() }.validate(&gas_goal()).unwrap_err();
    assert_eq!(errors.of(Field::Rating), Some(Problem::Required));
    // A goal with both takes either.
    let both = GoalContent { gas: gas_goal().gas, ..measure_goal() };
    assert!(CheckInDraft { gas: Some(0), ..CheckInDraft::default() }.validate(&both).is_ok());
    assert!(CheckInDraft { value: "3".into(), ..CheckInDraft::default() }.validate(&both).is_ok());
    let values = CheckInDraft { gas: Some(2), value: "9".into(), ..CheckInDraft::default() }.validate(&both).unwrap();
    assert_eq!((values.gas, values.value), (GasLevel::new(2), Some(9.0)));
}

#[test]
fn check_in_rating_note_and_mood_problems() {
    let errors = CheckInDraft { gas: Some(3), ..CheckInDraft::default() }.validate(&gas_goal()).unwrap_err();
    assert_eq!(errors.0, vec![FieldError::new(Field::Rating, Problem::OutOfRange { min: -2.0, max: 2.0 })]);

    let long = CheckInDraft { gas: Some(0), note: "n".repeat(NOTE_MAX + 1), ..CheckInDraft::default() };
    assert_eq!(
        long.validate(&gas_goal()).unwrap_err().0,
        vec![FieldError::new(Field::Note, Problem::TooLong { max: NOTE_MAX })]
    );

    for mood in [0, 6, 255] {
        let draft = CheckInDraft { gas: Some(0), mood: Some(mood), ..CheckInDraft::default() };
        assert_eq!(
            draft.validate(&gas_goal()).unwrap_err().0,
            vec![FieldError::new(Field::Mood, Problem::OutOfRange { min: 1.0, max: 5.0 })]
        );
    }
    for mood in 1..=5 {
        let draft = CheckInDraft { gas: Some(0), mood: Some(mood), ..CheckInDraft::default() };
        assert_eq!(draft.validate(&gas_goal()).unwrap().mood.map(Mood::value), Some(mood));
    }
}

#[test]
fn short_texts() {
    assert_eq!(comment_text("  Well done!  "), Ok("Well done!".into()));
    assert_eq!(comment_text(" ").unwrap_err().0, vec![FieldError::new(Field::Text, Problem::Required)]);
    assert_eq!(
        comment_text(&"c".repeat(COMMENT_MAX + 1)).unwrap_err().0,
        vec![FieldError::new(Field::Text, Problem::TooLong { max: COMMENT_MAX })]
    );
    assert_eq!(strength_text("Football"), Ok("Football".into()));
    assert_eq!(
        strength_text(&"s".repeat(STRENGTH_MAX + 1)).unwrap_err().of(Field::Text),
        Some(Problem::TooLong { max: STRENGTH_MAX })
    );
    assert_eq!(ending_reason("Achieved it"), Ok("Achieved it".into()));
    assert_eq!(ending_reason("").unwrap_err().of(Field::Reason), Some(Problem::Required));
    assert_eq!(
        ending_reason(&"r".repeat(REASON_MAX + 1)).unwrap_err().of(Field::Reason),
        Some(Problem::TooLong { max: REASON_MAX })
    );
    assert_eq!(person_name(" Søren Kierkegaard "), Ok("Søren Kierkegaard".into()));
    assert_eq!(person_name("").unwrap_err().of(Field::Name), Some(Problem::Required));
    assert_eq!(person_name("a\u{0}").unwrap_err().of(Field::Name), Some(Problem::BadCharacters));
    assert_eq!(
        person_name(&"n".repeat(NAME_MAX + 1)).unwrap_err().of(Field::Name),
        Some(Problem::TooLong { max: NAME_MAX })
    );
}

fn text_strategy(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[a-zA-ZæøåÆØÅ0-9 ,.!?'\\-]{{1,{max}}}"))
        .unwrap()
        .prop_filter("some visible text", |s| !s.trim().is_empty())
}

fn content_strategy() -> impl Strategy<Value = GoalContent> {
    let gas = proptest::option::of((proptest::array::uniform5(text_strategy(30)), -2i8..=2));
    let measure = proptest::option::of((text_strategy(20), -1000i32..1000, -1000i32..1000, 0u32..4));
    (
        text_strategy(TITLE_MAX),
        proptest::option::of(text_strategy(60)),
        gas,
        measure,
        proptest::collection::vec(text_strategy(40), 0..4),
        0i64..=REVIEW_MAX_DAYS,
        1u32..=100,
    )
        .prop_filter_map(
            "needs a scale and a change",
            |(title, why, gas, measure, contributions, days, weight)| {
                let gas = gas.map(|(levels, current)| GasScale {
                    levels: levels.map(|l| l.trim().to_string()),
                    current: GasLevel::new(current).unwrap(),
                });
                let measure = match measure {
                    Some((_, b, t, _)) if b == t => return None,
                    Some((name, b, t, decimals)) => {
                        let scale = 10f64.powi(decimals as i32);
                        Some(Measure {
                            name: name.trim().to_string(),
                            baseline: f64::from(b) / scale,
                            target: f64::from(t) / scale,
                        })
                    }
                    None => None,
                };
                if gas.is_none() && measure.is_none() {
                    return None;
                }
                Some(GoalContent {
                    title: title.trim().to_string(),
                    why: why.map(|w| w.trim().to_string()).unwrap_or_default(),
                    gas,
                    measure,
                    contributions: contributions
                        .into_iter()
                        .enumerate()
                        .map(|(i, text)| Contribution {
                            person_id: format!("person-{i}"),
                            text: text.trim().to_string(),
                        })
                        .collect(),
                    review_date: d(TODAY).add_days(days),
                    strength_ids: vec!["s1".into(), "s2".into()],
                    weight: f64::from(weight) / 10.0,
                })
            },
        )
}

proptest! {
    #[test]
    fn any_valid_content_round_trips_through_a_draft(content in content_strategy()) {
        let draft = GoalDraft::from_content(&content);
        prop_assert_eq!(draft.validate(today()), Ok(content));
    }

    #[test]
    fn number_reads_what_format_number_writes(value in -NUMBER_LIMIT..=NUMBER_LIMIT) {
        prop_assert_eq!(number(&format_number(value)), Ok(value));
        prop_assert_eq!(number(&format_number(value).replace('.', ",")), Ok(value));
    }

    #[test]
    fn validation_never_panics(
        title in ".{0,130}",
        baseline in ".{0,12}",
        target in ".{0,12}",
        review in ".{0,25}",
        weight in ".{0,6}",
        current in any::<i8>(),
    ) {
        let draft = GoalDraft { title, baseline, target, review_date: review, weight, gas_current: current, ..valid_draft() };
        let _ = draft.validate(today());
    }
}
