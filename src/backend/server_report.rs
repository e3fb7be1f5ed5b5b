//! The effect report from PocketBase: `GET /api/samspil/report` with the
//! login of the person using the device (see docs/backend-contract.md,
//! "Effect report"). The server computes it from every team, so the device
//! receives the anonymised figures and never a pupil's record. The answer
//! is the serde form of [`EffectReport`] plus `on`, the server's day; it is
//! checked against the report's own rules before anything is shown.

use super::http::{send, Call, HttpError};
use super::pocketbase::login_for;
use domain::effect::{EffectReport, Figures, GroupKey, MIN_GROUP, PARTIES};
use domain::Date;
use serde::Deserialize;
use serde_json::Value;

/// A report as the server made it.
#[derive(Clone, Debug, PartialEq)]
pub struct ServerReport {
    /// The server's day the report was made for.
    pub on: Date,
    pub report: EffectReport,
}

/// Why there is no report from the server.
#[derive(Clone, Debug, PartialEq)]
pub enum ReportError {
    /// Nobody is logged in on this device, or the login has run out.
    LoggedOut,
    /// The server does not give this person the report.
    NotAllowed,
    /// No connection to the server.
    Unreachable,
    /// The server answered, but not with a report that keeps the rules; the
    /// detail is for the console.
    BadAnswer(String),
}

#[derive(Deserialize)]
struct Answer {
    on: Date,
    #[serde(flatten)]
    report: EffectReport,
}

/// Where the server at `base` (e.g. `http://127.0.0.1:8090`) serves the report.
pub fn report_url(base: &str) -> String {
    format!("{}/api/samspil/report", base.trim_end_matches('/'))
}

/// Asks the PocketBase server at `base` for the report.
pub async fn fetch_report(base: &str) -> Result<ServerReport, ReportError> {
    let login = login_for(base).ok_or(ReportError::LoggedOut)?;
    let call = Call::get(report_url(base)).header("Authorization", &login.token);
    match send(call).await {
        Ok(answer) => read_report(answer),
        Err(HttpError::Unauthorized) => Err(ReportError::LoggedOut),
        Err(HttpError::Status { status: 403, .. }) => Err(ReportError::NotAllowed),
        Err(HttpError::Unreachable(_)) => Err(ReportError::Unreachable),
        Err(other) => Err(ReportError::BadAnswer(other.to_string())),
    }
}

/// Reads the server's answer: a report whose shown groups have at least
/// [`MIN_GROUP`] pupils, with means only of [`MIN_GROUP`] pupils or more,
/// counts that add up, and schools, clubs and terms where they belong.
pub fn read_report(answer: Value) -> Result<ServerReport, ReportError> {
    let Answer { on, report } = serde_json::from_value(answer).map_err(|e| ReportError::BadAnswer(e.to_string()))?;
    if let Some(all) = &report.all {
        check_figures("all pupils", all)?;
    }
    for (name, section) in [("schools", &report.schools), ("clubs", &report.clubs), ("terms", &report.terms)] {
        for group in &section.shown {
            if section_of(&group.key) != name {
                return Err(ReportError::BadAnswer(format!("{name}: a group of another kind, {:?}", group.key)));
            }
            check_figures(name, &group.figures)?;
        }
        if !section.shown.is_empty() && report.all.is_none() {
            return Err(ReportError::BadAnswer(format!("{name}: groups shown without a total")));
        }
    }
    Ok(ServerReport { on, report })
}

/// The section a group belongs in.
fn section_of(key: &GroupKey) -> &'static str {
    match key {
        GroupKey::School(_) => "schools",
        GroupKey::Club(_) => "clubs",
        GroupKey::Term(_) => "terms",
    }
}

fn check_figures(group: &str, f: &Figures) -> Result<(), ReportError> {
    let bad = |why: &str| Err(ReportError::BadAnswer(format!("{group}: {why}")));
    if f.pupils < MIN_GROUP {
        return bad("fewer pupils than may be shown");
    }
    let means = [f.t_start, f.t_now];
    if means.iter().any(Option::is_some) && f.t_pupils < MIN_GROUP {
        return bad("a mean of fewer pupils than may be shown");
    }
    // T-scores of −2 … +2 with any weights stay well inside 0 … 100.
    if means.iter().flatten().any(|t| !t.is_finite() || !(0.0..=100.0).contains(t)) || f.t_pupils > f.pupils {
        return bad("T-scores out of range");
    }
    let parties: Vec<_> = f.participation.iter().map(|p| p.party).collect();
    if parties != PARTIES || f.participation.iter().any(|p| p.teams_checked_in > p.teams || p.teams > f.pupils) {
        return bad("participation that does not add up");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn figures(pupils: usize, t: Option<f64>, t_pupils: usize) -> Value {
        let party = |p: &str| json!({"party": p, "teams": pupils, "teamsCheckedIn": 1, "checkins": 3});
        json!({
            "pupils": pupils, "goalsProposed": 6, "goalsAgreed": 5, "goalsAchieved": 1,
            "participation": [party("pupil"), party("school"), party("club"), party("family")],
            "tStart": t.map(|t| t - 10.0), "tNow": t, "tPupils": t_pupils
        })
    }

    fn answer() -> Value {
        json!({
            "on": "2026-12-03",
            "all": figures(10, Some(55.0), 9),
            "schools": {"shown": [{"key": {"school": "Skole A"}, "figures": figures(5, None, 4)}], "hidden": 1},
            "clubs": {"shown": [], "hidden": 2},
            "terms": {"shown": [{"key": {"term": {"year": 2025, "season": "autumn"}}, "figures": figures(9, Some(54.0), 8)}], "hidden": 2}
        })
    }

    #[test]
    fn a_report_that_keeps_the_rules_is_read() {
        let read = read_report(answer()).expect("a good report");
        assert_eq!(read.on, Date::parse("2026-12-03").unwrap());
        assert_eq!(read.report.schools.shown[0].key, GroupKey::School("Skole A".into()));
        assert_eq!(read.report.schools.hidden, 1);
        assert_eq!(read.report.all.map(|a| a.t_now), Some(Some(55.0)));
        assert_eq!(report_url("http://pb:8090/"), "http://pb:8090/api/samspil/report");
    }

    #[test]
    fn a_report_that_breaks_them_is_refused_with_a_reason() {
        let broken = [
            ("/schools/shown/0/figures/pupils", json!(4)),
            ("/schools/shown/0/figures/tNow", json!(61.0)),
            ("/all/tNow", json!(1.0e9)),
            ("/all/participation/0/party", json!("leader")),
            ("/all/participation/1/teamsCheckedIn", json!(11)),
            ("/terms/shown/0/key", json!({"school": "Skole A"})),
            ("/on", json!("yesterday")),
            ("/all/pupils", json!("ten")),
            ("/clubs", json!(null)),
        ];
        for (at, value) in broken {
            let mut bad = answer();
            *bad.pointer_mut(at).unwrap() = value;
            assert!(matches!(read_report(bad), Err(ReportError::BadAnswer(_))), "{at}");
        }
        for bad in [json!([]), json!("<html>"), Value::Null, json!({"on": "2026-12-03"})] {
            assert!(matches!(read_report(bad.clone()), Err(ReportError::BadAnswer(_))), "{bad}");
        }
    }
}
