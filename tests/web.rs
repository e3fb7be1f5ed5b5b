//! Browser tests: components mounted in headless Chromium, clicked, and
//! checked by what a person sees. Run by `scripts/test` through
//! wasm-bindgen-test-runner.
#![cfg(target_arch = "wasm32")]

use domain::validate::{Field, FieldError, FieldErrors, Problem};
use domain::{CheckIn, Db, GasLevel, GasScale, Goal, GoalContent, Member, Meta, Person, Role};
use leptos::prelude::*;
use samspil::components::checkin::QuickCheckIn;
use samspil::components::field::TextField;
use samspil::i18n::{provide_i18n, use_i18n, Lang};
use samspil::state::{Phase, Session};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// A fresh element to mount into, so tests do not see each other's output.
fn container() -> web_sys::HtmlElement {
    let div: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&div).unwrap();
    div
}

fn buttons(root: &web_sys::HtmlElement) -> Vec<web_sys::HtmlElement> {
    let list = root.query_selector_all("button").unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).map(|n| n.unchecked_into()).collect()
}

fn button_named(root: &web_sys::HtmlElement, name: &str) -> web_sys::HtmlElement {
    buttons(root)
        .into_iter()
        .find(|b| b.text_content().unwrap_or_default().contains(name))
        .unwrap_or_else(|| panic!("no button named {name:?} in {}", root.inner_html()))
}

fn person(id: &str, name: &str, role: Role) -> Person {
    Person {
        id: id.into(),
        name: name.into(),
        role,
        organisation: String::new(),
        moderator: false,
        meta: Meta::default(),
    }
}

/// A pupil and a coach with one active GAS goal both agreed to.
fn team_with_active_goal(today: domain::Date) -> Db {
    let mut db = Db::default();
    db.people.push(person("ida", "Ida", Role::Pupil));
    db.people.push(person("coach", "Karim", Role::Coach));
    db.members.push(Member {
        id: "m1".into(),
        pupil_id: "ida".into(),
        person_id: "coach".into(),
        since: today.add_days(-30),
        meta: Meta::default(),
    });
    let content = GoalContent {
        title: "Read before practice".into(),
        why: String::new(),
        gas: Some(GasScale {
            levels: ["No pages".into(), "1 page".into(), "3 pages".into(), "5 pages".into(), "A chapter".into()],
            current: GasLevel::new(-1).unwrap(),
        }),
        measure: None,
        contributions: Vec::new(),
        review_date: today.add_days(30),
        strength_ids: Vec::new(),
        weight: 1.0,
    };
    let (goal, a1) =
        domain::rules::propose_goal(&db, "g1".into(), "a1".into(), "ida", "ida", today.add_days(-10), content).unwrap();
    db.goals.push(goal.clone());
    db.agreements.push(a1);
    let a2 = domain::rules::agree(&db, "a2".into(), &goal, "coach", today.add_days(-9)).unwrap();
    db.agreements.push(a2);
    db
}

fn goal_of(db: &Db) -> Goal {
    db.goals[0].clone()
}

#[wasm_bindgen_test]
async fn quick_check_in_saves_the_tapped_level_once_per_day() {
    let root = container();
    let session = Session::new();
    let db = team_with_active_goal(session.today());
    let goal = goal_of(&db);
    session.db.set(db);
    session.me.set(Some("coach".into()));
    session.phase.set(Phase::Ready);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(session);
        provide_i18n();
        use_i18n().set_lang(Lang::En);
        view! { <QuickCheckIn goal=goal.clone()/> }
    });
    leptos::task::tick().await;
    assert!(root.text_content().unwrap().contains("How is it going: Read before practice"));

    button_named(&root, "+1").click();
    leptos::task::tick().await;
    let mine: Vec<CheckIn> =
        session.db.with_untracked(|db| db.checkins.iter().filter(|c| c.person_id == "coach").cloned().collect());
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].gas, GasLevel::new(1));
    assert_eq!(mine[0].on, session.today());
    assert_eq!(mine[0].meta.version, 1);
    assert_eq!(mine[0].meta.updated_by, "coach");
    assert_eq!(button_named(&root, "+1").get_attribute("aria-pressed").as_deref(), Some("true"));

    // A second tap the same day corrects the rating instead of adding another.
    button_named(&root, "+2").click();
    leptos::task::tick().await;
    let mine: Vec<CheckIn> =
        session.db.with_untracked(|db| db.checkins.iter().filter(|c| c.person_id == "coach").cloned().collect());
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].gas, GasLevel::new(2));
    assert_eq!(mine[0].meta.version, 2);
    assert_eq!(button_named(&root, "+1").get_attribute("aria-pressed").as_deref(), Some("false"));
}

#[wasm_bindgen_test]
async fn quick_check_in_refuses_people_outside_the_team() {
    let root = container();
    let session = Session::new();
    let mut db = team_with_active_goal(session.today());
    db.people.push(person("stranger", "Stranger", Role::Coach));
    let goal = goal_of(&db);
    session.db.set(db);
    session.me.set(Some("stranger".into()));
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(session);
        provide_i18n();
        view! { <QuickCheckIn goal=goal.clone()/> }
    });
    leptos::task::tick().await;
    button_named(&root, "+1").click();
    leptos::task::tick().await;
    assert!(session.db.with_untracked(|db| db.checkins.is_empty()));
}

#[wasm_bindgen_test]
async fn text_field_shows_the_problem_and_keeps_the_text() {
    let root = container();
    let session = Session::new();
    let value = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::default());
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(session);
        provide_i18n();
        use_i18n().set_lang(Lang::En);
        view! { <TextField id="t" label=Signal::derive(|| "Title".to_string()) value=value errors=errors field=Field::Title/> }
    });
    leptos::task::tick().await;
    let input: web_sys::HtmlInputElement = root.query_selector("input").unwrap().unwrap().unchecked_into();
    input.set_value("A goal far too long");
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    errors.set(FieldErrors(vec![FieldError::new(Field::Title, Problem::TooLong { max: 5 })]));
    leptos::task::tick().await;
    assert_eq!(value.get_untracked(), "A goal far too long");
    assert_eq!(input.value(), "A goal far too long");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let message = document().get_element_by_id("t-error").unwrap();
    assert!(!message.has_attribute("hidden"));
    assert!(message.text_content().unwrap().contains("At most 5 characters."));
    assert_eq!(input.get_attribute("aria-describedby").as_deref(), Some("t-error"));
}

#[wasm_bindgen_test]
async fn language_switch_changes_every_text_and_the_html_lang() {
    let root = container();
    let session = Session::new();
    let lang = RwSignal::new(None::<samspil::i18n::I18n>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(session);
        provide_i18n();
        let i18n = use_i18n();
        lang.set(Some(i18n));
        i18n.set_lang(Lang::En);
        view! { <p>{move || i18n.t().who_is_using}</p> }
    });
    leptos::task::tick().await;
    assert_eq!(root.text_content().unwrap(), "Who is using this device?");
    let i18n = lang.get_untracked().unwrap();
    i18n.set_lang(Lang::Da);
    leptos::task::tick().await;
    assert_eq!(root.text_content().unwrap(), "Hvem bruger enheden?");
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("da"));
}

/// The browser's JSON.parse behind `backend::json` reads as serde_json does in
/// the native tests, config.json's cases included: own fields only, `null` as
/// missing, a field of another type as no text.
#[wasm_bindgen_test]
fn json_is_read_by_the_browser_as_natively() {
    use samspil::backend::config::{resolve, BackendChoice, ConfigProblem};
    use samspil::backend::json::{Json, NotAText};
    let json = Json::parse(r#"{"a":{"b":"text","n":1,"z":null}}"#).unwrap();
    let a = json.get("a").unwrap();
    assert_eq!(a.string_field("b"), Ok(Some("text".to_string())));
    assert_eq!(a.string_field("n"), Err(NotAText));
    assert_eq!(a.string_field("z"), Ok(None));
    assert_eq!(a.string_field("constructor"), Ok(None), "not a field of its prototype");
    assert!(Json::parse("[1]").unwrap().get("0").is_none());
    assert!(Json::parse("{").is_none());
    assert_eq!(
        resolve(Some(r#"{"backend":{"kind":"json-server","url":"http://127.0.0.1:3000/"}}"#)),
        (BackendChoice::JsonServer { url: "http://127.0.0.1:3000".into() }, None)
    );
    for text in
        ["", "<html>", "{", r#"{"backend":{}}"#, r#"{"backend":{"kind":"ftp"}}"#, "[]", r#"{"backend":{"kind":7}}"#]
    {
        assert!(matches!(resolve(Some(text)), (BackendChoice::Embedded, Some(ConfigProblem::Malformed(_)))), "{text}");
    }
}
