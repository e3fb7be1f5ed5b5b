//! The peer space: pupils share experiences, tips and questions with other
//! pupils, under a pseudonym, grouped by topic. Safety comes first:
//!
//! - every post and reply is **pre-moderated**: other pupils see it only once a
//!   moderator (an adult with [`Person::moderator`]) approved it; the author
//!   sees their own post at once, marked as waiting;
//! - pupils write under a pseudonym that must not be a real name;
//! - there are no private messages; anyone can report a post, and a moderator
//!   can hide it with a reason;
//! - adults other than moderators do not see the peer space at all.
//!
//! Moderation decisions, "this helped me" marks and reports are each their
//! own record (like agreements), so two devices never conflict over a counter
//! or a status field: the state of a post is derived from them.

use crate::date::Date;
use crate::db::Db;
use crate::model::{Id, Meta, Person, Role};
use crate::validate::{optional_text, required_text, Problem};
use serde::{Deserialize, Serialize};

/// Longest post or reply, in characters.
pub const POST_MAX: usize = 800;
/// Shortest pseudonym, in characters.
pub const PSEUDONYM_MIN: usize = 3;
/// Longest pseudonym, in characters.
pub const PSEUDONYM_MAX: usize = 20;
/// Longest reason for hiding a post, in characters.
pub const HIDE_REASON_MAX: usize = 300;
/// More digits than this in a pseudonym could be a phone number or a birth date.
pub const PSEUDONYM_DIGITS_MAX: usize = 4;

/// How a server that keeps pupils apart (PocketBase, see
/// docs/backend-contract.md) names a pupil in the peer space to everyone who
/// may not know who the pupil is: this prefix and 32 lower-case hex digits,
/// the same for the pupil in every record and for every viewer, so posts,
/// pseudonyms and marks still belong together. Samspil's own ids never hold
/// a `:`, so an alias is never a person's id.
pub const PUPIL_ALIAS_PREFIX: &str = "pupil:";
/// How such a server names the moderator of a decision to everyone but that
/// moderator: the server lets only moderators decide.
pub const MODERATOR_ALIAS: &str = "moderator:any";

/// Whether `id` is a server's alias for a pupil ([`PUPIL_ALIAS_PREFIX`]).
pub fn is_pupil_alias(id: &str) -> bool {
    id.strip_prefix(PUPIL_ALIAS_PREFIX)
        .is_some_and(|hex| hex.len() == 32 && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

/// What a post is about; the peer space groups posts by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Topic {
    /// School work, homework, reading.
    School,
    /// Sport and training.
    Sport,
    /// Friends and getting along.
    Friends,
    /// Feelings, worries, motivation.
    Feelings,
    /// Anything else.
    Other,
}

impl Topic {
    /// Every topic, in the order the peer space shows them.
    pub const ALL: [Topic; 5] = [Topic::School, Topic::Sport, Topic::Friends, Topic::Feelings, Topic::Other];
}

/// What kind of post it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum PostKind {
    /// Something that happened to the pupil.
    Experience,
    /// Advice that worked for the pupil.
    Tip,
    /// Something the pupil wants help with.
    Question,
}

impl PostKind {
    /// Every kind, in the order the form shows them.
    pub const ALL: [PostKind; 3] = [PostKind::Experience, PostKind::Tip, PostKind::Question];
}

/// The name a pupil uses in the peer space instead of their real name.
/// The newest one of a person counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PeerName {
    /// Record id.
    pub id: Id,
    /// The pupil who chose it.
    pub person_id: Id,
    /// The pseudonym, checked by [`pseudonym`].
    pub pseudonym: String,
    /// Synchronisation bookkeeping, flattened into the record's JSON.
    #[serde(flatten)]
    pub meta: Meta,
}

/// A post in the peer space, or a reply to one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Post {
    /// Record id.
    pub id: Id,
    /// The pupil who wrote it. Other pupils see only the pseudonym.
    pub person_id: Id,
    /// What it is about.
    pub topic: Topic,
    /// Experience, tip or question.
    pub kind: PostKind,
    /// The post itself, plain text.
    pub text: String,
    /// The post this replies to; `None` for a post of its own. Left out of the
    /// JSON when `None`: json-server would take a `null` foreign key for a
    /// dangling one and delete the post on the next DELETE anywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub post_id: Option<Id>,
    /// When it was written.
    pub on: Date,
    /// Synchronisation bookkeeping, flattened into the record's JSON.
    #[serde(flatten)]
    pub meta: Meta,
}

/// One pupil's "this helped me" on one post. Its own record, so marks from
/// many devices never conflict; taking it back tombstones it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Helped {
    /// Record id.
    pub id: Id,
    /// The post that helped.
    pub post_id: Id,
    /// The pupil it helped.
    pub person_id: Id,
    /// Synchronisation bookkeeping, flattened into the record's JSON.
    #[serde(flatten)]
    pub meta: Meta,
}

/// One pupil's report of a post that should not be there.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// Record id.
    pub id: Id,
    /// The post reported.
    pub post_id: Id,
    /// Who reported it.
    pub person_id: Id,
    /// RFC 3339 time of the report; a moderator's later decision settles it.
    pub at: String,
    /// Synchronisation bookkeeping, flattened into the record's JSON.
    #[serde(flatten)]
    pub meta: Meta,
}

/// What a moderator decided about a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Decision {
    /// Other pupils may see it (again).
    Approve,
    /// Nobody but the author and moderators sees it.
    Hide,
}

/// One moderator's decision about one post. The newest decision counts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Moderation {
    /// Record id.
    pub id: Id,
    /// The post decided on.
    pub post_id: Id,
    /// The moderator.
    pub person_id: Id,
    /// Approve or hide.
    pub decision: Decision,
    /// Why it was hidden; empty for an approval.
    #[serde(default)]
    pub reason: String,
    /// RFC 3339 time of the decision, which orders decisions across devices.
    pub at: String,
    /// Synchronisation bookkeeping, flattened into the record's JSON.
    #[serde(flatten)]
    pub meta: Meta,
}

/// Where a post stands, derived from the moderators' decisions.
#[derive(Clone, Debug, PartialEq)]
pub enum PostState {
    /// No moderator has looked at it yet.
    Pending,
    /// Pupils can see it.
    Approved,
    /// A moderator hid it, for this reason.
    Hidden(String),
}

/// Why a peer-space action is not allowed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PeerError {
    /// Only pupils (and, to moderate, moderators) use the peer space.
    NotAllowed,
    /// The pupil must choose a pseudonym first.
    NoPseudonym,
    /// The post is not there for this person (pending, hidden or unknown).
    NotVisible,
    /// One does not mark or report one's own post.
    OwnPost,
    /// This person has done this already.
    AlreadyDone,
    /// Replies go to posts, not to other replies.
    ReplyToReply,
    /// What was typed is not right.
    Text(Problem),
}

/// What is wrong with a pseudonym.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PseudonymProblem {
    /// Nothing was typed.
    Required,
    /// Shorter than [`PSEUDONYM_MIN`].
    TooShort,
    /// Longer than [`PSEUDONYM_MAX`].
    TooLong,
    /// Only letters, digits, spaces, `-` and `_`, and at most
    /// [`PSEUDONYM_DIGITS_MAX`] digits.
    BadCharacters,
    /// It contains the pupil's own real name.
    YourName,
    /// It is the name of someone the app knows.
    SomeonesName,
    /// Another pupil uses it already.
    Taken,
}

/// A moderator approves and hides posts. Pupils never moderate, and nor do
/// parents: a moderator reads what other people's children write.
pub fn is_moderator(person: &Person) -> bool {
    person.moderator && may_moderate(person)
}

/// Whether a leader can make this person a moderator: an adult who works
/// with young people (teacher, coach, leader or other professional).
pub fn may_moderate(person: &Person) -> bool {
    !person.meta.deleted && matches!(person.role, Role::Teacher | Role::Coach | Role::Leader | Role::Other)
}

/// Whether this person appoints the peer space's moderators: a leader, who
/// answers for the space across schools and clubs.
pub fn may_appoint_moderators(person: &Person) -> bool {
    person.role == Role::Leader && !person.meta.deleted
}

/// The people a leader can make moderators (or stop being one), by name.
pub fn moderator_candidates(db: &Db) -> Vec<&Person> {
    let mut people: Vec<&Person> = db.people.iter().filter(|p| may_moderate(p)).collect();
    people.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.id.cmp(&b.id)));
    people
}

/// `by` makes `person_id` a moderator (`moderator`) or ends it: the changed
/// person to store.
pub fn appoint_moderator(db: &Db, by: &str, person_id: &str, moderator: bool) -> Result<Person, PeerError> {
    if !db.person(by).is_some_and(may_appoint_moderators) {
        return Err(PeerError::NotAllowed);
    }
    let person = db.person(person_id).filter(|p| may_moderate(p)).ok_or(PeerError::NotAllowed)?;
    if person.moderator == moderator {
        return Err(PeerError::AlreadyDone);
    }
    let mut changed = person.clone();
    changed.moderator = moderator;
    Ok(changed)
}

/// Who may open the peer space at all: pupils and moderators. Other adults
/// (teachers, coaches, parents) do not see it.
pub fn may_use_peer_space(person: &Person) -> bool {
    (person.role == Role::Pupil && !person.meta.deleted) || is_moderator(person)
}

/// Whether a decision by `id` counts: by a moderator, or under the
/// server's [`MODERATOR_ALIAS`] (the server lets only moderators decide).
fn is_moderator_id(db: &Db, id: &str) -> bool {
    id == MODERATOR_ALIAS || db.person(id).is_some_and(is_moderator)
}

/// Whether `id` is a pupil this device knows: who may write and react.
fn is_pupil_here(db: &Db, id: &str) -> bool {
    db.person(id).is_some_and(|p| p.role == Role::Pupil)
}

/// Whether `id` is a pupil who is still here: a pupil this device knows, or
/// one the server names by an alias (it serves only pupils' records under one).
fn is_pupil_id(db: &Db, id: &str) -> bool {
    is_pupil_alias(id) || is_pupil_here(db, id)
}

impl Db {
    /// The person's pseudonym: their newest peer-name record.
    pub fn pseudonym_of(&self, person_id: &str) -> Option<&str> {
        self.peer_names
            .iter()
            .filter(|n| n.person_id == person_id && !n.meta.deleted)
            .max_by(|a, b| a.meta.updated_at.cmp(&b.meta.updated_at))
            .map(|n| n.pseudonym.as_str())
    }

    /// The person's peer-name record, to change.
    pub fn peer_name_record(&self, person_id: &str) -> Option<&PeerName> {
        self.peer_names
            .iter()
            .filter(|n| n.person_id == person_id && !n.meta.deleted)
            .max_by(|a, b| a.meta.updated_at.cmp(&b.meta.updated_at))
    }

    /// The post with this id, unless removed.
    pub fn post(&self, id: &str) -> Option<&Post> {
        self.posts.iter().find(|p| p.id == id && !p.meta.deleted)
    }
}

/// Where a post stands: the newest decision by a moderator counts (by its
/// time; on a tie, hiding wins, to be safe). Decisions by anyone else never count.
pub fn post_state(db: &Db, post: &Post) -> PostState {
    let newest = db
        .moderations
        .iter()
        .filter(|m| m.post_id == post.id && !m.meta.deleted && is_moderator_id(db, &m.person_id))
        .max_by(|a, b| {
            a.at.cmp(&b.at).then_with(|| (a.decision == Decision::Hide).cmp(&(b.decision == Decision::Hide)))
        });
    match newest {
        None => PostState::Pending,
        Some(m) if m.decision == Decision::Approve => PostState::Approved,
        Some(m) => PostState::Hidden(m.reason.clone()),
    }
}

/// Whether `viewer` sees the post in the peer space:
/// - nobody outside the peer space (adults other than moderators);
/// - moderators see everything, with its state;
/// - a pupil sees approved posts, and their own in any state;
/// - a reply only where its post is seen too;
/// - only posts written by a pupil who is still here.
pub fn can_see(db: &Db, post: &Post, viewer: &str) -> bool {
    if post.meta.deleted || !is_pupil_id(db, &post.person_id) {
        return false;
    }
    let Some(person) = db.person(viewer) else { return false };
    if !may_use_peer_space(person) {
        return false;
    }
    if let Some(parent) = &post.post_id {
        match db.post(parent) {
            Some(parent) if parent.post_id.is_none() && can_see(db, parent, viewer) => {}
            _ => return false,
        }
    }
    if is_moderator(person) || post.person_id == viewer {
        return true;
    }
    post_state(db, post) == PostState::Approved
}

/// The posts (not replies) on a topic that `viewer` sees, newest first.
pub fn posts_on(db: &Db, topic: Topic, viewer: &str) -> Vec<Post> {
    let mut posts: Vec<Post> = db
        .posts
        .iter()
        .filter(|p| p.topic == topic && p.post_id.is_none() && can_see(db, p, viewer))
        .cloned()
        .collect();
    posts.sort_by(|a, b| b.on.cmp(&a.on).then_with(|| b.meta.updated_at.cmp(&a.meta.updated_at)));
    posts
}

/// The replies to a post that `viewer` sees, oldest first.
pub fn replies_to(db: &Db, post_id: &str, viewer: &str) -> Vec<Post> {
    let mut replies: Vec<Post> =
        db.posts.iter().filter(|p| p.post_id.as_deref() == Some(post_id) && can_see(db, p, viewer)).cloned().collect();
    replies.sort_by(|a, b| a.on.cmp(&b.on).then_with(|| a.meta.updated_at.cmp(&b.meta.updated_at)));
    replies
}

/// How many pupils said the post helped them.
pub fn helped_count(db: &Db, post_id: &str) -> usize {
    let mut people: Vec<&str> = db
        .helped
        .iter()
        .filter(|h| h.post_id == post_id && !h.meta.deleted && is_pupil_id(db, &h.person_id))
        .map(|h| h.person_id.as_str())
        .collect();
    people.sort_unstable();
    people.dedup();
    people.len()
}

/// The person's live "helped me" mark on the post, if any.
pub fn helped_mark<'a>(db: &'a Db, post_id: &str, person_id: &str) -> Option<&'a Helped> {
    db.helped.iter().find(|h| h.post_id == post_id && h.person_id == person_id && !h.meta.deleted)
}

/// Reports on the post made after the newest moderator decision: those a
/// moderator still has to look at.
pub fn open_reports<'a>(db: &'a Db, post: &Post) -> Vec<&'a Report> {
    let decided = db
        .moderations
        .iter()
        .filter(|m| m.post_id == post.id && !m.meta.deleted && is_moderator_id(db, &m.person_id))
        .map(|m| m.at.as_str())
        .max()
        .unwrap_or("");
    db.reports.iter().filter(|r| r.post_id == post.id && !r.meta.deleted && r.at.as_str() > decided).collect()
}

/// Whether the person has reported the post (at any time).
pub fn has_reported(db: &Db, post_id: &str, person_id: &str) -> bool {
    db.reports.iter().any(|r| r.post_id == post_id && r.person_id == person_id && !r.meta.deleted)
}

/// Why a post is in the moderation queue.
#[derive(Clone, Debug, PartialEq)]
pub enum QueueReason {
    /// New, waiting for approval.
    Pending,
    /// Approved, but reported by this many pupils since.
    Reported(usize),
}

/// What moderators have to look at: reported posts first (most reports
/// first), then new posts, oldest first. Posts whose author is gone are left out.
pub fn moderation_queue(db: &Db) -> Vec<(Post, QueueReason)> {
    let mut reported = Vec::new();
    let mut pending = Vec::new();
    for post in db.posts.iter().filter(|p| !p.meta.deleted && is_pupil_id(db, &p.person_id)) {
        match post_state(db, post) {
            PostState::Pending => pending.push((post.clone(), QueueReason::Pending)),
            PostState::Approved => {
                let n = open_reports(db, post).len();
                if n > 0 {
                    reported.push((post.clone(), QueueReason::Reported(n)));
                }
            }
            PostState::Hidden(_) => {}
        }
    }
    reported.sort_by_key(|(_, r)| std::cmp::Reverse(if let QueueReason::Reported(n) = r { *n } else { 0 }));
    pending.sort_by(|(a, _), (b, _)| a.on.cmp(&b.on).then_with(|| a.meta.updated_at.cmp(&b.meta.updated_at)));
    reported.extend(pending);
    reported
}

/// A new post or reply by pupil `by`. Replies go to a post the pupil can
/// see, never to another reply, and take that post's topic.
#[allow(clippy::too_many_arguments)]
pub fn write_post(
    db: &Db,
    id: Id,
    by: &str,
    on: Date,
    topic: Topic,
    kind: PostKind,
    text: &str,
    reply_to: Option<&str>,
) -> Result<Post, PeerError> {
    if !is_pupil_here(db, by) {
        return Err(PeerError::NotAllowed);
    }
    if db.pseudonym_of(by).is_none() {
        return Err(PeerError::NoPseudonym);
    }
    let text = required_text(text, POST_MAX).map_err(PeerError::Text)?;
    let topic = match reply_to {
        Some(parent_id) => {
            let parent = db.post(parent_id).ok_or(PeerError::NotVisible)?;
            if parent.post_id.is_some() {
                return Err(PeerError::ReplyToReply);
            }
            if !can_see(db, parent, by) {
                return Err(PeerError::NotVisible);
            }
            parent.topic
        }
        None => topic,
    };
    Ok(Post {
        id,
        person_id: by.to_string(),
        topic,
        kind,
        text,
        post_id: reply_to.map(str::to_string),
        on,
        meta: Meta::default(),
    })
}

/// Checks that a pupil may mark or report a post: it is approved, they see
/// it, and it is not their own.
fn may_react(db: &Db, post: &Post, by: &str) -> Result<(), PeerError> {
    if !is_pupil_here(db, by) {
        return Err(PeerError::NotAllowed);
    }
    if post.person_id == by {
        return Err(PeerError::OwnPost);
    }
    if !can_see(db, post, by) || post_state(db, post) != PostState::Approved {
        return Err(PeerError::NotVisible);
    }
    Ok(())
}

/// Pupil `by` says the post helped them.
pub fn mark_helped(db: &Db, id: Id, post: &Post, by: &str) -> Result<Helped, PeerError> {
    may_react(db, post, by)?;
    if helped_mark(db, &post.id, by).is_some() {
        return Err(PeerError::AlreadyDone);
    }
    Ok(Helped { id, post_id: post.id.clone(), person_id: by.to_string(), meta: Meta::default() })
}

/// Pupil `by` reports a post to the moderators, once.
pub fn report(db: &Db, id: Id, post: &Post, by: &str, at: &str) -> Result<Report, PeerError> {
    may_react(db, post, by)?;
    if has_reported(db, &post.id, by) {
        return Err(PeerError::AlreadyDone);
    }
    Ok(Report { id, post_id: post.id.clone(), person_id: by.to_string(), at: at.to_string(), meta: Meta::default() })
}

/// A moderator's decision. Hiding needs a reason, which the author sees.
pub fn moderate(
    db: &Db,
    id: Id,
    post: &Post,
    by: &str,
    decision: Decision,
    reason: &str,
    at: &str,
) -> Result<Moderation, PeerError> {
    if !is_moderator_id(db, by) {
        return Err(PeerError::NotAllowed);
    }
    let reason = match decision {
        Decision::Hide => required_text(reason, HIDE_REASON_MAX).map_err(PeerError::Text)?,
        Decision::Approve => optional_text(reason, HIDE_REASON_MAX).map_err(PeerError::Text)?,
    };
    Ok(Moderation {
        id,
        post_id: post.id.clone(),
        person_id: by.to_string(),
        decision,
        reason,
        at: at.to_string(),
        meta: Meta::default(),
    })
}

/// The words of a name, lower-case, for comparing names.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(|w| w.to_lowercase()).collect()
}

/// A pseudonym for `person_id`, as typed: 3 … 20 letters, digits, spaces,
/// `-` or `_`; at most four digits (no phone numbers or birth dates); not
/// containing the pupil's own name; not the name of anyone the app knows;
/// and not another pupil's pseudonym.
pub fn pseudonym(db: &Db, person_id: &str, text: &str) -> Result<String, PseudonymProblem> {
    let text: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return Err(PseudonymProblem::Required);
    }
    let length = text.chars().count();
    if length < PSEUDONYM_MIN {
        return Err(PseudonymProblem::TooShort);
    }
    if length > PSEUDONYM_MAX {
        return Err(PseudonymProblem::TooLong);
    }
    if !text.chars().all(|c| c.is_alphanumeric() || c == ' ' || c == '-' || c == '_')
        || text.chars().filter(char::is_ascii_digit).count() > PSEUDONYM_DIGITS_MAX
        || !text.chars().any(char::is_alphabetic)
    {
        return Err(PseudonymProblem::BadCharacters);
    }
    let squashed: String = text.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    let mine = words(&text);
    if let Some(me) = db.person(person_id) {
        // "Emma", "emma_10" and "Emma H" all give the pupil away; a two-letter
        // name ("Bo") only as a word of its own, or "Robot" would be refused.
        let gives_away = |w: &String| match w.chars().count() {
            0 | 1 => false,
            2 => mine.contains(w),
            _ => squashed.contains(w.as_str()),
        };
        if words(&me.name).iter().any(gives_away) {
            return Err(PseudonymProblem::YourName);
        }
    }
    let known_name = db
        .people
        .iter()
        .filter(|p| !p.meta.deleted && p.id != person_id)
        .any(|p| words(&p.name).iter().any(|w| w.chars().count() >= 2 && mine.contains(w)));
    if known_name {
        return Err(PseudonymProblem::SomeonesName);
    }
    let taken = db.peer_names.iter().filter(|n| !n.meta.deleted && n.person_id != person_id).any(|n| {
        db.pseudonym_of(&n.person_id) == Some(n.pseudonym.as_str()) && n.pseudonym.to_lowercase() == text.to_lowercase()
    });
    if taken {
        return Err(PseudonymProblem::Taken);
    }
    Ok(text)
}
