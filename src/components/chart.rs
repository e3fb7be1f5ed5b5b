//! The progress picture: each person's ratings over time as an SVG line
//! chart, with the aim line from baseline to target, and the same data as a
//! table. The chart is an image with a text alternative; the table is the
//! accessible view of every point.

use crate::i18n::{plain, use_i18n};
use domain::progress::{Scale, Series};
use domain::{Date, GoalContent, Role};
use leptos::prelude::*;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 280.0;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 16.0;
const BOTTOM: f64 = 36.0;

/// Colour and marker per role, so lines differ by shape as well as colour.
fn style_of(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Pupil => ("var(--series-pupil)", "circle"),
        Role::Teacher => ("var(--series-school)", "square"),
        Role::Coach => ("var(--series-club)", "diamond"),
        Role::Parent => ("var(--series-family)", "triangle"),
        Role::Other | Role::Leader => ("var(--series-other)", "circle"),
    }
}

/// Appends `value` with one decimal: the chart's coordinates, formatted
/// without the float formatter (fast, and small in the wasm).
fn push_coordinate(out: &mut String, value: f64) {
    use std::fmt::Write;
    let tenths = (value * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let tenths = tenths.unsigned_abs();
    let _ = write!(out, "{}.{}", tenths / 10, tenths % 10);
}

/// A coordinate as an attribute's text (an `f64` attribute would be printed
/// with the float formatter, ~10 KB of the wasm).
fn coordinate(value: f64) -> String {
    let mut out = String::new();
    push_coordinate(&mut out, value);
    out
}

/// Appends one marker to an SVG path: a closed shape around (x, y).
fn push_marker(d: &mut String, shape: &str, x: f64, y: f64) {
    let corners: &[(f64, f64)] = match shape {
        "square" => &[(-4.5, -4.5), (4.5, -4.5), (4.5, 4.5), (-4.5, 4.5)],
        "diamond" => &[(0.0, -6.0), (6.0, 0.0), (0.0, 6.0), (-6.0, 0.0)],
        "triangle" => &[(0.0, -6.0), (6.0, 5.0), (-6.0, 5.0)],
        // A circle as two arcs.
        _ => {
            d.push('M');
            push_coordinate(d, x - 5.0);
            d.push(',');
            push_coordinate(d, y);
            d.push_str("a5,5 0 1,0 10,0a5,5 0 1,0 -10,0");
            return;
        }
    };
    for (i, (dx, dy)) in corners.iter().enumerate() {
        d.push(if i == 0 { 'M' } else { 'L' });
        push_coordinate(d, x + dx);
        d.push(',');
        push_coordinate(d, y + dy);
    }
    d.push('Z');
}

/// One path with a marker at every point: a single element per person, not
/// hundreds, so that a new check-in redraws the chart at once.
fn markers(shape: &str, points: impl Iterator<Item = (f64, f64)>) -> String {
    let mut d = String::new();
    for (x, y) in points {
        push_marker(&mut d, shape, x, y);
    }
    d
}

/// The value range shown on the y axis.
fn y_range(scale: Scale, content: &GoalContent, series: &[Series]) -> (f64, f64) {
    match (scale, &content.measure) {
        (Scale::Measure, Some(measure)) => {
            let values = series.iter().flat_map(|s| s.points.iter().map(|p| p.1));
            let (mut low, mut high) = values
                .fold((measure.baseline.min(measure.target), measure.baseline.max(measure.target)), |(lo, hi), v| {
                    (lo.min(v), hi.max(v))
                });
            if high - low < 1e-9 {
                low -= 1.0;
                high += 1.0;
            }
            let pad = (high - low) * 0.08;
            (low - pad, high + pad)
        }
        _ => (-2.0, 2.0),
    }
}

/// Each person's ratings over time.
#[component]
pub fn ProgressChart(
    /// Id prefix for the title and description.
    #[prop(into)]
    id: String,
    /// The goal's wording (for the measure and the aim line).
    content: GoalContent,
    /// GAS levels or measured values.
    scale: Scale,
    /// Ratings per person, pupil first.
    series: Vec<Series>,
    /// Display names per series, in the same order.
    names: Vec<String>,
    /// The first day on the x axis (the goal's start).
    start: Date,
    /// The last day on the x axis (today or the review date, whichever is later).
    end: Date,
) -> impl IntoView {
    let i18n = use_i18n();
    let (low, high) = y_range(scale, &content, &series);
    let span_days = start.days_until(end).max(1) as f64;
    let x_of = move |d: Date| LEFT + (start.days_until(d) as f64 / span_days).clamp(0.0, 1.0) * (WIDTH - LEFT - RIGHT);
    let y_of = move |v: f64| TOP + (1.0 - (v - low) / (high - low)) * (HEIGHT - TOP - BOTTOM);

    let ticks: Vec<f64> = match scale {
        Scale::Gas => vec![-2.0, -1.0, 0.0, 1.0, 2.0],
        Scale::Measure => (0..=4).map(|i| low + (high - low) * f64::from(i) / 4.0).collect(),
    };
    move || {
        let title_id = format!("{id}-title");
        let desc_id = format!("{id}-desc");
        let t = i18n.t();
        let summary = t.chart_summary(&content.title, &names, &series, scale);
        let aim = match (scale, &content.measure) {
            (Scale::Measure, Some(m)) => {
                Some((x_of(start), y_of(m.baseline), x_of(content.review_date), y_of(m.target)))
            }
            _ => None,
        };
        let labelled_by = format!("{title_id} {desc_id}");
        let legend: Vec<(String, Role)> = names.iter().cloned().zip(series.iter().map(|s| s.role)).collect();
        view! {
            <figure class="chart">
                <svg viewBox=format!("0 0 {} {}", coordinate(WIDTH), coordinate(HEIGHT)) role="img" aria-labelledby=labelled_by
                    preserveAspectRatio="xMidYMid meet">
                    <title id=title_id>{plain(&t.chart_title(&content.title))}</title>
                    <desc id=desc_id>{plain(&summary)}</desc>
                    <g class="grid">
                        {ticks.iter().map(|&v| {
                            let y = y_of(v);
                            let label = match scale { Scale::Gas => crate::components::checkin::signed(v as i8), Scale::Measure => format_tick(v) };
                            view! {
                                <line x1=coordinate(LEFT) x2=coordinate(WIDTH - RIGHT) y1=coordinate(y) y2=coordinate(y)/>
                                <text x=coordinate(LEFT - 8.0) y=coordinate(y + 4.0) text-anchor="end">{label}</text>
                            }
                        }).collect_view()}
                        <text x=coordinate(LEFT) y=coordinate(HEIGHT - 10.0)>{i18n.short_date(start)}</text>
                        <text x=coordinate(WIDTH - RIGHT) y=coordinate(HEIGHT - 10.0) text-anchor="end">{i18n.short_date(end)}</text>
                    </g>
                    {aim.map(|(x1, y1, x2, y2)| view! {
                        <line class="aim" x1=coordinate(x1) y1=coordinate(y1) x2=coordinate(x2) y2=coordinate(y2)/>
                    })}
                    {series.iter().map(|s| {
                        let (colour, shape) = style_of(s.role);
                        let mut line = String::new();
                        for &(d, v) in &s.points {
                            if !line.is_empty() {
                                line.push(' ');
                            }
                            push_coordinate(&mut line, x_of(d));
                            line.push(',');
                            push_coordinate(&mut line, y_of(v));
                        }
                        let marks = markers(shape, s.points.iter().map(|&(d, v)| (x_of(d), y_of(v))));
                        view! {
                            <g class="series">
                                <polyline points=line fill="none" stroke=colour stroke-width="2.5"/>
                                <path d=marks fill=colour/>
                            </g>
                        }
                    }).collect_view()}
                </svg>
                <figcaption>
                    <ul class="legend" role="list">
                        {legend.into_iter().map(|(name, role)| {
                            let (colour, shape) = style_of(role);
                            view! {
                                <li>
                                    <svg class="legend-mark" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">
                                        <path d=markers(shape, std::iter::once((8.0, 8.0))) fill=colour/>
                                    </svg>
                                    <bdi>{name}</bdi>" ("{i18n.t().role(role)}")"
                                </li>
                            }
                        }).collect_view()}
                        {aim.map(|_| view! {
                            <li><span class="legend-aim" aria-hidden="true"></span>{move || i18n.t().aim_line}</li>
                        })}
                    </ul>
                </figcaption>
            </figure>
        }
    }
}

fn format_tick(value: f64) -> String {
    if (value - value.round()).abs() < 0.05 {
        (value.round() as i64).to_string()
    } else {
        domain::number::fixed(value, 1)
    }
}

/// The chart's data as a table, one row per check-in.
#[component]
pub fn ProgressTable(
    /// GAS levels or measured values.
    scale: Scale,
    /// Ratings per person.
    series: Vec<Series>,
    /// Display names per series, in the same order.
    names: Vec<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let mut rows: Vec<(Date, String, Role, f64)> = series
        .iter()
        .zip(names.iter())
        .flat_map(|(s, name)| s.points.iter().map(move |&(d, v)| (d, name.clone(), s.role, v)))
        .collect();
    rows.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    move || {
        let t = i18n.t();
        view! {
            <div class="table-wrap">
                <table>
                    <caption class="visually-hidden">{t.progress_table_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.date}</th>
                            <th scope="col">{t.person}</th>
                            <th scope="col">{match scale { Scale::Gas => t.gas_level, Scale::Measure => t.value }}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows.iter().cloned().map(|(d, name, role, v)| view! {
                            <tr>
                                <td>{i18n.date(d)}</td>
                                <td><bdi>{name}</bdi>" ("{t.role(role)}")"</td>
                                <td><span dir="ltr">{match scale {
                                    Scale::Gas => crate::components::checkin::signed(v as i8),
                                    Scale::Measure => domain::validate::format_number(v),
                                }}</span></td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coordinates_have_one_decimal_and_keep_their_sign() {
        assert_eq!(coordinate(0.0), "0.0");
        assert_eq!(coordinate(48.04), "48.0");
        assert_eq!(coordinate(12.35), "12.4");
        assert_eq!(coordinate(-0.5), "-0.5");
        assert_eq!(coordinate(-3.96), "-4.0");
        assert_eq!(coordinate(-0.04), "0.0");
    }

    #[test]
    fn every_point_gets_one_closed_marker_of_the_persons_shape() {
        let points = [(10.0, 20.0), (30.0, 40.5)];
        let square = markers("square", points.into_iter());
        assert_eq!(square, "M5.5,15.5L14.5,15.5L14.5,24.5L5.5,24.5ZM25.5,36.0L34.5,36.0L34.5,45.0L25.5,45.0Z");
        assert_eq!(markers("triangle", points.into_iter()).matches('Z').count(), 2);
        assert_eq!(
            markers("circle", points.into_iter()),
            "M5.0,20.0a5,5 0 1,0 10,0a5,5 0 1,0 -10,0M25.0,40.5a5,5 0 1,0 10,0a5,5 0 1,0 -10,0"
        );
        assert_eq!(markers("diamond", std::iter::empty()), "");
    }
}
