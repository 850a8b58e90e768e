//! SVG charts drawn at build time, with the furniture of a published chart: a title and a
//! subtitle that gives the unit and basis, a value axis with gridlines and tick labels,
//! direct labels, ranges drawn as ranges, a source line and the figures as a table.
//!
//! No chart has a `viewBox`: one SVG unit is one CSS pixel, so text keeps the size the
//! theme's CSS gives it (13 px) at every width, and horizontal positions are percentages of
//! the chart's width. Labels are placed by rules that hold from 288 px of width up (a
//! 320 px screen less the page's padding): a value label sits inside a bar that reaches past
//! 55 % of the width, else after it. Colours come from the theme's CSS classes, with plain
//! fills as a fallback where no stylesheet applies. Text is escaped; no script.

use crate::i18n::format_number;
use crate::markdown::{escape_html as esc, push_escaped_html as push_esc};
use jiff::civil::Date;
use std::fmt::Write as _;

/// What every chart carries besides its marks.
#[derive(Debug, Clone, Default)]
pub struct Furniture {
    /// Unique within the page: the figure's and its parts' ids derive from it.
    pub id: String,
    /// What the chart shows, as a headline.
    pub title: String,
    /// The unit and basis (`US dollars per year, billions; …`).
    pub subtitle: String,
    /// Where the figures come from, and how they were converted.
    pub notes: Vec<String>,
    /// What a screen reader hears instead of the marks: every figure.
    pub description: String,
}

/// How values are written on the axis: in billions or millions of the unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// What one axis unit is worth (10⁹ or 10⁶).
    pub divisor: f64,
    /// The axis's upper end, in axis units.
    pub max: f64,
    /// The distance between ticks, in axis units.
    pub step: f64,
}

impl Scale {
    /// A scale from zero to at least `max` (in currency units) with at most five ticks
    /// after zero at round values.
    pub fn for_max(max: f64) -> Scale {
        let divisor = if max >= 1e9 { 1e9 } else { 1e6 };
        let top = if max.is_finite() && max > 0.0 { max / divisor } else { 1.0 };
        let magnitude = 10f64.powf(top.log10().floor());
        let step = [0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0, 10.0]
            .iter()
            .map(|m| m * magnitude)
            .find(|step| (top / step).ceil() <= 5.0)
            .unwrap_or(magnitude * 10.0);
        Scale { divisor, max: (top / step).ceil().max(1.0) * step, step }
    }

    /// Whether the axis counts billions.
    pub fn in_billions(&self) -> bool {
        self.divisor >= 1e9
    }

    /// `value` (currency units) as a percentage of the axis.
    fn percent(&self, value: f64) -> f64 {
        if self.max <= 0.0 || !value.is_finite() {
            return 0.0;
        }
        (value / self.divisor / self.max * 100.0).clamp(0.0, 100.0)
    }

    /// The tick values, zero first, in axis units.
    fn ticks(&self) -> Vec<f64> {
        let n = (self.max / self.step).round() as usize;
        (0..=n.min(10)).map(|i| i as f64 * self.step).collect()
    }
}

/// A tick label in the page's language: `25`, `2.5`, `2,5`.
fn tick_label(v: f64, lang: &str) -> String {
    let decimals = if v.fract().abs() < 1e-9 { 0 } else { 2 };
    format_number(v, decimals, lang)
}

/// One bar of a bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// The name above the bar.
    pub label: String,
    /// The value (low end of a range), in currency units.
    pub low: f64,
    /// The high end of a range.
    pub high: Option<f64>,
    /// The value as the page writes it, at the bar's end.
    pub value_label: String,
}

/// Longest label drawn in full; longer ones end with an ellipsis (the table has them whole).
const MAX_LABEL_CHARS: usize = 34;

fn shorten(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(MAX_LABEL_CHARS) {
        None => s.into(),
        Some(_) => {
            let cut = s.char_indices().nth(MAX_LABEL_CHARS - 1).map_or(s, |(i, _)| &s[..i]);
            format!("{}…", cut.trim_end()).into()
        }
    }
}

/// Past this share of the width a bar holds its value label inside, when it fits there.
const INSIDE_FROM: f64 = 55.0;

/// The narrowest chart the labels are placed for: a 320 px screen less the page's padding.
const NARROWEST: f64 = 288.0;

/// A generous estimate of a value label's width in pixels at 13 px bold (digits are
/// tabular; letters and signs are about as wide).
fn label_width(text: &str) -> f64 {
    text.chars().count() as f64 * 8.4
}

/// Where a bar's value label goes: inside the solid part, after the bar, or (a range that
/// leaves room for neither) on the name's line at the right. Decided for the narrowest
/// chart, so it holds at every width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelPlace {
    Inside,
    After,
    NameLine,
}

fn label_place(low: f64, end: f64, label: &str) -> LabelPlace {
    let w = label_width(label);
    let inside = low / 100.0 * NARROWEST >= w + 12.0;
    let after = end / 100.0 * NARROWEST + 6.0 + w <= NARROWEST;
    match (inside, after) {
        (true, _) if low >= INSIDE_FROM => LabelPlace::Inside,
        (_, true) => LabelPlace::After,
        (true, false) => LabelPlace::Inside,
        (false, false) => LabelPlace::NameLine,
    }
}

/// `<svg …>` with the accessible name and description of `f`.
fn open_svg(s: &mut String, f: &Furniture, class: &str, height: f64) {
    let id = esc(&f.id);
    let _ = write!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg {class}\" width=\"100%\" height=\"{height}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n<title id=\"{id}-title\">"
    );
    push_esc(s, &f.title);
    s.push_str("</title>\n<desc id=\"");
    s.push_str(&id);
    s.push_str("-desc\">");
    push_esc(s, &f.description);
    s.push_str("</desc>\n");
}

/// The figure around a chart's SVG: title and subtitle above, notes and the data table
/// (when given) below.
fn figure(f: &Furniture, class: &str, svg: &str, legend: &str, data_table: Option<&str>) -> String {
    let mut s = String::with_capacity(svg.len() + 600);
    let _ = write!(s, "<figure class=\"chart {class}\" id=\"{}\">\n<figcaption>", esc(&f.id));
    s.push_str("<span class=\"chart-title\">");
    push_esc(&mut s, &f.title);
    s.push_str("</span>");
    if !f.subtitle.is_empty() {
        s.push_str("<span class=\"chart-subtitle\">");
        push_esc(&mut s, &f.subtitle);
        s.push_str("</span>");
    }
    s.push_str("</figcaption>\n");
    s.push_str(legend);
    s.push_str(svg);
    for n in &f.notes {
        s.push_str("<p class=\"chart-note\">");
        push_esc(&mut s, n);
        s.push_str("</p>\n");
    }
    if let Some(table) = data_table {
        s.push_str(table);
    }
    s.push_str("</figure>\n");
    s
}

/// Vertical gridlines and tick labels of a horizontal value axis across `0..height`.
fn value_axis_top(s: &mut String, scale: &Scale, top: f64, bottom: f64, lang: &str) {
    let ticks = scale.ticks();
    s.push_str("<g class=\"axis\" aria-hidden=\"true\">");
    for (i, v) in ticks.iter().enumerate() {
        let x = v / scale.max * 100.0;
        let anchor = if i == 0 {
            "start"
        } else if i + 1 == ticks.len() {
            "end"
        } else {
            "middle"
        };
        let class = if i == 0 { "grid zero" } else { "grid" };
        let _ = write!(
            s,
            "<line class=\"{class}\" x1=\"{x:.2}%\" x2=\"{x:.2}%\" y1=\"{top}\" y2=\"{bottom}\" stroke=\"#d9dce3\"/>\
             <text class=\"tick\" x=\"{x:.2}%\" y=\"{}\" text-anchor=\"{anchor}\" fill=\"#5d6270\">{}</text>",
            top - 5.0,
            tick_label(*v, lang)
        );
    }
    s.push_str("</g>\n");
}

/// Horizontal bars, one per row, each with its name above and its value at its end; a
/// range is a solid bar to its low end and a lighter one on to its high end.
pub fn bar_chart(bars: &[Bar], f: &Furniture, lang: &str) -> String {
    const AXIS: f64 = 22.0;
    const ROW: f64 = 42.0;
    const BAR: f64 = 16.0;
    let max = bars.iter().map(|b| b.high.unwrap_or(b.low)).filter(|v| v.is_finite()).fold(0.0_f64, f64::max);
    let scale = Scale::for_max(max);
    let height = AXIS + ROW * bars.len() as f64 + 2.0;
    let mut s = String::with_capacity(600 + bars.len() * 420);
    open_svg(&mut s, f, "bar-chart", height);
    value_axis_top(&mut s, &scale, AXIS, height - 2.0, lang);
    for (i, b) in bars.iter().enumerate() {
        let y = AXIS + ROW * i as f64;
        let low = scale.percent(b.low);
        let high = b.high.map(|h| scale.percent(h)).filter(|h| *h > low);
        let end = high.unwrap_or(low);
        let bar_y = y + 20.0;
        let text_y = bar_y + BAR / 2.0 + 4.5;
        // Written straight into the chart: a chart may have hundreds of bars.
        let _ =
            write!(s, "<g class=\"row\"><text class=\"label\" x=\"0\" y=\"{}\" fill=\"#1c1d21\">", y + 14.0);
        push_esc(&mut s, &shorten(&b.label));
        s.push_str("</text>");
        let _ = write!(
            s,
            "<rect class=\"bar\" x=\"0\" y=\"{bar_y}\" width=\"{:.2}%\" height=\"{BAR}\" fill=\"#0b5cad\"/>",
            low.max(0.3)
        );
        if let Some(h) = high {
            let _ = write!(
                s,
                "<rect class=\"bar-range\" x=\"{low:.2}%\" y=\"{bar_y}\" width=\"{:.2}%\" height=\"{BAR}\" fill=\"#9fbde0\"/>",
                h - low
            );
        }
        let (x, anchor, class, y, dx) = match label_place(low, end, &b.value_label) {
            LabelPlace::Inside => (format!("{low:.2}%"), "end", "value inside", text_y, -6.0),
            LabelPlace::After => (format!("{end:.2}%"), "start", "value", text_y, 6.0),
            LabelPlace::NameLine => ("100%".to_string(), "end", "value", y + 14.0, 0.0),
        };
        let fill = if class == "value inside" { "#ffffff" } else { "#1c1d21" };
        let _ = write!(
            s,
            "<text class=\"{class}\" x=\"{x}\" dx=\"{dx}\" y=\"{y}\" text-anchor=\"{anchor}\" fill=\"{fill}\">"
        );
        push_esc(&mut s, &b.value_label);
        s.push_str("</text></g>\n");
    }
    s.push_str("</svg>\n");
    figure(f, "chart-bars", &s, "", None)
}

/// What a point on a time chart is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PointState {
    /// A commitment in force.
    Standing,
    /// The company's current commitment, the one `/compare/` shows.
    Current,
    /// Revised by a later commitment.
    Superseded,
}

/// One commitment on a time chart.
#[derive(Debug, Clone, PartialEq)]
pub struct TimePoint {
    /// When it was announced.
    pub date: Date,
    /// Its value (low end of a range), in currency units.
    pub low: f64,
    /// The high end of a range.
    pub high: Option<f64>,
    /// The value as the page writes it.
    pub value_label: String,
    /// What it is.
    pub state: PointState,
    /// The earlier point (index) this one revises.
    pub revises: Option<usize>,
}

/// Month abbreviations for time axes.
fn month_short(m: i8, lang: &str) -> &'static str {
    const EN: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const ES: [&str; 12] =
        ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"];
    let i = usize::try_from(m - 1).unwrap_or(0).min(11);
    if lang == "es" {
        ES[i]
    } else {
        EN[i]
    }
}

/// Days since 1970 of `d`, for positions on a time axis.
fn day_number(d: Date) -> f64 {
    d.since(Date::constant(1970, 1, 1)).map_or(0.0, |span| f64::from(span.get_days()))
}

/// Where the plot of a time chart starts and ends, in percent of the width: the left
/// gutter holds the value axis's labels.
const PLOT_LEFT: f64 = 14.0;
const PLOT_RIGHT: f64 = 96.0;

/// Labels a time chart writes at most next to its points.
const MAX_POINT_LABELS: usize = 6;

/// Commitments on a real time axis (announcement date) against their value: a dot for each,
/// a vertical bar for a range, a dashed line from a figure to the one that revised it,
/// superseded figures hollow, the current one labelled first.
pub fn time_chart(points: &[TimePoint], f: &Furniture, lang: &str) -> String {
    const TOP: f64 = 10.0;
    const PLOT: f64 = 200.0;
    const AXIS: f64 = 26.0;
    let height = TOP + PLOT + AXIS;
    let max =
        points.iter().map(|p| p.high.unwrap_or(p.low)).filter(|v| v.is_finite()).fold(0.0_f64, f64::max);
    let scale = Scale::for_max(max);
    let y_of = |v: f64| TOP + PLOT - scale.percent(v) / 100.0 * PLOT;
    let days: Vec<f64> = points.iter().map(|p| day_number(p.date)).collect();
    let (first, last) = days.iter().fold((f64::MAX, f64::MIN), |(a, b), &d| (a.min(d), b.max(d)));
    // At least a year shown; a little room on both sides.
    let (mut d0, mut d1) = if points.is_empty() { (0.0, 365.0) } else { (first, last) };
    if d1 - d0 < 365.0 {
        let mid = (d0 + d1) / 2.0;
        (d0, d1) = (mid - 182.5, mid + 182.5);
    }
    let pad = (d1 - d0) * 0.04;
    (d0, d1) = (d0 - pad, d1 + pad);
    let x_of = |day: f64| PLOT_LEFT + (day - d0) / (d1 - d0) * (PLOT_RIGHT - PLOT_LEFT);
    let mut s = String::with_capacity(1200 + points.len() * 260);
    open_svg(&mut s, f, "time-chart", height);
    // Value axis: gridlines across the plot, labels on them at the left.
    s.push_str("<g class=\"axis\" aria-hidden=\"true\">");
    for v in scale.ticks() {
        let y = y_of(v * scale.divisor);
        let class = if v == 0.0 { "grid zero" } else { "grid" };
        let _ = write!(
            s,
            "<line class=\"{class}\" x1=\"0\" x2=\"100%\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#d9dce3\"/>\
             <text class=\"tick\" x=\"0\" y=\"{:.1}\" fill=\"#5d6270\">{}</text>",
            y - 4.0,
            tick_label(v, lang)
        );
    }
    // Time axis: years, and quarters when the span is short.
    let base = TOP + PLOT;
    let from = Date::constant(1970, 1, 1).checked_add(jiff::Span::new().days(d0 as i64)).ok();
    let to = Date::constant(1970, 1, 1).checked_add(jiff::Span::new().days(d1 as i64)).ok();
    if let (Some(from), Some(to)) = (from, to) {
        let years = i32::from(to.year()) - i32::from(from.year());
        let months: &[i8] = if years <= 1 { &[1, 4, 7, 10] } else { &[1] };
        let every = (years / 7 + 1).max(1);
        for year in from.year()..=to.year() {
            for &m in months {
                let Ok(tick) = Date::new(year, m, 1) else { continue };
                let day = day_number(tick);
                if day < d0 || day > d1 {
                    continue;
                }
                if m == 1 && (i32::from(year) - i32::from(from.year())) % every != 0 {
                    continue;
                }
                let x = x_of(day);
                let text = if m == 1 { year.to_string() } else { month_short(m, lang).to_string() };
                let _ = write!(
                    s,
                    "<line class=\"tick-mark\" x1=\"{x:.2}%\" x2=\"{x:.2}%\" y1=\"{base}\" y2=\"{}\" stroke=\"#5d6270\"/>\
                     <text class=\"tick\" x=\"{x:.2}%\" y=\"{}\" text-anchor=\"middle\" fill=\"#5d6270\">{text}</text>",
                    base + 5.0,
                    base + 19.0
                );
            }
        }
    }
    s.push_str("</g>\n");
    // Revisions first, under the points.
    for (i, p) in points.iter().enumerate() {
        let Some(j) = p.revises.filter(|&j| j < points.len() && j != i) else { continue };
        let q = &points[j];
        let mid = |p: &TimePoint| y_of(p.high.map_or(p.low, |h| (p.low + h) / 2.0));
        let _ = write!(
            s,
            "<line class=\"revision\" x1=\"{:.2}%\" y1=\"{:.1}\" x2=\"{:.2}%\" y2=\"{:.1}\" stroke=\"#5d6270\" stroke-dasharray=\"3 3\"/>",
            x_of(days[j]),
            mid(q),
            x_of(days[i]),
            mid(p)
        );
    }
    let r = if points.len() > 60 { 3.0 } else { 4.5 };
    for (p, &day) in points.iter().zip(&days) {
        let x = x_of(day);
        let class = match p.state {
            PointState::Current => "point current",
            PointState::Superseded => "point superseded",
            PointState::Standing => "point",
        };
        s.push_str("<g class=\"");
        s.push_str(class);
        s.push_str("\">");
        if let Some(h) = p.high.filter(|h| *h > p.low) {
            let _ = write!(
                s,
                "<line class=\"range\" x1=\"{x:.2}%\" x2=\"{x:.2}%\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#0b5cad\" stroke-width=\"{}\" stroke-linecap=\"round\"/>",
                y_of(p.low),
                y_of(h),
                r * 1.6
            );
        }
        let cy = y_of(p.high.map_or(p.low, |h| (p.low + h) / 2.0));
        let _ = writeln!(
            s,
            "<circle cx=\"{x:.2}%\" cy=\"{cy:.1}\" r=\"{r}\" fill=\"#0b5cad\" stroke=\"#0b5cad\"/></g>"
        );
    }
    // Labels: the current figure first, then the latest; none that would overlap another.
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by_key(|&i| (points[i].state != PointState::Current, std::cmp::Reverse(i)));
    let mut placed: Vec<(f64, f64)> = Vec::new();
    for i in order {
        if placed.len() >= MAX_POINT_LABELS {
            break;
        }
        let p = &points[i];
        let (x, y) = (x_of(days[i]), y_of(p.high.map_or(p.low, |h| (p.low + h) / 2.0)) + 4.5);
        // Two labels meet only when close in both directions: half the width apart is
        // room for the longest label at 288 px.
        if placed.iter().any(|&(px, py)| (px - x).abs() < 50.0 && (py - y).abs() < 15.0) {
            continue;
        }
        // To the right of the point where it fits at the narrowest width, else to its left.
        let w = label_width(&p.value_label);
        let (anchor, dx) = if x / 100.0 * NARROWEST + 9.0 + w <= NARROWEST {
            ("start", 9.0)
        } else if x / 100.0 * NARROWEST - 9.0 - w >= 0.0 {
            ("end", -9.0)
        } else {
            continue;
        };
        placed.push((x, y));
        let class = if p.state == PointState::Current { "value current" } else { "value" };
        let _ = write!(
            s,
            "<text class=\"{class}\" x=\"{x:.2}%\" dx=\"{dx}\" y=\"{y:.1}\" text-anchor=\"{anchor}\" fill=\"#1c1d21\">"
        );
        push_esc(&mut s, &p.value_label);
        s.push_str("</text>\n");
    }
    s.push_str("</svg>\n");
    figure(f, "chart-time", &s, "", None)
}

/// One company's part of a chart by year.
#[derive(Debug, Clone, PartialEq)]
pub struct YearSeries {
    /// The company.
    pub name: String,
    /// Its value in each year of the chart, in currency units.
    pub values: Vec<f64>,
}

/// Colours a chart by year gives its series before grouping the rest as one.
pub const SERIES_COLOURS: usize = 6;

/// Light-theme fills of the series, for pages without the theme's stylesheet.
const FALLBACK_FILLS: [&str; SERIES_COLOURS + 1] =
    ["#0b5cad", "#b3541e", "#2e7d32", "#7b3fa0", "#a3285b", "#00796b", "#6b7280"];

/// Stacked columns, one per calendar year, one segment per series (the last, when there
/// are more series than colours, is everyone else), the total above each column, a legend
/// above the chart and the figures as a table below. `years` label the columns; `total`
/// writes a total; `table` is the data table (HTML).
pub fn year_chart(
    years: &[i32],
    series: &[YearSeries],
    f: &Furniture,
    lang: &str,
    total: impl Fn(f64) -> String,
    table: &str,
) -> String {
    const TOP: f64 = 22.0;
    const AXIS: f64 = 24.0;
    let plot = if years.len() > 4 { 220.0 } else { 180.0 };
    let height = TOP + plot + AXIS;
    let totals: Vec<f64> = (0..years.len())
        .map(|y| series.iter().map(|s| s.values.get(y).copied().unwrap_or(0.0)).sum())
        .collect();
    let scale = Scale::for_max(totals.iter().copied().fold(0.0, f64::max));
    let y_of = |v: f64| TOP + plot - scale.percent(v) / 100.0 * plot;
    let mut s = String::with_capacity(2000 + years.len() * series.len() * 160);
    open_svg(&mut s, f, "year-chart", height);
    s.push_str("<g class=\"axis\" aria-hidden=\"true\">");
    for v in scale.ticks() {
        let y = y_of(v * scale.divisor);
        let class = if v == 0.0 { "grid zero" } else { "grid" };
        let _ = write!(
            s,
            "<line class=\"{class}\" x1=\"0\" x2=\"100%\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#d9dce3\"/>\
             <text class=\"tick\" x=\"0\" y=\"{:.1}\" fill=\"#5d6270\">{}</text>",
            y - 4.0,
            tick_label(v, lang)
        );
    }
    s.push_str("</g>\n");
    let n = years.len().max(1) as f64;
    let slot = (PLOT_RIGHT + 4.0 - PLOT_LEFT) / n;
    for (yi, year) in years.iter().enumerate() {
        let x = PLOT_LEFT + slot * yi as f64 + slot * 0.18;
        let width = slot * 0.64;
        let mut base = 0.0;
        s.push_str("<g class=\"column\">");
        for (si, serie) in series.iter().enumerate() {
            let v = serie.values.get(yi).copied().unwrap_or(0.0);
            if v <= 0.0 {
                continue;
            }
            let (y1, y0) = (y_of(base + v), y_of(base));
            base += v;
            let colour = si.min(SERIES_COLOURS);
            let _ = write!(
                s,
                "<rect class=\"seg s{colour}\" x=\"{x:.2}%\" y=\"{y1:.1}\" width=\"{width:.2}%\" height=\"{:.1}\" fill=\"{}\"/>",
                (y0 - y1).max(0.5),
                FALLBACK_FILLS[colour]
            );
        }
        let cx = x + width / 2.0;
        if totals[yi] > 0.0 {
            let _ = write!(
                s,
                "<text class=\"value total\" x=\"{cx:.2}%\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"#1c1d21\">",
                y_of(totals[yi]) - 5.0
            );
            push_esc(&mut s, &total(totals[yi]));
            s.push_str("</text>");
        }
        let _ = writeln!(
            s,
            "<text class=\"tick year\" x=\"{cx:.2}%\" y=\"{}\" text-anchor=\"middle\" fill=\"#5d6270\">{year}</text></g>",
            TOP + plot + 17.0
        );
    }
    s.push_str("</svg>\n");
    let mut legend = String::from("<ul class=\"chart-legend\" aria-hidden=\"true\">");
    for (si, serie) in series.iter().enumerate() {
        let _ = write!(legend, "<li><span class=\"key s{}\"></span>", si.min(SERIES_COLOURS));
        push_esc(&mut legend, &serie.name);
        legend.push_str("</li>");
    }
    legend.push_str("</ul>\n");
    figure(f, "chart-years", &s, &legend, Some(table))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn furniture() -> Furniture {
        Furniture {
            id: "c1".into(),
            title: "T <1>".into(),
            subtitle: "US dollars per year, billions".into(),
            notes: vec!["Source: briefings".into()],
            description: "D \"2\"".into(),
        }
    }

    #[test]
    fn scales_are_round_and_hold_the_largest_value() {
        let s = Scale::for_max(125e9);
        assert_eq!((s.divisor, s.max, s.step), (1e9, 125.0, 25.0));
        assert_eq!(s.ticks(), [0.0, 25.0, 50.0, 75.0, 100.0, 125.0]);
        assert_eq!(Scale::for_max(130e9).max, 150.0);
        let s = Scale::for_max(17.7e9);
        assert_eq!((s.max, s.step), (20.0, 5.0));
        let s = Scale::for_max(850e6);
        assert_eq!((s.divisor, s.max, s.step), (1e6, 1000.0, 200.0));
        let s = Scale::for_max(100e9);
        assert_eq!((s.max, s.step), (100.0, 20.0));
        assert!(Scale::for_max(0.0).max > 0.0);
    }

    #[test]
    fn bars_scale_to_the_axis_with_text_escaped_and_no_viewbox() {
        let bars = [
            Bar { label: "A & <B>".into(), low: 120e9, high: None, value_label: "$120bn".into() },
            Bar { label: "C".into(), low: 60e9, high: Some(65e9), value_label: "$60–65bn".into() },
            Bar { label: "D".into(), low: 20e9, high: None, value_label: "$20bn".into() },
        ];
        let svg = bar_chart(&bars, &furniture(), "en");
        assert!(svg.contains("A &amp; &lt;B&gt;"), "{svg}");
        assert!(svg.contains("<title id=\"c1-title\">T &lt;1&gt;</title>"), "{svg}");
        assert!(svg.contains("aria-labelledby=\"c1-title c1-desc\""));
        assert!(svg.contains("<span class=\"chart-subtitle\">US dollars per year, billions</span>"));
        assert!(!svg.contains("viewBox"), "text stays in CSS pixels");
        // 120 of an axis to 125: 96 %, its label inside; 60–65: a range, its label after it.
        assert!(svg.contains("width=\"96.00%\""), "{svg}");
        assert!(svg.contains("class=\"value inside\" x=\"96.00%\" dx=\"-6\""), "{svg}");
        assert!(svg.contains("<rect class=\"bar-range\" x=\"48.00%\""), "{svg}");
        assert!(svg.contains("class=\"value\" x=\"52.00%\" dx=\"6\""), "{svg}");
        for tick in [">0<", ">25<", ">100<", ">125<"] {
            assert!(svg.contains(tick), "tick {tick}: {svg}");
        }
        assert!(!svg.contains("<script"));
    }

    #[test]
    fn a_range_with_room_neither_inside_nor_after_writes_its_value_on_the_name_line() {
        let bars = [
            Bar { label: "A".into(), low: 10e9, high: Some(90e9), value_label: "$10–90bn".into() },
            Bar { label: "B".into(), low: 100e9, high: None, value_label: "$100bn".into() },
        ];
        let svg = bar_chart(&bars, &furniture(), "en");
        assert!(svg.contains("class=\"value\" x=\"100%\" dx=\"0\" y=\"36\" text-anchor=\"end\""), "{svg}");
        // A range whose solid part holds the label at 288 px keeps it there.
        let bars = [
            Bar { label: "A".into(), low: 40e9, high: Some(90e9), value_label: "$40–90bn".into() },
            bars[1].clone(),
        ];
        let svg = bar_chart(&bars, &furniture(), "en");
        assert!(svg.contains("class=\"value inside\" x=\"40.00%\" dx=\"-6\""), "{svg}");
    }

    #[test]
    fn a_time_chart_places_points_by_date_and_links_revisions() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        let points = [
            TimePoint {
                date: d("2025-02-04"),
                low: 75e9,
                high: None,
                value_label: "$75bn".into(),
                state: PointState::Superseded,
                revises: None,
            },
            TimePoint {
                date: d("2025-07-23"),
                low: 85e9,
                high: None,
                value_label: "$85bn".into(),
                state: PointState::Superseded,
                revises: Some(0),
            },
            TimePoint {
                date: d("2025-10-29"),
                low: 91e9,
                high: Some(93e9),
                value_label: "$91–93bn".into(),
                state: PointState::Current,
                revises: Some(1),
            },
        ];
        let svg = time_chart(&points, &furniture(), "en");
        assert_eq!(svg.matches("<circle").count(), 3);
        assert_eq!(svg.matches("class=\"revision\"").count(), 2);
        assert_eq!(svg.matches("class=\"range\"").count(), 1);
        assert!(svg.contains("point current") && svg.contains("point superseded"));
        assert!(svg.contains(">$91–93bn<") && svg.contains(">Jul<"), "{svg}");
        // Nine months are widened to a year around their middle, plus 4 % on each side:
        // 4 February is 63.6 of its 394.2 days in, 14 % + 16.13 % of the plot's 82 %.
        assert!(svg.contains("cx=\"27.23%\""), "{svg}");
        assert!(!svg.contains("viewBox"));
    }

    #[test]
    fn a_year_chart_stacks_series_and_totals_each_year() {
        let series = [
            YearSeries { name: "A".into(), values: vec![100e9, 50e9] },
            YearSeries { name: "B".into(), values: vec![50e9, 0.0] },
        ];
        let svg = year_chart(
            &[2025, 2026],
            &series,
            &furniture(),
            "en",
            |v| format!("{}", v / 1e9),
            "<table></table>",
        );
        assert_eq!(svg.matches("<rect class=\"seg").count(), 3, "{svg}");
        assert!(svg.contains(">150<") && svg.contains(">2026<"), "{svg}");
        assert!(svg.contains("<ul class=\"chart-legend\""));
        assert!(svg.contains("<table></table>"));
    }
}
