//! The session: what this device knows and who is using it, shared with
//! every page through context. All writes pass through [`Session::save`],
//! which stamps the record's bookkeeping, shows the change at once and then
//! stores it.

use crate::backend::config::{BackendChoice, ConfigProblem};
use crate::backend::embedded::TabEvent;
use crate::backend::remote::Remote;
use crate::backend::{self, embedded, StoreError};
use crate::sync::{self, SyncState};
use domain::{Date, Db, Id, Person, Record};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;
use std::task::Poll;

/// Where start-up has got to.
#[derive(Clone, Debug, PartialEq)]
pub enum Phase {
    Loading,
    /// The store is empty and nobody has chosen demo data or an empty start yet.
    FirstStart,
    Ready,
    /// The store cannot be opened; the app still runs, in memory only.
    NoStorage(StoreError),
}

/// Something the person should know that is not an error in what they typed.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    Config(ConfigProblem),
    /// This many stored records could not be read and were skipped.
    SkippedRecords(usize),
    /// A change is shown but could not be stored on the device.
    SaveFailed,
    StorageUnavailable,
    /// Another tab holds the store open at an older version: close it (or
    /// reload it) and this one goes on.
    OtherTabOpen,
    /// A newer version of the app opened in another tab: this one must reload.
    ReloadNeeded,
    /// The demo data's code could not be fetched (no connection).
    DemoNotLoaded,
    /// The code that reads this device's data could not be fetched (no
    /// connection): the data is safe, a reload reads it.
    CodeNotFetched,
}

const ME_KEY: &str = "samspil.me";
const STARTED_KEY: &str = "started";

/// Shared, copyable handle on the session. Signals only, so it is `Send + Sync`.
#[derive(Clone, Copy)]
pub struct Session {
    /// Everything on the device. Pages read [`Session::with_seen`] instead.
    pub db: RwSignal<Db>,
    /// `db` without the check-ins and comments a pupil kept from the person
    /// using the device, or `None` when nothing is kept from them — the usual
    /// case, in which copying every record on every change would be waste.
    hidden: Memo<Option<Db>>,
    /// The person using the device now.
    pub me: RwSignal<Option<Id>>,
    pub phase: RwSignal<Phase>,
    pub notices: RwSignal<Vec<Notice>>,
    /// Polite announcements for screen readers, e.g. "Check-in saved".
    pub announcement: RwSignal<String>,
    /// The connection to a backend, if one is configured.
    pub sync: RwSignal<SyncState>,
    /// Today on the device's calendar, kept up to date (see [`Session::today`]).
    today: RwSignal<Date>,
}

impl Session {
    /// Reads what the person using the device may see: every view of
    /// check-ins and comments goes through here, so none can leak one a
    /// pupil kept to others (see `domain::visibility`).
    pub fn with_seen<R>(self, f: impl FnOnce(&Db) -> R) -> R {
        self.hidden.with(|hidden| match hidden {
            Some(seen) => f(seen),
            None => self.db.with(f),
        })
    }

    pub fn new() -> Session {
        let db = RwSignal::new(Db::default());
        let me = RwSignal::new(backend::remembered(ME_KEY));
        let hidden = Memo::new(move |_| {
            let me = me.get().unwrap_or_default();
            db.with(|db| domain::visibility::hides_anything(db, &me).then(|| domain::visibility::visible_db(db, &me)))
        });
        Session {
            db,
            hidden,
            me,
            phase: RwSignal::new(Phase::Loading),
            notices: RwSignal::new(Vec::new()),
            announcement: RwSignal::new(String::new()),
            sync: RwSignal::new(SyncState::default()),
            today: RwSignal::new(backend::today()),
        }
    }

    /// Today on the device's calendar, for views: they follow it past
    /// midnight (a tablet left open overnight shows the new day).
    pub fn today(self) -> Date {
        self.today.get()
    }

    /// Today, read from the clock now — for dating what a person does, so a
    /// check-in made after midnight is dated to the new day and never
    /// replaces yesterday's. Views that show today follow along.
    pub fn today_now(self) -> Date {
        let today = backend::today();
        if self.today.get_untracked() != today {
            self.today.set(today);
        }
        today
    }

    /// Keeps [`Session::today`] true: at the next midnight, and whenever the
    /// app comes back into view (timers sleep with the tablet).
    fn follow_the_calendar(self) {
        let refresh = move || {
            self.today_now();
        };
        let Some(window) = web_sys::window() else { return };
        let on_visible = wasm_bindgen::closure::Closure::<dyn Fn()>::new(refresh);
        if let Some(document) = window.document() {
            let _ = document.add_event_listener_with_callback(
                "visibilitychange",
                wasm_bindgen::JsCast::unchecked_ref(on_visible.as_ref()),
            );
        }
        on_visible.forget();
        self.at_midnight();
    }

    fn at_midnight(self) {
        let now = js_sys::Date::new_0();
        // The next midnight on the device's calendar: the day after today
        // (months count from 0 here, and Date carries a 32nd into the next month).
        let midnight = js_sys::Date::new_with_year_month_day(
            now.get_full_year(),
            now.get_month() as i32,
            now.get_date() as i32 + 1,
        );
        let wait = (midnight.get_time() - now.get_time()).clamp(1000.0, 86_400_000.0) as u64;
        set_timeout(
            move || {
                self.today_now();
                self.at_midnight();
            },
            std::time::Duration::from_millis(wait + 500),
        );
    }

    /// Loads configuration and data; runs once at start.
    pub fn start(self) {
        self.follow_the_calendar();
        embedded::on_tab_event(move |event| {
            self.notices.update(|notices| match event {
                TabEvent::Blocked if !notices.contains(&Notice::OtherTabOpen) => notices.push(Notice::OtherTabOpen),
                TabEvent::Blocked => {}
                TabEvent::Unblocked => notices.retain(|n| *n != Notice::OtherTabOpen),
                TabEvent::ReloadNeeded if !notices.contains(&Notice::ReloadNeeded) => {
                    notices.push(Notice::ReloadNeeded)
                }
                TabEvent::ReloadNeeded => {}
            })
        });
        spawn_local(async move {
            // Not in the long task that mounts the app: a task of its own.
            crate::next_task().await;
            // The store is read while config.json is on its way: neither waits for the other.
            // So is the home's chunk where the home comes first, so that the
            // home is drawn with the data, in place of the skeleton.
            let (((text, loaded), started), _) = join(
                join(join(backend::config::fetch_text(), embedded::load()), embedded::setting(STARTED_KEY)),
                home_chunk_if_opened(),
            )
            .await;
            // Reading the store was one long task; drawing what it holds is the next.
            crate::next_task().await;
            let (mut choice, problem) = backend::config::resolve(text.as_deref());
            if let Some(problem) = problem {
                web_sys::console::warn_1(&format!("config.json: {problem}").into());
                self.notices.update(|n| n.push(Notice::Config(problem)));
            }
            // A choice made on this device's settings page wins over the deployment's default.
            if let Some(chosen) = backend::config::chosen_on_device() {
                choice = chosen;
            }
            match loaded {
                Ok(loaded) => {
                    if loaded.skipped > 0 {
                        self.notices.update(|n| n.push(Notice::SkippedRecords(loaded.skipped)));
                    }
                    let started = started.ok().flatten().is_some();
                    let empty = loaded.db.is_empty();
                    self.db.set(loaded.db);
                    self.forget_unknown_me();
                    let remote = Remote::for_choice(&choice);
                    // With a backend, the team's data arrives from it: no demo-or-empty choice.
                    let first = empty && !started && remote.is_none();
                    self.phase.set(if first { Phase::FirstStart } else { Phase::Ready });
                    if let (Some(remote), BackendChoice::JsonServer { url } | BackendChoice::PocketBase { url }) =
                        (remote, &choice)
                    {
                        sync::start(self, remote, url.clone());
                    }
                }
                // Offline before the service worker has everything: what is
                // stored is untouched, and a reload with a connection reads it.
                // "Loading…" stays rather than an empty app that seems to have lost it.
                Err(error @ StoreError::CodeNotFetched(_)) => {
                    web_sys::console::warn_1(&error.to_string().into());
                    self.notices.update(|n| n.push(Notice::CodeNotFetched));
                }
                Err(error) => {
                    web_sys::console::error_1(&error.to_string().into());
                    self.notices.update(|n| n.push(Notice::StorageUnavailable));
                    self.phase.set(Phase::NoStorage(error));
                }
            }
        });
    }

    fn forget_unknown_me(self) {
        let known =
            self.me.with_untracked(|me| me.as_ref().map(|id| self.db.with_untracked(|db| db.person(id).is_some())));
        if known == Some(false) {
            self.set_me(None);
        }
    }

    pub fn set_me(self, id: Option<Id>) {
        backend::remember(ME_KEY, id.as_deref());
        self.me.set(id);
    }

    /// The person using the device, if they still exist.
    pub fn me_person(self) -> Option<Person> {
        let id = self.me.get()?;
        self.db.with(|db| db.person(&id).cloned())
    }

    /// Fills the store with demo data (or nothing) on first start.
    pub fn begin(self, demo: bool) {
        if !demo {
            return self.fill(Db::default(), "empty");
        }
        // The demo builder is a chunk of its own (src/lazy.rs): most devices never need it.
        spawn_local(async move {
            match crate::lazy::demo_data(self.today_now()).await {
                Ok(db) => self.fill(db, "demo"),
                Err(_) => self.notices.update(|n| n.push(Notice::DemoNotLoaded)),
            }
        });
    }

    fn fill(self, db: Db, started: &'static str) {
        self.db.set(db.clone());
        self.phase.set(Phase::Ready);
        spawn_local(async move {
            let stored = async {
                embedded::clear().await?;
                // Writing every kind of record is in the demo's chunk, which is
                // there already: an empty start has nothing to write.
                if !db.is_empty() {
                    crate::lazy::finish(crate::lazy::store_all(db), || {
                        Err(StoreError::CodeNotFetched(
                            "the code that stores the demo data could not be fetched".into(),
                        ))
                    })
                    .await?;
                }
                embedded::set_setting(STARTED_KEY, started).await
            };
            if let Err(error) = stored.await {
                web_sys::console::error_1(&error.to_string().into());
                self.notices.update(|n| n.push(Notice::SaveFailed));
            }
        });
    }

    /// Removes everything from this device and returns to the first start.
    pub fn erase_device(self) {
        self.set_me(None);
        self.db.set(Db::default());
        self.phase.set(Phase::FirstStart);
        spawn_local(async move {
            if let Err(error) = embedded::clear().await {
                web_sys::console::error_1(&error.to_string().into());
                self.notices.update(|n| n.push(Notice::SaveFailed));
            }
        });
    }

    /// Stamps, shows and stores records of one kind. A record already at the
    /// largest version (see [`domain::MAX_VERSION`]) is not changed: the
    /// person is told it could not be saved.
    pub fn save<T: Record>(self, records: Vec<T>) {
        let by = self.me.get_untracked().unwrap_or_default();
        let now = backend::now();
        let mut bases: Vec<u32> = Vec::with_capacity(records.len());
        let mut stamped: Vec<T> = Vec::with_capacity(records.len());
        for mut record in records {
            let base = record.meta().version;
            let Some(version) = domain::next_version(base) else {
                self.notices.update(|n| {
                    if !n.contains(&Notice::SaveFailed) {
                        n.push(Notice::SaveFailed)
                    }
                });
                continue;
            };
            let id = record.id().to_string();
            let meta = record.meta_mut();
            if meta.client_id.is_empty() {
                meta.client_id = id;
            }
            meta.version = version;
            meta.updated_at = now.clone();
            meta.updated_by = by.clone();
            bases.push(base);
            stamped.push(record);
        }
        let records = stamped;
        self.db.update(|db| {
            for record in records.iter().cloned() {
                db.upsert(record);
            }
        });
        if matches!(self.phase.get_untracked(), Phase::NoStorage(_)) {
            return;
        }
        let remote = sync::is_remote();
        if remote {
            self.sync.update(|s| s.saving += records.len());
            sync::saving(records.iter().map(|r| (T::COLLECTION, r.id())), true);
        }
        spawn_local(async move {
            let mut stored = embedded::put(&records).await;
            if stored.is_ok() && remote {
                stored = sync::enqueue_made_here(self, &records, &bases).await;
            }
            if remote {
                sync::saving(records.iter().map(|r| (T::COLLECTION, r.id())), false);
                let queued = if stored.is_ok() { records.len() } else { 0 };
                self.sync.update(|s| {
                    s.saving = s.saving.saturating_sub(records.len());
                    s.pending += queued;
                });
                sync::sync_now(self);
            }
            if let Err(error) = stored {
                web_sys::console::error_1(&error.to_string().into());
                self.notices.update(|n| {
                    if !n.contains(&Notice::SaveFailed) {
                        n.push(Notice::SaveFailed)
                    }
                });
            }
        });
    }

    pub fn save_one<T: Record>(self, record: T) {
        self.save(vec![record]);
    }

    /// Tells screen-reader users (and everyone, visibly) what just happened.
    pub fn announce(self, text: String) {
        // Clearing first makes a repeated message be announced again.
        self.announcement.set(String::new());
        let shown = text.clone();
        request_animation_frame(move || self.announcement.set(text));
        // The visible toast goes after a while; screen readers have read it by then.
        set_timeout(
            move || {
                if self.announcement.get_untracked() == shown {
                    self.announcement.set(String::new());
                }
            },
            std::time::Duration::from_secs(5),
        );
    }
}

/// Fetches the home's chunk when the app opens on `/home` (a failure shows
/// on the page, which tries again).
async fn home_chunk_if_opened() {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok());
    if path.as_deref().map(|p| p.trim_end_matches('/')) == Some("/home") {
        let _ = crate::lazy::preload_home().await;
    }
}

/// Runs two futures at once; resolves with both results.
async fn join<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (Box::pin(a), Box::pin(b));
    let (mut left, mut right) = (None, None);
    std::future::poll_fn(move |cx| {
        if left.is_none() {
            if let Poll::Ready(value) = a.as_mut().poll(cx) {
                left = Some(value);
            }
        }
        if right.is_none() {
            if let Poll::Ready(value) = b.as_mut().poll(cx) {
                right = Some(value);
            }
        }
        match (left.take(), right.take()) {
            (Some(l), Some(r)) => Poll::Ready((l, r)),
            (l, r) => {
                left = l;
                right = r;
                Poll::Pending
            }
        }
    })
    .await
}

impl Default for Session {
    fn default() -> Self {
        Session::new()
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
