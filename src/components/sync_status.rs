//! Whether the device's changes have reached the backend: the indicator in
//! the header, the conflicts to resolve, and the choice of backend.

use crate::backend::config::{self, BackendChoice};
use crate::i18n::{use_i18n, Lang, Texts};
use crate::state::use_session;
use crate::sync::{self, Conflict, RefusedChange, SyncProblem, SyncState};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use serde_json::Value;
use sync_engine::Choice;

impl Texts {
    /// The indicator's words for a sync state.
    pub fn sync_summary(&self, state: &SyncState) -> String {
        let n = state.waiting();
        let waiting = self.changes_waiting(n);
        match (self.lang, &state.problem, state.online, n) {
            (Lang::Da, Some(SyncProblem::Storage), _, _) => "Enheden kunne ikke gemme ændringerne".into(),
            (Lang::En, Some(SyncProblem::Storage), _, _) => "This device could not store the changes".into(),
            (Lang::Ar, Some(SyncProblem::Storage), _, _) => "تعذّر على هذا الجهاز حفظ التغييرات".into(),
            (Lang::Da, _, false, 0) => "Offline".into(),
            (Lang::En, _, false, 0) => "Offline".into(),
            (Lang::Ar, _, false, 0) => "غير متصل".into(),
            (Lang::Da | Lang::En, _, false, _) => format!("Offline – {waiting}"),
            (Lang::Ar, _, false, _) => format!("غير متصل – {waiting}"),
            (Lang::Da, Some(SyncProblem::LoggedOut), _, _) => format!("Log ind for at dele – {waiting}"),
            (Lang::En, Some(SyncProblem::LoggedOut), _, _) => format!("Log in to share – {waiting}"),
            (Lang::Ar, Some(SyncProblem::LoggedOut), _, _) => format!("سجّل الدخول للمشاركة – {waiting}"),
            (Lang::Da, Some(SyncProblem::Unreachable), _, _) => format!("Kan ikke nå serveren – {waiting}"),
            (Lang::En, Some(SyncProblem::Unreachable), _, _) => format!("Can't reach the server – {waiting}"),
            (Lang::Ar, Some(SyncProblem::Unreachable), _, _) => format!("لا يمكن الوصول إلى الخادم – {waiting}"),
            (Lang::Da, Some(SyncProblem::Refused(code)), _, _) => {
                format!("Serveren svarede med en fejl ({code}) – prøver igen")
            }
            (Lang::En, Some(SyncProblem::Refused(code)), _, _) => {
                format!("The server answered with an error ({code}) – trying again")
            }
            (Lang::Ar, Some(SyncProblem::Refused(code)), _, _) => {
                format!("ردّ الخادم بخطأ ({code}) – نحاول مرة أخرى")
            }
            (Lang::Da, Some(SyncProblem::BadAnswer), _, _) => "Serveren svarede uforståeligt – prøver igen".into(),
            (Lang::En, Some(SyncProblem::BadAnswer), _, _) => "The server's answer made no sense – trying again".into(),
            (Lang::Ar, Some(SyncProblem::BadAnswer), _, _) => "لم نفهم رد الخادم – نحاول مرة أخرى".into(),
            // Changes the server refused are not shared: never say "everything is".
            (Lang::Da, None, true, 0) if !state.refused.is_empty() => {
                format!("Serveren tog ikke imod {}", self.changes(state.refused.len()))
            }
            (Lang::En, None, true, 0) if !state.refused.is_empty() => {
                format!("{} not taken by the server", self.changes(state.refused.len()))
            }
            (Lang::Ar, None, true, 0) if !state.refused.is_empty() => {
                format!("لم يقبل الخادم {}", self.changes(state.refused.len()))
            }
            // Nor are this device's changes that clashed: they wait for the person,
            // and say so before any other change on its way.
            (Lang::Da, None, true, _) if !state.conflicts.is_empty() => {
                format!("{} støder sammen", self.changes(state.conflicts.len()))
            }
            (Lang::En, None, true, _) if !state.conflicts.is_empty() => {
                format!("{} clashed", self.changes(state.conflicts.len()))
            }
            (Lang::Ar, None, true, _) if !state.conflicts.is_empty() => {
                format!("تعارض: {}", self.changes(state.conflicts.len()))
            }
            // Nothing pulled yet since the app opened: "everything is shared" would be a guess.
            (Lang::Da, None, true, 0) if state.last_success.is_none() => "Forbinder…".into(),
            (Lang::En, None, true, 0) if state.last_success.is_none() => "Connecting…".into(),
            (Lang::Ar, None, true, 0) if state.last_success.is_none() => "جارٍ الاتصال…".into(),
            (Lang::Da, None, true, 0) => "Alt er delt".into(),
            (Lang::En, None, true, 0) => "Everything is shared".into(),
            (Lang::Ar, None, true, 0) => "تمت مشاركة كل شيء".into(),
            (Lang::Da, None, true, _) => format!("Sender {}…", self.changes(n)),
            (Lang::En, None, true, _) => format!("Sending {}…", self.changes(n)),
            (Lang::Ar, None, true, _) => format!("جارٍ إرسال {}…", self.changes(n)),
        }
    }

    /// "1 change", "3 changes" — Arabic has a dual and two plurals.
    pub fn changes(&self, n: usize) -> String {
        match (self.lang, n, n % 100) {
            (Lang::Da, 1, _) => "1 ændring".into(),
            (Lang::Da, _, _) => format!("{n} ændringer"),
            (Lang::En, 1, _) => "1 change".into(),
            (Lang::En, _, _) => format!("{n} changes"),
            (Lang::Ar, 1, _) => "تغيير واحد".into(),
            (Lang::Ar, 2, _) => "تغييران".into(),
            (Lang::Ar, _, 3..=10) => format!("{n} تغييرات"),
            (Lang::Ar, _, 11..=99) => format!("{n} تغييرًا"),
            (Lang::Ar, _, _) => format!("{n} تغيير"),
        }
    }

    /// "1 change waiting".
    pub fn changes_waiting(&self, n: usize) -> String {
        let changes = self.changes(n);
        match self.lang {
            Lang::Da => format!("{changes} venter"),
            Lang::En => format!("{changes} waiting"),
            Lang::Ar => format!("{changes} بالانتظار"),
        }
    }

    pub fn last_shared(&self, time: &str) -> String {
        match self.lang {
            Lang::Da => format!("Sidst delt kl. {time}"),
            Lang::En => format!("Last shared at {time}"),
            Lang::Ar => format!("آخر مشاركة الساعة {time}"),
        }
    }

    pub fn conflicts_waiting(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Da, 1) => "En ændring støder sammen med en ændring fra en anden enhed.".into(),
            (Lang::Da, n) => format!("{n} ændringer støder sammen med ændringer fra andre enheder."),
            (Lang::En, 1) => "One change clashed with a change made on another device.".into(),
            (Lang::En, n) => format!("{n} changes clashed with changes made on other devices."),
            (Lang::Ar, 1) => "تعارض تغيير مع تغيير من جهاز آخر.".into(),
            (Lang::Ar, n) => format!("تعارضت تغييرات ({n}) مع تغييرات من أجهزة أخرى."),
        }
    }

    pub fn sync_text(&self, key: SyncText) -> &'static str {
        use SyncText::*;
        match (self.lang, key) {
            (Lang::Da, Resolve) => "Vælg hvad der skal gælde",
            (Lang::En, Resolve) => "Choose what stays",
            (Lang::Ar, Resolve) => "اختر ما يبقى",
            (Lang::Da, ConflictsTitle) => "Ændringer der støder sammen",
            (Lang::En, ConflictsTitle) => "Changes that clashed",
            (Lang::Ar, ConflictsTitle) => "تغييرات متعارضة",
            (Lang::Da, ConflictsHelp) => {
                "En anden har ændret det samme på en anden enhed, før din ændring nåede frem. Intet er gået tabt: vælg hvilken udgave, der skal gælde."
            }
            (Lang::En, ConflictsHelp) => {
                "Someone changed the same thing on another device before your change arrived. Nothing is lost: choose which version stays."
            }
            (Lang::Ar, ConflictsHelp) => "غيّر شخص آخر الشيء نفسه على جهاز آخر قبل وصول تغييرك. لم يضع شيء: اختر أي نسخة تبقى.",
            (Lang::Da, Yours) => "Din udgave",
            (Lang::En, Yours) => "Your version",
            (Lang::Ar, Yours) => "نسختك",
            (Lang::Da, Theirs) => "Udgaven på serveren",
            (Lang::En, Theirs) => "The version on the server",
            (Lang::Ar, Theirs) => "النسخة على الخادم",
            (Lang::Da, KeepMine) => "Behold min",
            (Lang::En, KeepMine) => "Keep mine",
            (Lang::Ar, KeepMine) => "أبقِ نسختي",
            (Lang::Da, KeepTheirs) => "Behold serverens",
            (Lang::En, KeepTheirs) => "Keep the server's",
            (Lang::Ar, KeepTheirs) => "أبقِ نسخة الخادم",
            (Lang::Da, Kind) => "Hvor skal data gemmes?",
            (Lang::En, Kind) => "Where should data be kept?",
            (Lang::Ar, Kind) => "أين تُحفظ البيانات؟",
            (Lang::Da, OnlyDevice) => "Kun på denne enhed",
            (Lang::En, OnlyDevice) => "Only on this device",
            (Lang::Ar, OnlyDevice) => "على هذا الجهاز فقط",
            (Lang::Da, JsonServer) => "Deles via en json-server",
            (Lang::En, JsonServer) => "Shared through a json-server",
            (Lang::Ar, JsonServer) => "مشاركة عبر json-server",
            (Lang::Da, PocketBase) => "Deles via PocketBase, med login",
            (Lang::En, PocketBase) => "Shared through PocketBase, with login",
            (Lang::Ar, PocketBase) => "مشاركة عبر PocketBase، مع تسجيل الدخول",
            (Lang::Da, Address) => "Serverens adresse",
            (Lang::En, Address) => "Server address",
            (Lang::Ar, Address) => "عنوان الخادم",
            (Lang::Da, AddressHint) => "Fx http://127.0.0.1:3000 – kun det, din skole eller kommune har givet dig.",
            (Lang::En, AddressHint) => "E.g. http://127.0.0.1:3000 – only what your school or municipality gave you.",
            (Lang::Ar, AddressHint) => "مثل http://127.0.0.1:3000 – فقط ما أعطتك إياه مدرستك أو بلديتك.",
            (Lang::Da, Connect) => "Gem og forbind",
            (Lang::En, Connect) => "Save and connect",
            (Lang::Ar, Connect) => "احفظ واتصل",
            (Lang::Da, BadAddress) => "Skriv en adresse, der begynder med http:// eller https://.",
            (Lang::En, BadAddress) => "Write an address starting with http:// or https://.",
            (Lang::Ar, BadAddress) => "اكتب عنوانًا يبدأ بـ http:// أو https://.",
            (Lang::Da, SharedThrough) => "Data gemmes på enheden og deles via",
            (Lang::En, SharedThrough) => "Data is kept on this device and shared through",
            (Lang::Ar, SharedThrough) => "تُحفظ البيانات على هذا الجهاز وتُشارك عبر",
            (Lang::Da, SyncNow) => "Del nu",
            (Lang::En, SyncNow) => "Share now",
            (Lang::Ar, SyncNow) => "شارك الآن",
            (Lang::Da, MergeTitle) => "Flet felt for felt",
            (Lang::En, MergeTitle) => "Merge field by field",
            (Lang::Ar, MergeTitle) => "ادمج حقلًا حقلًا",
            (Lang::Da, KeepChosen) => "Behold det valgte",
            (Lang::En, KeepChosen) => "Keep what I chose",
            (Lang::Ar, KeepChosen) => "أبقِ ما اخترته",
            (Lang::Da, MergeInvalid) => "Valgene passer ikke sammen. Vælg igen, eller behold én udgave.",
            (Lang::En, MergeInvalid) => "These choices do not fit together. Choose again, or keep one version.",
            (Lang::Ar, MergeInvalid) => "هذه الاختيارات لا تتوافق معًا. اختر مرة أخرى أو أبقِ نسخة واحدة.",
            (Lang::Da, SkippedFromServer) => "poster fra serveren var ugyldige og blev sprunget over.",
            (Lang::En, SkippedFromServer) => "records from the server were invalid and were skipped.",
            (Lang::Ar, SkippedFromServer) => "من السجلات من الخادم كانت غير صالحة فتم تخطيها.",
            (Lang::Da, RefusedTitle) => "Ændringer som serveren ikke tog imod",
            (Lang::En, RefusedTitle) => "Changes the server did not take",
            (Lang::Ar, RefusedTitle) => "تغييرات لم يقبلها الخادم",
            (Lang::Da, RefusedHelp) => {
                "Serveren afviste disse ændringer, så de andre har ikke fået dem. Dine andre ændringer bliver delt som før. Intet er gået tabt: prøv igen (fx når serveren er rettet), kopiér teksten så du har den, eller kassér ændringen."
            }
            (Lang::En, RefusedHelp) => {
                "The server refused these changes, so the others have not got them. Your other changes are shared as before. Nothing is lost: try again (for example once the server is fixed), copy the text to keep it, or discard the change."
            }
            (Lang::Ar, RefusedHelp) => {
                "رفض الخادم هذه التغييرات، فلم تصل إلى الآخرين. تُشارك تغييراتك الأخرى كما كانت. لم يضع شيء: حاول مرة أخرى (مثلًا بعد إصلاح الخادم)، أو انسخ النص لتحتفظ به، أو تخلَّ عن التغيير."
            }
            (Lang::Da, SeeWhatToDo) => "Se hvad du kan gøre",
            (Lang::En, SeeWhatToDo) => "See what you can do",
            (Lang::Ar, SeeWhatToDo) => "اعرف ما يمكنك فعله",
            (Lang::Da, TryAgain) => "Prøv igen",
            (Lang::En, TryAgain) => "Try again",
            (Lang::Ar, TryAgain) => "حاول مرة أخرى",
            (Lang::Da, CopyText) => "Kopiér teksten",
            (Lang::En, CopyText) => "Copy the text",
            (Lang::Ar, CopyText) => "انسخ النص",
            (Lang::Da, Copied) => "Teksten er kopieret.",
            (Lang::En, Copied) => "The text is copied.",
            (Lang::Ar, Copied) => "تم نسخ النص.",
            (Lang::Da, Selected) => "Teksten er markeret: kopiér den med tastaturet.",
            (Lang::En, Selected) => "The text is selected: copy it with your keyboard.",
            (Lang::Ar, Selected) => "النص محدد: انسخه بلوحة المفاتيح.",
            (Lang::Da, ItsText) => "Ændringens tekst",
            (Lang::En, ItsText) => "The change's text",
            (Lang::Ar, ItsText) => "نص التغيير",
            (Lang::Da, Discard) => "Kassér…",
            (Lang::En, Discard) => "Discard…",
            (Lang::Ar, Discard) => "تخلَّ عنه…",
            (Lang::Da, DiscardConfirm) => "Kassér ændringen? Den når ikke frem til nogen, og den forsvinder fra denne enhed.",
            (Lang::En, DiscardConfirm) => "Discard this change? It will not reach anyone, and it goes from this device.",
            (Lang::Ar, DiscardConfirm) => "هل تتخلى عن هذا التغيير؟ لن يصل إلى أحد، وسيُحذف من هذا الجهاز.",
            (Lang::Da, DiscardYes) => "Ja, kassér den",
            (Lang::En, DiscardYes) => "Yes, discard it",
            (Lang::Ar, DiscardYes) => "نعم، تخلَّ عنه",
        }
    }

    /// "The server did not take 1 change."
    pub fn refused_waiting(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Da, 1) => "Serveren tog ikke imod en ændring.".into(),
            (Lang::Da, n) => format!("Serveren tog ikke imod {n} ændringer."),
            (Lang::En, 1) => "The server did not take one change.".into(),
            (Lang::En, n) => format!("The server did not take {n} changes."),
            (Lang::Ar, 1) => "لم يقبل الخادم تغييرًا واحدًا.".into(),
            (Lang::Ar, n) => format!("لم يقبل الخادم {}.", self.changes(n)),
        }
    }

    /// Why a change was set aside: the server's status and words, or this device's.
    pub fn refused_because(&self, status: u16, reason: &str) -> String {
        match (self.lang, status) {
            (Lang::Da, 0) => format!("Enheden kunne ikke sende den: {reason}"),
            (Lang::En, 0) => format!("This device could not send it: {reason}"),
            (Lang::Ar, 0) => format!("تعذّر على هذا الجهاز إرساله: {reason}"),
            (Lang::Da, _) => format!("Serveren svarede {status}: {reason}"),
            (Lang::En, _) => format!("The server answered {status}: {reason}"),
            (Lang::Ar, _) => format!("ردّ الخادم {status}: {reason}"),
        }
    }

    /// "2 later changes to it wait behind it."
    pub fn later_waiting(&self, n: usize) -> String {
        let changes = self.changes(n);
        match self.lang {
            Lang::Da => format!("{changes} til det samme venter bag den."),
            Lang::En => format!("{changes} to the same thing wait behind it."),
            Lang::Ar => format!("{changes} على الشيء نفسه بالانتظار خلفه."),
        }
    }
}

/// Texts of the sync views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncText {
    Resolve,
    ConflictsTitle,
    ConflictsHelp,
    Yours,
    Theirs,
    KeepMine,
    KeepTheirs,
    Kind,
    OnlyDevice,
    JsonServer,
    PocketBase,
    Address,
    AddressHint,
    Connect,
    BadAddress,
    SharedThrough,
    SyncNow,
    SkippedFromServer,
    MergeTitle,
    KeepChosen,
    MergeInvalid,
    RefusedTitle,
    RefusedHelp,
    SeeWhatToDo,
    TryAgain,
    CopyText,
    Copied,
    Selected,
    ItsText,
    Discard,
    DiscardConfirm,
    DiscardYes,
}

/// "HH:MM" on the device's clock for an RFC 3339 time.
fn clock(time: &str) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_str(time));
    if date.get_time().is_nan() {
        return String::new();
    }
    format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
}

/// The header's sync indicator; shown only when a backend is configured.
#[component]
pub fn SyncIndicator() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    move || {
        let state = session.sync.get();
        state.backend.as_ref()?;
        let t = i18n.t();
        let class = match (&state.problem, state.online, state.waiting()) {
            (Some(_), _, _) | (_, false, _) => "sync problem",
            (None, true, 0) if !state.refused.is_empty() => "sync problem",
            (None, true, 0) => "sync ok",
            _ => "sync busy",
        };
        let title = state.last_success.as_deref().map(|time| t.last_shared(&clock(time))).unwrap_or_default();
        Some(view! {
            <A href="/settings" attr:class=class attr:title=title>
                <span class="sync-dot" aria-hidden="true"></span>
                {t.sync_summary(&state)}
            </A>
        })
    }
}

/// Notices when changes clashed or were refused, linking to where the
/// person decides what becomes of them.
#[component]
pub fn ConflictNotice() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    move || {
        let (clashed, refused) = session.sync.with(|s| (s.conflicts.len(), s.refused.len()));
        (clashed + refused > 0).then(|| {
            let t = i18n.t();
            view! {
                <div class="notices">
                    {(clashed > 0).then(|| view! {
                        <div class="notice" role="status">
                            <p>{t.conflicts_waiting(clashed)}</p>
                            <A href="/settings" attr:class="button">{t.sync_text(SyncText::Resolve)}</A>
                        </div>
                    })}
                    {(refused > 0).then(|| view! {
                        <div class="notice" role="status">
                            <p>{t.refused_waiting(refused)}</p>
                            <A href="/settings" attr:class="button">{t.sync_text(SyncText::SeeWhatToDo)}</A>
                        </div>
                    })}
                </div>
            }
        })
    }
}

/// Every leaf of a JSON value with its dotted path (`content.title`, `history.0.revision`).
fn leaves(prefix: &str, value: &Value, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                leaves(&path, inner, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for (index, inner) in items.iter().enumerate() {
                leaves(&format!("{prefix}.{}", index + 1), inner, out);
            }
        }
        other => out.push((prefix.to_string(), other.clone())),
    }
}

/// Theirs, with the leaves at `take_mine` (paths as [`leaves`] names them)
/// taken from mine instead: a merge chosen field by field.
fn merge(mine: &Value, theirs: &Value, take_mine: &[String]) -> Value {
    let mut mine_leaves = Vec::new();
    leaves("", mine, &mut mine_leaves);
    let mut merged = theirs.clone();
    for path in take_mine {
        let value = mine_leaves.iter().find(|(p, _)| p == path).map(|(_, v)| v.clone()).unwrap_or(Value::Null);
        let parts: Vec<&str> = path.split('.').collect();
        set_leaf(&mut merged, &parts, value);
    }
    merged
}

/// Sets the leaf at a path, making the objects and array places on the way.
fn set_leaf(target: &mut Value, path: &[&str], value: Value) {
    let Some((head, rest)) = path.split_first() else {
        *target = value;
        return;
    };
    // Array places are numbered from 1 in paths, as they are shown.
    if let (Value::Array(items), Ok(place @ 1..)) = (&mut *target, head.parse::<usize>()) {
        if items.len() < place {
            items.resize(place, Value::Null);
        }
        set_leaf(&mut items[place - 1], rest, value);
        return;
    }
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    if let Value::Object(map) = target {
        set_leaf(map.entry(head.to_string()).or_insert(Value::Null), rest, value);
    }
}

/// Whether two leaves say the same (1 and 1.0 do).
fn same(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => x.as_f64() == y.as_f64(),
        (None, Some(Value::Null)) | (Some(Value::Null), None) => true,
        _ => a == b,
    }
}

/// The fields in which two versions of a record differ, both values as text
/// (person ids shown as names).
fn differences(
    mine: &Value,
    theirs: &Value,
    name_of: &dyn Fn(&str) -> Option<String>,
) -> Vec<(String, String, String)> {
    // A goal's fingerprint follows from its words: never chosen, always made fresh.
    const BOOKKEEPING: [&str; 6] = ["version", "updatedAt", "updatedBy", "clientId", "id", "fingerprint"];
    let (mut left, mut right) = (Vec::new(), Vec::new());
    leaves("", mine, &mut left);
    leaves("", theirs, &mut right);
    let mut paths: Vec<String> = Vec::new();
    for (path, _) in left.iter().chain(right.iter()) {
        if !paths.contains(path) && !BOOKKEEPING.contains(&path.as_str()) {
            paths.push(path.clone());
        }
    }
    let find = |list: &[(String, Value)], path: &str| list.iter().find(|(p, _)| p == path).map(|(_, v)| v.clone());
    let show = |v: Option<Value>| match v {
        None | Some(Value::Null) => "–".to_string(),
        Some(Value::String(s)) => name_of(&s).unwrap_or(s),
        Some(other) => other.to_string(),
    };
    paths
        .into_iter()
        .filter_map(|path| {
            let (a, b) = (find(&left, &path), find(&right, &path));
            (!same(a.as_ref(), b.as_ref())).then(|| (path, show(a), show(b)))
        })
        .collect()
}

/// Each conflict with both versions side by side and a choice.
#[component]
pub fn Conflicts() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    // Only a change in the conflicts themselves redraws them: any other change of the
    // sync state (a count, being online) would close an open "Merge field by field".
    let conflicts = Memo::new(move |_| session.sync.with(|s| s.conflicts.clone()));
    move || {
        let conflicts = conflicts.get();
        (!conflicts.is_empty()).then(|| {
            let t = i18n.t();
            view! {
                <section class="card attention" aria-labelledby="conflicts-title" id="conflicts">
                    <h2 id="conflicts-title">{t.sync_text(SyncText::ConflictsTitle)}</h2>
                    <p>{t.sync_text(SyncText::ConflictsHelp)}</p>
                    {conflicts.into_iter().enumerate().map(|(index, conflict)| {
                        let name_of = |id: &str| session.db.with_untracked(|db| db.person(id).map(|p| p.name.clone()));
                        let rows = differences(&conflict.mine, &conflict.theirs, &name_of);
                        let (mine, theirs) = (conflict.clone(), conflict.clone());
                        view! {
                            <div class="conflict">
                                <div class="table-wrap"><table>
                                    <caption class="visually-hidden">{format!("{} · {}", conflict.collection, conflict.id)}</caption>
                                    <thead><tr>
                                        <th scope="col"></th>
                                        <th scope="col">{t.sync_text(SyncText::Yours)}</th>
                                        <th scope="col">{t.sync_text(SyncText::Theirs)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {rows.iter().cloned().map(|(field, a, b)| view! {
                                            <tr><th scope="row">{field}</th><td><bdi>{a}</bdi></td><td><bdi>{b}</bdi></td></tr>
                                        }).collect_view()}
                                    </tbody>
                                </table></div>
                                <div class="actions">
                                    <button type="button" on:click=move |_| keep(session, mine.clone(), Choice::Mine)>
                                        {t.sync_text(SyncText::KeepMine)}
                                    </button>
                                    <button type="button" on:click=move |_| keep(session, theirs.clone(), Choice::Theirs)>
                                        {t.sync_text(SyncText::KeepTheirs)}
                                    </button>
                                </div>
                                <MergeChoice index=index conflict=conflict rows=rows/>
                            </div>
                        }
                    }).collect_view()}
                </section>
            }
        })
    }
}

/// Keeps one side of a conflict (a side that can no longer be read cannot be
/// kept: the reason goes to the console, and the conflict stays to choose again).
fn keep(session: crate::state::Session, conflict: Conflict, choice: Choice) {
    spawn_local(async move {
        if let Err(reason) = sync::resolve(session, &conflict, choice).await {
            web_sys::console::warn_1(&format!("could not keep that version: {reason}").into());
        }
    });
}

/// Merging two versions field by field: for each field that differs, the
/// person picks their own value or the server's (their own at first).
#[component]
fn MergeChoice(
    /// Which conflict this is on the page, for unique ids.
    index: usize,
    /// Both versions of the record.
    conflict: Conflict,
    /// The fields that differ: path, mine shown, theirs shown.
    rows: Vec<(String, String, String)>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let take_mine = RwSignal::new(vec![true; rows.len()]);
    let invalid = RwSignal::new(false);
    let paths: Vec<String> = rows.iter().map(|(path, _, _)| path.clone()).collect();
    let keep_chosen = move |_| {
        let chosen: Vec<String> = take_mine
            .get_untracked()
            .iter()
            .zip(&paths)
            .filter(|(&mine, _)| mine)
            .map(|(_, path)| path.clone())
            .collect();
        let merged = merge(&conflict.mine, &conflict.theirs, &chosen);
        // A merge that is not a valid record would be dropped when stored; say so instead.
        if !sync_engine::registry::is_valid(&conflict.collection, &merged) {
            invalid.set(true);
            return;
        }
        let conflict = conflict.clone();
        spawn_local(async move {
            if sync::resolve(session, &conflict, Choice::Merged(merged)).await.is_err() {
                invalid.set(true);
            }
        });
    };
    view! {
        <details class="merge">
            <summary>{move || i18n.t().sync_text(SyncText::MergeTitle)}</summary>
            {rows.into_iter().enumerate().map(|(row, (field, a, b))| {
                let name = format!("merge-{index}-{row}");
                let (mine_id, theirs_id) = (format!("{name}-mine"), format!("{name}-theirs"));
                let pick = move |mine: bool| {
                    take_mine.update(|choices| choices[row] = mine);
                    invalid.set(false);
                };
                view! {
                    <fieldset>
                        <legend>{field}</legend>
                        <div class="radio">
                            <input type="radio" id=mine_id.clone() name=name.clone()
                                prop:checked=move || take_mine.with(|c| c[row]) on:change=move |_| pick(true)/>
                            <label for=mine_id>{move || i18n.t().sync_text(SyncText::Yours)}": "<bdi>{a.clone()}</bdi></label>
                        </div>
                        <div class="radio">
                            <input type="radio" id=theirs_id.clone() name=name
                                prop:checked=move || take_mine.with(|c| !c[row]) on:change=move |_| pick(false)/>
                            <label for=theirs_id>{move || i18n.t().sync_text(SyncText::Theirs)}": "<bdi>{b.clone()}</bdi></label>
                        </div>
                    </fieldset>
                }
            }).collect_view()}
            <p class="field-error" role="alert" hidden=move || !invalid.get()>
                {move || i18n.t().sync_text(SyncText::MergeInvalid)}
            </p>
            <button type="button" class="primary" on:click=keep_chosen>
                {move || i18n.t().sync_text(SyncText::KeepChosen)}
            </button>
        </details>
    }
}

/// The words in a record that a person wrote (a comment's text, a goal's
/// title, a note …), one per line, to show and to copy; the whole record
/// when it has none.
fn words_of(record: &Value) -> String {
    const WORDS: [&str; 8] = ["title", "why", "text", "note", "name", "pseudonym", "reason", "levels"];
    let mut found = Vec::new();
    fn walk(value: &Value, key: &str, found: &mut Vec<String>) {
        match value {
            Value::Object(map) => map.iter().for_each(|(k, v)| walk(v, k, found)),
            Value::Array(items) => items.iter().for_each(|v| walk(v, key, found)),
            Value::String(text) if WORDS.contains(&key) && !text.trim().is_empty() => found.push(text.clone()),
            _ => {}
        }
    }
    walk(record, "", &mut found);
    if found.is_empty() {
        return serde_json::to_string_pretty(record).unwrap_or_default();
    }
    found.join("\n")
}

/// Copies text to the clipboard; where the browser offers none (a page
/// served over plain http), selects it in its text box for the keyboard.
/// Answers whether it was copied.
async fn copy(text: &str, box_id: &str) -> bool {
    let clipboard = web_sys::window().map(|w| w.navigator().clipboard());
    let copied = match clipboard {
        Some(clipboard) if !wasm_bindgen::JsValue::from(clipboard.clone()).is_undefined() => {
            wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text)).await.is_ok()
        }
        _ => false,
    };
    if !copied {
        let text_box = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.get_element_by_id(box_id))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlTextAreaElement>(e).ok());
        if let Some(text_box) = text_box {
            let _ = text_box.focus();
            text_box.select();
        }
    }
    copied
}

/// The changes the server refused, each with what the person can do: send it
/// again, copy its text, or discard it after confirming.
#[component]
pub fn RefusedChanges() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    // Only a change in the refused changes redraws them: any other change of the
    // sync state (a count, being online) would close an open "Discard…" question.
    let refused = Memo::new(move |_| session.sync.with(|s| s.refused.clone()));
    move || {
        let refused = refused.get();
        (!refused.is_empty()).then(|| {
            let t = i18n.t();
            view! {
                <section class="card attention" aria-labelledby="refused-title" id="refused">
                    <h2 id="refused-title">{t.sync_text(SyncText::RefusedTitle)}</h2>
                    <p>{t.sync_text(SyncText::RefusedHelp)}</p>
                    {refused.into_iter().enumerate().map(|(index, change)| view! { <Refused index=index change=change/> }).collect_view()}
                </section>
            }
        })
    }
}

/// One refused change.
#[component]
fn Refused(
    /// Which one this is on the page, for unique ids.
    index: usize,
    /// The change and why it was refused.
    change: RefusedChange,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let confirming = RwSignal::new(false);
    let words = words_of(&change.record);
    let box_id = format!("refused-text-{index}");
    let (key, retry_key) = (change.key.clone(), change.key.clone());
    let (to_copy, copy_box) = (words.clone(), box_id.clone());
    let RefusedChange { collection, refusal, later, .. } = change;
    view! {
        <div class="refused">
            <h3>{move || i18n.t().collection_label(&collection)}</h3>
            <p class="hint"><bdi>{move || i18n.t().refused_because(refusal.status, &refusal.reason)}</bdi></p>
            {(later > 0).then(|| view! { <p class="hint">{move || i18n.t().later_waiting(later)}</p> })}
            <div class="field">
                <label for=box_id.clone()>{move || i18n.t().sync_text(SyncText::ItsText)}</label>
                <textarea id=box_id readonly rows="3" dir="auto">{words}</textarea>
            </div>
            <div class="actions">
                <button type="button" on:click=move |_| {
                    let key = retry_key.clone();
                    spawn_local(async move { sync::retry_refused(session, &key).await });
                }>{move || i18n.t().sync_text(SyncText::TryAgain)}</button>
                <button type="button" on:click=move |_| {
                    let (text, id) = (to_copy.clone(), copy_box.clone());
                    spawn_local(async move {
                        let said = if copy(&text, &id).await { SyncText::Copied } else { SyncText::Selected };
                        session.announce(i18n.t_now().sync_text(said).to_string());
                    });
                }>{move || i18n.t().sync_text(SyncText::CopyText)}</button>
                <Show when=move || !confirming.get()>
                    <button type="button" class="danger" on:click=move |_| confirming.set(true)>
                        {move || i18n.t().sync_text(SyncText::Discard)}
                    </button>
                </Show>
            </div>
            <Show when=move || confirming.get()>
                <div class="card danger" role="alertdialog" aria-labelledby=format!("refused-confirm-{index}")>
                    <p id=format!("refused-confirm-{index}")>{move || i18n.t().sync_text(SyncText::DiscardConfirm)}</p>
                    <div class="actions">
                        <button type="button" class="danger" on:click={
                            let key = key.clone();
                            move |_| {
                                let key = key.clone();
                                confirming.set(false);
                                spawn_local(async move { sync::discard_refused(session, &key).await });
                            }
                        }>{move || i18n.t().sync_text(SyncText::DiscardYes)}</button>
                        <button type="button" on:click=move |_| confirming.set(false)>{move || i18n.t().cancel}</button>
                    </div>
                </div>
            </Show>
        </div>
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Device,
    JsonServer,
    PocketBase,
}

/// Choosing where the data is kept: only here, or shared through a server.
#[component]
pub fn BackendSettings() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let current = config::chosen_on_device();
    let address = RwSignal::new(match &current {
        Some(BackendChoice::JsonServer { url } | BackendChoice::PocketBase { url }) => url.clone(),
        _ => session.sync.with_untracked(|s| s.backend.clone()).unwrap_or_default(),
    });
    // Which kind of backend the form shows: only this device, json-server or PocketBase.
    let kind = RwSignal::new(match &current {
        Some(BackendChoice::JsonServer { .. }) => Kind::JsonServer,
        Some(BackendChoice::PocketBase { .. }) => Kind::PocketBase,
        Some(BackendChoice::Embedded) => Kind::Device,
        None => match session.sync.with_untracked(|s| (s.backend.is_some(), s.accounts)) {
            (false, _) => Kind::Device,
            (true, false) => Kind::JsonServer,
            (true, true) => Kind::PocketBase,
        },
    });
    let shared = move || kind.get() != Kind::Device;
    let bad = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let url = address.get_untracked().trim().trim_end_matches('/').to_string();
        let valid = (url.starts_with("http://") || url.starts_with("https://")) && url.len() <= 200;
        let choice = match kind.get_untracked() {
            Kind::Device => BackendChoice::Embedded,
            _ if !valid => {
                bad.set(true);
                return;
            }
            Kind::JsonServer => BackendChoice::JsonServer { url },
            Kind::PocketBase => BackendChoice::PocketBase { url },
        };
        config::choose_on_device(Some(&choice));
        // A clean start with the new backend; the data on the device stays.
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    view! {
        {move || session.sync.get().backend.map(|url| {
            let t = i18n.t();
            let state = session.sync.get();
            view! {
                <p>{t.sync_text(SyncText::SharedThrough)}" "<strong>{url}</strong>"."</p>
                <p class="notice-inline" role="status">{t.sync_summary(&state)}
                    {state.last_success.as_deref().map(|time| format!(" · {}", t.last_shared(&clock(time))))}
                </p>
                {(state.skipped > 0).then(|| view! { <p class="hint">{format!("{} {}", state.skipped, t.sync_text(SyncText::SkippedFromServer))}</p> })}
                <button type="button" on:click=move |_| sync::sync_now(session)>{t.sync_text(SyncText::SyncNow)}</button>
            }
        })}
        <form class="backend-form" on:submit=save novalidate>
            <fieldset>
                <legend>{move || i18n.t().sync_text(SyncText::Kind)}</legend>
                <div class="radio">
                    <input type="radio" id="backend-device" name="backend" prop:checked=move || kind.get() == Kind::Device
                        on:change=move |_| kind.set(Kind::Device)/>
                    <label for="backend-device">{move || i18n.t().sync_text(SyncText::OnlyDevice)}</label>
                </div>
                <div class="radio">
                    <input type="radio" id="backend-json-server" name="backend" prop:checked=move || kind.get() == Kind::JsonServer
                        on:change=move |_| kind.set(Kind::JsonServer)/>
                    <label for="backend-json-server">{move || i18n.t().sync_text(SyncText::JsonServer)}</label>
                </div>
                <div class="radio">
                    <input type="radio" id="backend-pocketbase" name="backend" prop:checked=move || kind.get() == Kind::PocketBase
                        on:change=move |_| kind.set(Kind::PocketBase)/>
                    <label for="backend-pocketbase">{move || i18n.t().sync_text(SyncText::PocketBase)}</label>
                </div>
            </fieldset>
            <Show when=shared>
                <div class="field" class:invalid=move || bad.get()>
                    <label for="backend-url">{move || i18n.t().sync_text(SyncText::Address)}</label>
                    <p id="backend-url-hint" class="hint">{move || i18n.t().sync_text(SyncText::AddressHint)}</p>
                    <input id="backend-url" type="url" inputmode="url" prop:value=move || address.get()
                        aria-invalid=move || bad.get().to_string() aria-describedby="backend-url-hint backend-url-error"
                        on:input=move |ev| { address.set(event_target_value(&ev)); bad.set(false); }/>
                    <p id="backend-url-error" class="field-error" hidden=move || !bad.get()>
                        {move || i18n.t().sync_text(SyncText::BadAddress)}
                    </p>
                </div>
            </Show>
            <button type="submit" class="primary">{move || i18n.t().sync_text(SyncText::Connect)}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_merge_takes_the_chosen_leaves_from_mine_and_the_rest_from_theirs() {
        let mine =
            json!({"id": "g", "version": 3, "content": {"title": "Read 12", "why": "More fun", "levels": ["a", "b"]}});
        let theirs = json!({"id": "g", "version": 4, "content": {"title": "Read 20", "why": "Old", "levels": ["a"]}});
        let merged = merge(&mine, &theirs, &["content.why".to_string(), "content.levels.2".to_string()]);
        assert_eq!(
            merged,
            json!({"id": "g", "version": 4, "content": {"title": "Read 20", "why": "More fun", "levels": ["a", "b"]}})
        );
        // A field only the server has, taken from mine, becomes empty.
        let merged = merge(&json!({}), &json!({"note": "x"}), &["note".to_string()]);
        assert_eq!(merged, json!({"note": null}));
    }

    #[test]
    fn counts_of_changes_agree_with_their_number() {
        use crate::i18n::{AR, DA, EN};
        assert_eq!(EN.changes_waiting(1), "1 change waiting");
        assert_eq!(EN.changes_waiting(3), "3 changes waiting");
        assert_eq!(DA.changes_waiting(1), "1 ændring venter");
        assert_eq!(DA.changes_waiting(2), "2 ændringer venter");
        assert_eq!(AR.changes(1), "تغيير واحد");
        assert_eq!(AR.changes(2), "تغييران");
        assert_eq!(AR.changes(5), "5 تغييرات");
        assert_eq!(AR.changes(12), "12 تغييرًا");
        assert_eq!(AR.changes(100), "100 تغيير");
    }

    #[test]
    fn refused_changes_are_never_called_shared() {
        let refused = RefusedChange {
            key: "k".into(),
            collection: "comments".into(),
            id: "c".into(),
            record: json!({"text": "Not today"}),
            refusal: sync_engine::Refusal { status: 422, reason: "no".into() },
            later: 0,
        };
        let state = SyncState {
            backend: Some("http://127.0.0.1:3000".into()),
            online: true,
            last_success: Some("2026-11-26T17:00:00Z".into()),
            refused: vec![refused.clone(), refused],
            ..SyncState::default()
        };
        assert_eq!(crate::i18n::EN.sync_summary(&state), "2 changes not taken by the server");
        assert_eq!(crate::i18n::DA.sync_summary(&state), "Serveren tog ikke imod 2 ændringer");
        assert_eq!(crate::i18n::AR.sync_summary(&state), "لم يقبل الخادم تغييران");
        let clashed = Conflict { collection: "goals".into(), id: "g".into(), mine: json!({}), theirs: json!({}) };
        let state = SyncState { refused: Vec::new(), conflicts: vec![clashed], ..state };
        assert_eq!(crate::i18n::EN.sync_summary(&state), "1 change clashed", "a change that clashed is not shared");
        assert_eq!(crate::i18n::DA.sync_summary(&state), "1 ændring støder sammen");
        let state = SyncState { pending: 2, ..state };
        assert_eq!(
            crate::i18n::EN.sync_summary(&state),
            "1 change clashed",
            "the clash is what the person must act on"
        );
        assert_eq!(crate::i18n::EN.refused_waiting(1), "The server did not take one change.");
        assert_eq!(crate::i18n::DA.refused_waiting(3), "Serveren tog ikke imod 3 ændringer.");
        assert_eq!(crate::i18n::EN.refused_because(0, "x"), "This device could not send it: x");
        assert_eq!(crate::i18n::EN.later_waiting(2), "2 changes to the same thing wait behind it.");
    }

    #[test]
    fn the_words_of_a_refused_change_are_what_a_person_wrote() {
        assert_eq!(words_of(&json!({"id": "c", "text": "Not today", "goalId": "g"})), "Not today");
        let goal =
            json!({"content": {"title": "Read", "why": "Fun", "gas": {"levels": ["a", "b"]}}, "proposedBy": "p"});
        let mut words: Vec<String> = words_of(&goal).lines().map(String::from).collect();
        words.sort();
        assert_eq!(words, ["Fun", "Read", "a", "b"]);
        // Nothing written by a person: the whole record, to keep.
        assert!(words_of(&json!({"id": "m", "since": "2026-01-01"})).contains("\"since\""));
    }

    #[test]
    fn differences_name_the_changed_leaves_only() {
        let mine =
            json!({"id": "g", "version": 3, "content": {"title": "Read 12 pages", "weight": 1.0}, "proposedBy": "p1"});
        let theirs =
            json!({"id": "g", "version": 4, "content": {"title": "Read 15 pages", "weight": 1}, "proposedBy": "p2"});
        let names = |id: &str| match id {
            "p1" => Some("Karim".to_string()),
            "p2" => Some("Ida".to_string()),
            _ => None,
        };
        assert_eq!(
            differences(&mine, &theirs, &names),
            vec![
                ("content.title".to_string(), "Read 12 pages".to_string(), "Read 15 pages".to_string()),
                ("proposedBy".to_string(), "Karim".to_string(), "Ida".to_string()),
            ]
        );
    }

    #[test]
    fn a_field_only_one_side_has_shows_a_dash() {
        let rows = differences(&json!({"note": "hi"}), &json!({}), &|_| None);
        assert_eq!(rows, vec![("note".to_string(), "hi".to_string(), "–".to_string())]);
    }

    #[test]
    fn nothing_is_called_shared_before_the_first_sync_has_finished() {
        let t = crate::i18n::Lang::En.texts();
        let mut state =
            SyncState { backend: Some("http://127.0.0.1:3000".into()), online: true, ..SyncState::default() };
        assert_eq!(t.sync_summary(&state), "Connecting…");
        state.last_success = Some("2026-11-26T17:00:00Z".into());
        assert_eq!(t.sync_summary(&state), "Everything is shared");
        state.pending = 2;
        assert_eq!(t.sync_summary(&state), "Sending 2 changes…");
        state.pending = 0;
        state.saving = 1;
        assert_eq!(
            t.sync_summary(&state),
            "Sending 1 change…",
            "a change still on its way to the outbox is not shared"
        );
        assert_eq!(
            crate::i18n::Lang::Da.texts().sync_summary(&SyncState { online: true, ..SyncState::default() }),
            "Forbinder…"
        );
    }
}
