//! Erasing a pupil (`/pupil/:id/erase`): asked for by the pupil, their
//! parent or a teacher in their team (`domain::erasure::may_erase`). The
//! person types the pupil's name to confirm; then every record of the pupil
//! goes from this device and the backend, and the page says what went,
//! kind by kind.

use crate::i18n::{use_i18n, Lang, Texts};
use crate::pages::not_found::{Missing, NotFoundFor};
use crate::state::use_session;
use domain::erasure::{self, may_erase};
use domain::{Person, Role};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

/// Fixed texts of erasure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EraseText {
    WhatGoes,
    CannotUndo,
    NotAllowed,
    NameMismatch,
    Failed,
    Done,
    Removed,
    BackToStart,
}

impl Texts {
    /// A fixed text of erasure.
    pub fn erase(&self, key: EraseText) -> &'static str {
        use EraseText::*;
        match (self.lang, key) {
            (Lang::Da, WhatGoes) => "Dette bliver slettet fra denne enhed og fra serveren:",
            (Lang::En, WhatGoes) => "This is removed from this device and from the server:",
            (Lang::Ar, WhatGoes) => "هذا سيُحذف من هذا الجهاز ومن الخادم:",
            (Lang::Da, CannotUndo) => "Det kan ikke fortrydes. Andre enheder sletter det også, næste gang de deler.",
            (Lang::En, CannotUndo) => "It cannot be undone. Other devices remove it too the next time they share.",
            (Lang::Ar, CannotUndo) => "لا يمكن التراجع عن ذلك. الأجهزة الأخرى تحذفه أيضًا عندما تشارك في المرة القادمة.",
            (Lang::Da, NotAllowed) => {
                "Kun eleven selv, elevens forælder eller en lærer i elevens team kan slette elevens data."
            }
            (Lang::En, NotAllowed) => {
                "Only the pupil, their parent or a teacher in their team can erase the pupil's data."
            }
            (Lang::Ar, NotAllowed) => "فقط التلميذ أو ولي أمره أو معلم في فريقه يستطيع مسح بيانات التلميذ.",
            (Lang::Da, NameMismatch) => "Skriv navnet præcis som ovenfor.",
            (Lang::En, NameMismatch) => "Type the name exactly as shown above.",
            (Lang::Ar, NameMismatch) => "اكتب الاسم تمامًا كما يظهر في الأعلى.",
            (Lang::Da, Failed) => "Enheden kunne ikke slette alt. Prøv igen.",
            (Lang::En, Failed) => "This device could not erase everything. Please try again.",
            (Lang::Ar, Failed) => "لم يستطع هذا الجهاز مسح كل شيء. حاول مرة أخرى.",
            (Lang::Da, Done) => "Slettet",
            (Lang::En, Done) => "Erased",
            (Lang::Ar, Done) => "تم المسح",
            (Lang::Da, Removed) => "Dette blev slettet:",
            (Lang::En, Removed) => "This was removed:",
            (Lang::Ar, Removed) => "هذا ما حُذف:",
            (Lang::Da, BackToStart) => "Til forsiden",
            (Lang::En, BackToStart) => "To the start page",
            (Lang::Ar, BackToStart) => "إلى صفحة البداية",
        }
    }

    /// The page's title and the link to it.
    pub fn erase_pupil_title(&self, name: &str) -> String {
        match self.lang {
            Lang::Da => format!("Slet {name}s data"),
            Lang::En => format!("Erase {name}'s data"),
            Lang::Ar => format!("امسح بيانات {name}"),
        }
    }

    /// The confirmation field's label.
    pub fn type_to_confirm(&self, name: &str) -> String {
        match self.lang {
            Lang::Da => format!("Skriv {name} for at bekræfte"),
            Lang::En => format!("Type {name} to confirm"),
            Lang::Ar => format!("اكتب {name} للتأكيد"),
        }
    }

    /// The button that erases.
    pub fn erase_for_good(&self, name: &str) -> String {
        match self.lang {
            Lang::Da => format!("Slet {name} for altid"),
            Lang::En => format!("Erase {name} for good"),
            Lang::Ar => format!("امسح {name} نهائيًا"),
        }
    }

    /// Announced when done.
    pub fn erased_pupil(&self, name: &str, n: usize) -> String {
        match self.lang {
            Lang::Da => format!("{name} er slettet: {n} poster fjernet."),
            Lang::En => format!("{name} is erased: {n} records removed."),
            Lang::Ar => format!("تم مسح {name}: حُذف {n} من السجلات."),
        }
    }

    /// What records of one collection are called in the account of an erasure.
    pub fn collection_label(&self, collection: &str) -> String {
        let label = match (self.lang, collection) {
            (Lang::Da, "people") => "Personen",
            (Lang::En, "people") => "The person",
            (Lang::Ar, "people") => "الشخص",
            (Lang::Da, "members") => "Pladser i teamet",
            (Lang::En, "members") => "Team memberships",
            (Lang::Ar, "members") => "العضوية في الفرق",
            (Lang::Da, "strengths") => "Styrker",
            (Lang::En, "strengths") => "Strengths",
            (Lang::Ar, "strengths") => "نقاط القوة",
            (Lang::Da, "goals") => "Mål",
            (Lang::En, "goals") => "Goals",
            (Lang::Ar, "goals") => "الأهداف",
            (Lang::Da, "agreements") => "Enigheder om mål",
            (Lang::En, "agreements") => "Agreements to goals",
            (Lang::Ar, "agreements") => "الموافقات على الأهداف",
            (Lang::Da, "checkins") => "Opfølgninger",
            (Lang::En, "checkins") => "Check-ins",
            (Lang::Ar, "checkins") => "المتابعات",
            (Lang::Da, "comments") => "Kommentarer",
            (Lang::En, "comments") => "Comments",
            (Lang::Ar, "comments") => "التعليقات",
            (Lang::Da, "peerNames") => "Opdigtede navne",
            (Lang::En, "peerNames") => "Made-up names",
            (Lang::Ar, "peerNames") => "الأسماء المستعارة",
            (Lang::Da, "posts") => "Opslag og svar",
            (Lang::En, "posts") => "Posts and replies",
            (Lang::Ar, "posts") => "المنشورات والردود",
            (Lang::Da, "helped") => "\u{201c}Det hjalp mig\u{201d}",
            (Lang::En, "helped") => "\u{201c}This helped me\u{201d} marks",
            (Lang::Ar, "helped") => "علامات «هذا ساعدني»",
            (Lang::Da, "reports") => "Meldinger",
            (Lang::En, "reports") => "Reports",
            (Lang::Ar, "reports") => "البلاغات",
            (Lang::Da, "moderations") => "Moderatorbeslutninger",
            (Lang::En, "moderations") => "Moderation decisions",
            (Lang::Ar, "moderations") => "قرارات الإشراف",
            // A collection added later shows by its own name until it gets words.
            (Lang::Da, other) | (Lang::En, other) | (Lang::Ar, other) => other,
        };
        label.to_string()
    }
}

/// The erased pupil's name and how many records of each collection went.
type Account = (String, Vec<(&'static str, usize)>);

/// What went, kind by kind, as a description list.
#[component]
fn Counts(
    /// (collection, how many).
    counts: Vec<(&'static str, usize)>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="erase-counts">
            {counts.into_iter().map(|(collection, n)| view! {
                <div><dt>{move || i18n.t().collection_label(collection)}</dt><dd>{n}</dd></div>
            }).collect_view()}
        </dl>
    }
}

/// The route `/pupil/:id/erase`.
#[component]
pub fn ErasePage(
    /// The pupil's id, from the path.
    id: String,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    // Once erased the pupil is gone, so the account is kept here.
    let done = RwSignal::new(None::<Account>);
    let pupil = Memo::new(move |_| session.db.with(|db| db.person(&id).filter(|p| p.role == Role::Pupil).cloned()));
    move || {
        if let Some((name, counts)) = done.get() {
            let total: usize = counts.iter().map(|(_, n)| n).sum();
            return view! {
                <div class="page erase-page">
                    <h1 tabindex="-1" id="erase-done">{move || i18n.t().erase(EraseText::Done)}</h1>
                    <p>{move || i18n.t().erased_pupil(&name, total)}</p>
                    <h2>{move || i18n.t().erase(EraseText::Removed)}</h2>
                    <Counts counts=counts/>
                    <p><A href="/" attr:class="button">{move || i18n.t().erase(EraseText::BackToStart)}</A></p>
                </div>
            }
            .into_any();
        }
        match pupil.get() {
            None => view! { <NotFoundFor what=Missing::Pupil/> }.into_any(),
            Some(pupil) => view! { <EraseForm pupil=pupil done=done/> }.into_any(),
        }
    }
}

/// The preview of what goes, the confirmation, and the button.
#[component]
fn EraseForm(
    /// The pupil to erase.
    pupil: Person,
    /// Set with the account when the erasure is done.
    done: RwSignal<Option<Account>>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let pupil = StoredValue::new(pupil);
    let allowed = Memo::new(move |_| {
        let me = session.me.get().unwrap_or_default();
        session.db.with(|db| pupil.with_value(|p| may_erase(db, &p.id, &me).is_ok()))
    });
    let preview = Memo::new(move |_| {
        session.db.with(|db| erasure::counts(&erasure::records_of_pupil(db, &pupil.with_value(|p| p.id.clone()))))
    });
    let typed = RwSignal::new(String::new());
    let error = RwSignal::new(None::<EraseText>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (id, name) = pupil.with_value(|p| (p.id.clone(), p.name.clone()));
        if typed.get_untracked().trim().to_lowercase() != name.trim().to_lowercase() {
            error.set(Some(EraseText::NameMismatch));
            return;
        }
        let me = session.me.get_untracked().unwrap_or_default();
        if session.db.with_untracked(|db| may_erase(db, &id, &me)).is_err() {
            error.set(Some(EraseText::NotAllowed));
            return;
        }
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            match crate::erasure::erase_pupil(session, &id).await {
                Ok(counts) => {
                    let total = counts.iter().map(|(_, n)| n).sum();
                    session.announce(i18n.t_now().erased_pupil(&name, total));
                    done.set(Some((name, counts)));
                    crate::components::focus::focus_soon(&["#erase-done"]);
                    // Same route, new heading: the title follows it (WCAG 2.4.2),
                    // as PageFocus does on a change of route.
                    request_animation_frame(title_from_heading);
                }
                Err(e) => {
                    web_sys::console::error_1(&format!("erasure: {e}").into());
                    error.set(Some(EraseText::Failed));
                }
            }
            busy.set(false);
        });
    };
    let name = pupil.with_value(|p| p.name.clone());
    let title = {
        let name = name.clone();
        move || i18n.t().erase_pupil_title(&name)
    };
    let label = {
        let name = name.clone();
        move || i18n.t().type_to_confirm(&name)
    };
    let button = {
        let name = name.clone();
        move || i18n.t().erase_for_good(&name)
    };
    let back = pupil.with_value(|p| format!("/pupil/{}", p.id));
    view! {
        <div class="page erase-page">
            <h1>{title}</h1>
            <Show when=move || allowed.get()
                fallback=move || view! { <p class="notice-inline" role="alert">{move || i18n.t().erase(EraseText::NotAllowed)}</p> }>
                <section class="card danger" aria-labelledby="erase-what">
                    <h2 id="erase-what">{move || i18n.t().erase(EraseText::WhatGoes)}</h2>
                    {move || view! { <Counts counts=preview.get()/> }}
                    <p><strong>{move || i18n.t().erase(EraseText::CannotUndo)}</strong></p>
                </section>
                <form class="card" on:submit=submit novalidate>
                    <div class="field" class:invalid=move || error.get().is_some()>
                        <label for="erase-name">{label.clone()}</label>
                        <input id="erase-name" type="text" autocomplete="off" prop:value=move || typed.get()
                            aria-invalid=move || error.get().is_some().to_string()
                            aria-describedby="erase-name-error"
                            on:input=move |ev| typed.set(event_target_value(&ev))/>
                        <p id="erase-name-error" class="field-error" hidden=move || error.get().is_none()>
                            {move || error.get().map(|e| view! { <span aria-hidden="true">"⚠ "</span>{i18n.t().erase(e)} })}
                        </p>
                    </div>
                    <div class="actions">
                        <button type="submit" class="danger" aria-disabled=move || busy.get().to_string()>{button.clone()}</button>
                        <A href=back.clone() attr:class="button">{move || i18n.t().cancel}</A>
                    </div>
                </form>
            </Show>
        </div>
    }
}

/// Names the page after its level-1 heading, as every route does.
fn title_from_heading() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let heading = document.query_selector("main h1").ok().flatten().and_then(|h| h.text_content());
    if let Some(heading) = heading.map(|h| h.trim().to_string()).filter(|h| !h.is_empty()) {
        document.set_title(&format!("{heading} – Samspil"));
    }
}

/// The link to the erase page, shown on the pupil's page to those who may erase.
#[component]
pub fn EraseLink(
    /// The pupil.
    pupil: Person,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let id = pupil.id.clone();
    let allowed = Memo::new(move |_| {
        let me = session.me.get().unwrap_or_default();
        session.db.with(|db| may_erase(db, &id, &me).is_ok())
    });
    let href = StoredValue::new(format!("/pupil/{}/erase", pupil.id));
    let name = StoredValue::new(pupil.name.clone());
    view! {
        <Show when=move || allowed.get()>
            <p class="erase-link"><A href=href.get_value() attr:class="button danger">
                {move || i18n.t().erase_pupil_title(&name.get_value())}
            </A></p>
        </Show>
    }
}
