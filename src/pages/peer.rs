//! The peer space ("Pupil to pupil"): pupils share experiences, tips and
//! questions under a made-up name, by topic, reply, and mark what helped.
//! Every post waits for a moderator before other pupils see it; anyone can
//! report a post; moderators approve and hide (with a reason) here and in
//! the moderation queue. Adults who do not moderate are refused.
//!
//! Every rule is in `domain::peer`; this page only shows and saves.

use crate::backend::{new_id, now};
use crate::components::focus::focus_soon;
use crate::i18n::{use_i18n, Lang, Texts};
use crate::state::use_session;
use domain::peer::{self, Decision, PeerError, PeerName, Post, PostKind, PostState, PseudonymProblem, Topic};
use domain::{Meta, Person, Role};
use leptos::prelude::*;
use leptos_router::components::A;

/// Fixed texts of the peer space.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeerText {
    Nav,
    Intro,
    Rules,
    ChooseName,
    ChooseNameHint,
    NameLabel,
    SaveName,
    ChangeName,
    NameSaved,
    Topics,
    WritePost,
    KindLegend,
    PostLabel,
    SendPost,
    PostSent,
    NoPosts,
    Waiting,
    Approved,
    Helped,
    Report,
    ReportConfirm,
    ReportYes,
    Reported,
    YouReported,
    Reply,
    ReplyLabel,
    SendReply,
    NotForYou,
    ChooseFirst,
    Moderation,
    QueueIntro,
    QueueEmpty,
    NewWaiting,
    Approve,
    KeepIt,
    Hide,
    HideReason,
    HidePost,
    PostApproved,
    PostHidden,
    Moderate,
    Replies,
    ModeratorsTitle,
    ModeratorsIntro,
    NoModeratorCandidates,
}

impl Texts {
    /// A fixed text of the peer space. Pupil texts are short, in everyday words.
    pub fn peer(&self, key: PeerText) -> &'static str {
        use PeerText::*;
        match (self.lang, key) {
            (Lang::Da, Nav) => "Elev til elev",
            (Lang::En, Nav) => "Pupil to pupil",
            (Lang::Ar, Nav) => "من تلميذ إلى تلميذ",
            (Lang::Da, Intro) => "Her hjælper elever hinanden. Del noget, du har oplevet, et godt råd eller et spørgsmål.",
            (Lang::En, Intro) => "Here pupils help each other. Share something that happened, a good tip or a question.",
            (Lang::Ar, Intro) => "هنا يساعد التلاميذ بعضهم بعضًا. شارك شيئًا حدث لك، أو نصيحة جيدة، أو سؤالًا.",
            (Lang::Da, Rules) => {
                "Brug dit opdigtede navn. Skriv ikke rigtige navne, adresser eller telefonnumre. En moderator læser alt, før andre kan se det."
            }
            (Lang::En, Rules) => {
                "Use your made-up name. Do not write real names, addresses or phone numbers. A moderator reads every post before others can see it."
            }
            (Lang::Ar, Rules) => {
                "استخدم اسمك المستعار. لا تكتب أسماء حقيقية أو عناوين أو أرقام هواتف. يقرأ مشرف كل منشور قبل أن يراه الآخرون."
            }
            (Lang::Da, ChooseName) => "Vælg dit opdigtede navn",
            (Lang::En, ChooseName) => "Choose your made-up name",
            (Lang::Ar, ChooseName) => "اختر اسمك المستعار",
            (Lang::Da, ChooseNameHint) => "Andre elever ser kun dette navn. Brug ikke dit rigtige navn.",
            (Lang::En, ChooseNameHint) => "Other pupils only see this name. Do not use your real name.",
            (Lang::Ar, ChooseNameHint) => "التلاميذ الآخرون يرون هذا الاسم فقط. لا تستخدم اسمك الحقيقي.",
            (Lang::Da, NameLabel) => "Opdigtet navn",
            (Lang::En, NameLabel) => "Made-up name",
            (Lang::Ar, NameLabel) => "الاسم المستعار",
            (Lang::Da, SaveName) => "Gem navn",
            (Lang::En, SaveName) => "Save name",
            (Lang::Ar, SaveName) => "احفظ الاسم",
            (Lang::Da, ChangeName) => "Skift navn",
            (Lang::En, ChangeName) => "Change name",
            (Lang::Ar, ChangeName) => "غيّر الاسم",
            (Lang::Da, NameSaved) => "Dit navn er gemt.",
            (Lang::En, NameSaved) => "Your name is saved.",
            (Lang::Ar, NameSaved) => "تم حفظ اسمك.",
            (Lang::Da, Topics) => "Emner",
            (Lang::En, Topics) => "Topics",
            (Lang::Ar, Topics) => "المواضيع",
            (Lang::Da, WritePost) => "Skriv et opslag",
            (Lang::En, WritePost) => "Write a post",
            (Lang::Ar, WritePost) => "اكتب منشورًا",
            (Lang::Da, KindLegend) => "Hvad vil du dele?",
            (Lang::En, KindLegend) => "What do you want to share?",
            (Lang::Ar, KindLegend) => "ماذا تريد أن تشارك؟",
            (Lang::Da, PostLabel) => "Dit opslag",
            (Lang::En, PostLabel) => "Your post",
            (Lang::Ar, PostLabel) => "منشورك",
            (Lang::Da, SendPost) => "Send opslag",
            (Lang::En, SendPost) => "Send post",
            (Lang::Ar, SendPost) => "أرسل المنشور",
            (Lang::Da, PostSent) => "Sendt! En moderator læser det, før andre kan se det.",
            (Lang::En, PostSent) => "Sent! A moderator reads it before others can see it.",
            (Lang::Ar, PostSent) => "تم الإرسال! يقرؤه مشرف قبل أن يراه الآخرون.",
            (Lang::Da, NoPosts) => "Ingen opslag om dette emne endnu.",
            (Lang::En, NoPosts) => "No posts about this yet.",
            (Lang::Ar, NoPosts) => "لا توجد منشورات عن هذا بعد.",
            (Lang::Da, Waiting) => "Venter på en moderator",
            (Lang::En, Waiting) => "Waiting for a moderator",
            (Lang::Ar, Waiting) => "بانتظار مشرف",
            (Lang::Da, Approved) => "Godkendt",
            (Lang::En, Approved) => "Approved",
            (Lang::Ar, Approved) => "تمت الموافقة",
            (Lang::Da, Helped) => "Det hjalp mig",
            (Lang::En, Helped) => "This helped me",
            (Lang::Ar, Helped) => "هذا ساعدني",
            (Lang::Da, Report) => "Meld opslaget",
            (Lang::En, Report) => "Report post",
            (Lang::Ar, Report) => "أبلغ عن المنشور",
            (Lang::Da, ReportConfirm) => "Vil du melde opslaget? En moderator kigger på det.",
            (Lang::En, ReportConfirm) => "Report this post? A moderator will look at it.",
            (Lang::Ar, ReportConfirm) => "هل تريد الإبلاغ عن هذا المنشور؟ سينظر فيه مشرف.",
            (Lang::Da, ReportYes) => "Ja, meld det",
            (Lang::En, ReportYes) => "Yes, report it",
            (Lang::Ar, ReportYes) => "نعم، أبلغ عنه",
            (Lang::Da, Reported) => "Meldt. Tak!",
            (Lang::En, Reported) => "Reported. Thank you!",
            (Lang::Ar, Reported) => "تم الإبلاغ. شكرًا لك!",
            (Lang::Da, YouReported) => "Du har meldt opslaget.",
            (Lang::En, YouReported) => "You reported this post.",
            (Lang::Ar, YouReported) => "لقد أبلغت عن هذا المنشور.",
            (Lang::Da, Reply) => "Svar",
            (Lang::En, Reply) => "Reply",
            (Lang::Ar, Reply) => "ردّ",
            (Lang::Da, ReplyLabel) => "Dit svar",
            (Lang::En, ReplyLabel) => "Your reply",
            (Lang::Ar, ReplyLabel) => "ردّك",
            (Lang::Da, SendReply) => "Send svar",
            (Lang::En, SendReply) => "Send reply",
            (Lang::Ar, SendReply) => "أرسل الرد",
            (Lang::Da, NotForYou) => "Elev til elev er kun for elever og moderatorer.",
            (Lang::En, NotForYou) => "Pupil to pupil is only for pupils and moderators.",
            (Lang::Ar, NotForYou) => "«من تلميذ إلى تلميذ» للتلاميذ والمشرفين فقط.",
            (Lang::Da, ChooseFirst) => "Vælg først, hvem du er.",
            (Lang::En, ChooseFirst) => "First choose who you are.",
            (Lang::Ar, ChooseFirst) => "اختر أولًا من أنت.",
            (Lang::Da, Moderation) => "Moderation",
            (Lang::En, Moderation) => "Moderation",
            (Lang::Ar, Moderation) => "الإشراف",
            (Lang::Da, QueueIntro) => {
                "Nye opslag vises for andre elever, når du har godkendt dem. Meldte opslag kan du beholde eller skjule med en grund, som eleven ser."
            }
            (Lang::En, QueueIntro) => {
                "New posts are shown to other pupils once you approve them. Reported posts you can keep, or hide with a reason the pupil sees."
            }
            (Lang::Ar, QueueIntro) => {
                "تظهر المنشورات الجديدة للتلاميذ الآخرين بعد موافقتك. المنشورات المبلَّغ عنها يمكنك إبقاؤها، أو إخفاؤها مع سبب يراه التلميذ."
            }
            (Lang::Da, QueueEmpty) => "Der er intet at se på lige nu.",
            (Lang::En, QueueEmpty) => "Nothing to look at right now.",
            (Lang::Ar, QueueEmpty) => "لا شيء للمراجعة الآن.",
            (Lang::Da, NewWaiting) => "Nyt – venter på godkendelse",
            (Lang::En, NewWaiting) => "New – waiting for approval",
            (Lang::Ar, NewWaiting) => "جديد – بانتظار الموافقة",
            (Lang::Da, Approve) => "Godkend",
            (Lang::En, Approve) => "Approve",
            (Lang::Ar, Approve) => "وافق",
            (Lang::Da, KeepIt) => "Behold opslaget",
            (Lang::En, KeepIt) => "Keep the post",
            (Lang::Ar, KeepIt) => "أبقِ المنشور",
            (Lang::Da, Hide) => "Skjul…",
            (Lang::En, Hide) => "Hide…",
            (Lang::Ar, Hide) => "أخفِ…",
            (Lang::Da, HideReason) => "Hvorfor skjules det? Eleven ser grunden.",
            (Lang::En, HideReason) => "Why is it hidden? The pupil sees the reason.",
            (Lang::Ar, HideReason) => "لماذا أُخفي؟ يرى التلميذ السبب.",
            (Lang::Da, HidePost) => "Skjul opslaget",
            (Lang::En, HidePost) => "Hide the post",
            (Lang::Ar, HidePost) => "أخفِ المنشور",
            (Lang::Da, PostApproved) => "Opslaget er godkendt.",
            (Lang::En, PostApproved) => "The post is approved.",
            (Lang::Ar, PostApproved) => "تمت الموافقة على المنشور.",
            (Lang::Da, PostHidden) => "Opslaget er skjult.",
            (Lang::En, PostHidden) => "The post is hidden.",
            (Lang::Ar, PostHidden) => "تم إخفاء المنشور.",
            (Lang::Da, Moderate) => "Moderér",
            (Lang::En, Moderate) => "Moderate",
            (Lang::Ar, Moderate) => "أشرف",
            (Lang::Da, Replies) => "Svar",
            (Lang::En, Replies) => "Replies",
            (Lang::Ar, Replies) => "الردود",
            (Lang::Da, ModeratorsTitle) => "Moderatorer i Elev til elev",
            (Lang::En, ModeratorsTitle) => "Moderators of Pupil to pupil",
            (Lang::Ar, ModeratorsTitle) => "مشرفو «من تلميذ إلى تلميذ»",
            (Lang::Da, ModeratorsIntro) => {
                "En moderator læser hvert opslag, før andre elever ser det, og kan skjule det. Vælg voksne, der arbejder med børn og unge. Forældre kan ikke være moderatorer."
            }
            (Lang::En, ModeratorsIntro) => {
                "A moderator reads every post before other pupils see it, and can hide it. Choose adults who work with young people. Parents cannot be moderators."
            }
            (Lang::Ar, ModeratorsIntro) => {
                "يقرأ المشرف كل منشور قبل أن يراه التلاميذ الآخرون، ويمكنه إخفاؤه. اختر بالغين يعملون مع الشباب. لا يمكن للآباء أن يكونوا مشرفين."
            }
            (Lang::Da, NoModeratorCandidates) => "Tilføj først en lærer, træner eller anden voksen på startsiden.",
            (Lang::En, NoModeratorCandidates) => "First add a teacher, coach or other adult on the start page.",
            (Lang::Ar, NoModeratorCandidates) => "أضف أولًا معلمًا أو مدربًا أو بالغًا آخر في صفحة البداية.",
        }
    }

    /// Announced when a leader has made someone a moderator, or ended it.
    pub fn moderator_changed(&self, name: &str, moderator: bool) -> String {
        match (self.lang, moderator) {
            (Lang::Da, true) => format!("{name} er nu moderator."),
            (Lang::En, true) => format!("{name} is now a moderator."),
            (Lang::Ar, true) => format!("{name} أصبح مشرفًا الآن."),
            (Lang::Da, false) => format!("{name} er ikke længere moderator."),
            (Lang::En, false) => format!("{name} is no longer a moderator."),
            (Lang::Ar, false) => format!("{name} لم يعد مشرفًا."),
        }
    }

    /// A topic's name.
    pub fn topic(&self, topic: Topic) -> &'static str {
        match (self.lang, topic) {
            (Lang::Da, Topic::School) => "Skole",
            (Lang::En, Topic::School) => "School",
            (Lang::Ar, Topic::School) => "المدرسة",
            (Lang::Da, Topic::Sport) => "Sport",
            (Lang::En, Topic::Sport) => "Sport",
            (Lang::Ar, Topic::Sport) => "الرياضة",
            (Lang::Da, Topic::Friends) => "Venner",
            (Lang::En, Topic::Friends) => "Friends",
            (Lang::Ar, Topic::Friends) => "الأصدقاء",
            (Lang::Da, Topic::Feelings) => "Følelser",
            (Lang::En, Topic::Feelings) => "Feelings",
            (Lang::Ar, Topic::Feelings) => "المشاعر",
            (Lang::Da, Topic::Other) => "Andet",
            (Lang::En, Topic::Other) => "Other",
            (Lang::Ar, Topic::Other) => "أخرى",
        }
    }

    /// A kind of post, as the form offers it.
    pub fn post_kind(&self, kind: PostKind) -> &'static str {
        match (self.lang, kind) {
            (Lang::Da, PostKind::Experience) => "Noget, jeg har oplevet",
            (Lang::En, PostKind::Experience) => "Something that happened to me",
            (Lang::Ar, PostKind::Experience) => "شيء حدث لي",
            (Lang::Da, PostKind::Tip) => "Et godt råd",
            (Lang::En, PostKind::Tip) => "A good tip",
            (Lang::Ar, PostKind::Tip) => "نصيحة جيدة",
            (Lang::Da, PostKind::Question) => "Et spørgsmål",
            (Lang::En, PostKind::Question) => "A question",
            (Lang::Ar, PostKind::Question) => "سؤال",
        }
    }

    /// A kind of post, as a short label on the post.
    pub fn post_kind_short(&self, kind: PostKind) -> &'static str {
        match (self.lang, kind) {
            (Lang::Da, PostKind::Experience) => "Oplevelse",
            (Lang::En, PostKind::Experience) => "Experience",
            (Lang::Ar, PostKind::Experience) => "تجربة",
            (Lang::Da, PostKind::Tip) => "Råd",
            (Lang::En, PostKind::Tip) => "Tip",
            (Lang::Ar, PostKind::Tip) => "نصيحة",
            (Lang::Da, PostKind::Question) => "Spørgsmål",
            (Lang::En, PostKind::Question) => "Question",
            (Lang::Ar, PostKind::Question) => "سؤال",
        }
    }

    /// What is wrong with a pseudonym.
    pub fn pseudonym_problem(&self, problem: PseudonymProblem) -> String {
        let (min, max, digits) = (peer::PSEUDONYM_MIN, peer::PSEUDONYM_MAX, peer::PSEUDONYM_DIGITS_MAX);
        match (self.lang, problem) {
            (Lang::Da, PseudonymProblem::Required) => "Skriv et navn.".into(),
            (Lang::En, PseudonymProblem::Required) => "Write a name.".into(),
            (Lang::Ar, PseudonymProblem::Required) => "اكتب اسمًا.".into(),
            (Lang::Da, PseudonymProblem::TooShort) => format!("Mindst {min} tegn."),
            (Lang::En, PseudonymProblem::TooShort) => format!("At least {min} characters."),
            (Lang::Ar, PseudonymProblem::TooShort) => format!("{min} أحرف على الأقل."),
            (Lang::Da, PseudonymProblem::TooLong) => format!("Højst {max} tegn."),
            (Lang::En, PseudonymProblem::TooLong) => format!("At most {max} characters."),
            (Lang::Ar, PseudonymProblem::TooLong) => format!("{max} حرفًا على الأكثر."),
            (Lang::Da, PseudonymProblem::BadCharacters) => {
                format!("Brug bogstaver, tal, mellemrum, - og _. Højst {digits} tal.")
            }
            (Lang::En, PseudonymProblem::BadCharacters) => {
                format!("Use letters, numbers, spaces, - and _. At most {digits} numbers.")
            }
            (Lang::Ar, PseudonymProblem::BadCharacters) => {
                format!("استخدم حروفًا وأرقامًا ومسافات و- و_. {digits} أرقام على الأكثر.")
            }
            (Lang::Da, PseudonymProblem::YourName) => "Dit rigtige navn må ikke stå i det.".into(),
            (Lang::En, PseudonymProblem::YourName) => "Your real name must not be in it.".into(),
            (Lang::Ar, PseudonymProblem::YourName) => "يجب ألا يكون اسمك الحقيقي فيه.".into(),
            (Lang::Da, PseudonymProblem::SomeonesName) => "Det er en persons rigtige navn. Find på et andet.".into(),
            (Lang::En, PseudonymProblem::SomeonesName) => "That is a real person's name. Make up another one.".into(),
            (Lang::Ar, PseudonymProblem::SomeonesName) => "هذا اسم شخص حقيقي. اختر اسمًا آخر.".into(),
            (Lang::Da, PseudonymProblem::Taken) => "En anden elev bruger det navn. Find på et andet.".into(),
            (Lang::En, PseudonymProblem::Taken) => "Another pupil uses that name. Make up another one.".into(),
            (Lang::Ar, PseudonymProblem::Taken) => "تلميذ آخر يستخدم هذا الاسم. اختر اسمًا آخر.".into(),
        }
    }

    /// Why a peer-space action did not work.
    pub fn peer_error(&self, error: PeerError) -> String {
        match (self.lang, error) {
            (_, PeerError::Text(problem)) => self.problem(problem),
            (Lang::Da, PeerError::NotAllowed) => "Det kan du ikke her.".into(),
            (Lang::En, PeerError::NotAllowed) => "You cannot do that here.".into(),
            (Lang::Ar, PeerError::NotAllowed) => "لا تستطيع فعل ذلك هنا.".into(),
            (Lang::Da, PeerError::NoPseudonym) => "Vælg først dit opdigtede navn.".into(),
            (Lang::En, PeerError::NoPseudonym) => "First choose your made-up name.".into(),
            (Lang::Ar, PeerError::NoPseudonym) => "اختر اسمك المستعار أولًا.".into(),
            (Lang::Da, PeerError::NotVisible) => "Opslaget er ikke synligt lige nu.".into(),
            (Lang::En, PeerError::NotVisible) => "This post is not shown right now.".into(),
            (Lang::Ar, PeerError::NotVisible) => "هذا المنشور غير ظاهر الآن.".into(),
            (Lang::Da, PeerError::OwnPost) => "Det er dit eget opslag.".into(),
            (Lang::En, PeerError::OwnPost) => "This is your own post.".into(),
            (Lang::Ar, PeerError::OwnPost) => "هذا منشورك أنت.".into(),
            (Lang::Da, PeerError::AlreadyDone) => "Det har du allerede gjort.".into(),
            (Lang::En, PeerError::AlreadyDone) => "You have done that already.".into(),
            (Lang::Ar, PeerError::AlreadyDone) => "لقد فعلت ذلك من قبل.".into(),
            (Lang::Da, PeerError::ReplyToReply) => "Svar på opslaget i stedet.".into(),
            (Lang::En, PeerError::ReplyToReply) => "Reply to the post instead.".into(),
            (Lang::Ar, PeerError::ReplyToReply) => "ردّ على المنشور نفسه.".into(),
        }
    }

    /// The pupil's own pseudonym, said back to them.
    pub fn you_are_called(&self, name: &str) -> String {
        match self.lang {
            Lang::Da => format!("Her hedder du {name}."),
            Lang::En => format!("Here you are called {name}."),
            Lang::Ar => format!("اسمك هنا {name}."),
        }
    }

    /// How many pupils a post helped.
    pub fn helped_count(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Da, 1) => "Hjalp 1 elev".into(),
            (Lang::Da, n) => format!("Hjalp {n} elever"),
            (Lang::En, 1) => "Helped 1 pupil".into(),
            (Lang::Ar, 1) => "ساعد تلميذًا واحدًا".into(),
            (Lang::En, n) => format!("Helped {n} pupils"),
            (Lang::Ar, n) => format!("ساعد {n} من التلاميذ"),
        }
    }

    /// Shown to the author (and moderators) on a hidden post.
    pub fn hidden_because(&self, reason: &str) -> String {
        match self.lang {
            Lang::Da => format!("Skjult af en moderator: {reason}"),
            Lang::En => format!("Hidden by a moderator: {reason}"),
            Lang::Ar => format!("أخفاه مشرف: {reason}"),
        }
    }

    /// Why a post is in the moderation queue: reported.
    pub fn reported_by(&self, n: usize) -> String {
        match (self.lang, n) {
            (Lang::Da, 1) => "Meldt af 1 elev".into(),
            (Lang::Da, n) => format!("Meldt af {n} elever"),
            (Lang::En, 1) => "Reported by 1 pupil".into(),
            (Lang::Ar, 1) => "أبلغ عنه تلميذ واحد".into(),
            (Lang::En, n) => format!("Reported by {n} pupils"),
            (Lang::Ar, n) => format!("أبلغ عنه {n} من التلاميذ"),
        }
    }

    /// The link to the moderation queue, with how much waits.
    pub fn queue_link(&self, n: usize) -> String {
        match self.lang {
            Lang::Da => format!("Til moderation ({n})"),
            Lang::En => format!("Moderation queue ({n})"),
            Lang::Ar => format!("قائمة الإشراف ({n})"),
        }
    }

    /// Above a reply in the moderation queue: the post it answers.
    pub fn reply_to(&self, text: &str) -> String {
        match self.lang {
            Lang::Da => format!("Svar på: {text}"),
            Lang::En => format!("Reply to: {text}"),
            Lang::Ar => format!("ردّ على: {text}"),
        }
    }

    /// The label of a topic button, with how many posts it has.
    pub fn topic_with_count(&self, topic: Topic, n: usize) -> String {
        format!("{} ({n})", self.topic(topic))
    }
}

/// After the next render, focuses the element with this id (ids here are
/// made per post, so `focus_soon`'s fixed selectors do not fit).
fn focus_id_soon(id: String) {
    request_animation_frame(move || {
        let element = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id));
        if let Some(element) = element.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok()) {
            let _ = element.focus();
        }
    });
}

/// The person using the device, and whether they may be in the peer space.
fn peer_person() -> Memo<Option<Person>> {
    let session = use_session();
    Memo::new(move |_| session.me_person())
}

/// Refusal or "choose who you are first": the peer space is not for everyone.
#[component]
fn Refused(
    /// Whether nobody is chosen yet (rather than the wrong person).
    nobody: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="page peer-page">
            <h1>{move || i18n.t().peer(PeerText::Nav)}</h1>
            <p class="notice-inline" role="alert">
                {move || if nobody { i18n.t().peer(PeerText::ChooseFirst) } else { i18n.t().peer(PeerText::NotForYou) }}
            </p>
            <p><A href=if nobody { "/" } else { "/home" } attr:class="button">
                {move || if nobody { i18n.t().choose_person } else { i18n.t().back_home }}
            </A></p>
        </div>
    }
}

/// The route `/peer`: the peer space for pupils and moderators, refused to
/// everyone else.
#[component]
pub fn PeerPage() -> impl IntoView {
    let me = peer_person();
    move || match me.get() {
        None => view! { <Refused nobody=true/> }.into_any(),
        Some(person) if !peer::may_use_peer_space(&person) => view! { <Refused nobody=false/> }.into_any(),
        Some(person) => view! { <PeerSpace me=person/> }.into_any(),
    }
}

/// A leader's list of who moderates the peer space: a checkbox for each
/// adult who may, labelled with their name and role.
#[component]
pub fn Moderators(
    /// The leader using the device.
    me_id: String,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let me_id = StoredValue::new(me_id);
    // Rebuilt only when someone is added, removed or renamed, not on every check-in.
    let candidates = Memo::new(move |_| {
        session.db.with(|db| {
            peer::moderator_candidates(db)
                .into_iter()
                .map(|p| (p.id.clone(), p.name.clone(), p.role))
                .collect::<Vec<_>>()
        })
    });
    let is_moderator = move |id: &str| session.db.with(|db| db.person(id).is_some_and(|p| p.moderator));
    let change = move |ev: leptos::ev::Event, person_id: &str| {
        let on = event_target_checked(&ev);
        let result = session.db.with_untracked(|db| peer::appoint_moderator(db, &me_id.get_value(), person_id, on));
        match result {
            Ok(person) => {
                session.announce(i18n.t_now().moderator_changed(&person.name, on));
                session.save_one(person);
            }
            // Nothing changed (another device got there first): show what is stored.
            Err(_) => event_target::<web_sys::HtmlInputElement>(&ev).set_checked(!on),
        }
    };
    view! {
        <section class="card" aria-labelledby="moderators-title">
            <h2 id="moderators-title">{move || i18n.t().peer(PeerText::ModeratorsTitle)}</h2>
            <p>{move || i18n.t().peer(PeerText::ModeratorsIntro)}</p>
            <Show when=move || !candidates.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{move || i18n.t().peer(PeerText::NoModeratorCandidates)}</p> }>
                <ul class="moderator-list" role="list">
                    <For each=move || candidates.get() key=|c| c.clone() let:candidate>
                        {
                            let (id, name, role) = candidate;
                            let box_id = format!("moderator-{id}");
                            let checked_id = id.clone();
                            view! {
                                <li class="checkbox">
                                    <input type="checkbox" id=box_id.clone()
                                        prop:checked=move || is_moderator(&checked_id)
                                        on:change=move |ev| change(ev, &id)/>
                                    <label for=box_id>{name}" ("{move || i18n.t().role(role)}")"</label>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// The peer space itself.
#[component]
fn PeerSpace(
    /// The pupil or moderator using it.
    me: Person,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let me_id = StoredValue::new(me.id.clone());
    let is_pupil = me.role == Role::Pupil;
    let moderator = peer::is_moderator(&me);
    let pseudonym = Memo::new(move |_| session.db.with(|db| db.pseudonym_of(&me_id.get_value()).map(str::to_string)));
    let changing_name = RwSignal::new(false);
    let topic = RwSignal::new(Topic::School);
    let queue_size = Memo::new(move |_| session.db.with(|db| peer::moderation_queue(db).len()));
    let posts = Memo::new(move |_| session.db.with(|db| peer::posts_on(db, topic.get(), &me_id.get_value())));
    let count = move |t: Topic| session.db.with(|db| peer::posts_on(db, t, &me_id.get_value()).len());

    view! {
        <div class="page peer-page">
            <h1>{move || i18n.t().peer(PeerText::Nav)}</h1>
            <p>{move || i18n.t().peer(PeerText::Intro)}</p>
            <p class="card attention peer-rules">{move || i18n.t().peer(PeerText::Rules)}</p>
            {moderator.then(|| view! {
                <p><A href="/peer/moderate" attr:class="button primary">{move || i18n.t().queue_link(queue_size.get())}</A></p>
            })}
            {move || {
                let needs_name = is_pupil && (pseudonym.get().is_none() || changing_name.get());
                if needs_name {
                    return view! { <PseudonymForm person_id=me_id.get_value() done=changing_name/> }.into_any();
                }
                view! {
                    {is_pupil.then(|| view! {
                        <p class="peer-me">
                            {move || pseudonym.get().map(|name| i18n.t().you_are_called(&name))}" "
                            <button type="button" class="small" on:click=move |_| {
                                changing_name.set(true);
                                focus_soon(&["#pseudonym"]);
                            }>{move || i18n.t().peer(PeerText::ChangeName)}</button>
                        </p>
                    })}
                    <div class="actions topics" role="group" aria-label=move || i18n.t().peer(PeerText::Topics)>
                        {Topic::ALL.into_iter().map(|t| view! {
                            <button type="button" aria-pressed=move || (topic.get() == t).to_string()
                                on:click=move |_| topic.set(t)>{move || i18n.t().topic_with_count(t, count(t))}</button>
                        }).collect_view()}
                    </div>
                    {is_pupil.then(|| view! { <NewPost me_id=me_id.get_value() topic=topic/> })}
                    <section aria-labelledby="posts-title">
                        <h2 id="posts-title">{move || i18n.t().topic(topic.get())}</h2>
                        <Show when=move || !posts.get().is_empty()
                            fallback=move || view! { <p class="empty">{move || i18n.t().peer(PeerText::NoPosts)}</p> }>
                            <ul class="post-list" role="list">
                                <For each=move || posts.get() key=|p| p.id.clone() let:post>
                                    <li><PostView post=post me_id=me_id.get_value() moderator=moderator/></li>
                                </For>
                            </ul>
                        </Show>
                    </section>
                }.into_any()
            }}
        </div>
    }
}

/// The pupil chooses (or changes) their made-up name; checked so that it
/// never gives them or anyone else away.
#[component]
fn PseudonymForm(
    /// The pupil.
    person_id: String,
    /// Set while changing an existing name; cleared when saved.
    done: RwSignal<bool>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let person_id = StoredValue::new(person_id);
    let current = session.db.with_untracked(|db| db.pseudonym_of(&person_id.get_value()).map(str::to_string));
    let text = RwSignal::new(current.unwrap_or_default());
    let problem = RwSignal::new(None::<PseudonymProblem>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = person_id.get_value();
        let checked = session.db.with_untracked(|db| peer::pseudonym(db, &id, &text.get_untracked()));
        match checked {
            Ok(name) => {
                problem.set(None);
                let record = session.db.with_untracked(|db| db.peer_name_record(&id).cloned());
                let record = match record {
                    Some(existing) => PeerName { pseudonym: name, ..existing },
                    None => PeerName { id: new_id(), person_id: id, pseudonym: name, meta: Meta::default() },
                };
                session.save_one(record);
                done.set(false);
                session.announce(i18n.t_now().peer(PeerText::NameSaved).to_string());
                focus_soon(&["#main h1"]);
            }
            Err(p) => {
                problem.set(Some(p));
                focus_soon(&["#pseudonym"]);
            }
        }
    };
    view! {
        <form class="card" on:submit=submit novalidate>
            <h2>{move || i18n.t().peer(PeerText::ChooseName)}</h2>
            <div class="field" class:invalid=move || problem.get().is_some()>
                <label for="pseudonym">{move || i18n.t().peer(PeerText::NameLabel)}</label>
                <p id="pseudonym-hint" class="hint">{move || i18n.t().peer(PeerText::ChooseNameHint)}</p>
                <input id="pseudonym" type="text" autocomplete="off" prop:value=move || text.get()
                    aria-invalid=move || problem.get().is_some().to_string()
                    aria-describedby="pseudonym-hint pseudonym-error"
                    on:input=move |ev| text.set(event_target_value(&ev))/>
                <p id="pseudonym-error" class="field-error" hidden=move || problem.get().is_none()>
                    {move || problem.get().map(|p| view! { <span aria-hidden="true">"⚠ "</span>{i18n.t().pseudonym_problem(p)} })}
                </p>
            </div>
            <div class="actions">
                <button type="submit" class="primary">{move || i18n.t().peer(PeerText::SaveName)}</button>
                <Show when=move || done.get()>
                    <button type="button" on:click=move |_| done.set(false)>{move || i18n.t().cancel}</button>
                </Show>
            </div>
        </form>
    }
}

/// A text area with its label and the message under it, for posts, replies
/// and reasons. What was typed stays when there is a problem.
#[component]
fn PeerTextArea(
    /// Unique id of the text area.
    #[prop(into)]
    id: String,
    /// The label, which is also the accessible name.
    label: PeerText,
    /// The text as typed.
    text: RwSignal<String>,
    /// The message to show, if any.
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{move || i18n.t().peer(label)}</label>
            <textarea id=id rows=3 prop:value=move || text.get()
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
                on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <p id=error_id class="field-error" hidden=move || error.get().is_none()>
                {move || error.get().map(|m| view! { <span aria-hidden="true">"⚠ "</span>{m} })}
            </p>
        </div>
    }
}

/// A new post on the chosen topic.
#[component]
fn NewPost(
    /// The pupil writing.
    me_id: String,
    /// The topic chosen above, which the post goes under.
    topic: RwSignal<Topic>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let me_id = StoredValue::new(me_id);
    let kind = RwSignal::new(PostKind::Experience);
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let written = session.db.with_untracked(|db| {
            peer::write_post(
                db,
                new_id(),
                &me_id.get_value(),
                session.today_now(),
                topic.get_untracked(),
                kind.get_untracked(),
                &text.get_untracked(),
                None,
            )
        });
        match written {
            Ok(post) => {
                session.save_one(post);
                text.set(String::new());
                error.set(None);
                session.announce(i18n.t_now().peer(PeerText::PostSent).to_string());
            }
            Err(e) => {
                error.set(Some(i18n.t_now().peer_error(e)));
                focus_soon(&["#new-post"]);
            }
        }
    };
    view! {
        <details class="card new-post">
            <summary>{move || format!("{} – {}", i18n.t().peer(PeerText::WritePost), i18n.t().topic(topic.get()))}</summary>
            <form on:submit=submit novalidate>
                <fieldset class="radio-levels">
                    <legend>{move || i18n.t().peer(PeerText::KindLegend)}</legend>
                    {PostKind::ALL.into_iter().map(|k| {
                        let id = format!("kind-{k:?}").to_lowercase();
                        view! {
                            <div class="radio">
                                <input type="radio" name="post-kind" id=id.clone() prop:checked=move || kind.get() == k
                                    on:change=move |_| kind.set(k)/>
                                <label for=id>{move || i18n.t().post_kind(k)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <PeerTextArea id="new-post" label=PeerText::PostLabel text=text error=error/>
                <p class="hint">{move || i18n.t().peer(PeerText::Rules)}</p>
                <div class="actions">
                    <button type="submit" class="primary">{move || i18n.t().peer(PeerText::SendPost)}</button>
                </div>
            </form>
        </details>
    }
}

/// One post with its state, its "helped me" marks, report button, replies
/// and reply form; moderators get the moderation buttons too.
#[component]
fn PostView(
    /// The post.
    post: Post,
    /// The person looking.
    me_id: String,
    /// Whether they moderate.
    moderator: bool,
) -> AnyView {
    let session = use_session();
    let i18n = use_i18n();
    let post = StoredValue::new(post);
    let me_id = StoredValue::new(me_id);
    let post_id = post.with_value(|p| p.id.clone());
    let mine = post.with_value(|p| p.person_id == me_id.get_value());
    let is_reply = post.with_value(|p| p.post_id.is_some());
    let state = Memo::new(move |_| session.db.with(|db| post.with_value(|p| peer::post_state(db, p))));
    let author = Memo::new(move |_| {
        session.db.with(|db| {
            post.with_value(|p| {
                let pseudonym = db.pseudonym_of(&p.person_id).unwrap_or("?").to_string();
                // Moderators see who wrote it, so they can look after the pupil.
                match (moderator, db.person(&p.person_id)) {
                    (true, Some(person)) => format!("{pseudonym} ({})", person.name),
                    _ => pseudonym,
                }
            })
        })
    });
    let replies = {
        let id = post_id.clone();
        Memo::new(move |_| session.db.with(|db| peer::replies_to(db, &id, &me_id.get_value())))
    };
    let heading_id = format!("post-{post_id}");
    let labelled_by = heading_id.clone();
    view! {
        <article class="card post" class:reply=is_reply aria-labelledby=labelled_by>
            <header class="post-head">
                <h3 id=heading_id class="post-author">{move || author.get()}</h3>
                <span class="badge">{move || i18n.t().post_kind_short(post.with_value(|p| p.kind))}</span>
                <span class="hint">{move || i18n.short_date(post.with_value(|p| p.on))}</span>
            </header>
            {move || match state.get() {
                PostState::Pending if mine || moderator => Some(view! {
                    <p class="badge proposed">{i18n.t().peer(PeerText::Waiting)}</p>
                }.into_any()),
                PostState::Hidden(reason) if mine || moderator => Some(view! {
                    <p class="badge ended">{i18n.t().hidden_because(&reason)}</p>
                }.into_any()),
                PostState::Approved if moderator => Some(view! {
                    <p class="badge active">{i18n.t().peer(PeerText::Approved)}</p>
                }.into_any()),
                _ => None,
            }}
            <p class="post-text">{post.with_value(|p| p.text.clone())}</p>
            <Show when=move || !mine && !moderator && state.get() == PostState::Approved>
                <PupilActions post=post.get_value() me_id=me_id.get_value()/>
            </Show>
            <Show when=move || mine || moderator>
                <p class="hint">{move || i18n.t().helped_count(session.db.with(|db| peer::helped_count(db, &post.with_value(|p| p.id.clone()))))}</p>
            </Show>
            {moderator.then(|| view! {
                <details class="moderate">
                    <summary>{move || i18n.t().peer(PeerText::Moderate)}</summary>
                    <ModerateControls post=post.get_value() me_id=me_id.get_value()/>
                </details>
            })}
            {(!is_reply).then(|| view! {
                <Show when=move || !replies.get().is_empty()>
                    <ul class="post-list replies" role="list" aria-label=move || i18n.t().peer(PeerText::Replies)>
                        <For each=move || replies.get() key=|r| r.id.clone() let:reply>
                            <li><PostView post=reply me_id=me_id.get_value() moderator=moderator/></li>
                        </For>
                    </ul>
                </Show>
                <Show when=move || {
                    session.db.with(|db| db.person(&me_id.get_value()).is_some_and(|p| p.role == Role::Pupil))
                        && state.get() == PostState::Approved
                }>
                    <ReplyForm post_id=post.with_value(|p| p.id.clone()) me_id=me_id.get_value()/>
                </Show>
            })}
        </article>
    }
    .into_any()
}

/// "This helped me" and "Report" for a pupil on someone else's approved post.
#[component]
fn PupilActions(
    /// The post.
    post: Post,
    /// The pupil.
    me_id: String,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let post = StoredValue::new(post);
    let me_id = StoredValue::new(me_id);
    let confirming = RwSignal::new(false);
    let mark = Memo::new(move |_| {
        session.db.with(|db| post.with_value(|p| peer::helped_mark(db, &p.id, &me_id.get_value()).cloned()))
    });
    let count = Memo::new(move |_| session.db.with(|db| post.with_value(|p| peer::helped_count(db, &p.id))));
    let reported = Memo::new(move |_| {
        session.db.with(|db| post.with_value(|p| peer::has_reported(db, &p.id, &me_id.get_value())))
    });
    let toggle_helped = move |_| match mark.get_untracked() {
        Some(mut existing) => {
            existing.meta.deleted = true;
            session.save_one(existing);
        }
        None => {
            let made = session
                .db
                .with_untracked(|db| post.with_value(|p| peer::mark_helped(db, new_id(), p, &me_id.get_value())));
            if let Ok(helped) = made {
                session.save_one(helped);
            }
        }
    };
    let report_id = StoredValue::new(post.with_value(|p| format!("report-{}", p.id)));
    let cancel_id = StoredValue::new(post.with_value(|p| format!("report-cancel-{}", p.id)));
    let send_report = move |_| {
        let made = session
            .db
            .with_untracked(|db| post.with_value(|p| peer::report(db, new_id(), p, &me_id.get_value(), &now())));
        confirming.set(false);
        match made {
            Ok(report) => {
                session.save_one(report);
                session.announce(i18n.t_now().peer(PeerText::Reported).to_string());
            }
            Err(e) => session.announce(i18n.t_now().peer_error(e)),
        }
    };
    view! {
        <div class="actions post-actions">
            <button type="button" aria-pressed=move || mark.get().is_some().to_string() on:click=toggle_helped>
                <span aria-hidden="true">"♥ "</span>{move || i18n.t().peer(PeerText::Helped)}
            </button>
            <span class="hint helped-count">{move || i18n.t().helped_count(count.get())}</span>
            {move || if reported.get() {
                view! { <span class="hint">{i18n.t().peer(PeerText::YouReported)}</span> }.into_any()
            } else if confirming.get() {
                view! {
                    <div class="card danger report-confirm" role="group" aria-label=i18n.t().peer(PeerText::Report)>
                        <p>{i18n.t().peer(PeerText::ReportConfirm)}</p>
                        <div class="actions">
                            <button type="button" class="danger" on:click=send_report>{i18n.t().peer(PeerText::ReportYes)}</button>
                            <button type="button" id=cancel_id.get_value() on:click=move |_| {
                                confirming.set(false);
                                focus_id_soon(report_id.get_value());
                            }>{i18n.t().cancel}</button>
                        </div>
                    </div>
                }.into_any()
            } else {
                view! {
                    <button type="button" class="quiet small" id=report_id.get_value() on:click=move |_| {
                        confirming.set(true);
                        // The safe choice gets focus.
                        focus_id_soon(cancel_id.get_value());
                    }>{i18n.t().peer(PeerText::Report)}</button>
                }.into_any()
            }}
        </div>
    }
}

/// A reply to a post; it waits for a moderator like any post.
#[component]
fn ReplyForm(
    /// The post answered.
    post_id: String,
    /// The pupil replying.
    me_id: String,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let field_id = format!("reply-{post_id}");
    let post_id = StoredValue::new(post_id);
    let me_id = StoredValue::new(me_id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let written = session.db.with_untracked(|db| {
            peer::write_post(
                db,
                new_id(),
                &me_id.get_value(),
                session.today_now(),
                Topic::Other,
                PostKind::Experience,
                &text.get_untracked(),
                Some(&post_id.get_value()),
            )
        });
        match written {
            Ok(reply) => {
                session.save_one(reply);
                text.set(String::new());
                error.set(None);
                session.announce(i18n.t_now().peer(PeerText::PostSent).to_string());
            }
            Err(e) => error.set(Some(i18n.t_now().peer_error(e))),
        }
    };
    view! {
        <details class="reply-form">
            <summary>{move || i18n.t().peer(PeerText::Reply)}</summary>
            <form on:submit=submit novalidate>
                <PeerTextArea id=field_id label=PeerText::ReplyLabel text=text error=error/>
                <div class="actions">
                    <button type="submit" class="primary">{move || i18n.t().peer(PeerText::SendReply)}</button>
                </div>
            </form>
        </details>
    }
}

/// Approve, keep or hide a post (hiding asks for a reason the pupil sees).
#[component]
pub fn ModerateControls(
    /// The post decided on.
    post: Post,
    /// The moderator.
    me_id: String,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let post = StoredValue::new(post);
    let me_id = StoredValue::new(me_id);
    let hiding = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let state = Memo::new(move |_| session.db.with(|db| post.with_value(|p| peer::post_state(db, p))));
    let decide = move |decision: Decision| {
        let made = session.db.with_untracked(|db| {
            post.with_value(|p| {
                peer::moderate(db, new_id(), p, &me_id.get_value(), decision, &reason.get_untracked(), &now())
            })
        });
        match made {
            Ok(moderation) => {
                session.save_one(moderation);
                error.set(None);
                hiding.set(false);
                reason.set(String::new());
                let said = match decision {
                    Decision::Approve => PeerText::PostApproved,
                    Decision::Hide => PeerText::PostHidden,
                };
                session.announce(i18n.t_now().peer(said).to_string());
            }
            Err(e) => error.set(Some(i18n.t_now().peer_error(e))),
        }
    };
    let reason_id = post.with_value(|p| format!("hide-reason-{}", p.id));
    view! {
        <div class="moderate-controls">
            <div class="actions">
                <Show when=move || state.get() != PostState::Approved>
                    <button type="button" class="primary" on:click=move |_| decide(Decision::Approve)>
                        {move || i18n.t().peer(PeerText::Approve)}
                    </button>
                </Show>
                <Show when=move || state.get() == PostState::Approved
                    && session.db.with(|db| post.with_value(|p| !peer::open_reports(db, p).is_empty()))>
                    <button type="button" on:click=move |_| decide(Decision::Approve)>{move || i18n.t().peer(PeerText::KeepIt)}</button>
                </Show>
                <Show when=move || !matches!(state.get(), PostState::Hidden(_))>
                    <button type="button" class="danger" aria-expanded=move || hiding.get().to_string()
                        on:click=move |_| hiding.update(|h| *h = !*h)>{move || i18n.t().peer(PeerText::Hide)}</button>
                </Show>
            </div>
            <Show when=move || hiding.get()>
                <form on:submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    decide(Decision::Hide);
                } novalidate>
                    <PeerTextArea id=reason_id.clone() label=PeerText::HideReason text=reason error=error/>
                    <div class="actions">
                        <button type="submit" class="danger">{move || i18n.t().peer(PeerText::HidePost)}</button>
                    </div>
                </form>
            </Show>
        </div>
    }
}

/// The route `/peer/moderate`: what moderators have to look at, one tap per
/// decision, on a phone too. Refused to everyone but moderators.
#[component]
pub fn ModerationPage() -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let me = peer_person();
    let queue = Memo::new(move |_| session.db.with(peer::moderation_queue));
    move || match me.get() {
        None => view! { <Refused nobody=true/> }.into_any(),
        Some(person) if !peer::is_moderator(&person) => view! { <Refused nobody=false/> }.into_any(),
        Some(person) => {
            let me_id = StoredValue::new(person.id.clone());
            view! {
                <div class="page peer-page moderation-page">
                    <h1>{move || i18n.t().peer(PeerText::Moderation)}</h1>
                    <p>{move || i18n.t().peer(PeerText::QueueIntro)}</p>
                    <p><A href="/peer" attr:class="button">{move || i18n.t().peer(PeerText::Nav)}</A></p>
                    <Show when=move || !queue.get().is_empty()
                        fallback=move || view! { <p class="empty">{move || i18n.t().peer(PeerText::QueueEmpty)}</p> }>
                        <ul class="post-list" role="list">
                            <For each=move || queue.get() key=|(p, r)| (p.id.clone(), format!("{r:?}")) let:item>
                                <li><QueueItem post=item.0 reason=item.1 me_id=me_id.get_value()/></li>
                            </For>
                        </ul>
                    </Show>
                </div>
            }
            .into_any()
        }
    }
}

/// One post in the moderation queue, with why it is there and the buttons.
#[component]
fn QueueItem(
    /// The post.
    post: Post,
    /// New or reported.
    reason: peer::QueueReason,
    /// The moderator.
    me_id: String,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let heading_id = format!("queue-{}", post.id);
    let labelled_by = heading_id.clone();
    let author = session.db.with_untracked(|db| {
        let pseudonym = db.pseudonym_of(&post.person_id).unwrap_or("?").to_string();
        match db.person(&post.person_id) {
            Some(person) => format!("{pseudonym} ({})", person.name),
            None => pseudonym,
        }
    });
    let parent =
        post.post_id.as_ref().and_then(|id| session.db.with_untracked(|db| db.post(id).map(|p| p.text.clone())));
    let (topic, kind) = (post.topic, post.kind);
    let reported = matches!(reason, peer::QueueReason::Reported(_));
    let reason_text = move || match &reason {
        peer::QueueReason::Pending => i18n.t().peer(PeerText::NewWaiting).to_string(),
        peer::QueueReason::Reported(n) => i18n.t().reported_by(*n),
    };
    view! {
        <article class="card post" class:attention=reported aria-labelledby=labelled_by>
            <header class="post-head">
                <h2 id=heading_id class="post-author">{author}</h2>
                <span class="badge">{move || i18n.t().topic(topic)}</span>
                <span class="badge">{move || i18n.t().post_kind_short(kind)}</span>
            </header>
            <p class=if reported { "badge proposed" } else { "badge" }>{reason_text}</p>
            {parent.map(|text| view! { <p class="hint">{move || i18n.t().reply_to(&text)}</p> })}
            <p class="post-text">{post.text.clone()}</p>
            <ModerateControls post=post me_id=me_id/>
        </article>
    }
}
