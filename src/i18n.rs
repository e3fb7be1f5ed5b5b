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
use std::sync::LazyLock;

const LANG_KEY: &str = "samspil.lang";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Da,
    En,
    /// Right to left; here to prove the layout mirrors.
    Ar,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Da, Lang::En, Lang::Ar];

    /// Orders names as this language does, through the browser's collator:
    /// Danish puts Æ, Ø and Å after Z, English reads Å as an A, and either
    /// ignores case. (Rust's `to_lowercase` would order by code point, and
    /// brings a 12 KB table into the wasm.) Names the collator finds equal are
    /// ordered by their text, so the order is total. Without `Intl`, by text.
    pub fn name_order(self) -> impl Fn(&str, &str) -> std::cmp::Ordering {
        let locales = js_sys::Array::of1(&self.code().into());
        let collator = js_sys::Intl::Collator::new(&locales, &js_sys::Object::new());
        let compare = collator.compare();
        move |a: &str, b: &str| {
            let collated = compare
                .call2(&wasm_bindgen::JsValue::NULL, &a.into(), &b.into())
                .ok()
                .and_then(|n| n.as_f64())
                .and_then(|n| n.partial_cmp(&0.0))
                .unwrap_or(std::cmp::Ordering::Equal);
            collated.then_with(|| a.cmp(b))
        }
    }

    /// BCP 47 code, for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Da => "da",
            Lang::En => "en",
            Lang::Ar => "ar",
        }
    }

    /// The language's name in itself.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Da => "Dansk",
            Lang::En => "English",
            Lang::Ar => "العربية",
        }
    }

    /// Writing direction, for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            Lang::Da | Lang::En => "ltr",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let code = code.trim().to_ascii_lowercase();
        if code.starts_with("da") {
            Some(Lang::Da)
        } else if code.starts_with("en") {
            Some(Lang::En)
        } else if code.starts_with("ar") {
            Some(Lang::Ar)
        } else {
            None
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Da => &DA,
            Lang::En => &EN,
            Lang::Ar => &AR,
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
            Lang::En | Lang::Ar => format!("{} {} {}", date.day(), month, date.year()),
        }
    }

    /// A date without the year, for chart axes.
    pub fn short_date(self, date: Date) -> String {
        let month = self.t().months[usize::from(date.month() - 1)];
        match self.lang() {
            Lang::Da => format!("{}. {}", date.day(), month),
            Lang::En | Lang::Ar => format!("{} {}", date.day(), month),
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

/// Provides the language and keeps `<html lang>` and `<html dir>` in step with it.
pub fn provide_i18n() {
    let i18n = I18n(RwSignal::new(initial_lang()));
    provide_context(i18n);
    Effect::new(move |_| {
        let code = i18n.lang().code();
        if let Some(html) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = html.set_attribute("lang", code);
            let _ = html.set_attribute("dir", i18n.lang().dir());
        }
    });
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Builds a page with a language signal of its own, kept in step with the app's.
///
/// Why: every `move || i18n.t()…` in a view subscribes to the language signal,
/// and reactive_graph 0.2 drops a dead view's subscription only when that signal
/// next changes. The app's language hardly ever changes, so each visit to a page
/// left its subscriptions behind: about 90 KB per visit to the goal list with 300
/// goals (bench/run --only leak). A page-local signal goes away with the page,
/// its subscriptions with it; the app's signal gains one subscriber per visit.
pub fn with_page_language<V>(page: impl FnOnce() -> V) -> V {
    let app = use_i18n();
    let local = RwSignal::new(app.0.get_untracked());
    Effect::new(move |_| {
        let lang = app.0.get();
        if local.get_untracked() != lang {
            local.set(lang);
        }
    });
    provide_context(I18n(local));
    page()
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

const FIRST_STRONG_ISOLATE: char = '\u{2068}';
const POP_DIRECTIONAL_ISOLATE: char = '\u{2069}';

/// Text someone typed (a name, a goal title), isolated so that its direction
/// cannot reorder the sentence around it: an Arabic name in a Danish
/// sentence, or a name with a right-to-left override, stays in its place.
/// Isolate marks inside are dropped, because an unmatched one could end the
/// isolation early; other direction controls stay, shown as typed, and the
/// closing mark ends whatever override they start.
pub fn isolate(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 6);
    out.push(FIRST_STRONG_ISOLATE);
    out.extend(text.chars().filter(|&c| !matches!(c, '\u{2066}'..='\u{2069}')));
    out.push(POP_DIRECTIONAL_ISOLATE);
    out
}

/// A sentence with [`isolate`]d parts as a view: each part in a `<bdi>`, so
/// the browser isolates it and the accessible name has no control characters.
/// One `<span>` holds the sentence, so a flex container lays it out as one item.
pub fn bidi(sentence: String) -> impl IntoView {
    let mut parts = Vec::new();
    let mut inside = false;
    for piece in sentence.split([FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE]) {
        if inside {
            parts.push(view! { <bdi>{piece.to_string()}</bdi> }.into_any());
        } else if !piece.is_empty() {
            parts.push(piece.to_string().into_any());
        }
        inside = !inside;
    }
    view! { <span>{parts}</span> }
}

/// A sentence without isolation marks, for attributes and announcements,
/// which are not laid out as text.
pub fn plain(sentence: &str) -> String {
    sentence.chars().filter(|&c| c != FIRST_STRONG_ISOLATE && c != POP_DIRECTIONAL_ISOLATE).collect()
}

/// Declares [`Texts`] from its keys, and (in tests) lists every key with
/// its text so completeness can be checked per language.
///
/// Each language is one string ([`Table`]), its texts in the keys' order, and
/// only the language in use becomes a `Texts`, the first time it is asked for.
/// Why: three `Texts` written as statics carry two words (address and length)
/// per text and language in the wasm's data, about 3.7 KB the first load
/// paid for nothing.
macro_rules! texts {
    ($($key:ident),* $(,)?) => {
        /// Every text in one language.
        pub struct Texts {
            pub lang: Lang,
            pub months: [&'static str; 12],
            $(pub $key: &'static str,)*
        }

        /// How many texts a language has besides its months.
        const KEYS: usize = [$(stringify!($key)),*].len();

        impl Texts {
            /// Reads a table made by `table!`: twelve months, then the texts.
            fn from_table(lang: Lang, table: &Table) -> Texts {
                let mut texts = table.text.split(END);
                let months = std::array::from_fn(|_| texts.next().unwrap_or_default());
                let all: [&'static str; KEYS] = std::array::from_fn(|_| texts.next().unwrap_or_default());
                let [$($key),*] = all;
                Texts { lang, months, $($key),* }
            }

            #[cfg(test)]
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($key), self.$key)),*]
            }
        }
    };
}

/// Ends every text in a [`Table`]; no text may hold it (a test checks).
const END: char = '\u{1f}';

/// One language's texts as one string, each ended by [`END`].
struct Table {
    text: &'static str,
    /// The keys as the table names them, for the test of their order.
    #[cfg(test)]
    keys: &'static [&'static str],
}

/// A [`Table`] from a language's months and every key with its text. A key
/// missing, misspelt or named twice does not build; that the keys come in
/// the order of [`Texts`] is checked by a test.
macro_rules! table {
    (months: [$($month:literal),* $(,)?], $($key:ident: $text:literal),* $(,)?) => {{
        #[allow(dead_code)]
        fn every_key_once(texts: Texts) {
            let Texts { lang: _, months: _, $($key: _),* } = texts;
        }
        Table {
            text: concat!($($month, '\u{1f}',)* $($text, '\u{1f}',)*),
            #[cfg(test)]
            keys: &[$(stringify!($key)),*],
        }
    }};
}

texts! {
    skip_to_content,
    loading,
    chunk_failed_title,
    chunk_failed_text,
    try_again,
    nav_label,
    nav_home,
    nav_goals,
    nav_settings,
    switch_person,
    choose_person,
    choose_person_first,
    language,
    dismiss,
    who_is_using,
    welcome_title,
    welcome_text,
    load_demo,
    start_empty,
    pupils,
    adults,
    nobody_yet,
    add_person,
    name,
    role_label,
    organisation,
    add,
    choose,
    cancel,
    save,
    confirm,
    none_yet,
    how_did_today_go,
    quick_checkin_hint,
    no_active_goals_pupil,
    see_goal,
    goals_being_agreed,
    more_actions,
    propose_my_goal,
    my_strengths_and_team,
    good_at_heading,
    waiting_for_your_agreement,
    your_pupils_today,
    no_teams_yet,
    overview_title,
    show,
    col_pupil,
    col_active,
    col_waiting,
    col_stale,
    col_reviews,
    col_last,
    never,
    how_goals_go,
    score_pupil,
    score_adults,
    score_everyone,
    t_score_explained,
    goals,
    propose_goal,
    no_goals_yet,
    strengths,
    suggested,
    strength_confirmed,
    strength_added,
    add_strength,
    kind,
    from_where,
    strength_text,
    team,
    add_to_team,
    agreement,
    agree,
    what_we_agreed,
    why,
    builds_on,
    how_we_see_it,
    where_we_started,
    expected,
    who_does_what,
    change_goal,
    progress,
    no_checkins_yet,
    latest_ratings,
    show_as_table,
    progress_table_caption,
    aim_line,
    date,
    person,
    gas_level,
    value,
    new_checkin,
    checkin_notes,
    level_now,
    note_optional,
    mood_optional,
    save_checkin,
    comments,
    no_comments,
    encouragement,
    write_comment,
    post_comment,
    send_encouragement,
    comment_posted,
    earlier_versions,
    end_goal,
    how_did_it_end,
    reason,
    goal_ended,
    goal_proposed,
    change_needs_agreement,
    not_in_team,
    fix_marked_fields,
    goal_title_hint,
    why_label,
    use_gas,
    gas_hint,
    where_now,
    use_measure,
    measure_name,
    measure_hint,
    baseline,
    target,
    review_date,
    weight,
    weight_hint,
    propose_change,
    not_found_text,
    back_home,
    where_data_lives,
    storage_embedded,
    storage_memory_only,
    remote_later,
    json_server_unprotected,
    data_on_device,
    erase_device,
    erase_confirm,
    erase_yes,
    erased,
    update_ready,
    update_reload,
}

impl Texts {
    fn pick<'a>(&self, da: &'a str, en: &'a str, ar: &'a str) -> &'a str {
        match self.lang {
            Lang::Da => da,
            Lang::En => en,
            Lang::Ar => ar,
        }
    }

    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::Pupil => self.pick("elev", "pupil", "تلميذ"),
            Role::Teacher => self.pick("lærer", "teacher", "معلم"),
            Role::Coach => self.pick("træner", "coach", "مدرب"),
            Role::Parent => self.pick("forælder", "parent", "ولي أمر"),
            Role::Other => self.pick("anden voksen", "other adult", "شخص بالغ آخر"),
            Role::Leader => self.pick("leder", "leader", "مسؤول"),
        }
    }

    pub fn circle(&self, circle: Circle) -> &'static str {
        match circle {
            Circle::Family => self.pick("familie", "family", "العائلة"),
            Circle::Friends => self.pick("venner", "friends", "الأصدقاء"),
            Circle::Club => self.pick("klubben", "the club", "النادي"),
            Circle::School => self.pick("skolen", "school", "المدرسة"),
            Circle::Other => self.pick("andre", "others", "آخرون"),
        }
    }

    pub fn strength_kind(&self, kind: StrengthKind) -> &'static str {
        match kind {
            StrengthKind::GoodAt => self.pick("God til", "Good at", "ماهر في"),
            StrengthKind::Enjoys => self.pick("Kan lide", "Enjoys", "يحب"),
            StrengthKind::Supporter => self.pick("Hvem hjælper", "Who helps", "من يساعد"),
        }
    }

    pub fn status(&self, status: &GoalStatus) -> &'static str {
        match status {
            GoalStatus::Proposed { .. } => self.pick("Venter på enighed", "Waiting for agreement", "بانتظار الموافقة"),
            GoalStatus::Active => self.pick("Aktivt", "Active", "نشط"),
            GoalStatus::Ended(outcome) => self.outcome(*outcome),
        }
    }

    pub fn outcome(&self, outcome: Outcome) -> &'static str {
        match outcome {
            Outcome::Achieved => self.pick("Nået", "Achieved", "تحقق"),
            Outcome::Revised => self.pick("Erstattet af et nyt mål", "Replaced by a new goal", "استُبدل بهدف جديد"),
            Outcome::Stopped => self.pick("Stoppet", "Stopped", "توقف"),
        }
    }

    pub fn mood(&self, mood: Mood) -> &'static str {
        match mood.value() {
            1 => self.pick("Rigtig dårligt", "Very bad", "سيئ جدًا"),
            2 => self.pick("Dårligt", "Bad", "سيئ"),
            3 => self.pick("Okay", "Okay", "لا بأس"),
            4 => self.pick("Godt", "Good", "جيد"),
            _ => self.pick("Rigtig godt", "Great", "رائع"),
        }
    }

    pub fn filter(&self, filter: Filter) -> &'static str {
        match filter {
            Filter::All => self.pick("Alle elever", "All pupils", "كل التلاميذ"),
            Filter::NeedsAttention => self.pick("Kræver opmærksomhed", "Needs attention", "يحتاج إلى اهتمام"),
            Filter::WaitingForAgreement => {
                self.pick("Mål der venter på enighed", "Goals waiting for agreement", "أهداف بانتظار الموافقة")
            }
            Filter::WithoutCheckIn => {
                self.pick("Ingen opfølgning i 2 uger", "No check-in for 2 weeks", "لا متابعة منذ أسبوعين")
            }
            Filter::ReviewDue => self.pick("Tid til evaluering", "Review due", "حان وقت التقييم"),
        }
    }

    pub fn goal_group(&self, group: GoalGroup) -> &'static str {
        match group {
            GoalGroup::Proposed => self.pick("Venter på enighed", "Waiting for agreement", "بانتظار الموافقة"),
            GoalGroup::Active => self.pick("Aktive mål", "Active goals", "الأهداف النشطة"),
            GoalGroup::Ended => self.pick("Afsluttede mål", "Ended goals", "الأهداف المنتهية"),
        }
    }

    pub fn not_found(&self, what: Missing) -> &'static str {
        match what {
            Missing::Page => self.pick("Siden findes ikke", "Page not found", "الصفحة غير موجودة"),
            Missing::Pupil => self.pick("Eleven findes ikke", "Pupil not found", "التلميذ غير موجود"),
            Missing::Goal => self.pick("Målet findes ikke", "Goal not found", "الهدف غير موجود"),
        }
    }

    pub fn goal_title_label(&self, is_pupil: bool) -> &'static str {
        match is_pupil {
            true => self.pick("Mit mål, med mine egne ord", "My goal, in my own words", "هدفي، بكلماتي"),
            false => self.pick(
                "Målet, gerne med elevens egne ord",
                "The goal, in the pupil's own words if you can",
                "الهدف، بكلمات التلميذ إن أمكن",
            ),
        }
    }

    pub fn rule(&self, rule: RuleError) -> &'static str {
        match rule {
            RuleError::NotInTeam => self.pick(
                "Kun elevens team kan gøre det.",
                "Only the pupil's team can do this.",
                "فريق التلميذ فقط يستطيع فعل ذلك.",
            ),
            RuleError::GoalEnded => self.pick("Målet er afsluttet.", "This goal has ended.", "انتهى هذا الهدف."),
            RuleError::NotProposed => self.pick(
                "Målet er allerede aftalt.",
                "This goal is already agreed.",
                "تم الاتفاق على هذا الهدف من قبل.",
            ),
            RuleError::AlreadyAgreed => {
                self.pick("Du har allerede sagt ja.", "You have already agreed.", "لقد وافقت من قبل.")
            }
            RuleError::NotActive => self.pick(
                "Målet er ikke aftalt endnu.",
                "This goal is not agreed yet.",
                "لم يتم الاتفاق على هذا الهدف بعد.",
            ),
            RuleError::ReasonMissing => self.pick("Skriv en grund.", "Write a reason.", "اكتب السبب."),
            RuleError::OnlyPupilConfirms => {
                self.pick("Kun eleven kan bekræfte.", "Only the pupil can confirm.", "التلميذ وحده يستطيع التأكيد.")
            }
            RuleError::OnlyPupilInvitesParent => self.pick(
                "En forælder kommer med i teamet, når eleven selv inviterer.",
                "A parent joins the team when the pupil invites them.",
                "ينضم ولي الأمر إلى الفريق عندما يدعوه التلميذ.",
            ),
            RuleError::PupilsAreNotMembers => self.pick(
                "En elev kan ikke være med i en anden elevs team.",
                "A pupil cannot join another pupil's team.",
                "لا يستطيع التلميذ الانضمام إلى فريق تلميذ آخر.",
            ),
            RuleError::AlreadyInTeam => self.pick(
                "Personen er allerede med i teamet.",
                "This person is already in the team.",
                "هذا الشخص في الفريق من قبل.",
            ),
            RuleError::NothingChanged => self.pick(
                "Du har ikke ændret noget i målet.",
                "You have not changed anything in the goal.",
                "لم تغيّر شيئًا في الهدف.",
            ),
            RuleError::LeadersAreNotMembers => self.pick(
                "En leder er ikke med i et team.",
                "A leader is not part of a team.",
                "المسؤول ليس عضوًا في أي فريق.",
            ),
            RuleError::TooManyRevisions => self.pick(
                "Målet kan ikke ændres flere gange. Foreslå et nyt mål i stedet.",
                "This goal cannot be changed any more times. Propose a new goal instead.",
                "لا يمكن تغيير هذا الهدف مرات أخرى. اقترح هدفًا جديدًا بدلًا منه.",
            ),
            RuleError::NotAPupil => self.pick(
                "Et team samles altid om en elev.",
                "A team is always around a pupil.",
                "يتكوّن الفريق دائمًا حول تلميذ.",
            ),
            RuleError::OnlyPupilOrMemberRemoves => self.pick(
                "Kun eleven eller personen selv kan tage nogen ud af teamet.",
                "Only the pupil, or the person themselves, can take someone out of the team.",
                "التلميذ أو الشخص نفسه فقط يستطيع إخراج أحد من الفريق.",
            ),
        }
    }

    pub fn problem(&self, problem: Problem) -> String {
        match problem {
            Problem::Required => self.pick("Skal udfyldes.", "Please fill this in.", "يرجى ملء هذا الحقل.").into(),
            Problem::TooLong { max } => match self.lang {
                Lang::Da => format!("Højst {max} tegn."),
                Lang::En => format!("At most {max} characters."),
                Lang::Ar => format!("{max} حرفًا على الأكثر."),
            },
            Problem::NotANumber => self
                .pick("Skriv et tal, fx 7 eller 7,5.", "Write a number, e.g. 7 or 7.5.", "اكتب رقمًا، مثل 7 أو 7.5.")
                .into(),
            Problem::OutOfRange { min, max } => {
                // Not format_number: its number parser would be in the main wasm.
                let (min, max) = (domain::number::limit(min), domain::number::limit(max));
                match self.lang {
                    Lang::Da => format!("Skal være mellem {min} og {max}."),
                    Lang::En => format!("Must be between {min} and {max}."),
                    Lang::Ar => format!("يجب أن يكون بين {min} و{max}."),
                }
            }
            Problem::NotADate => self.pick("Skriv en rigtig dato.", "Write a real date.", "اكتب تاريخًا صحيحًا.").into(),
            Problem::DateInPast => self
                .pick(
                    "Datoen må ikke ligge før i dag.",
                    "The date cannot be before today.",
                    "لا يمكن أن يكون التاريخ قبل اليوم.",
                )
                .into(),
            Problem::DateTooFar => self
                .pick("Vælg en dato inden for to år.", "Choose a date within two years.", "اختر تاريخًا خلال سنتين.")
                .into(),
            Problem::TargetEqualsBaseline => self
                .pick(
                    "Målet skal være et andet tal end udgangspunktet.",
                    "The target must differ from the baseline.",
                    "يجب أن يختلف الهدف عن نقطة البداية.",
                )
                .into(),
            Problem::BadCharacters => self
                .pick(
                    "Teksten indeholder usynlige kontroltegn.",
                    "The text contains invisible control characters.",
                    "يحتوي النص على رموز تحكم غير مرئية.",
                )
                .into(),
        }
    }

    pub fn notice(&self, notice: &Notice) -> String {
        match notice {
            Notice::Config(ConfigProblem::Missing) => self
                .pick(
                    "Der er ingen config.json. Samspil gemmer dine data på denne enhed.",
                    "There is no config.json. Samspil keeps your data on this device.",
                    "لا يوجد ملف config.json. يحفظ Samspil بياناتك على هذا الجهاز.",
                )
                .into(),
            Notice::Config(ConfigProblem::Malformed(_)) => self
                .pick(
                    "config.json kan ikke læses. Samspil gemmer dine data på denne enhed.",
                    "config.json cannot be read. Samspil keeps your data on this device.",
                    "لا يمكن قراءة config.json. يحفظ Samspil بياناتك على هذا الجهاز.",
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
                    Lang::Ar => format!(
                        "يطلب config.json الخادم {kind}، وهذا الإصدار لا يستطيع استخدامه بعد. يحفظ Samspil بياناتك على هذا الجهاز."
                    ),
                }
            }
            Notice::SkippedRecords(n) => match self.lang {
                Lang::Da => format!("{n} gemte poster kunne ikke læses og blev sprunget over."),
                Lang::En => format!("{n} stored records could not be read and were skipped."),
                Lang::Ar => format!("تعذّرت قراءة {n} من السجلات المحفوظة فتم تخطيها."),
            },
            Notice::SaveFailed => self
                .pick(
                    "En ændring kunne ikke gemmes på enheden. Den vises stadig, men forsvinder hvis du genindlæser.",
                    "A change could not be stored on this device. It is still shown, but will be gone if you reload.",
                    "تعذّر حفظ تغيير على هذا الجهاز. ما زال ظاهرًا، لكنه سيختفي إذا أعدت تحميل الصفحة.",
                )
                .into(),
            Notice::DemoNotLoaded => self
                .pick(
                    "Demodata kunne ikke hentes. Tjek forbindelsen, og prøv igen.",
                    "The demo data could not be loaded. Check the connection and try again.",
                    "تعذّر تحميل البيانات التجريبية. تحقّق من الاتصال ثم حاول مرة أخرى.",
                )
                .into(),
            Notice::CodeNotFetched => self
                .pick(
                    "Samspil kunne ikke hente det, der skal til for at læse dine data. De er gemt sikkert på enheden: tjek forbindelsen, og genindlæs siden.",
                    "Samspil could not fetch what it needs to read your data. It is stored safely on this device: check the connection and reload the page.",
                    "تعذّر على Samspil جلب ما يحتاجه لقراءة بياناتك. بياناتك محفوظة بأمان على هذا الجهاز: تحقّق من الاتصال ثم أعد تحميل الصفحة.",
                )
                .into(),
            Notice::StorageUnavailable => self
                .pick(
                    "Browseren tillader ikke lagring. Dine ændringer gemmes kun, indtil du lukker siden.",
                    "This browser does not allow storage. Your changes last only until you close the page.",
                    "هذا المتصفح لا يسمح بالحفظ. تبقى تغييراتك فقط حتى تغلق الصفحة.",
                )
                .into(),
            Notice::OtherTabOpen => self
                .pick(
                    "Samspil er åben i en anden fane med en ældre version. Luk den anden fane (eller genindlæs den), så fortsætter Samspil her af sig selv.",
                    "Samspil is open in another tab with an older version. Close the other tab (or reload it), and Samspil goes on here by itself.",
                    "Samspil مفتوح في علامة تبويب أخرى بإصدار أقدم. أغلق علامة التبويب الأخرى (أو أعد تحميلها)، وسيتابع Samspil هنا من تلقاء نفسه.",
                )
                .into(),
            Notice::ReloadNeeded => self
                .pick(
                    "Samspil er opdateret i en anden fane. Genindlæs denne side for at fortsætte; det, du har gemt, er ikke tabt.",
                    "Samspil was updated in another tab. Reload this page to go on; what you saved is not lost.",
                    "تم تحديث Samspil في علامة تبويب أخرى. أعد تحميل هذه الصفحة للمتابعة؛ ما حفظته لم يضع.",
                )
                .into(),
        }
    }

    /// The button that reloads the page.
    pub fn reload(&self) -> &'static str {
        self.pick("Genindlæs", "Reload", "أعد التحميل")
    }

    pub fn hello(&self, name: &str) -> String {
        let name = isolate(name);
        match self.lang {
            Lang::Da => format!("Hej {name}!"),
            Lang::En => format!("Hi {name}!"),
            Lang::Ar => format!("مرحبًا {name}!"),
        }
    }

    pub fn how_did_it_go(&self, title: &str) -> String {
        let title = isolate(title);
        match self.lang {
            Lang::Da => format!("Hvordan gik det med: {title}"),
            Lang::En => format!("How is it going: {title}"),
            Lang::Ar => format!("كيف تسير الأمور مع: {title}"),
        }
    }

    pub fn checkin_saved(&self, title: &str) -> String {
        let title = isolate(title);
        match self.lang {
            Lang::Da => format!("Gemt: {title}"),
            Lang::En => format!("Check-in saved: {title}"),
            Lang::Ar => format!("تم حفظ المتابعة: {title}"),
        }
    }

    pub fn active_goal_count(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Da, 1) => "1 aktivt mål".into(),
            (Lang::Da, n) => format!("{n} aktive mål"),
            (Lang::En, 1) => "1 active goal".into(),
            (Lang::En, n) => format!("{n} active goals"),
            (Lang::Ar, 1) => "هدف نشط واحد".into(),
            (Lang::Ar, 2) => "هدفان نشطان".into(),
            (Lang::Ar, n) => format!("الأهداف النشطة: {n}"),
        }
    }

    pub fn pupil_count(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Da, 1) => "1 elev".into(),
            (Lang::Da, n) => format!("{n} elever"),
            (Lang::En, 1) => "1 pupil".into(),
            (Lang::En, n) => format!("{n} pupils"),
            (Lang::Ar, 1) => "تلميذ واحد".into(),
            (Lang::Ar, 2) => "تلميذان".into(),
            (Lang::Ar, n) => format!("عدد التلاميذ: {n}"),
        }
    }

    pub fn incl_you(&self, n: usize) -> String {
        match self.lang {
            Lang::Da => format!("heraf {n} hos dig"),
            Lang::En => format!("{n} need you"),
            Lang::Ar => format!("{n} بانتظارك"),
        }
    }

    pub fn open_pupil(&self, name: &str) -> String {
        let name = isolate(name);
        match self.lang {
            Lang::Da => format!("Åbn {name}s side"),
            Lang::En => format!("Open {name}'s page"),
            Lang::Ar => format!("افتح صفحة {name}"),
        }
    }

    pub fn person_added(&self, name: &str) -> String {
        let name = isolate(name);
        match self.lang {
            Lang::Da => format!("{name} er tilføjet."),
            Lang::En => format!("{name} was added."),
            Lang::Ar => format!("تمت إضافة {name}."),
        }
    }

    pub fn member_added(&self, name: &str) -> String {
        let name = isolate(name);
        match self.lang {
            Lang::Da => format!("{name} er nu med i teamet."),
            Lang::En => format!("{name} is now in the team."),
            Lang::Ar => format!("أصبح {name} في الفريق."),
        }
    }

    pub fn confirm_strength(&self, text: &str) -> String {
        let text = isolate(text);
        match self.lang {
            Lang::Da => format!("Bekræft: {text}"),
            Lang::En => format!("Confirm: {text}"),
            Lang::Ar => format!("أكّد: {text}"),
        }
    }

    pub fn waiting_for(&self, names: &[String]) -> String {
        let names = self.name_list(names);
        match self.lang {
            Lang::Da => format!("Venter på: {names}"),
            Lang::En => format!("Waiting for: {names}"),
            Lang::Ar => format!("بانتظار: {names}"),
        }
    }

    pub fn agreed_by(&self, names: &[String]) -> String {
        let names = if names.is_empty() {
            self.pick("ingen endnu", "nobody yet", "لا أحد بعد").to_string()
        } else {
            self.name_list(names)
        };
        match self.lang {
            Lang::Da => format!("Enige: {names}"),
            Lang::En => format!("Agreed: {names}"),
            Lang::Ar => format!("وافق: {names}"),
        }
    }

    /// Names joined the language's way, each isolated so one name's
    /// direction cannot reorder its neighbours.
    pub fn name_list(&self, names: &[String]) -> String {
        let separator = self.pick(", ", ", ", "، ");
        names.iter().map(|name| isolate(name)).collect::<Vec<_>>().join(separator)
    }

    pub fn proposed_by(&self, name: &str) -> String {
        let name = isolate(name);
        match self.lang {
            Lang::Da => format!("Foreslået af {name}"),
            Lang::En => format!("Proposed by {name}"),
            Lang::Ar => format!("اقترحه {name}"),
        }
    }

    pub fn agree_to(&self, title: &str) -> String {
        let title = isolate(title);
        match self.lang {
            Lang::Da => format!("Sig ja til: {title}"),
            Lang::En => format!("Agree to: {title}"),
            Lang::Ar => format!("وافق على: {title}"),
        }
    }

    pub fn agreed(&self, title: &str, now_active: bool) -> String {
        let title = isolate(title);
        match (self.lang, now_active) {
            (Lang::Da, true) => format!("Alle er enige. {title} er nu aktivt."),
            (Lang::Da, false) => format!("Du har sagt ja til: {title}"),
            (Lang::En, true) => format!("Everyone agreed. {title} is now active."),
            (Lang::En, false) => format!("You agreed to: {title}"),
            (Lang::Ar, true) => format!("وافق الجميع. أصبح {title} نشطًا الآن."),
            (Lang::Ar, false) => format!("لقد وافقت على: {title}"),
        }
    }

    pub fn review_on(&self, date: &str) -> String {
        match self.lang {
            Lang::Da => format!("Evalueres {date}"),
            Lang::En => format!("Review on {date}"),
            Lang::Ar => format!("التقييم في {date}"),
        }
    }

    pub fn revision(&self, n: u32) -> String {
        match self.lang {
            Lang::Da | Lang::En => format!("Version {n}"),
            Lang::Ar => format!("الإصدار {n}"),
        }
    }

    pub fn ended_by(&self, name: &str, date: &str) -> String {
        let name = isolate(name);
        match self.lang {
            Lang::Da => format!("Afsluttet af {name}, {date}"),
            Lang::En => format!("Ended by {name} on {date}"),
            Lang::Ar => format!("أنهاه {name} في {date}"),
        }
    }

    pub fn change_goal_for(&self, name: &str) -> String {
        let name = isolate(name);
        match self.lang {
            Lang::Da => format!("Ændr et mål for {name}"),
            Lang::En => format!("Change a goal for {name}"),
            Lang::Ar => format!("غيّر هدفًا لـ{name}"),
        }
    }

    pub fn propose_goal_for(&self, name: &str) -> String {
        let name = isolate(name);
        match self.lang {
            Lang::Da => format!("Foreslå et mål for {name}"),
            Lang::En => format!("Propose a goal for {name}"),
            Lang::Ar => format!("اقترح هدفًا لـ{name}"),
        }
    }

    pub fn strengths_to_build_on(&self, name: &str) -> String {
        let name = isolate(name);
        match self.lang {
            Lang::Da => format!("Det er {name} god til – hvad kan målet bygge på?"),
            Lang::En => format!("What {name} is good at – what can the goal build on?"),
            Lang::Ar => format!("ما يجيده {name} – على ماذا يمكن أن يُبنى الهدف؟"),
        }
    }

    pub fn level_label(&self, level: String, index: usize) -> String {
        let meaning = match index {
            0 => self.pick("meget mindre end forventet", "much less than expected", "أقل بكثير من المتوقع"),
            1 => self.pick("lidt mindre end forventet", "somewhat less than expected", "أقل قليلًا من المتوقع"),
            2 => self.pick("det forventede", "the expected outcome", "النتيجة المتوقعة"),
            3 => self.pick("lidt mere end forventet", "somewhat more than expected", "أكثر قليلًا من المتوقع"),
            _ => self.pick("meget mere end forventet", "much more than expected", "أكثر بكثير من المتوقع"),
        };
        format!("{level}: {meaning}")
    }

    pub fn what_will_do(&self, name: &str, role: Role) -> String {
        let role = self.role(role);
        let name = isolate(name);
        match self.lang {
            Lang::Da => format!("Hvad gør {name} ({role})?"),
            Lang::En => format!("What will {name} ({role}) do?"),
            Lang::Ar => format!("ماذا سيفعل {name} ({role})؟"),
        }
    }

    pub fn data_counts(&self, people: usize, goals: usize, checkins: usize) -> String {
        match self.lang {
            Lang::Da => format!("{people} personer, {goals} mål og {checkins} opfølgninger er gemt på denne enhed."),
            Lang::En => format!("{people} people, {goals} goals and {checkins} check-ins are stored on this device."),
            Lang::Ar => {
                format!("محفوظ على هذا الجهاز: {people} من الأشخاص، و{goals} من الأهداف، و{checkins} من المتابعات.")
            }
        }
    }

    pub fn chart_title(&self, title: &str) -> String {
        let title = isolate(title);
        match self.lang {
            Lang::Da => format!("Udvikling: {title}"),
            Lang::En => format!("Progress: {title}"),
            Lang::Ar => format!("التقدم: {title}"),
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
                    format!("{} ({}): {shown}", isolate(name), self.role(s.role))
                })
            })
            .collect();
        let count: usize = series.iter().map(|s| s.points.len()).sum();
        let title = isolate(title);
        match self.lang {
            Lang::Da => format!("{count} vurderinger af «{title}». Seneste: {}.", latest.join("; ")),
            Lang::En => format!("{count} ratings of “{title}”. Latest: {}.", latest.join("; ")),
            Lang::Ar => format!("عدد التقييمات لـ«{title}»: {count}. آخرها: {}.", latest.join("؛ ")),
        }
    }
}

/// Each language's texts, made from its table the first time they are used.
pub static DA: LazyLock<Texts> = LazyLock::new(|| Texts::from_table(Lang::Da, &DA_TABLE));
pub static EN: LazyLock<Texts> = LazyLock::new(|| Texts::from_table(Lang::En, &EN_TABLE));
pub static AR: LazyLock<Texts> = LazyLock::new(|| Texts::from_table(Lang::Ar, &AR_TABLE));

/// Danish.
const DA_TABLE: Table = table! {
    months: ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."],
    skip_to_content: "Gå til indholdet",
    loading: "Henter…",
    chunk_failed_title: "Siden kunne ikke hentes",
    chunk_failed_text: "Forbindelsen blev afbrudt, mens siden blev hentet. Dine data er i sikkerhed. Tjek forbindelsen, og prøv igen.",
    try_again: "Prøv igen",
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
    t_score_explained: "50 betyder, at målene går som planlagt. Over 50 er bedre end planlagt. (T-score efter Goal Attainment Scaling.)",
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
    change_needs_agreement: "En ændring bliver en ny version. Alle i teamet skal sige ja igen. Den gamle version kan stadig ses.",
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
    json_server_unprotected: "En json-server har ingen konti: Alle, der kan nå den, kan læse og ændre alt på den, også alle elevers data. Brug den kun på et netværk, du stoler på, eller vælg PocketBase, hvor hver person logger ind og kun ser sine egne teams.",
    data_on_device: "Data på denne enhed",
    erase_device: "Slet alle data på denne enhed",
    erase_confirm: "Vil du slette alle personer, mål og opfølgninger på denne enhed? Det kan ikke fortrydes.",
    erase_yes: "Ja, slet alt",
    erased: "Alle data på enheden er slettet.",
    update_ready: "En ny version er klar.",
    update_reload: "Genindlæs",
};

/// English.
const EN_TABLE: Table = table! {
    months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    skip_to_content: "Skip to content",
    loading: "Loading…",
    chunk_failed_title: "This page could not be loaded",
    chunk_failed_text: "The connection was lost while the page was loading. Your data is safe. Check the connection and try again.",
    try_again: "Try again",
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
    t_score_explained: "50 means the goals go as planned. Above 50 is better than planned. (Goal Attainment Scaling T-score.)",
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
    change_needs_agreement: "A change is a new version. Everyone in the team must say yes again. The old version stays visible.",
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
    json_server_unprotected: "A json-server has no accounts: anyone who can reach it can read and change everything on it, every pupil's data included. Use it only on a network you trust, or choose PocketBase, where each person logs in and sees only their own teams.",
    data_on_device: "Data on this device",
    erase_device: "Erase all data on this device",
    erase_confirm: "Erase every person, goal and check-in on this device? This cannot be undone.",
    erase_yes: "Yes, erase everything",
    erased: "All data on this device has been erased.",
    update_ready: "A new version is ready.",
    update_reload: "Reload",
};

/// Arabic, which proves the right-to-left layout.
const AR_TABLE: Table = table! {
    months: ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
    skip_to_content: "انتقل إلى المحتوى",
    loading: "جارٍ التحميل…",
    chunk_failed_title: "تعذّر تحميل هذه الصفحة",
    chunk_failed_text: "انقطع الاتصال أثناء تحميل الصفحة. بياناتك في أمان. تحقّق من الاتصال ثم حاول مرة أخرى.",
    try_again: "حاول مرة أخرى",
    nav_label: "القائمة الرئيسية",
    nav_home: "الرئيسية",
    nav_goals: "الأهداف",
    nav_settings: "الإعدادات",
    switch_person: "غيّر الشخص",
    choose_person: "اختر الشخص",
    choose_person_first: "اختر أولًا من أنت.",
    language: "اللغة",
    dismiss: "إغلاق",
    who_is_using: "من يستخدم هذا الجهاز؟",
    welcome_title: "مرحبًا بك في Samspil",
    welcome_text: "هنا يضع التلميذ ومعلمه ومدربه ووالداه الأهداف معًا ويتابعونها. هل تريد أن ترى مثالًا فيه ستة تلاميذ، أم تبدأ من الصفر؟",
    load_demo: "حمّل بيانات تجريبية",
    start_empty: "ابدأ فارغًا",
    pupils: "التلاميذ",
    adults: "البالغون",
    nobody_yet: "لا يوجد أحد هنا بعد. أضف أول شخص في الأسفل.",
    add_person: "أضف شخصًا",
    name: "الاسم",
    role_label: "الدور",
    organisation: "المدرسة أو النادي أو العائلة",
    add: "أضف",
    choose: "اختر…",
    cancel: "إلغاء",
    save: "حفظ",
    confirm: "تأكيد",
    none_yet: "لا شيء بعد.",
    how_did_today_go: "كيف كان يومك؟",
    quick_checkin_hint: "اضغط على الأنسب. يُحفظ فورًا.",
    no_active_goals_pupil: "ليس لديك أهداف نشطة بعد. اقترح هدفًا!",
    see_goal: "شاهد الهدف",
    goals_being_agreed: "أهداف نتفق عليها",
    more_actions: "المزيد",
    propose_my_goal: "اقترح هدفًا",
    my_strengths_and_team: "نقاط قوتي وفريقي",
    good_at_heading: "ما أجيده",
    waiting_for_your_agreement: "بانتظار موافقتك",
    your_pupils_today: "تلاميذك اليوم",
    no_teams_yet: "لست في فريق أي تلميذ بعد.",
    overview_title: "نظرة عامة على تلاميذك",
    show: "اعرض",
    col_pupil: "التلميذ",
    col_active: "الأهداف النشطة",
    col_waiting: "بانتظار الموافقة",
    col_stale: "لا متابعة منذ أسبوعين",
    col_reviews: "حان وقت التقييم",
    col_last: "آخر متابعة",
    never: "أبدًا",
    how_goals_go: "كيف تسير الأمور",
    score_pupil: "رأي التلميذ نفسه",
    score_adults: "رأي البالغين",
    score_everyone: "الجميع معًا",
    t_score_explained: "50 تعني أن الأهداف تسير كما خططنا. فوق 50 أفضل من الخطة. (درجة T لمقياس تحقيق الأهداف.)",
    goals: "الأهداف",
    propose_goal: "اقترح هدفًا",
    no_goals_yet: "لا أهداف بعد.",
    strengths: "نقاط القوة",
    suggested: "اقتراح",
    strength_confirmed: "تم تأكيد نقطة القوة.",
    strength_added: "أُضيفت إلى نقاط القوة.",
    add_strength: "أضف نقطة قوة",
    kind: "النوع",
    from_where: "من أين",
    strength_text: "الوصف",
    team: "الفريق",
    add_to_team: "أضف إلى الفريق",
    agreement: "الموافقة",
    agree: "أوافق",
    what_we_agreed: "ما اتفقنا عليه",
    why: "لماذا",
    builds_on: "يعتمد على",
    how_we_see_it: "كيف سنرى النجاح",
    where_we_started: "من أين بدأنا",
    expected: "المتوقع",
    who_does_what: "من يفعل ماذا",
    change_goal: "غيّر الهدف",
    progress: "التقدم",
    no_checkins_yet: "لا متابعات بعد.",
    latest_ratings: "آخر تقييم من كل شخص",
    show_as_table: "اعرض كجدول",
    progress_table_caption: "كل التقييمات، الأحدث أولًا",
    aim_line: "خط الهدف من نقطة البداية إلى الهدف",
    date: "التاريخ",
    person: "الشخص",
    gas_level: "المستوى",
    value: "القيمة",
    new_checkin: "متابعة جديدة",
    checkin_notes: "ملاحظات من المتابعات",
    level_now: "أين نحن الآن؟",
    note_optional: "ملاحظة (اختياري)",
    mood_optional: "المزاج (اختياري)",
    save_checkin: "احفظ المتابعة",
    comments: "تعليقات وتشجيع",
    no_comments: "لا تعليقات بعد.",
    encouragement: "تشجيع",
    write_comment: "اكتب تعليقًا",
    post_comment: "انشر التعليق",
    send_encouragement: "أرسل تشجيعًا",
    comment_posted: "تم نشر رسالتك.",
    earlier_versions: "الإصدارات السابقة",
    end_goal: "أنهِ الهدف",
    how_did_it_end: "كيف انتهى؟",
    reason: "السبب",
    goal_ended: "انتهى الهدف.",
    goal_proposed: "تم اقتراح الهدف. الآن يجب أن يوافق باقي الفريق.",
    change_needs_agreement: "التغيير إصدار جديد. يجب أن يوافق كل الفريق مرة أخرى. يبقى الإصدار القديم ظاهرًا.",
    not_in_team: "لست في فريق هذا التلميذ، لذلك لا تستطيع اقتراح أهداف هنا.",
    fix_marked_fields: "يرجى تصحيح الحقول المُعلَّمة. ما كتبته محفوظ في النموذج.",
    goal_title_hint: "قصير وبكلمات يومية، مثل «أقرأ 10 صفحات في الأسبوع».",
    why_label: "لماذا الهدف مهم؟",
    use_gas: "بمقياس من −2 إلى +2",
    gas_hint: "صف بالكلمات كيف تبدو كل درجة. 0 هو المتوقع.",
    where_now: "أين التلميذ الآن؟",
    use_measure: "برقم: من نقطة البداية إلى الهدف",
    measure_name: "ماذا نعدّ؟",
    measure_hint: "مثل «عدد الصفحات المقروءة في الأسبوع».",
    baseline: "نقطة البداية",
    target: "الهدف",
    review_date: "تاريخ التقييم",
    weight: "الوزن",
    weight_hint: "كم يُحتسب الهدف في الدرجة المجمّعة (عادةً 1).",
    propose_change: "اقترح التغيير",
    not_found_text: "الصفحة التي تبحث عنها غير موجودة هنا.",
    back_home: "اذهب إلى الصفحة الرئيسية",
    where_data_lives: "أين تُحفظ البيانات؟",
    storage_embedded: "كل شيء محفوظ في هذا المتصفح على هذا الجهاز. لا يُرسل شيء إلى أي مكان.",
    storage_memory_only: "هذا المتصفح لا يسمح بالحفظ، لذلك تضيع التغييرات عند إغلاق الصفحة.",
    remote_later: "المشاركة بين الأجهزة عبر خادم تأتي في إصدار لاحق.",
    json_server_unprotected: "لا توجد حسابات في json-server: كل من يستطيع الوصول إليه يستطيع قراءة كل ما فيه وتغييره، بما في ذلك بيانات كل التلاميذ. استخدمه فقط على شبكة تثق بها، أو اختر PocketBase حيث يسجّل كل شخص الدخول ولا يرى إلا فرقه.",
    data_on_device: "البيانات على هذا الجهاز",
    erase_device: "امسح كل البيانات على هذا الجهاز",
    erase_confirm: "هل تريد مسح كل شخص وهدف ومتابعة على هذا الجهاز؟ لا يمكن التراجع عن ذلك.",
    erase_yes: "نعم، امسح كل شيء",
    erased: "تم مسح كل البيانات على هذا الجهاز.",
    update_ready: "إصدار جديد جاهز.",
    update_reload: "أعد التحميل",
};

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// index.html's shell (painted before the wasm arrives) must say what the app then says.
    #[test]
    fn the_shell_in_index_html_has_the_apps_texts() {
        let html = include_str!("../index.html");
        let table =
            html.split("const TEXTS = ").nth(1).and_then(|rest| rest.split(";\n").next()).expect("TEXTS in index.html");
        let shell: BTreeMap<String, BTreeMap<String, String>> = serde_json::from_str(table).expect("TEXTS is JSON");
        assert_eq!(shell.keys().cloned().collect::<Vec<_>>(), ["ar", "da", "en"]);
        for lang in Lang::ALL {
            let app: BTreeMap<_, _> = lang.texts().entries().into_iter().collect();
            for (key, text) in &shell[lang.code()] {
                assert_eq!(Some(&text.as_str()), app.get(key.as_str()), "{key} in {}", lang.code());
            }
        }
        // Every text the shell fills in is in the table; before the script runs, each says it in Danish.
        for (i, piece) in html.split("data-text=\"").enumerate().skip(1) {
            let key = piece.split('"').next().unwrap_or_default();
            assert!(shell["da"].contains_key(key), "data-text {key} (#{i}) is not in TEXTS");
            let shown = piece.split_once('>').map(|(_, rest)| rest.split('<').next().unwrap_or_default());
            assert_eq!(shown, Some(shell["da"][key].as_str()), "the Danish text of {key}");
        }
    }

    #[test]
    fn every_table_has_its_texts_in_the_order_of_the_keys() {
        let keys: Vec<_> = EN.entries().into_iter().map(|(key, _)| key).collect();
        for (table, lang) in [(&DA_TABLE, "da"), (&EN_TABLE, "en"), (&AR_TABLE, "ar")] {
            assert_eq!(table.keys, keys, "the keys of {lang}");
            // A text holding END would shift every text after it.
            assert_eq!(table.text.split(END).count(), 12 + KEYS + 1, "texts in {lang}");
        }
        assert_eq!(DA.skip_to_content, "Gå til indholdet");
        assert_eq!(AR.update_reload, "أعد التحميل");
        assert_eq!(EN.months[11], "Dec");
    }

    #[test]
    fn arabic_translates_every_key() {
        let english: Vec<_> = EN.entries();
        let untranslated: Vec<&str> =
            AR.entries().iter().zip(&english).filter(|((_, ar), (_, en))| ar == en).map(|((key, _), _)| *key).collect();
        assert!(untranslated.is_empty(), "Arabic falls back to English for: {untranslated:?}");
    }

    #[test]
    fn every_text_is_filled_in_every_language() {
        for lang in Lang::ALL {
            let texts = lang.texts();
            assert_eq!(texts.lang, lang);
            for (key, text) in texts.entries() {
                assert!(!text.trim().is_empty(), "{key} is empty in {lang:?}");
            }
            assert!(texts.months.iter().all(|m| !m.is_empty()));
        }
    }

    #[test]
    fn languages_are_known_by_their_codes() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("ar-EG"), Some(Lang::Ar));
        assert_eq!(Lang::from_code("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::Ar.dir(), "rtl");
        assert_eq!(Lang::Da.dir(), "ltr");
    }

    #[test]
    fn a_name_cannot_reorder_the_sentence_around_it() {
        // U+202E would flip everything after it; U+2069 would end our isolation early.
        let sneaky = "Emma\u{202E}\u{2069} evil";
        let sentence = EN.hello(sneaky);
        assert_eq!(sentence, "Hi \u{2068}Emma\u{202E} evil\u{2069}!");
        assert_eq!(plain(&sentence), "Hi Emma\u{202E} evil!");
    }

    #[test]
    fn names_in_a_list_are_isolated_one_by_one() {
        let names = vec!["Mette".to_string(), "يوسف".to_string()];
        assert_eq!(EN.waiting_for(&names), "Waiting for: \u{2068}Mette\u{2069}, \u{2068}يوسف\u{2069}");
        assert_eq!(AR.waiting_for(&names), "بانتظار: \u{2068}Mette\u{2069}، \u{2068}يوسف\u{2069}");
        assert_eq!(plain(&AR.agreed_by(&[])), "وافق: لا أحد بعد");
    }
}
