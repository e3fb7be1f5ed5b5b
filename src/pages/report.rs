//! The effect report for leaders (and teachers): anonymised figures across
//! all teams, per school, per club and per term, with a chart of the mean
//! T-score and a CSV download of exactly the tables shown. The rules —
//! what is counted, and which groups are too small to show — are in
//! `domain::effect`.

use crate::backend::server_report::{fetch_report, ReportError};
use crate::components::download::{download, file_name};
use crate::i18n::{use_i18n, I18n, Lang, Texts};
use crate::state::use_session;
use domain::effect::{effect_report, to_csv, EffectReport, Figures, GroupKey, Season, MIN_GROUP};
use domain::{Date, Party, Role};
use leptos::prelude::*;
use leptos_router::components::Redirect;

impl Texts {
    pub fn report_title(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Effektrapport",
            Lang::En => "Effect report",
            Lang::Ar => "تقرير الأثر",
        }
    }

    pub fn report_intro(&self) -> String {
        match self.lang {
            Lang::Da => format!(
                "Alle teams samlet, uden navne. Grupper med færre end {MIN_GROUP} elever vises ikke, og heller ikke grupper, man kunne regne dem ud fra. Check-ins og kommentarer, som en elev har gjort private, tælles ikke med."
            ),
            Lang::En => format!(
                "All teams together, without names. Groups of fewer than {MIN_GROUP} pupils are not shown, nor groups they could be worked out from. Check-ins and comments a pupil kept private are not counted."
            ),
            Lang::Ar => format!(
                "كل الفرق معًا، بدون أسماء. لا تظهر المجموعات التي فيها أقل من {MIN_GROUP} تلاميذ، ولا المجموعات التي يمكن استنتاجها منها. لا تُحتسب المتابعات والتعليقات التي جعلها التلميذ خاصة."
            ),
        }
    }

    pub fn report_not_for_you(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Effektrapporten er for ledere og lærere.",
            Lang::En => "The effect report is for leaders and teachers.",
            Lang::Ar => "تقرير الأثر للمسؤولين والمعلمين.",
        }
    }

    pub fn report_too_few(&self) -> String {
        match self.lang {
            Lang::Da => format!("Der er færre end {MIN_GROUP} elever endnu, så der er intet at vise."),
            Lang::En => format!("There are fewer than {MIN_GROUP} pupils yet, so there is nothing to show."),
            Lang::Ar => format!("يوجد حتى الآن أقل من {MIN_GROUP} تلاميذ، لذلك لا يوجد ما يُعرض."),
        }
    }

    pub fn report_fetching(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Henter rapporten fra serveren …",
            Lang::En => "Fetching the report from the server…",
            Lang::Ar => "جارٍ جلب التقرير من الخادم…",
        }
    }

    /// Why the server's report is not shown, and what to do.
    pub fn report_problem(&self, error: &ReportError) -> &'static str {
        match (self.lang, error) {
            (Lang::Da, ReportError::LoggedOut) => "Log ind for at se rapporten. Den laves på serveren.",
            (Lang::En, ReportError::LoggedOut) => "Log in to see the report. It is made on the server.",
            (Lang::Ar, ReportError::LoggedOut) => "سجّل الدخول لترى التقرير. يُعدّ التقرير على الخادم.",
            (_, ReportError::NotAllowed) => self.report_not_for_you(),
            (Lang::Da, ReportError::Unreachable) => {
                "Serveren kan ikke nås. Rapporten laves på serveren, så den kræver forbindelse – prøv igen, når du er online."
            }
            (Lang::En, ReportError::Unreachable) => {
                "The server cannot be reached. The report is made on the server, so it needs a connection – try again when you are online."
            }
            (Lang::Ar, ReportError::Unreachable) => {
                "لا يمكن الوصول إلى الخادم. يُعدّ التقرير على الخادم، لذلك يحتاج إلى اتصال – حاول مرة أخرى عندما تكون متصلًا."
            }
            (Lang::Da, ReportError::BadAnswer(_)) => "Serverens svar gav ikke mening, så intet vises. Prøv igen senere.",
            (Lang::En, ReportError::BadAnswer(_)) => "The server's answer made no sense, so nothing is shown. Try again later.",
            (Lang::Ar, ReportError::BadAnswer(_)) => "رد الخادم غير مفهوم، لذلك لا يُعرض شيء. حاول مرة أخرى لاحقًا.",
        }
    }

    pub fn report_try_again(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Prøv igen",
            Lang::En => "Try again",
            Lang::Ar => "حاول مرة أخرى",
        }
    }

    pub fn open_report(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Åbn effektrapporten",
            Lang::En => "Open the effect report",
            Lang::Ar => "افتح تقرير الأثر",
        }
    }

    pub fn leader_intro(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Se, hvordan eleverne, skolerne, klubberne og familierne arbejder sammen om målene – samlet og uden navne.",
            Lang::En => "See how pupils, schools, clubs and families work together on the goals – in total and without names.",
            Lang::Ar => "شاهد كيف يعمل التلاميذ والمدارس والأندية والعائلات معًا على الأهداف – إجمالًا وبدون أسماء.",
        }
    }

    pub fn section_all(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Alle elever",
            Lang::En => "All pupils",
            Lang::Ar => "كل التلاميذ",
        }
    }

    pub fn section_schools(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Pr. skole",
            Lang::En => "Per school",
            Lang::Ar => "حسب المدرسة",
        }
    }

    pub fn section_clubs(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Pr. klub",
            Lang::En => "Per club",
            Lang::Ar => "حسب النادي",
        }
    }

    pub fn section_terms(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Pr. halvår",
            Lang::En => "Per term",
            Lang::Ar => "حسب الفصل الدراسي",
        }
    }

    pub fn term_name(&self, year: i32, season: Season) -> String {
        match (self.lang, season) {
            (Lang::Da, Season::Spring) => format!("Forår {year}"),
            (Lang::Da, Season::Autumn) => format!("Efterår {year}"),
            (Lang::En, Season::Spring) => format!("Spring {year}"),
            (Lang::Ar, Season::Spring) => format!("ربيع {year}"),
            (Lang::En, Season::Autumn) => format!("Autumn {year}"),
            (Lang::Ar, Season::Autumn) => format!("خريف {year}"),
        }
    }

    pub fn terms_explained(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Forår er januar–juli, efterår august–december. Et halvår tæller de elever, der havde et mål eller en check-in i halvåret, og kun det, der skete i halvåret.",
            Lang::En => "Spring is January–July, autumn August–December. A term counts the pupils with a goal or a check-in in it, and only what happened in it.",
            Lang::Ar => "الربيع من يناير إلى يوليو، والخريف من أغسطس إلى ديسمبر. يحتسب الفصل التلاميذ الذين لديهم هدف أو متابعة فيه، وما حدث فيه فقط.",
        }
    }

    pub fn hidden_groups(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Da, 1) => "1 gruppe vises ikke, så ingen elev kan genkendes.".into(),
            (Lang::Da, n) => format!("{n} grupper vises ikke, så ingen elev kan genkendes."),
            (Lang::En, 1) => "1 group is not shown, so that no pupil can be recognised.".into(),
            (Lang::Ar, 1) => "مجموعة واحدة لا تظهر، حتى لا يمكن التعرف على أي تلميذ.".into(),
            (Lang::En, n) => format!("{n} groups are not shown, so that no pupil can be recognised."),
            (Lang::Ar, n) => format!("{n} من المجموعات لا تظهر، حتى لا يمكن التعرف على أي تلميذ."),
        }
    }

    pub fn no_groups_shown(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Ingen grupper er store nok til at blive vist.",
            Lang::En => "No group is large enough to be shown.",
            Lang::Ar => "لا توجد مجموعة كبيرة بما يكفي لتظهر.",
        }
    }

    /// The columns of every report table, in order.
    pub fn report_columns(&self) -> [&'static str; 12] {
        match self.lang {
            Lang::Da => [
                "Gruppe",
                "Elever",
                "Mål foreslået",
                "Mål aftalt",
                "Mål nået",
                "T-score ved start",
                "T-score nu",
                "Ændring",
                "Elev tjekker ind",
                "Skole tjekker ind",
                "Klub tjekker ind",
                "Familie tjekker ind",
            ],
            Lang::En => [
                "Group",
                "Pupils",
                "Goals proposed",
                "Goals agreed",
                "Goals achieved",
                "T-score at start",
                "T-score now",
                "Change",
                "Pupil checks in",
                "School checks in",
                "Club checks in",
                "Family checks in",
            ],
            Lang::Ar => [
                "المجموعة",
                "التلاميذ",
                "أهداف مقترحة",
                "أهداف متفق عليها",
                "أهداف تحققت",
                "درجة T في البداية",
                "درجة T الآن",
                "التغير",
                "متابعة التلميذ",
                "متابعة المدرسة",
                "متابعة النادي",
                "متابعة العائلة",
            ],
        }
    }

    pub fn section_column(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Afsnit",
            Lang::En => "Section",
            Lang::Ar => "القسم",
        }
    }

    /// "5 of 6 teams · 53 check-ins".
    pub fn participation_cell(&self, checked_in: usize, teams: usize, checkins: usize) -> String {
        match self.lang {
            Lang::Da => format!("{checked_in} af {teams} teams · {checkins} check-ins"),
            Lang::En => format!("{checked_in} of {teams} teams · {checkins} check-ins"),
            Lang::Ar => format!("{checked_in} من {teams} فرق · {checkins} متابعة"),
        }
    }

    pub fn participation_explained(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Tjekker ind: i hvor mange af de teams, der har en fra skolen, klubben eller familien, de har tjekket ind mindst én gang, og hvor mange check-ins i alt. T-scoren (Kiresuk–Sherman) er 50, når målene er nået som forventet; start er hvor eleverne stod, da målene blev sat.",
            Lang::En => "Checks in: in how many of the teams that have someone from the school, the club or the family they checked in at least once, and how many check-ins in all. The T-score (Kiresuk–Sherman) is 50 when goals are met as expected; start is where the pupils stood when the goals were set.",
            Lang::Ar => "المتابعة: في كم من الفرق التي فيها أحد من المدرسة أو النادي أو العائلة تابعوا مرة واحدة على الأقل، وكم متابعة إجمالًا. درجة T (كيريسوك–شيرمان) تساوي 50 عندما تتحقق الأهداف كما هو متوقع؛ البداية هي حيث كان التلاميذ عند وضع الأهداف.",
        }
    }

    pub fn download_report_csv(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Hent tabellerne (CSV)",
            Lang::En => "Download the tables (CSV)",
            Lang::Ar => "نزّل الجداول (CSV)",
        }
    }

    pub fn chart_report_title(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Gennemsnitlig T-score ved start og nu",
            Lang::En => "Mean T-score at the start and now",
            Lang::Ar => "متوسط درجة T في البداية والآن",
        }
    }

    pub fn chart_report_desc(&self, rows: &[(String, f64, f64)]) -> String {
        let parts: Vec<String> = rows
            .iter()
            .map(|(name, start, now)| match self.lang {
                Lang::Da => format!("{name}: fra {} til {}", number(Lang::Da, *start), number(Lang::Da, *now)),
                Lang::En => format!("{name}: from {} to {}", number(Lang::En, *start), number(Lang::En, *now)),
                Lang::Ar => format!("{name}: من {} إلى {}", number(Lang::Ar, *start), number(Lang::Ar, *now)),
            })
            .collect();
        match self.lang {
            Lang::Da => format!("{}. Tallene står også i tabellerne nedenfor.", parts.join("; ")),
            Lang::En => format!("{}. The numbers are also in the tables below.", parts.join("; ")),
            Lang::Ar => format!("{}. الأرقام موجودة أيضًا في الجداول أدناه.", parts.join("; ")),
        }
    }

    pub fn at_start(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Ved start",
            Lang::En => "At the start",
            Lang::Ar => "في البداية",
        }
    }

    pub fn now_label(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Nu",
            Lang::En => "Now",
            Lang::Ar => "الآن",
        }
    }
}

/// A number with one decimal, written the language's way (Danish: comma).
fn number(lang: Lang, value: f64) -> String {
    let text = domain::number::fixed(value, 1);
    match lang {
        Lang::Da => text.replace('.', ",").replace('-', "−"),
        Lang::En | Lang::Ar => text.replace('-', "−"),
    }
}

fn signed_number(lang: Lang, value: f64) -> String {
    if value > 0.05 {
        format!("+{}", number(lang, value))
    } else {
        number(lang, value)
    }
}

/// One table of the report, as shown and as exported.
#[derive(Clone, Debug, PartialEq)]
struct Table {
    title: &'static str,
    rows: Vec<Vec<String>>,
    hidden: usize,
    /// (group name, T start, T now) for the chart.
    chart: Vec<(String, f64, f64)>,
}

fn row(t: &Texts, name: String, f: &Figures) -> Vec<String> {
    let dash = || "–".to_string();
    let mut cells = vec![
        name,
        f.pupils.to_string(),
        f.goals_proposed.to_string(),
        f.goals_agreed.to_string(),
        f.goals_achieved.to_string(),
        f.t_start.map(|v| number(t.lang, v)).unwrap_or_else(dash),
        f.t_now.map(|v| number(t.lang, v)).unwrap_or_else(dash),
        f.t_change().map(|v| signed_number(t.lang, v)).unwrap_or_else(dash),
    ];
    for party in [Party::Pupil, Party::School, Party::Club, Party::Family] {
        let cell = f
            .participation
            .iter()
            .find(|p| p.party == party)
            // No team in the group has this party (no parent in any team): nothing to say.
            .filter(|p| p.teams > 0)
            .map(|p| t.participation_cell(p.teams_checked_in, p.teams, p.checkins))
            .unwrap_or_else(dash);
        cells.push(cell);
    }
    cells
}

/// The report as the tables the page shows; the CSV is made from the same.
fn tables(t: &Texts, report: &EffectReport) -> Vec<Table> {
    let Some(all) = &report.all else { return Vec::new() };
    let chart_of = |name: &str, f: &Figures| Some((name.to_string(), f.t_start?, f.t_now?));
    let mut out = vec![Table {
        title: t.section_all(),
        rows: vec![row(t, t.section_all().to_string(), all)],
        hidden: 0,
        chart: chart_of(t.section_all(), all).into_iter().collect(),
    }];
    for (title, section) in
        [(t.section_schools(), &report.schools), (t.section_clubs(), &report.clubs), (t.section_terms(), &report.terms)]
    {
        let named: Vec<(String, &Figures)> = section
            .shown
            .iter()
            .map(|g| {
                let name = match &g.key {
                    GroupKey::School(name) | GroupKey::Club(name) => name.clone(),
                    GroupKey::Term(term) => t.term_name(term.year, term.season),
                };
                (name, &g.figures)
            })
            .collect();
        out.push(Table {
            title,
            rows: named.iter().map(|(name, f)| row(t, name.clone(), f)).collect(),
            hidden: section.hidden,
            chart: named.iter().filter_map(|(name, f)| chart_of(name, f)).collect(),
        });
    }
    out
}

/// Every table in one CSV: a section column, then the page's columns; a
/// section's note on hidden groups is a row of its own, as on the page.
fn csv_of(t: &Texts, tables: &[Table]) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut header = vec![t.section_column().to_string()];
    header.extend(t.report_columns().iter().map(|c| c.to_string()));
    rows.push(header);
    for table in tables {
        for r in &table.rows {
            let mut line = vec![table.title.to_string()];
            line.extend(r.iter().cloned());
            rows.push(line);
        }
        if table.hidden > 0 {
            rows.push(vec![table.title.to_string(), t.hidden_groups(table.hidden)]);
        }
    }
    to_csv(&rows)
}

/// The report page: who may see it is checked here (leaders and teachers).
#[component]
pub fn ReportPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let me = Memo::new(move |_| session.me_person());
    move || match me.get() {
        None => view! { <Redirect path="/"/> }.into_any(),
        Some(person) if matches!(person.role, Role::Leader | Role::Teacher) => view! { <ReportView/> }.into_any(),
        Some(_) => view! {
            <div class="page report-page">
                <h1>{move || i18n.t().report_title()}</h1>
                <p>{move || i18n.t().report_not_for_you()}</p>
            </div>
        }
        .into_any(),
    }
}

/// Where the report comes from: with accounts (PocketBase) the server makes
/// it from every team, since this device holds only its own person's teams;
/// otherwise this device's store holds every team and the report is made here.
#[component]
fn ReportView() -> impl IntoView {
    let session = use_session();
    let server = Memo::new(move |_| session.sync.with(|s| s.backend.clone().filter(|_| s.accounts)));
    move || match server.get() {
        Some(url) => view! { <ServerReportView url=url/> }.into_any(),
        None => {
            // Computed from the whole store: the domain leaves out private items itself.
            let report = Memo::new(move |_| session.db.with(|db| effect_report(db, session.today())));
            view! { <ReportBody report=report.into() on=session.today()/> }.into_any()
        }
    }
}

/// The report from the PocketBase server at `url`, with what went wrong and
/// a way to try again when there is none.
#[component]
fn ServerReportView(
    /// The server's address.
    url: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let url = StoredValue::new(url);
    let attempt = RwSignal::new(0u32);
    let answer = LocalResource::new(move || {
        attempt.track();
        let url = url.get_value();
        async move { fetch_report(&url).await }
    });
    move || match answer.get() {
        None => view! {
            <div class="page report-page">
                <h1>{move || i18n.t().report_title()}</h1>
                <p role="status">{move || i18n.t().report_fetching()}</p>
            </div>
        }
        .into_any(),
        Some(Ok(server)) => {
            let report = server.report;
            view! { <ReportBody report=Signal::derive(move || report.clone()) on=server.on/> }.into_any()
        }
        Some(Err(error)) => {
            if let ReportError::BadAnswer(detail) = &error {
                web_sys::console::warn_1(&format!("effect report: {detail}").into());
            }
            let again = !matches!(error, ReportError::NotAllowed | ReportError::LoggedOut);
            view! {
                <div class="page report-page">
                    <h1>{move || i18n.t().report_title()}</h1>
                    <p class="notice-inline" role="alert">{move || i18n.t().report_problem(&error)}</p>
                    {again.then(|| view! {
                        <p><button type="button" on:click=move |_| attempt.update(|n| *n += 1)>
                            {move || i18n.t().report_try_again()}
                        </button></p>
                    })}
                </div>
            }
            .into_any()
        }
    }
}

/// The report's tables, chart and CSV download. `on` is the day it was made
/// for, which names the downloaded file.
#[component]
fn ReportBody(
    /// The figures to show.
    report: Signal<EffectReport>,
    /// The day the report was made for.
    on: Date,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let shown = Memo::new(move |_| tables(i18n.t(), &report.get()));
    let failed = RwSignal::new(false);
    let save = move |_| {
        let t = i18n.t_now();
        let text = csv_of(t, &shown.get_untracked());
        let name = file_name(&["samspil", t.report_title(), &on.to_string()], "csv");
        match download(&name, "text/csv;charset=utf-8", &text) {
            Ok(()) => {
                failed.set(false);
                session.announce(t.download_ready(&name));
            }
            Err(problem) => {
                web_sys::console::warn_1(&problem.into());
                failed.set(true);
            }
        }
    };
    view! {
        <div class="page report-page">
            <h1>{move || i18n.t().report_title()}</h1>
            <p class="lead">{move || i18n.t().report_intro()}</p>
            {move || {
                let tables = shown.get();
                let t = i18n.t();
                if tables.is_empty() {
                    return view! { <p class="empty">{t.report_too_few()}</p> }.into_any();
                }
                let chart: Vec<(String, f64, f64)> = tables.iter().flat_map(|table| table.chart.clone()).collect();
                view! {
                    <div class="actions">
                        <button type="button" class="primary" on:click=save>
                            <span aria-hidden="true">"⤓ "</span>{t.download_report_csv()}
                        </button>
                    </div>
                    <p class="field-error" role="alert" hidden=move || !failed.get()>{move || i18n.t().download_failed()}</p>
                    <ReportChart rows=chart i18n=i18n/>
                    {tables.into_iter().enumerate().map(|(index, table)| view! {
                        <ReportTable index=index table=table/>
                    }).collect_view()}
                    <p class="hint">{t.participation_explained()}</p>
                    <p class="hint">{t.terms_explained()}</p>
                }
                .into_any()
            }}
        </div>
    }
}

/// One section's table, with its caption and the note on hidden groups.
#[component]
fn ReportTable(
    /// Position on the page, for unique ids.
    index: usize,
    /// What to show.
    table: Table,
) -> impl IntoView {
    let i18n = use_i18n();
    let t = i18n.t_now();
    let title_id = format!("report-section-{index}");
    let labelled_by = title_id.clone();
    let columns = t.report_columns();
    view! {
        <section class="card report-section" aria-labelledby=labelled_by>
            <h2 id=title_id>{table.title}</h2>
            {if table.rows.is_empty() {
                view! { <p class="empty">{t.no_groups_shown()}</p> }.into_any()
            } else {
                let caption = format!("{} – {}", t.report_title(), table.title);
                let label = caption.clone();
                // The wrapper scrolls sideways on a phone: keyboard users reach it with Tab.
                view! {
                    <div class="table-wrap" tabindex="0" role="group" aria-label=label>
                        <table class="report-table">
                            <caption>{caption}</caption>
                            <thead>
                                <tr>{columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr>
                            </thead>
                            <tbody>
                                {table.rows.iter().map(|r| {
                                    let mut cells = r.iter().cloned();
                                    let head = cells.next().unwrap_or_default();
                                    view! {
                                        <tr>
                                            <th scope="row">{head}</th>
                                            {cells.map(|c| view! { <td>{c}</td> }).collect_view()}
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
            {(table.hidden > 0).then(|| view! { <p class="hint hidden-groups">{t.hidden_groups(table.hidden)}</p> })}
        </section>
    }
}

/// The T-score axis runs from 20 to 80 (±3 standard deviations around 50).
const T_LOW: f64 = 20.0;
const T_HIGH: f64 = 80.0;
/// The axis' ticks: the ends, the expected 50, and halfway between.
const TICKS: [f64; 5] = [20.0, 35.0, 50.0, 65.0, 80.0];

/// Where a T-score sits on the chart's axis, as a CSS percentage of its width.
fn axis_percent(t: f64) -> String {
    let share = if t.is_finite() { ((t - T_LOW) / (T_HIGH - T_LOW)).clamp(0.0, 1.0) } else { 0.0 };
    format!("{}%", domain::number::fixed(share * 100.0, 1))
}

/// Horizontal bars: each group's mean T-score at the start (outlined) and
/// now (filled), on one 20–80 axis with 50 marked. Drawn with HTML, not SVG,
/// so that its names are text at the page's size on a phone too, wrap
/// rather than being cut, and the bars grow from the right in Arabic. An
/// image with a text alternative; the numbers are in the tables too.
#[component]
fn ReportChart(
    /// (group, T at the start, T now), in the order of the tables.
    rows: Vec<(String, f64, f64)>,
    /// The language, passed so the chart redraws with it.
    i18n: I18n,
) -> impl IntoView {
    let t = i18n.t_now();
    let desc = t.chart_report_desc(&rows);
    view! {
        <figure class="chart report-chart card">
            <div class="hbars" role="img" aria-labelledby="report-chart-title" aria-describedby="report-chart-desc">
                <div class="hbars-axis" aria-hidden="true">
                    {TICKS.iter().map(|&v| view! { <span style:inset-inline-start=axis_percent(v)>{domain::number::fixed(v, 0)}</span> }).collect_view()}
                </div>
                {rows.into_iter().map(|(name, start, now)| view! {
                    <span class="hbars-label" aria-hidden="true">{name}</span>
                    <div class="hbars-track" aria-hidden="true">
                        <span class="hbars-bar bar-start" style:width=axis_percent(start)></span>
                        <span class="hbars-bar bar-now" style:width=axis_percent(now)></span>
                    </div>
                }).collect_view()}
            </div>
            <p id="report-chart-title" hidden>{t.chart_report_title()}</p>
            <p id="report-chart-desc" hidden>{desc}</p>
            <figcaption>
                <ul class="legend" role="list">
                    <li><svg class="legend-mark" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                        <rect class="bar-start" x="1" y="4" width="14" height="8"/></svg>{t.at_start()}</li>
                    <li><svg class="legend-mark" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                        <rect class="bar-now" x="1" y="4" width="14" height="8"/></svg>{t.now_label()}</li>
                </ul>
            </figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_axis_runs_from_20_to_80_and_keeps_bars_inside() {
        assert_eq!(axis_percent(20.0), "0.0%");
        assert_eq!(axis_percent(50.0), "50.0%");
        assert_eq!(axis_percent(65.0), "75.0%");
        assert_eq!(axis_percent(95.0), "100.0%", "a score above the axis fills it, no more");
        assert_eq!(axis_percent(5.0), "0.0%");
        assert_eq!(axis_percent(f64::NAN), "0.0%", "a missing score draws no bar");
    }
    use domain::Date;

    fn fixture() -> domain::Db {
        serde_json::from_str(include_str!("../../e2e/fixtures/report.json")).expect("fixture")
    }

    #[test]
    fn the_csv_holds_exactly_the_tables_shown() {
        let report = effect_report(&fixture(), Date::parse("2026-03-01").unwrap());
        let t = Lang::En.texts();
        let shown = tables(t, &report);
        let csv = csv_of(t, &shown);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        // Header, all, 2 schools, 1 club + note, 1 term + note.
        assert_eq!(lines.len(), 1 + 1 + 2 + 2 + 2);
        assert!(lines[1].starts_with("All pupils,All pupils,10,11,10,1,38.9,58.2,+19.3,9 of 10 teams · 16 check-ins,"));
        // Four of Klub X's pupils have a T-score: too few for a mean.
        assert!(csv.contains("Per club,Klub X,5,6,5,1,–,–,–,"));
        assert!(!csv.contains("Klub Y") && !csv.contains("Klub Z") && !csv.contains("Spring 2025"));
        assert!(csv.contains("Per club,\"2 groups are not shown, so that no pupil can be recognised.\"\r\n"));
        assert!(csv.contains("Per term,Autumn 2025,9,"));
    }

    #[test]
    fn danish_numbers_use_a_comma() {
        assert_eq!(number(Lang::Da, 53.504), "53,5");
        assert_eq!(signed_number(Lang::En, 16.02), "+16.0");
        assert_eq!(signed_number(Lang::Da, -2.0), "−2,0");
    }
}
