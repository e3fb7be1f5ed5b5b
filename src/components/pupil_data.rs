//! On the pupil's page: who can see the pupil's private notes, and "download
//! my data" for the pupil and their parents.

use crate::components::audience::audience_names;
use crate::components::download::{download, file_name};
use crate::i18n::{use_i18n, Lang, Texts};
use crate::state::use_session;
use domain::export::{goals_csv, may_export, pupil_export};
use domain::visibility::private_items;
use leptos::prelude::*;

impl Texts {
    pub fn your_data(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Data om eleven",
            Lang::En => "Data about the pupil",
            Lang::Ar => "بيانات عن التلميذ",
        }
    }

    pub fn your_data_hint(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Hent alt, hvad Samspil ved om eleven, som du må se det. Filen bliver på denne enhed; intet sendes.",
            Lang::En => "Download everything Samspil knows about the pupil, as you may see it. The file stays on this device; nothing is sent.",
            Lang::Ar => "نزّل كل ما يعرفه Samspil عن التلميذ، كما يُسمح لك برؤيته. يبقى الملف على هذا الجهاز؛ لا يُرسل شيء.",
        }
    }

    pub fn download_all_json(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Hent alle data (JSON)",
            Lang::En => "Download all data (JSON)",
            Lang::Ar => "نزّل كل البيانات (JSON)",
        }
    }

    pub fn download_goals_csv(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Hent målene (CSV)",
            Lang::En => "Download the goals (CSV)",
            Lang::Ar => "نزّل الأهداف (CSV)",
        }
    }

    pub fn download_ready(&self, name: &str) -> String {
        match self.lang {
            Lang::Da => format!("Filen {name} er hentet"),
            Lang::En => format!("The file {name} was downloaded"),
            Lang::Ar => format!("تم تنزيل الملف {name}"),
        }
    }

    pub fn download_failed(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Filen kunne ikke laves. Prøv igen, eller prøv en anden browser.",
            Lang::En => "The file could not be made. Try again, or try another browser.",
            Lang::Ar => "تعذّر إنشاء الملف. حاول مرة أخرى، أو جرّب متصفحًا آخر.",
        }
    }
}

/// The pupil's items kept to chosen members, as far as the person using the
/// device may see them, and who can see each group. To the pupil it also
/// says that everything else is for the whole team.
#[component]
pub fn PrivateItems(
    /// The pupil whose team page this is.
    pupil_id: String,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let is_pupil = {
        let id = pupil_id.clone();
        Memo::new(move |_| session.me.get().as_deref() == Some(id.as_str()))
    };
    let groups = Memo::new(move |_| {
        let me = session.me.get().unwrap_or_default();
        session.db.with(|db| {
            private_items(db, &me, &pupil_id)
                .into_iter()
                .map(|(chosen, checkins, comments)| {
                    (audience_names(db, &pupil_id, &pupil_id, &chosen), checkins, comments)
                })
                .collect::<Vec<_>>()
        })
    });
    move || {
        let groups = groups.get();
        (is_pupil.get() || !groups.is_empty()).then(|| {
            let t = i18n.t();
            view! {
                <section class="card" aria-labelledby="private-title">
                    <h2 id="private-title">{t.private_items_title()}</h2>
                    {if groups.is_empty() {
                        view! { <p class="hint">{t.nothing_private()}</p> }.into_any()
                    } else {
                        view! {
                            <ul role="list" class="private-list">
                                {groups.into_iter().map(|(names, checkins, comments)| view! {
                                    <li>{t.private_summary(checkins, comments, &names)}</li>
                                }).collect_view()}
                            </ul>
                        }
                        .into_any()
                    }}
                </section>
            }
        })
    }
}

/// "Download all data" (JSON) and "download the goals" (CSV), for the pupil
/// and their parents only; each file holds what that person may see.
#[component]
pub fn DownloadData(
    /// The pupil whose data it is.
    pupil_id: String,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let allowed = {
        let id = pupil_id.clone();
        Memo::new(move |_| {
            let me = session.me.get().unwrap_or_default();
            session.db.with(|db| may_export(db, &me, &id))
        })
    };
    let pupil = StoredValue::new(pupil_id);
    let error = RwSignal::new(false);
    let save = move |json: bool| {
        let me = session.me.get_untracked().unwrap_or_default();
        let id = pupil.get_value();
        let today = session.today_now().to_string();
        let made: Option<(String, &str, String)> = session.db.with_untracked(|db| {
            let name = db.person(&id).map(|p| p.name.clone()).unwrap_or_default();
            if json {
                let export = pupil_export(db, &me, &id, session.today_now())?;
                let text = serde_json::to_string_pretty(&export).ok()?;
                Some((file_name(&["samspil", &name, &today], "json"), "application/json", text))
            } else {
                let text = goals_csv(db, &me, &id)?;
                Some((file_name(&["samspil", &name, "goals", &today], "csv"), "text/csv;charset=utf-8", text))
            }
        });
        match made.map(|(file, mime, text)| download(&file, mime, &text).map(|_| file)) {
            Some(Ok(file)) => {
                error.set(false);
                session.announce(i18n.t_now().download_ready(&file));
            }
            Some(Err(problem)) => {
                web_sys::console::warn_1(&problem.into());
                error.set(true);
            }
            None => error.set(true),
        }
    };
    view! {
        <Show when=move || allowed.get()>
            <section class="card" aria-labelledby="data-title">
                <h2 id="data-title">{move || i18n.t().your_data()}</h2>
                <p class="hint">{move || i18n.t().your_data_hint()}</p>
                <div class="actions">
                    <button type="button" on:click=move |_| save(true)>{move || i18n.t().download_all_json()}</button>
                    <button type="button" on:click=move |_| save(false)>{move || i18n.t().download_goals_csv()}</button>
                </div>
                <p class="field-error" role="alert" hidden=move || !error.get()>{move || i18n.t().download_failed()}</p>
            </section>
        </Show>
    }
}
