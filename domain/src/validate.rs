//! Validation of everything a person types. Forms keep their text as typed;
//! these functions turn it into records or say, field by field, what is
//! wrong, so that the UI can show the message next to the field and keep
//! the input.

use crate::date::Date;
use crate::model::*;

/// Longest goal title, in characters.
pub const TITLE_MAX: usize = 120;
/// Longest "why" of a goal, in characters.
pub const WHY_MAX: usize = 500;
/// Longest description of one GAS level, in characters.
pub const GAS_LEVEL_MAX: usize = 200;
/// Longest name of a measure, in characters.
pub const MEASURE_NAME_MAX: usize = 80;
/// Longest contribution, in characters.
pub const CONTRIBUTION_MAX: usize = 300;
/// Longest check-in note, in characters.
pub const NOTE_MAX: usize = 500;
/// Longest comment, in characters.
pub const COMMENT_MAX: usize = 1000;
/// Longest strengths-profile entry, in characters.
pub const STRENGTH_MAX: usize = 120;
/// Longest person's name, in characters.
pub const NAME_MAX: usize = 80;
/// Longest reason for ending a goal, in characters.
pub const REASON_MAX: usize = 500;
/// Numbers beyond this are typing mistakes, not measurements.
pub const NUMBER_LIMIT: f64 = 1_000_000.0;
/// Review dates further ahead than this are typing mistakes.
pub const REVIEW_MAX_DAYS: i64 = 2 * 366;

/// A form field that can be wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The goal's title.
    Title,
    /// Why the goal matters.
    Why,
    /// Neither a GAS scale nor a measure was given.
    Scale,
    /// The description of GAS level −2 … +2 (index 0 … 4).
    GasLevel(usize),
    /// Where the pupil stands on the GAS scale now.
    GasCurrent,
    /// What the measure counts.
    MeasureName,
    /// The measure's starting count.
    Baseline,
    /// The measure's aim.
    Target,
    /// The contribution of the team member at this position.
    Contribution(usize),
    /// The goal's review date.
    ReviewDate,
    /// The goal's weight in the T-score.
    Weight,
    /// A check-in's rating (GAS level or value).
    Rating,
    /// A check-in's counted value.
    Value,
    /// A check-in's note.
    Note,
    /// A check-in's mood.
    Mood,
    /// The text of a comment or strengths entry.
    Text,
    /// A person's name.
    Name,
    /// The reason a goal ends.
    Reason,
}

/// What is wrong with a field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Problem {
    /// Nothing was given, but something must be.
    Required,
    /// Longer than `max` characters.
    TooLong {
        /// The most characters allowed.
        max: usize,
    },
    /// Not a number as people write them (`12`, `7.5`, `7,5`).
    NotANumber,
    /// The number is outside `min ..= max`.
    OutOfRange {
        /// The smallest allowed.
        min: f64,
        /// The largest allowed.
        max: f64,
    },
    /// Not a `YYYY-MM-DD` date that exists.
    NotADate,
    /// The date has already passed.
    DateInPast,
    /// The date is more than [`REVIEW_MAX_DAYS`] ahead.
    DateTooFar,
    /// A measure whose target equals its baseline shows no change.
    TargetEqualsBaseline,
    /// Control characters other than line breaks.
    BadCharacters,
}

/// One problem with one field.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldError {
    /// The field that is wrong.
    pub field: Field,
    /// What is wrong with it.
    pub problem: Problem,
}

impl FieldError {
    /// The problem `problem` with `field`.
    pub fn new(field: Field, problem: Problem) -> FieldError {
        FieldError { field, problem }
    }
}

/// The messages for one form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    /// Nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The first problem with a field, which is the one to show.
    pub fn of(&self, field: Field) -> Option<Problem> {
        self.0.iter().find(|e| e.field == field).map(|e| e.problem)
    }

    fn push(&mut self, field: Field, problem: Problem) {
        self.0.push(FieldError::new(field, problem));
    }

    fn check<T>(&mut self, field: Field, result: Result<T, Problem>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(problem) => {
                self.push(field, problem);
                None
            }
        }
    }
}

/// Trimmed text of at most `max` characters, which may be empty. Line
/// breaks of every kind (`\r\n`, `\r`, `\n`) become `\n`; tabs are kept;
/// any other control character is refused.
pub fn optional_text(text: &str, max: usize) -> Result<String, Problem> {
    let text = text.trim().replace("\r\n", "\n").replace('\r', "\n");
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Problem::BadCharacters);
    }
    if text.chars().count() > max {
        return Err(Problem::TooLong { max });
    }
    Ok(text)
}

/// Trimmed text of 1 … `max` characters.
pub fn required_text(text: &str, max: usize) -> Result<String, Problem> {
    let text = optional_text(text, max)?;
    if text.is_empty() {
        Err(Problem::Required)
    } else {
        Ok(text)
    }
}

/// A number as people type it: `12`, `7.5` or `7,5` (Danish decimal comma).
pub fn number(text: &str) -> Result<f64, Problem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Problem::Required);
    }
    let value: f64 = text.replace(',', ".").parse().map_err(|_| Problem::NotANumber)?;
    if !value.is_finite() {
        return Err(Problem::NotANumber);
    }
    if value.abs() > NUMBER_LIMIT {
        return Err(Problem::OutOfRange { min: -NUMBER_LIMIT, max: NUMBER_LIMIT });
    }
    Ok(value)
}

/// A review date: a real date, not before today and not absurdly far ahead.
pub fn review_date(text: &str, today: Date) -> Result<Date, Problem> {
    if text.trim().is_empty() {
        return Err(Problem::Required);
    }
    let date = Date::parse(text).ok_or(Problem::NotADate)?;
    if date < today {
        return Err(Problem::DateInPast);
    }
    if today.days_until(date) > REVIEW_MAX_DAYS {
        return Err(Problem::DateTooFar);
    }
    Ok(date)
}

/// The goal form, exactly as typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GoalDraft {
    /// The goal in the pupil's words.
    pub title: String,
    /// Why it matters; may be empty.
    pub why: String,
    /// Whether the goal has a GAS scale.
    pub use_gas: bool,
    /// Descriptions of −2 … +2.
    pub gas_levels: [String; 5],
    /// Where the pupil stands now, −2 … +2.
    pub gas_current: i8,
    /// Whether the goal has a measure.
    pub use_measure: bool,
    /// What the measure counts.
    pub measure_name: String,
    /// The count now, as typed.
    pub baseline: String,
    /// The count aimed for, as typed.
    pub target: String,
    /// (person id, what they will do), one per team member; empty text is allowed.
    pub contributions: Vec<(Id, String)>,
    /// The review date as typed, `YYYY-MM-DD`.
    pub review_date: String,
    /// Strengths the goal builds on.
    pub strength_ids: Vec<Id>,
    /// The weight as typed; empty means 1.
    pub weight: String,
}

impl GoalDraft {
    /// A draft to revise an existing goal, filled with its current wording.
    pub fn from_content(content: &GoalContent) -> GoalDraft {
        let gas = content.gas.as_ref();
        let measure = content.measure.as_ref();
        GoalDraft {
            title: content.title.clone(),
            why: content.why.clone(),
            use_gas: gas.is_some(),
            gas_levels: gas.map(|g| g.levels.clone()).unwrap_or_default(),
            gas_current: gas.map(|g| g.current.value()).unwrap_or(-1),
            use_measure: measure.is_some(),
            measure_name: measure.map(|m| m.name.clone()).unwrap_or_default(),
            baseline: measure.map(|m| format_number(m.baseline)).unwrap_or_default(),
            target: measure.map(|m| format_number(m.target)).unwrap_or_default(),
            contributions: content.contributions.iter().map(|c| (c.person_id.clone(), c.text.clone())).collect(),
            review_date: content.review_date.to_string(),
            strength_ids: content.strength_ids.clone(),
            weight: format_number(content.weight),
        }
    }

    /// The goal content the form describes, or every problem with it at
    /// once. `today` bounds the review date.
    pub fn validate(&self, today: Date) -> Result<GoalContent, FieldErrors> {
        let mut errors = FieldErrors::default();
        let title = errors.check(Field::Title, required_text(&self.title, TITLE_MAX));
        let why = errors.check(Field::Why, optional_text(&self.why, WHY_MAX));

        if !self.use_gas && !self.use_measure {
            errors.push(Field::Scale, Problem::Required);
        }
        let gas = if self.use_gas {
            let levels: Vec<Option<String>> = self
                .gas_levels
                .iter()
                .enumerate()
                .map(|(i, text)| errors.check(Field::GasLevel(i), required_text(text, GAS_LEVEL_MAX)))
                .collect();
            let current = errors.check(
                Field::GasCurrent,
                GasLevel::new(self.gas_current).ok_or(Problem::OutOfRange { min: -2.0, max: 2.0 }),
            );
            match (levels.into_iter().collect::<Option<Vec<String>>>(), current) {
                (Some(levels), Some(current)) => {
                    let levels: [String; 5] = levels.try_into().unwrap_or_default();
                    Some(GasScale { levels, current })
                }
                _ => None,
            }
        } else {
            None
        };
        let measure = if self.use_measure {
            let name = errors.check(Field::MeasureName, required_text(&self.measure_name, MEASURE_NAME_MAX));
            let baseline = errors.check(Field::Baseline, number(&self.baseline));
            let target = errors.check(Field::Target, number(&self.target));
            if let (Some(b), Some(t)) = (baseline, target) {
                if b == t {
                    errors.push(Field::Target, Problem::TargetEqualsBaseline);
                }
            }
            match (name, baseline, target) {
                (Some(name), Some(baseline), Some(target)) => Some(Measure { name, baseline, target }),
                _ => None,
            }
        } else {
            None
        };

        let mut contributions = Vec::new();
        for (i, (person_id, text)) in self.contributions.iter().enumerate() {
            if let Some(text) = errors.check(Field::Contribution(i), optional_text(text, CONTRIBUTION_MAX)) {
                if !text.is_empty() {
                    contributions.push(Contribution { person_id: person_id.clone(), text });
                }
            }
        }
        let review_date = errors.check(Field::ReviewDate, review_date(&self.review_date, today));
        let weight = if self.weight.trim().is_empty() {
            Some(1.0)
        } else {
            errors.check(
                Field::Weight,
                number(&self.weight).and_then(|w| {
                    if (0.1..=10.0).contains(&w) {
                        Ok(w)
                    } else {
                        Err(Problem::OutOfRange { min: 0.1, max: 10.0 })
                    }
                }),
            )
        };

        match (title, why, review_date, weight) {
            (Some(title), Some(why), Some(review_date), Some(weight)) if errors.is_empty() => Ok(GoalContent {
                title,
                why,
                gas,
                measure,
                contributions,
                review_date,
                strength_ids: self.strength_ids.clone(),
                weight,
            }),
            _ => Err(errors),
        }
    }
}

/// Writes a number without a needless ".0" (and without the standard library's
/// float printing: see [`crate::number`]).
pub fn format_number(value: f64) -> String {
    crate::number::shortest(value)
}

/// A check-in as tapped and typed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CheckInDraft {
    /// The GAS level tapped, if any.
    pub gas: Option<i8>,
    /// The counted value as typed; may be empty.
    pub value: String,
    /// A note as typed; may be empty.
    pub note: String,
    /// The mood tapped, if any.
    pub mood: Option<u8>,
}

/// The validated parts of a check-in.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckInValues {
    /// The GAS level, if the goal has a scale and one was given.
    pub gas: Option<GasLevel>,
    /// The counted value, if the goal has a measure and one was given.
    pub value: Option<f64>,
    /// The trimmed note.
    pub note: String,
    /// The mood, if one was given.
    pub mood: Option<Mood>,
}

impl CheckInDraft {
    /// A check-in needs a GAS level (if the goal has a scale) or a value
    /// (if it has a measure); the note and mood are optional.
    pub fn validate(&self, goal: &GoalContent) -> Result<CheckInValues, FieldErrors> {
        let mut errors = FieldErrors::default();
        let gas = match self.gas {
            Some(level) if goal.gas.is_some() => {
                errors.check(Field::Rating, GasLevel::new(level).ok_or(Problem::OutOfRange { min: -2.0, max: 2.0 }))
            }
            _ => None,
        };
        let value = if goal.measure.is_some() && !self.value.trim().is_empty() {
            errors.check(Field::Value, number(&self.value))
        } else {
            None
        };
        if gas.is_none() && value.is_none() && errors.is_empty() {
            errors.push(Field::Rating, Problem::Required);
        }
        let note = errors.check(Field::Note, optional_text(&self.note, NOTE_MAX));
        let mood = match self.mood {
            Some(m) => errors.check(Field::Mood, Mood::new(m).ok_or(Problem::OutOfRange { min: 1.0, max: 5.0 })),
            None => None,
        };
        match note {
            Some(note) if errors.is_empty() => Ok(CheckInValues { gas, value, note, mood }),
            _ => Err(errors),
        }
    }
}

/// A comment or encouragement.
pub fn comment_text(text: &str) -> Result<String, FieldErrors> {
    required_text(text, COMMENT_MAX).map_err(|p| FieldErrors(vec![FieldError::new(Field::Text, p)]))
}

/// An entry in the strengths profile.
pub fn strength_text(text: &str) -> Result<String, FieldErrors> {
    required_text(text, STRENGTH_MAX).map_err(|p| FieldErrors(vec![FieldError::new(Field::Text, p)]))
}

/// The reason a goal ends.
pub fn ending_reason(text: &str) -> Result<String, FieldErrors> {
    required_text(text, REASON_MAX).map_err(|p| FieldErrors(vec![FieldError::new(Field::Reason, p)]))
}

/// A person's name.
pub fn person_name(text: &str) -> Result<String, FieldErrors> {
    required_text(text, NAME_MAX).map_err(|p| FieldErrors(vec![FieldError::new(Field::Name, p)]))
}
