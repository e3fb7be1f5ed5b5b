//! Who can see a check-in or a comment: the pupil's choice when writing, and
//! the words that say it wherever such an item is shown.

use crate::i18n::{use_i18n, Lang, Texts};
use crate::state::use_session;
use domain::{Db, Id, Role};
use leptos::prelude::*;

impl Texts {
    pub fn who_can_see(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Hvem må se det?",
            Lang::En => "Who can see this?",
            Lang::Ar => "من يستطيع رؤية هذا؟",
        }
    }

    pub fn whole_team(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Hele teamet",
            Lang::En => "The whole team",
            Lang::Ar => "الفريق كله",
        }
    }

    pub fn only_chosen(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Kun dem, jeg vælger",
            Lang::En => "Only the people I choose",
            Lang::Ar => "فقط الأشخاص الذين أختارهم",
        }
    }

    pub fn only_chosen_hint(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Du kan altid selv se det. Vælger du ingen, er det kun til dig.",
            Lang::En => "You can always see it yourself. If you choose nobody, it is only for you.",
            Lang::Ar => "تستطيع دائمًا رؤيته بنفسك. إذا لم تختر أحدًا، فهو لك وحدك.",
        }
    }

    /// "Only Emma and Mette Hansen can see this", for one item.
    pub fn only_these_see_it(&self, names: &[String]) -> String {
        let names = self.and_list(names);
        match self.lang {
            Lang::Da => format!("Privat: kun {names} kan se det"),
            Lang::En => format!("Private: only {names} can see this"),
            Lang::Ar => format!("خاص: فقط {names} يستطيعون رؤية هذا"),
        }
    }

    /// "2 check-ins and 1 comment: only Emma and Mette Hansen can see them", for the team view.
    pub fn private_summary(&self, checkins: usize, comments: usize, names: &[String]) -> String {
        let names = self.and_list(names);
        let what = match (self.lang, checkins, comments) {
            (Lang::Da, c, 0) => count_da(c, "check-in", "check-ins"),
            (Lang::Da, 0, k) => count_da(k, "kommentar", "kommentarer"),
            (Lang::Da, c, k) => {
                format!("{} og {}", count_da(c, "check-in", "check-ins"), count_da(k, "kommentar", "kommentarer"))
            }
            (Lang::En, c, 0) => count_en(c, "check-in", "check-ins"),
            (Lang::En, 0, k) => count_en(k, "comment", "comments"),
            (Lang::En, c, k) => {
                format!("{} and {}", count_en(c, "check-in", "check-ins"), count_en(k, "comment", "comments"))
            }
            (Lang::Ar, c, 0) => count_ar(c, "متابعة واحدة", "متابعتان", "متابعات"),
            (Lang::Ar, 0, k) => count_ar(k, "تعليق واحد", "تعليقان", "تعليقات"),
            (Lang::Ar, c, k) => {
                format!(
                    "{} و{}",
                    count_ar(c, "متابعة واحدة", "متابعتان", "متابعات"),
                    count_ar(k, "تعليق واحد", "تعليقان", "تعليقات")
                )
            }
        };
        match self.lang {
            Lang::Da => format!("{what}: kun {names} kan se dem"),
            Lang::En => format!("{what}: only {names} can see them"),
            Lang::Ar => format!("{what}: فقط {names} يستطيعون رؤيتها"),
        }
    }

    pub fn private_items_title(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Private noter",
            Lang::En => "Private notes",
            Lang::Ar => "ملاحظات خاصة",
        }
    }

    pub fn nothing_private(&self) -> &'static str {
        match self.lang {
            Lang::Da => "Hele teamet kan se alle check-ins og kommentarer. Når du tjekker ind eller skriver en kommentar, kan du vælge, hvem der må se den.",
            Lang::En => "The whole team can see every check-in and comment. When you check in or write a comment, you can choose who may see it.",
            Lang::Ar => "يستطيع الفريق كله رؤية كل متابعة وتعليق. عندما تتابع أو تكتب تعليقًا، تستطيع أن تختار من يراه.",
        }
    }

    /// "Emma, Mette and Noah" / "Emma, Mette og Noah".
    pub fn and_list(&self, names: &[String]) -> String {
        let and = match self.lang {
            Lang::Da => " og ",
            Lang::En => " and ",
            Lang::Ar => " و",
        };
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{}{and}{last}", rest.join(", ")),
        }
    }
}

fn count_da(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Arabic counts: one and two have words of their own; 3–10 take the plural,
/// larger numbers are written "the items: n".
fn count_ar(n: usize, one: &str, two: &str, many: &str) -> String {
    match n {
        1 => one.to_string(),
        2 => two.to_string(),
        3..=10 => format!("{n} {many}"),
        _ => format!("{many}: {n}"),
    }
}

fn count_en(n: usize, one: &str, many: &str) -> String {
    count_da(n, one, many)
}

/// The names of everyone who can see an item kept to `chosen`: the pupil,
/// the author, and the chosen members still in the team.
pub fn audience_names(db: &Db, pupil_id: &str, author: &str, chosen: &[Id]) -> Vec<String> {
    let mut ids: Vec<&str> = vec![pupil_id, author];
    ids.extend(chosen.iter().map(String::as_str).filter(|id| db.is_in_team(pupil_id, id)));
    let mut names: Vec<String> = Vec::new();
    for id in ids {
        if let Some(p) = db.person(id) {
            if !names.contains(&p.name) {
                names.push(p.name.clone());
            }
        }
    }
    names
}

/// The pupil's choice of who may see what they are writing. Shown only to
/// the pupil (only they may keep an item to chosen members). `choice` is
/// `None` for the whole team, else the chosen members.
#[component]
pub fn AudiencePicker(
    /// Prefix for the ids of the fields, unique on the page.
    #[prop(into)]
    id: String,
    /// The pupil whose team can be chosen from.
    pupil_id: String,
    /// The choice, kept by the form.
    choice: RwSignal<Option<Vec<Id>>>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let adults = {
        let pupil_id = pupil_id.clone();
        Memo::new(move |_| {
            session.db.with(|db| {
                db.team(&pupil_id)
                    .into_iter()
                    .filter(|p| p.role != Role::Pupil)
                    .map(|p| (p.id.clone(), p.name.clone(), p.role))
                    .collect::<Vec<_>>()
            })
        })
    };
    let is_pupil = Memo::new(move |_| session.me.get().as_deref() == Some(pupil_id.as_str()));
    let whole_id = format!("{id}-whole");
    let chosen_id = format!("{id}-chosen");
    let hint_id = format!("{id}-hint");
    let name = format!("{id}-audience");
    view! {
        <Show when=move || is_pupil.get()>
            <fieldset class="audience">
                <legend>{move || i18n.t().who_can_see()}</legend>
                <div class="radio">
                    <input type="radio" name=name.clone() id=whole_id.clone()
                        prop:checked=move || choice.with(|c| c.is_none())
                        on:change=move |_| choice.set(None)/>
                    <label for=whole_id.clone()>{move || i18n.t().whole_team()}</label>
                </div>
                <div class="radio">
                    <input type="radio" name=name.clone() id=chosen_id.clone() aria-describedby=hint_id.clone()
                        prop:checked=move || choice.with(|c| c.is_some())
                        on:change=move |_| choice.set(Some(Vec::new()))/>
                    <label for=chosen_id.clone()>{move || i18n.t().only_chosen()}</label>
                </div>
                <p id=hint_id.clone() class="hint">{move || i18n.t().only_chosen_hint()}</p>
                {
                    let id = id.clone();
                    move || choice.with(|c| c.is_some()).then(|| {
                        let id = id.clone();
                        view! {
                            <div class="audience-people">
                                {adults.get().into_iter().map(|(person, name, role)| {
                                    let box_id = format!("{id}-person-{person}");
                                    let checked = {
                                        let person = person.clone();
                                        move || choice.with(|c| c.as_ref().is_some_and(|c| c.contains(&person)))
                                    };
                                    view! {
                                        <div class="checkbox">
                                            <input type="checkbox" id=box_id.clone() prop:checked=checked
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    let person = person.clone();
                                                    choice.update(|c| {
                                                        let list = c.get_or_insert_with(Vec::new);
                                                        list.retain(|p| *p != person);
                                                        if on { list.push(person) }
                                                    });
                                                }/>
                                            <label for=box_id>{name}" ("{move || i18n.t().role(role)}")"</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                        }
                    })
                }
            </fieldset>
        </Show>
    }
}
