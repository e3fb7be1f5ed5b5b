//! Logging in and out when the backend has accounts (PocketBase): each person
//! logs in with the email and password they were given, and then sees only
//! the teams they belong to.

use crate::backend::embedded;
use crate::backend::pocketbase::{forget_login, LoginError, PocketBase};
use crate::i18n::{use_i18n, Lang, Texts};
use crate::state::{use_session, Session};
use crate::sync::{self, SyncProblem};
use domain::Db;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use std::cell::Cell;

thread_local! {
    // Set by a login on the start page: go on to the home page once the
    // person's own record has arrived from the server.
    static GO_HOME: Cell<bool> = const { Cell::new(false) };
}

/// Texts of the account views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountText {
    Title,
    LogInTitle,
    LogInHelp,
    SharedDevice,
    Email,
    Password,
    LogIn,
    LoggingIn,
    LogOut,
    LogOutAnyway,
    Cancel,
    Continue,
    WrongPassword,
    NotLinked,
    Unreachable,
    Failed,
    Missing,
}

impl Texts {
    pub fn account_text(&self, key: AccountText) -> &'static str {
        use AccountText::*;
        match (self.lang, key) {
            (Lang::Da, Title) => "Din konto",
            (Lang::En, Title) => "Your account",
            (Lang::Ar, Title) => "حسابك",
            (Lang::Da, LogInTitle) => "Log ind",
            (Lang::En, LogInTitle) => "Log in",
            (Lang::Ar, LogInTitle) => "تسجيل الدخول",
            (Lang::Da, LogInHelp) => {
                "Samspil deles via en server, hvor alle har deres eget login. Så ser du kun de teams, du er med i. Brug den e-mail og adgangskode, du har fået."
            }
            (Lang::En, LogInHelp) => {
                "Samspil is shared through a server where everyone has their own login, so you see only the teams you are in. Use the email and password you were given."
            }
            (Lang::Ar, LogInHelp) => "تتم مشاركة Samspil عبر خادم لكل شخص فيه حسابه الخاص، فترى فقط الفرق التي أنت فيها. استخدم البريد الإلكتروني وكلمة المرور اللذين حصلت عليهما.",
            (Lang::Da, SharedDevice) => {
                "På en delt tablet: Når du logger ud, slettes dine teams' data fra den, så den næste ikke ser noget af dit."
            }
            (Lang::En, SharedDevice) => {
                "On a shared tablet: logging out deletes your teams' data from it, so the next person sees nothing of yours."
            }
            (Lang::Ar, SharedDevice) => {
                "على جهاز لوحي مشترك: عند تسجيل الخروج تُحذف بيانات فرقك منه، فلا يرى الشخص التالي شيئًا من بياناتك."
            }
            (Lang::Da, Email) => "E-mail",
            (Lang::En, Email) => "Email",
            (Lang::Ar, Email) => "البريد الإلكتروني",
            (Lang::Da, Password) => "Adgangskode",
            (Lang::En, Password) => "Password",
            (Lang::Ar, Password) => "كلمة المرور",
            (Lang::Da, LogIn) => "Log ind",
            (Lang::En, LogIn) => "Log in",
            (Lang::Ar, LogIn) => "سجّل الدخول",
            (Lang::Da, LoggingIn) => "Logger ind…",
            (Lang::En, LoggingIn) => "Logging in…",
            (Lang::Ar, LoggingIn) => "جارٍ تسجيل الدخول…",
            (Lang::Da, LogOut) => "Log ud",
            (Lang::En, LogOut) => "Log out",
            (Lang::Ar, LogOut) => "سجّل الخروج",
            (Lang::Da, LogOutAnyway) => "Log ud og slet dem",
            (Lang::En, LogOutAnyway) => "Log out and delete them",
            (Lang::Ar, LogOutAnyway) => "سجّل الخروج واحذفها",
            (Lang::Da, Cancel) => "Fortryd",
            (Lang::En, Cancel) => "Cancel",
            (Lang::Ar, Cancel) => "إلغاء",
            (Lang::Da, Continue) => "Fortsæt",
            (Lang::En, Continue) => "Continue",
            (Lang::Ar, Continue) => "متابعة",
            (Lang::Da, WrongPassword) => "Forkert e-mail eller adgangskode. Prøv igen.",
            (Lang::En, WrongPassword) => "Wrong email or password. Try again.",
            (Lang::Ar, WrongPassword) => "البريد الإلكتروني أو كلمة المرور غير صحيحة. حاول مرة أخرى.",
            (Lang::Da, NotLinked) => {
                "Kontoen er ikke knyttet til en person i Samspil. Spørg den, der har sat Samspil op."
            }
            (Lang::En, NotLinked) => "This account is not linked to a person in Samspil. Ask whoever set Samspil up.",
            (Lang::Ar, NotLinked) => "هذا الحساب غير مرتبط بشخص في Samspil. اسأل من قام بإعداد Samspil.",
            (Lang::Da, Unreachable) => "Kan ikke nå serveren. Tjek forbindelsen og prøv igen.",
            (Lang::En, Unreachable) => "Can't reach the server. Check the connection and try again.",
            (Lang::Ar, Unreachable) => "لا يمكن الوصول إلى الخادم. تحقّق من الاتصال وحاول مرة أخرى.",
            (Lang::Da, Failed) => "Login lykkedes ikke. Prøv igen om lidt.",
            (Lang::En, Failed) => "Logging in did not work. Try again in a little while.",
            (Lang::Ar, Failed) => "لم ينجح تسجيل الدخول. حاول مرة أخرى بعد قليل.",
            (Lang::Da, Missing) => "Skriv både e-mail og adgangskode.",
            (Lang::En, Missing) => "Write both your email and your password.",
            (Lang::Ar, Missing) => "اكتب بريدك الإلكتروني وكلمة المرور معًا.",
        }
    }

    pub fn logged_in_as(&self, name: &str, email: &str) -> String {
        match self.lang {
            Lang::Da => format!("Du er logget ind som {name} ({email})."),
            Lang::En => format!("You are logged in as {name} ({email})."),
            Lang::Ar => format!("أنت مسجّل الدخول باسم {name} ({email})."),
        }
    }

    /// Said when the login expired or was refused while changes wait.
    pub fn login_expired(&self, waiting: usize) -> String {
        match (self.lang, waiting) {
            (Lang::Da, 0) => "Dit login er udløbet. Log ind igen for at dele.".into(),
            (Lang::En, 0) => "Your login has expired. Log in again to share.".into(),
            (Lang::Ar, 0) => "انتهت صلاحية تسجيل دخولك. سجّل الدخول مرة أخرى للمشاركة.".into(),
            (Lang::Da, n) => format!(
                "Dit login er udløbet. Dine {n} ændringer er gemt på enheden og bliver delt, når du logger ind igen."
            ),
            (Lang::En, n) => {
                format!("Your login has expired. Your {n} changes are kept on this device and are shared when you log in again.")
            }
            (Lang::Ar, n) => format!(
                "انتهت صلاحية تسجيل دخولك. تغييراتك ({n}) محفوظة على هذا الجهاز وستتم مشاركتها عندما تسجّل الدخول مرة أخرى."
            ),
        }
    }

    /// Said before logging out deletes changes that have not reached the server.
    pub fn unsent_on_logout(&self, waiting: usize) -> String {
        match self.lang {
            Lang::Da => format!(
                "{waiting} ændringer er ikke nået frem til serveren endnu. Logger du ud nu, slettes de fra enheden sammen med resten af dataene."
            ),
            Lang::En => format!(
                "{waiting} changes have not reached the server yet. Logging out now deletes them from this device with the rest of the data."
            ),
            Lang::Ar => format!(
                "تغييرات لم تصل إلى الخادم بعد: {waiting}. إذا سجّلت الخروج الآن فستُحذف من هذا الجهاز مع بقية البيانات."
            ),
        }
    }

    /// Said when someone else's unsent changes wait on the device.
    pub fn others_changes_waiting(&self, waiting: usize) -> String {
        match self.lang {
            Lang::Da => format!(
                "{waiting} ændringer fra den, der sidst var logget ind, venter på enheden. Log ind som vedkommende for at dele dem først."
            ),
            Lang::En => format!(
                "{waiting} changes made by whoever was logged in before are waiting on this device. Log in as them to share them first."
            ),
            Lang::Ar => format!(
                "تغييرات ({waiting}) من الشخص الذي سجّل الدخول قبلك تنتظر على هذا الجهاز. سجّل الدخول باسمه لمشاركتها أولًا."
            ),
        }
    }

    pub fn logged_in_announcement(&self, name: &str) -> String {
        match self.lang {
            Lang::Da => format!("Logget ind som {name}"),
            Lang::En => format!("Logged in as {name}"),
            Lang::Ar => format!("تم تسجيل الدخول باسم {name}"),
        }
    }
}

/// What went wrong when logging in, to show beside the form.
#[derive(Clone, Debug, PartialEq)]
enum Problem {
    Login(AccountText),
    OthersChanges(usize),
}

/// Empties this device: data, outbox, conflicts and settings.
async fn erase_device_data(session: Session) {
    if let Err(error) = embedded::clear().await {
        web_sys::console::error_1(&error.to_string().into());
    }
    session.db.set(Db::default());
    session.sync.update(|s| {
        s.pending = 0;
        s.conflicts.clear();
        s.skipped = 0;
        s.last_success = None;
    });
}

/// The login form, or who is logged in with a way to log out. `start`: shown on
/// the start page, with a link onwards.
#[component]
pub fn Account(#[prop(optional)] start: bool) -> impl IntoView {
    let session = use_session();
    // A memo, so that other changes of the sync state do not rebuild the form.
    let logged_in = Memo::new(move |_| session.sync.with(|s| s.logged_in_as.clone()));
    move || match logged_in.get() {
        Some(email) => view! { <LoggedIn email start/> }.into_any(),
        None => view! { <LogInForm start/> }.into_any(),
    }
}

#[component]
fn LoggedIn(email: String, start: bool) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let person = Memo::new(move |_| session.me_person());
    let name = {
        let email = email.clone();
        move || person.get().map(|p| p.name).unwrap_or_else(|| email.clone())
    };
    if start {
        let navigate = navigate.clone();
        Effect::new(move |_| {
            if person.get().is_some() && GO_HOME.with(|g| g.replace(false)) {
                navigate("/home", Default::default());
            }
        });
    }
    let log_out = move || {
        forget_login();
        session.sync.update(|s| s.logged_in_as = None);
        session.set_me(None);
        let navigate = navigate.clone();
        spawn_local(async move {
            erase_device_data(session).await;
            navigate("/", Default::default());
        });
    };
    let ask = log_out.clone();
    view! {
        <section class="card" aria-labelledby="account-title">
            <h2 id="account-title">{move || i18n.t().account_text(AccountText::Title)}</h2>
            <p>{move || i18n.t().logged_in_as(&name(), &email)}</p>
            <div class="actions">
                {start.then(|| view! {
                    <A href="/home" attr:class="button primary">{move || i18n.t().account_text(AccountText::Continue)}</A>
                })}
                <button type="button" on:click=move |_| {
                    if session.sync.with_untracked(|s| s.waiting()) > 0 { confirming.set(true) } else { ask() }
                }>{move || i18n.t().account_text(AccountText::LogOut)}</button>
            </div>
            <Show when=move || confirming.get()>
                <div class="card danger" role="alert">
                    <p>{move || i18n.t().unsent_on_logout(session.sync.with(|s| s.waiting()))}</p>
                    <div class="actions">
                        <button type="button" class="danger" on:click={
                            let log_out = log_out.clone();
                            move |_| log_out()
                        }>{move || i18n.t().account_text(AccountText::LogOutAnyway)}</button>
                        <button type="button" on:click=move |_| confirming.set(false)>
                            {move || i18n.t().account_text(AccountText::Cancel)}
                        </button>
                    </div>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn LogInForm(start: bool) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (typed_email, typed_password) = (email.get_untracked(), password.get_untracked());
        if typed_email.trim().is_empty() || typed_password.is_empty() {
            problem.set(Some(Problem::Login(AccountText::Missing)));
            return;
        }
        let Some(url) = session.sync.with_untracked(|s| s.backend.clone()) else { return };
        busy.set(true);
        problem.set(None);
        spawn_local(async move {
            let result = PocketBase::new(&url).log_in(&typed_email, &typed_password).await;
            busy.set(false);
            let login = match result {
                Ok(login) => login,
                Err(error) => {
                    web_sys::console::warn_1(&format!("login: {error:?}").into());
                    let key = match error {
                        LoginError::WrongPassword => AccountText::WrongPassword,
                        LoginError::NotLinked => AccountText::NotLinked,
                        LoginError::Unreachable => AccountText::Unreachable,
                        LoginError::Failed(_) => AccountText::Failed,
                    };
                    problem.set(Some(Problem::Login(key)));
                    return;
                }
            };
            let before = session.me.get_untracked();
            if before.as_deref().is_some_and(|before| before != login.person) {
                // Someone else used this device: their unsent changes are theirs
                // to share; otherwise their copy of the data goes.
                let waiting = session.sync.with_untracked(|s| s.waiting());
                if waiting > 0 {
                    forget_login();
                    problem.set(Some(Problem::OthersChanges(waiting)));
                    return;
                }
                erase_device_data(session).await;
            }
            password.set(String::new());
            GO_HOME.with(|g| g.set(start));
            session.set_me(Some(login.person.clone()));
            session.sync.update(|s| {
                s.logged_in_as = Some(login.email.clone());
                if s.problem == Some(SyncProblem::LoggedOut) {
                    s.problem = None;
                }
            });
            let name = session.me_person().map(|p| p.name).unwrap_or(login.email);
            session.announce(i18n.t_now().logged_in_announcement(&name));
            sync::sync_now(session);
        });
    };
    let message = move || {
        let t = i18n.t();
        problem.get().map(|p| match p {
            Problem::Login(key) => t.account_text(key).to_string(),
            Problem::OthersChanges(n) => t.others_changes_waiting(n),
        })
    };
    let expired = move || {
        session
            .sync
            .with(|s| (s.problem == Some(SyncProblem::LoggedOut) && session.me.get().is_some()).then_some(s.waiting()))
    };
    view! {
        <section class="card" aria-labelledby="login-title">
            <h2 id="login-title">{move || i18n.t().account_text(AccountText::LogInTitle)}</h2>
            <p>{move || i18n.t().account_text(AccountText::LogInHelp)}</p>
            <p class="hint">{move || i18n.t().account_text(AccountText::SharedDevice)}</p>
            {move || expired().map(|n| view! { <p class="notice-inline" role="status">{i18n.t().login_expired(n)}</p> })}
            <form class="login-form" on:submit=submit novalidate>
                <div class="field">
                    <label for="login-email">{move || i18n.t().account_text(AccountText::Email)}</label>
                    <input id="login-email" type="email" autocomplete="username" inputmode="email" required
                        prop:value=move || email.get() on:input=move |ev| email.set(event_target_value(&ev))
                        aria-describedby="login-error"/>
                </div>
                <div class="field">
                    <label for="login-password">{move || i18n.t().account_text(AccountText::Password)}</label>
                    <input id="login-password" type="password" autocomplete="current-password" required
                        prop:value=move || password.get() on:input=move |ev| password.set(event_target_value(&ev))
                        aria-describedby="login-error"/>
                </div>
                <p id="login-error" class="field-error" role="alert" hidden=move || message().is_none()>{message}</p>
                <button type="submit" class="primary" aria-disabled=move || busy.get().to_string()>
                    {move || i18n.t().account_text(if busy.get() { AccountText::LoggingIn } else { AccountText::LogIn })}
                </button>
            </form>
        </section>
    }
}
