//! Danish and English, checked by the compiler: every text is a field of
//! [`Texts`] or a method that matches on the language, so a missing
//! translation does not build.

use crate::backend;
use crate::backend::config::{BackendChoice, ConfigProblem};
use crate::pages::goals::GoalGroup;
use crate::pages::not_found::Missing;
use crate::state::Notice;
use domain::overview::Filter;
use domain::progress::{Scale, Series};
use domain::rules::{GoalStatus, RuleError};
use domain::validate::{format_number, Problem};
use domain::{Circle, Date, Mood, Outcome, Role, StrengthKind};
use leptos::prelude::*;

const LANG_KEY: &str = "samspil.lang";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Da,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Da, Lang::En];

    /// BCP 47 code, for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
        }
    }

    /// The language's name in itself.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Da => "Dansk",
            Lang::En => "English",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        if code.starts_with("da") {
            Some(Lang::Da)
        } else if code.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Da => &DA,
            Lang::En => &EN,
        }
    }
}

/// The language in use, shared through context.
#[derive(Clone, Copy)]
pub struct I18n(RwSignal<Lang>);

impl I18n {
    /// The texts of the current language (reactive when read in a closure).
    pub fn t(self) -> &'static Texts {
        self.0.get().texts()
    }

    /// The texts of the current language without subscribing, for event
    /// handlers that compose a message once.
    pub fn t_now(self) -> &'static Texts {
        self.0.get_untracked().texts()
    }

    pub fn lang(self) -> Lang {
        self.0.get()
    }

    /// Switches language and remembers the choice on this device.
    pub fn set_lang(self, lang: Lang) {
        backend::remember(LANG_KEY, Some(lang.code()));
        self.0.set(lang);
    }

    /// A date as people write it: "3. feb. 2027" / "3 Feb 2027".
    pub fn date(self, date: Date) -> String {
        let t = self.t();
        let month = t.months[usize::from(date.month() - 1)];
        match self.lang() {
            Lang::Da => format!("{}. {} {}", date.day(), month, date.year()),
            Lang::En => format!("{} {} {}", date.day(), month, date.year()),
        }
    }

    /// A date without the year, for chart axes.
    pub fn short_date(self, date: Date) -> String {
        let month = self.t().months[usize::from(date.month() - 1)];
        match self.lang() {
            Lang::Da => format!("{}. {}", date.day(), month),
            Lang::En => format!("{} {}", date.day(), month),
        }
    }
}

/// The remembered language, else the browser's, else Danish.
fn initial_lang() -> Lang {
    backend::remembered(LANG_KEY)
        .and_then(|code| Lang::from_code(&code))
        .or_else(|| web_sys::window().and_then(|w| w.navigator().language()).and_then(|code| Lang::from_code(&code)))
        .unwrap_or(Lang::Da)
}

/// Provides the language and keeps `<html lang>` in step with it.
pub fn provide_i18n() {
    let i18n = I18n(RwSignal::new(initial_lang()));
    provide_context(i18n);
    Effect::new(move |_| {
        let code = i18n.lang().code();
        if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = html.set_attribute("lang", code);
        }
    });
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// The language switch in the header.
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="language">
            <label for="language-picker" class="visually-hidden">{move || i18n.t().language}</label>
            <select id="language-picker" on:change=move |ev| {
                if let Some(lang) = Lang::from_code(&event_target_value(&ev)) { i18n.set_lang(lang) }
            }>
                {Lang::ALL.into_iter().map(|lang| view! {
                    <option value=lang.code() lang=lang.code() selected=move || i18n.lang() == lang>{lang.name()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// Every text in one language.
pub struct Texts {
    pub lang: Lang,
    pub months: [&'static str; 12],
    pub skip_to_content: &'static str,
    pub loading: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_goals: &'static str,
    pub nav_settings: &'static str,
    pub switch_person: &'static str,
    pub choose_person: &'static str,
    pub choose_person_first: &'static str,
    pub language: &'static str,
    pub dismiss: &'static str,
    pub who_is_using: &'static str,
    pub welcome_title: &'static str,
    pub welcome_text: &'static str,
    pub load_demo: &'static str,
    pub start_empty: &'static str,
    pub pupils: &'static str,
    pub adults: &'static str,
    pub nobody_yet: &'static str,
    pub add_person: &'static str,
    pub name: &'static str,
    pub role_label: &'static str,
    pub organisation: &'static str,
    pub add: &'static str,
    pub choose: &'static str,
    pub cancel: &'static str,
    pub save: &'static str,
    pub confirm: &'static str,
    pub none_yet: &'static str,
    pub how_did_today_go: &'static str,
    pub quick_checkin_hint: &'static str,
    pub no_active_goals_pupil: &'static str,
    pub see_goal: &'static str,
    pub goals_being_agreed: &'static str,
    pub more_actions: &'static str,
    pub propose_my_goal: &'static str,
    pub my_strengths_and_team: &'static str,
    pub good_at_heading: &'static str,
    pub waiting_for_your_agreement: &'static str,
    pub your_pupils_today: &'static str,
    pub no_teams_yet: &'static str,
    pub overview_title: &'static str,
    pub show: &'static str,
    pub col_pupil: &'static str,
    pub col_active: &'static str,
    pub col_waiting: &'static str,
    pub col_stale: &'static str,
    pub col_reviews: &'static str,
    pub col_last: &'static str,
    pub never: &'static str,
    pub how_goals_go: &'static str,
    pub score_pupil: &'static str,
    pub score_adults: &'static str,
    pub score_everyone: &'static str,
    pub t_score_explained: &'static str,
    pub goals: &'static str,
    pub propose_goal: &'static str,
    pub no_goals_yet: &'static str,
    pub strengths: &'static str,
    pub suggested: &'static str,
    pub strength_confirmed: &'static str,
    pub strength_added: &'static str,
    pub add_strength: &'static str,
    pub kind: &'static str,
    pub from_where: &'static str,
    pub strength_text: &'static str,
    pub team: &'static str,
    pub add_to_team: &'static str,
    pub agreement: &'static str,
    pub agree: &'static str,
    pub what_we_agreed: &'static str,
    pub why: &'static str,
    pub builds_on: &'static str,
    pub how_we_see_it: &'static str,
    pub where_we_started: &'static str,
    pub expected: &'static str,
    pub who_does_what: &'static str,
    pub change_goal: &'static str,
    pub progress: &'static str,
    pub no_checkins_yet: &'static str,
    pub latest_ratings: &'static str,
    pub show_as_table: &'static str,
    pub progress_table_caption: &'static str,
    pub aim_line: &'static str,
    pub date: &'static str,
    pub person: &'static str,
    pub gas_level: &'static str,
    pub value: &'static str,
    pub new_checkin: &'static str,
    pub checkin_notes: &'static str,
    pub level_now: &'static str,
    pub note_optional: &'static str,
    pub mood_optional: &'static str,
    pub save_checkin: &'static str,
    pub comments: &'static str,
    pub no_comments: &'static str,
    pub encouragement: &'static str,
    pub write_comment: &'static str,
    pub post_comment: &'static str,
    pub send_encouragement: &'static str,
    pub comment_posted: &'static str,
    pub earlier_versions: &'static str,
    pub end_goal: &'static str,
    pub how_did_it_end: &'static str,
    pub reason: &'static str,
    pub goal_ended: &'static str,
    pub goal_proposed: &'static str,
    pub change_needs_agreement: &'static str,
    pub not_in_team: &'static str,
    pub fix_marked_fields: &'static str,
    pub goal_title_hint: &'static str,
    pub why_label: &'static str,
    pub use_gas: &'static str,
    pub gas_hint: &'static str,
    pub where_now: &'static str,
    pub use_measure: &'static str,
    pub measure_name: &'static str,
    pub measure_hint: &'static str,
    pub baseline: &'static str,
    pub target: &'static str,
    pub review_date: &'static str,
    pub weight: &'static str,
    pub weight_hint: &'static str,
    pub propose_change: &'static str,
    pub not_found_text: &'static str,
    pub back_home: &'static str,
    pub where_data_lives: &'static str,
    pub storage_embedded: &'static str,
    pub storage_memory_only: &'static str,
    pub remote_later: &'static str,
    pub data_on_device: &'static str,
    pub erase_device: &'static str,
    pub erase_confirm: &'static str,
    pub erase_yes: &'static str,
    pub erased: &'static str,
    pub update_ready: &'static str,
    pub update_reload: &'static str,
}

impl Texts {
    fn pick<'a>(&self, da: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Da => da,
            Lang::En => en,
        }
    }

    pub fn role(&self, role: Role) -> &'static str {
        match (self.lang, role) {
            (Lang::Da, Role::Pupil) => "elev",
            (Lang::Da, Role::Teacher) => "lærer",
            (Lang::Da, Role::Coach) => "træner",
            (Lang::Da, Role::Parent) => "forælder",
            (Lang::Da, Role::Other) => "anden voksen",
            (Lang::Da, Role::Leader) => "leder",
            (Lang::En, Role::Pupil) => "pupil",
            (Lang::En, Role::Teacher) => "teacher",
            (Lang::En, Role::Coach) => "coach",
            (Lang::En, Role::Parent) => "parent",
            (Lang::En, Role::Other) => "other adult",
            (Lang::En, Role::Leader) => "leader",
        }
    }

    pub fn circle(&self, circle: Circle) -> &'static str {
        match (self.lang, circle) {
            (Lang::Da, Circle::Family) => "familie",
            (Lang::Da, Circle::Friends) => "venner",
            (Lang::Da, Circle::Club) => "klubben",
            (Lang::Da, Circle::School) => "skolen",
            (Lang::Da, Circle::Other) => "andre",
            (Lang::En, Circle::Family) => "family",
            (Lang::En, Circle::Friends) => "friends",
            (Lang::En, Circle::Club) => "the club",
            (Lang::En, Circle::School) => "school",
            (Lang::En, Circle::Other) => "others",
        }
    }

    pub fn strength_kind(&self, kind: StrengthKind) -> &'static str {
        match (self.lang, kind) {
            (Lang::Da, StrengthKind::GoodAt) => "God til",
            (Lang::Da, StrengthKind::Enjoys) => "Kan lide",
            (Lang::Da, StrengthKind::Supporter) => "Hvem hjælper",
            (Lang::En, StrengthKind::GoodAt) => "Good at",
            (Lang::En, StrengthKind::Enjoys) => "Enjoys",
            (Lang::En, StrengthKind::Supporter) => "Who helps",
        }
    }

    pub fn status(&self, status: &GoalStatus) -> &'static str {
        match status {
            GoalStatus::Proposed { .. } => self.pick("Venter på enighed", "Waiting for agreement"),
            GoalStatus::Active => self.pick("Aktivt", "Active"),
            GoalStatus::Ended(outcome) => self.outcome(*outcome),
        }
    }

    pub fn outcome(&self, outcome: Outcome) -> &'static str {
        match (self.lang, outcome) {
            (Lang::Da, Outcome::Achieved) => "Nået",
            (Lang::Da, Outcome::Revised) => "Erstattet af et nyt mål",
            (Lang::Da, Outcome::Stopped) => "Stoppet",
            (Lang::En, Outcome::Achieved) => "Achieved",
            (Lang::En, Outcome::Revised) => "Replaced by a new goal",
            (Lang::En, Outcome::Stopped) => "Stopped",
        }
    }

    pub fn mood(&self, mood: Mood) -> &'static str {
        match (self.lang, mood.value()) {
            (Lang::Da, 1) => "Rigtig dårligt",
            (Lang::Da, 2) => "Dårligt",
            (Lang::Da, 3) => "Okay",
            (Lang::Da, 4) => "Godt",
            (Lang::Da, _) => "Rigtig godt",
            (Lang::En, 1) => "Very bad",
            (Lang::En, 2) => "Bad",
            (Lang::En, 3) => "Okay",
            (Lang::En, 4) => "Good",
            (Lang::En, _) => "Great",
        }
    }

    pub fn filter(&self, filter: Filter) -> &'static str {
        match (self.lang, filter) {
            (Lang::Da, Filter::All) => "Alle elever",
            (Lang::Da, Filter::NeedsAttention) => "Kræver opmærksomhed",
            (Lang::Da, Filter::WaitingForAgreement) => "Mål der venter på enighed",
            (Lang::Da, Filter::WithoutCheckIn) => "Ingen opfølgning i 2 uger",
            (Lang::Da, Filter::ReviewDue) => "Tid til evaluering",
            (Lang::En, Filter::All) => "All pupils",
            (Lang::En, Filter::NeedsAttention) => "Needs attention",
            (Lang::En, Filter::WaitingForAgreement) => "Goals waiting for agreement",
            (Lang::En, Filter::WithoutCheckIn) => "No check-in for 2 weeks",
            (Lang::En, Filter::ReviewDue) => "Review due",
        }
    }

    pub fn goal_group(&self, group: GoalGroup) -> &'static str {
        match group {
            GoalGroup::Proposed => self.pick("Venter på enighed", "Waiting for agreement"),
            GoalGroup::Active => self.pick("Aktive mål", "Active goals"),
            GoalGroup::Ended => self.pick("Afsluttede mål", "Ended goals"),
        }
    }

    pub fn not_found(&self, what: Missing) -> &'static str {
        match what {
            Missing::Page => self.pick("Siden findes ikke", "Page not found"),
            Missing::Pupil => self.pick("Eleven findes ikke", "Pupil not found"),
            Missing::Goal => self.pick("Målet findes ikke", "Goal not found"),
        }
    }

    pub fn goal_title_label(&self, is_pupil: bool) -> &'static str {
        match is_pupil {
            true => self.pick("Mit mål, med mine egne ord", "My goal, in my own words"),
            false => self.pick("Målet, gerne med elevens egne ord", "The goal, in the pupil's own words if you can"),
        }
    }

    pub fn rule(&self, rule: RuleError) -> &'static str {
        match rule {
            RuleError::NotInTeam => self.pick("Kun elevens team kan gøre det.", "Only the pupil's team can do this."),
            RuleError::GoalEnded => self.pick("Målet er afsluttet.", "This goal has ended."),
            RuleError::NotProposed => self.pick("Målet er allerede aftalt.", "This goal is already agreed."),
            RuleError::AlreadyAgreed => self.pick("Du har allerede sagt ja.", "You have already agreed."),
            RuleError::NotActive => self.pick("Målet er ikke aftalt endnu.", "This goal is not agreed yet."),
            RuleError::ReasonMissing => self.pick("Skriv en grund.", "Write a reason."),
            RuleError::OnlyPupilConfirms => self.pick("Kun eleven kan bekræfte.", "Only the pupil can confirm."),
            RuleError::OnlyPupilInvitesParent => self.pick(
                "En forælder kommer med i teamet, når eleven selv inviterer.",
                "A parent joins the team when the pupil invites them.",
            ),
            RuleError::PupilsAreNotMembers => self
                .pick("En elev kan ikke være med i en anden elevs team.", "A pupil cannot join another pupil's team."),
            RuleError::LeadersAreNotMembers => {
                self.pick("En leder er ikke med i et team.", "A leader is not part of a team.")
            }
            RuleError::AlreadyInTeam => {
                self.pick("Personen er allerede med i teamet.", "This person is already in the team.")
            }
            RuleError::NothingChanged => {
                self.pick("Du har ikke ændret noget i målet.", "You have not changed anything in the goal.")
            }
        }
    }

    pub fn problem(&self, problem: Problem) -> String {
        match (self.lang, problem) {
            (Lang::Da, Problem::Required) => "Skal udfyldes.".into(),
            (Lang::En, Problem::Required) => "Please fill this in.".into(),
            (Lang::Da, Problem::TooLong { max }) => format!("Højst {max} tegn."),
            (Lang::En, Problem::TooLong { max }) => format!("At most {max} characters."),
            (Lang::Da, Problem::NotANumber) => "Skriv et tal, fx 7 eller 7,5.".into(),
            (Lang::En, Problem::NotANumber) => "Write a number, e.g. 7 or 7.5.".into(),
            (Lang::Da, Problem::OutOfRange { min, max }) => {
                format!("Skal være mellem {} og {}.", format_number(min), format_number(max))
            }
            (Lang::En, Problem::OutOfRange { min, max }) => {
                format!("Must be between {} and {}.", format_number(min), format_number(max))
            }
            (Lang::Da, Problem::NotADate) => "Skriv en rigtig dato.".into(),
            (Lang::En, Problem::NotADate) => "Write a real date.".into(),
            (Lang::Da, Problem::DateInPast) => "Datoen må ikke ligge før i dag.".into(),
            (Lang::En, Problem::DateInPast) => "The date cannot be before today.".into(),
            (Lang::Da, Problem::DateTooFar) => "Vælg en dato inden for to år.".into(),
            (Lang::En, Problem::DateTooFar) => "Choose a date within two years.".into(),
            (Lang::Da, Problem::TargetEqualsBaseline) => "Målet skal være et andet tal end udgangspunktet.".into(),
            (Lang::En, Problem::TargetEqualsBaseline) => "The target must differ from the baseline.".into(),
            (Lang::Da, Problem::BadCharacters) => "Teksten indeholder usynlige kontroltegn.".into(),
            (Lang::En, Problem::BadCharacters) => "The text contains invisible control characters.".into(),
        }
    }

    pub fn notice(&self, notice: &Notice) -> String {
        match notice {
            Notice::Config(ConfigProblem::Missing) => self
                .pick(
                    "Der er ingen config.json. Samspil gemmer dine data på denne enhed.",
                    "There is no config.json. Samspil keeps your data on this device.",
                )
                .into(),
            Notice::Config(ConfigProblem::Malformed(_)) => self
                .pick(
                    "config.json kan ikke læses. Samspil gemmer dine data på denne enhed.",
                    "config.json cannot be read. Samspil keeps your data on this device.",
                )
                .into(),
            Notice::Config(ConfigProblem::Unsupported(choice)) => {
                let kind = match choice {
                    BackendChoice::Embedded => "embedded",
                    BackendChoice::JsonServer { .. } => "json-server",
                    BackendChoice::PocketBase { .. } => "PocketBase",
                };
                match self.lang {
                    Lang::Da => format!(
                        "config.json beder om {kind}, som denne version ikke kan bruge endnu. Samspil gemmer dine data på denne enhed."
                    ),
                    Lang::En => format!(
                        "config.json asks for {kind}, which this version cannot use yet. Samspil keeps your data on this device."
                    ),
                }
            }
            Notice::SkippedRecords(n) => match self.lang {
                Lang::Da => format!("{n} gemte poster kunne ikke læses og blev sprunget over."),
                Lang::En => format!("{n} stored records could not be read and were skipped."),
            },
            Notice::SaveFailed => self
                .pick(
                    "En ændring kunne ikke gemmes på enheden. Den vises stadig, men forsvinder hvis du genindlæser.",
                    "A change could not be stored on this device. It is still shown, but will be gone if you reload.",
                )
                .into(),
            Notice::StorageUnavailable => self
                .pick(
                    "Browseren tillader ikke lagring. Dine ændringer gemmes kun, indtil du lukker siden.",
                    "This browser does not allow storage. Your changes last only until you close the page.",
                )
                .into(),
        }
    }

    pub fn hello(&self, name: &str) -> String {
        match self.lang {
            Lang::Da => format!("Hej {name}!"),
            Lang::En => format!("Hi {name}!"),
        }
    }

    pub fn how_did_it_go(&self, title: &str) -> String {
        match self.lang {
            Lang::Da => format!("Hvordan gik det med: {title}"),
            Lang::En => format!("How is it going: {title}"),
        }
    }

    pub fn checkin_saved(&self, title: &str) -> String {
        match self.lang {
            Lang::Da => format!("Gemt: {title}"),
            Lang::En => format!("Check-in saved: {title}"),
        }
    }

    pub fn active_goal_count(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Da, 1) => "1 aktivt mål".into(),
            (Lang::Da, n) => format!("{n} aktive mål"),
            (Lang::En, 1) => "1 active goal".into(),
            (Lang::En, n) => format!("{n} active goals"),
        }
    }

    pub fn pupil_count(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Da, 1) => "1 elev".into(),
            (Lang::Da, n) => format!("{n} elever"),
            (Lang::En, 1) => "1 pupil".into(),
            (Lang::En, n) => format!("{n} pupils"),
        }
    }

    pub fn incl_you(&self, n: usize) -> String {
        match self.lang {
            Lang::Da => format!("heraf {n} hos dig"),
            Lang::En => format!("{n} need you"),
        }
    }

    pub fn open_pupil(&self, name: &str) -> String {
        match self.lang {
            Lang::Da => format!("Åbn {name}s side"),
            Lang::En => format!("Open {name}'s page"),
        }
    }

    pub fn person_added(&self, name: &str) -> String {
        match self.lang {
            Lang::Da => format!("{name} er tilføjet."),
            Lang::En => format!("{name} was added."),
        }
    }

    pub fn member_added(&self, name: &str) -> String {
        match self.lang {
            Lang::Da => format!("{name} er nu med i teamet."),
            Lang::En => format!("{name} is now in the team."),
        }
    }

    pub fn confirm_strength(&self, text: &str) -> String {
        match self.lang {
            Lang::Da => format!("Bekræft: {text}"),
            Lang::En => format!("Confirm: {text}"),
        }
    }

    pub fn waiting_for(&self, names: &str) -> String {
        match self.lang {
            Lang::Da => format!("Venter på: {names}"),
            Lang::En => format!("Waiting for: {names}"),
        }
    }

    pub fn agreed_by(&self, names: &str) -> String {
        let names = if names.is_empty() { self.pick("ingen endnu", "nobody yet") } else { names };
        match self.lang {
            Lang::Da => format!("Enige: {names}"),
            Lang::En => format!("Agreed: {names}"),
        }
    }

    pub fn proposed_by(&self, name: &str) -> String {
        match self.lang {
            Lang::Da => format!("Foreslået af {name}"),
            Lang::En => format!("Proposed by {name}"),
        }
    }

    pub fn agree_to(&self, title: &str) -> String {
        match self.lang {
            Lang::Da => format!("Sig ja til: {title}"),
            Lang::En => format!("Agree to: {title}"),
        }
    }

    pub fn agreed(&self, title: &str, now_active: bool) -> String {
        match (self.lang, now_active) {
            (Lang::Da, true) => format!("Alle er enige. {title} er nu aktivt."),
            (Lang::Da, false) => format!("Du har sagt ja til: {title}"),
            (Lang::En, true) => format!("Everyone agreed. {title} is now active."),
            (Lang::En, false) => format!("You agreed to: {title}"),
        }
    }

    pub fn review_on(&self, date: &str) -> String {
        match self.lang {
            Lang::Da => format!("Evalueres {date}"),
            Lang::En => format!("Review on {date}"),
        }
    }

    pub fn revision(&self, n: u32) -> String {
        match self.lang {
            Lang::Da => format!("Version {n}"),
            Lang::En => format!("Version {n}"),
        }
    }

    pub fn ended_by(&self, name: &str, date: &str) -> String {
        match self.lang {
            Lang::Da => format!("Afsluttet af {name}, {date}"),
            Lang::En => format!("Ended by {name} on {date}"),
        }
    }

    pub fn change_goal_for(&self, name: &str) -> String {
        match self.lang {
            Lang::Da => format!("Ændr et mål for {name}"),
            Lang::En => format!("Change a goal for {name}"),
        }
    }

    pub fn propose_goal_for(&self, name: &str) -> String {
        match self.lang {
            Lang::Da => format!("Foreslå et mål for {name}"),
            Lang::En => format!("Propose a goal for {name}"),
        }
    }

    pub fn strengths_to_build_on(&self, name: &str) -> String {
        match self.lang {
            Lang::Da => format!("Det er {name} god til – hvad kan målet bygge på?"),
            Lang::En => format!("What {name} is good at – what can the goal build on?"),
        }
    }

    pub fn level_label(&self, level: String, index: usize) -> String {
        let meaning = match (self.lang, index) {
            (Lang::Da, 0) => "meget mindre end forventet",
            (Lang::Da, 1) => "lidt mindre end forventet",
            (Lang::Da, 2) => "det forventede",
            (Lang::Da, 3) => "lidt mere end forventet",
            (Lang::Da, _) => "meget mere end forventet",
            (Lang::En, 0) => "much less than expected",
            (Lang::En, 1) => "somewhat less than expected",
            (Lang::En, 2) => "the expected outcome",
            (Lang::En, 3) => "somewhat more than expected",
            (Lang::En, _) => "much more than expected",
        };
        format!("{level}: {meaning}")
    }

    pub fn what_will_do(&self, name: &str, role: Role) -> String {
        let role = self.role(role);
        match self.lang {
            Lang::Da => format!("Hvad gør {name} ({role})?"),
            Lang::En => format!("What will {name} ({role}) do?"),
        }
    }

    pub fn data_counts(&self, people: usize, goals: usize, checkins: usize) -> String {
        match self.lang {
            Lang::Da => format!("{people} personer, {goals} mål og {checkins} opfølgninger er gemt på denne enhed."),
            Lang::En => format!("{people} people, {goals} goals and {checkins} check-ins are stored on this device."),
        }
    }

    pub fn chart_title(&self, title: &str) -> String {
        match self.lang {
            Lang::Da => format!("Udvikling: {title}"),
            Lang::En => format!("Progress: {title}"),
        }
    }

    /// The chart's text alternative: each person's latest rating.
    pub fn chart_summary(&self, title: &str, names: &[String], series: &[Series], scale: Scale) -> String {
        let latest: Vec<String> = series
            .iter()
            .zip(names)
            .filter_map(|(s, name)| {
                s.points.last().map(|&(_, v)| {
                    let shown = match scale {
                        Scale::Gas => crate::components::checkin::signed(v as i8),
                        Scale::Measure => format_number(v),
                    };
                    format!("{name} ({}): {shown}", self.role(s.role))
                })
            })
            .collect();
        let count: usize = series.iter().map(|s| s.points.len()).sum();
        match self.lang {
            Lang::Da => format!("{count} vurderinger af «{title}». Seneste: {}.", latest.join("; ")),
            Lang::En => format!("{count} ratings of “{title}”. Latest: {}.", latest.join("; ")),
        }
    }
}

pub static DA: Texts = Texts {
    lang: Lang::Da,
    months: ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."],
    skip_to_content: "Gå til indholdet",
    loading: "Henter…",
    nav_label: "Hovedmenu",
    nav_home: "Hjem",
    nav_goals: "Mål",
    nav_settings: "Indstillinger",
    switch_person: "Skift person",
    choose_person: "Vælg person",
    choose_person_first: "Vælg først, hvem du er.",
    language: "Sprog",
    dismiss: "Luk",
    who_is_using: "Hvem bruger enheden?",
    welcome_title: "Velkommen til Samspil",
    welcome_text: "Her sætter elev, lærer, træner og forældre mål sammen og følger dem op. Vil du se et eksempel med seks elever, eller starte helt forfra?",
    load_demo: "Hent eksempeldata",
    start_empty: "Start tom",
    pupils: "Elever",
    adults: "Voksne",
    nobody_yet: "Der er ingen personer endnu. Tilføj den første herunder.",
    add_person: "Tilføj en person",
    name: "Navn",
    role_label: "Rolle",
    organisation: "Skole, klub eller familie",
    add: "Tilføj",
    choose: "Vælg…",
    cancel: "Annuller",
    save: "Gem",
    confirm: "Bekræft",
    none_yet: "Ingen endnu.",
    how_did_today_go: "Hvordan gik det i dag?",
    quick_checkin_hint: "Tryk på det, der passer bedst. Det bliver gemt med det samme.",
    no_active_goals_pupil: "Du har ingen aktive mål endnu. Foreslå et!",
    see_goal: "Se målet",
    goals_being_agreed: "Mål, vi er ved at blive enige om",
    more_actions: "Mere",
    propose_my_goal: "Foreslå et mål",
    my_strengths_and_team: "Mine styrker og mit team",
    good_at_heading: "Det er jeg god til",
    waiting_for_your_agreement: "Venter på dit ja",
    your_pupils_today: "Dine elever i dag",
    no_teams_yet: "Du er ikke med i et elevteam endnu.",
    overview_title: "Overblik over dine elever",
    show: "Vis",
    col_pupil: "Elev",
    col_active: "Aktive mål",
    col_waiting: "Venter på enighed",
    col_stale: "Ingen opfølgning i 2 uger",
    col_reviews: "Evaluering",
    col_last: "Seneste opfølgning",
    never: "aldrig",
    how_goals_go: "Sådan går det",
    score_pupil: "Elevens egen vurdering",
    score_adults: "De voksnes vurdering",
    score_everyone: "Alle samlet",
    t_score_explained: "T-score efter Goal Attainment Scaling: 50 betyder, at målene er nået som forventet.",
    goals: "Mål",
    propose_goal: "Foreslå mål",
    no_goals_yet: "Ingen mål endnu.",
    strengths: "Styrker",
    suggested: "forslag",
    strength_confirmed: "Styrken er bekræftet.",
    strength_added: "Tilføjet til styrkerne.",
    add_strength: "Tilføj en styrke",
    kind: "Slags",
    from_where: "Hvorfra",
    strength_text: "Beskrivelse",
    team: "Team",
    add_to_team: "Tilføj til teamet",
    agreement: "Enighed",
    agree: "Jeg er enig",
    what_we_agreed: "Det har vi aftalt",
    why: "Hvorfor",
    builds_on: "Bygger på",
    how_we_see_it: "Sådan ser vi, at det lykkes",
    where_we_started: "her startede vi",
    expected: "forventet",
    who_does_what: "Hvem gør hvad",
    change_goal: "Ændr målet",
    progress: "Udvikling",
    no_checkins_yet: "Ingen opfølgninger endnu.",
    latest_ratings: "Seneste vurdering fra hver",
    show_as_table: "Vis som tabel",
    progress_table_caption: "Alle vurderinger, nyeste først",
    aim_line: "Sigtelinje fra udgangspunkt til mål",
    date: "Dato",
    person: "Person",
    gas_level: "Niveau",
    value: "Værdi",
    new_checkin: "Ny opfølgning",
    checkin_notes: "Noter fra opfølgninger",
    level_now: "Hvor er vi nu?",
    note_optional: "Note (valgfri)",
    mood_optional: "Humør (valgfrit)",
    save_checkin: "Gem opfølgning",
    comments: "Kommentarer og opmuntring",
    no_comments: "Ingen kommentarer endnu.",
    encouragement: "opmuntring",
    write_comment: "Skriv en kommentar",
    post_comment: "Send kommentar",
    send_encouragement: "Send opmuntring",
    comment_posted: "Din besked er sendt.",
    earlier_versions: "Tidligere versioner",
    end_goal: "Afslut målet",
    how_did_it_end: "Hvordan sluttede det?",
    reason: "Grund",
    goal_ended: "Målet er afsluttet.",
    goal_proposed: "Målet er foreslået. Nu skal resten af teamet sige ja.",
    change_needs_agreement: "En ændring bliver en ny version, som hele teamet skal sige ja til igen. Den gamle version kan stadig ses.",
    not_in_team: "Du er ikke med i denne elevs team, så du kan ikke foreslå mål her.",
    fix_marked_fields: "Ret de markerede felter. Det, du har skrevet, er gemt i formularen.",
    goal_title_hint: "Kort og med hverdagsord, fx «Læse 10 sider om ugen».",
    why_label: "Hvorfor er målet vigtigt?",
    use_gas: "Med en skala fra −2 til +2",
    gas_hint: "Beskriv med ord, hvordan hvert trin ser ud. 0 er det, vi forventer.",
    where_now: "Hvor er eleven nu?",
    use_measure: "Med et tal: fra udgangspunkt til mål",
    measure_name: "Hvad tæller vi?",
    measure_hint: "Fx «sider læst om ugen».",
    baseline: "Udgangspunkt",
    target: "Mål",
    review_date: "Evalueringsdato",
    weight: "Vægt",
    weight_hint: "Hvor meget målet tæller i den samlede score (normalt 1).",
    propose_change: "Foreslå ændringen",
    not_found_text: "Den side, du leder efter, findes ikke her.",
    back_home: "Til forsiden",
    where_data_lives: "Hvor er data gemt?",
    storage_embedded: "Alt gemmes i browseren på denne enhed. Intet sendes nogen steder hen.",
    storage_memory_only: "Browseren tillader ikke lagring, så ændringer forsvinder, når siden lukkes.",
    remote_later: "Deling mellem enheder via en server kommer i en senere version.",
    data_on_device: "Data på denne enhed",
    erase_device: "Slet alle data på denne enhed",
    erase_confirm: "Vil du slette alle personer, mål og opfølgninger på denne enhed? Det kan ikke fortrydes.",
    erase_yes: "Ja, slet alt",
    erased: "Alle data på enheden er slettet.",
    update_ready: "En ny version er klar.",
    update_reload: "Genindlæs",
};

pub static EN: Texts = Texts {
    lang: Lang::En,
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    skip_to_content: "Skip to content",
    loading: "Loading…",
    nav_label: "Main menu",
    nav_home: "Home",
    nav_goals: "Goals",
    nav_settings: "Settings",
    switch_person: "Switch person",
    choose_person: "Choose person",
    choose_person_first: "First choose who you are.",
    language: "Language",
    dismiss: "Dismiss",
    who_is_using: "Who is using this device?",
    welcome_title: "Welcome to Samspil",
    welcome_text: "Here a pupil, their teacher, coach and parents set goals together and follow them up. Would you like to see an example with six pupils, or start from scratch?",
    load_demo: "Load demo data",
    start_empty: "Start empty",
    pupils: "Pupils",
    adults: "Adults",
    nobody_yet: "There is nobody here yet. Add the first person below.",
    add_person: "Add a person",
    name: "Name",
    role_label: "Role",
    organisation: "School, club or family",
    add: "Add",
    choose: "Choose…",
    cancel: "Cancel",
    save: "Save",
    confirm: "Confirm",
    none_yet: "None yet.",
    how_did_today_go: "How did it go today?",
    quick_checkin_hint: "Tap the one that fits best. It is saved straight away.",
    no_active_goals_pupil: "You have no active goals yet. Propose one!",
    see_goal: "See the goal",
    goals_being_agreed: "Goals we are agreeing on",
    more_actions: "More",
    propose_my_goal: "Propose a goal",
    my_strengths_and_team: "My strengths and my team",
    good_at_heading: "What I am good at",
    waiting_for_your_agreement: "Waiting for you to agree",
    your_pupils_today: "Your pupils today",
    no_teams_yet: "You are not in a pupil's team yet.",
    overview_title: "Overview of your pupils",
    show: "Show",
    col_pupil: "Pupil",
    col_active: "Active goals",
    col_waiting: "Waiting for agreement",
    col_stale: "No check-in for 2 weeks",
    col_reviews: "Review due",
    col_last: "Last check-in",
    never: "never",
    how_goals_go: "How it is going",
    score_pupil: "The pupil's own view",
    score_adults: "The adults' view",
    score_everyone: "Everyone together",
    t_score_explained: "Goal Attainment Scaling T-score: 50 means the goals are reached as expected.",
    goals: "Goals",
    propose_goal: "Propose a goal",
    no_goals_yet: "No goals yet.",
    strengths: "Strengths",
    suggested: "suggestion",
    strength_confirmed: "The strength is confirmed.",
    strength_added: "Added to the strengths.",
    add_strength: "Add a strength",
    kind: "Kind",
    from_where: "From where",
    strength_text: "Description",
    team: "Team",
    add_to_team: "Add to the team",
    agreement: "Agreement",
    agree: "I agree",
    what_we_agreed: "What we agreed",
    why: "Why",
    builds_on: "Builds on",
    how_we_see_it: "How we will see it",
    where_we_started: "where we started",
    expected: "expected",
    who_does_what: "Who does what",
    change_goal: "Change the goal",
    progress: "Progress",
    no_checkins_yet: "No check-ins yet.",
    latest_ratings: "Latest rating from each person",
    show_as_table: "Show as a table",
    progress_table_caption: "All ratings, newest first",
    aim_line: "Aim line from baseline to target",
    date: "Date",
    person: "Person",
    gas_level: "Level",
    value: "Value",
    new_checkin: "New check-in",
    checkin_notes: "Notes from check-ins",
    level_now: "Where are we now?",
    note_optional: "Note (optional)",
    mood_optional: "Mood (optional)",
    save_checkin: "Save check-in",
    comments: "Comments and encouragement",
    no_comments: "No comments yet.",
    encouragement: "encouragement",
    write_comment: "Write a comment",
    post_comment: "Post comment",
    send_encouragement: "Send encouragement",
    comment_posted: "Your message was posted.",
    earlier_versions: "Earlier versions",
    end_goal: "End the goal",
    how_did_it_end: "How did it end?",
    reason: "Reason",
    goal_ended: "The goal has ended.",
    goal_proposed: "The goal is proposed. Now the rest of the team needs to agree.",
    change_needs_agreement: "A change becomes a new version that the whole team must agree to again. The old version stays visible.",
    not_in_team: "You are not in this pupil's team, so you cannot propose goals here.",
    fix_marked_fields: "Please fix the marked fields. What you typed is kept in the form.",
    goal_title_hint: "Short, in everyday words, e.g. “Read 10 pages a week”.",
    why_label: "Why does the goal matter?",
    use_gas: "With a scale from −2 to +2",
    gas_hint: "Describe in words what each step looks like. 0 is what we expect.",
    where_now: "Where is the pupil now?",
    use_measure: "With a number: from a baseline to a target",
    measure_name: "What do we count?",
    measure_hint: "E.g. “pages read per week”.",
    baseline: "Baseline",
    target: "Target",
    review_date: "Review date",
    weight: "Weight",
    weight_hint: "How much the goal counts in the combined score (usually 1).",
    propose_change: "Propose the change",
    not_found_text: "The page you are looking for is not here.",
    back_home: "Go to the home page",
    where_data_lives: "Where is the data kept?",
    storage_embedded: "Everything is kept in this browser on this device. Nothing is sent anywhere.",
    storage_memory_only: "This browser does not allow storage, so changes are lost when the page closes.",
    remote_later: "Sharing between devices through a server comes in a later version.",
    data_on_device: "Data on this device",
    erase_device: "Erase all data on this device",
    erase_confirm: "Erase every person, goal and check-in on this device? This cannot be undone.",
    erase_yes: "Yes, erase everything",
    erased: "All data on this device has been erased.",
    update_ready: "A new version is ready.",
    update_reload: "Reload",
};
