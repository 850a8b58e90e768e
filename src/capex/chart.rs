//! Horizontal SVG bar charts drawn at build time: no script, text escaped, colours from the
//! theme's CSS variables (with plain fills as a fallback), a title and description for
//! screen readers.

use crate::markdown::{escape_html as esc, push_escaped_html as push_esc};
use std::fmt::Write as _;

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Name at the left of the bar.
    pub label: String,
    /// Length, in any unit shared by all bars.
    pub value: f64,
    /// The value as text, at the end of the bar.
    pub value_label: String,
}

const WIDTH: f64 = 600.0;
const LABEL_WIDTH: f64 = 130.0;
/// Rough width of one character of the 14px labels, to leave room for the longest value.
const CHAR_WIDTH: f64 = 7.8;
const ROW: f64 = 30.0;
const BAR: f64 = 18.0;
const MAX_LABEL_CHARS: usize = 18;

fn shorten(s: &str) -> std::borrow::Cow<'_, str> {
    match s.char_indices().nth(MAX_LABEL_CHARS) {
        None => s.into(),
        Some(_) => {
            let cut = s.char_indices().nth(MAX_LABEL_CHARS - 1).map_or(s, |(i, _)| &s[..i]);
            format!("{}…", cut.trim_end()).into()
        }
    }
}

/// A `<figure>` with an inline SVG bar chart. `id` must be unique within the page.
pub fn bar_chart(bars: &[Bar], title: &str, desc: &str, id: &str) -> String {
    let max = bars.iter().map(|b| b.value).filter(|v| v.is_finite()).fold(0.0_f64, f64::max);
    let height = ROW * bars.len() as f64 + 12.0;
    // Bars leave room at their end for the longest value label (Spanish ones are long).
    let longest = bars.iter().map(|b| b.value_label.chars().count()).max().unwrap_or(0) as f64;
    let bar_area = (WIDTH - LABEL_WIDTH - 16.0 - longest * CHAR_WIDTH).max(120.0);
    let id = esc(id);
    let mut s = String::with_capacity(400 + bars.len() * 300);
    s.push_str(&format!(
        "<figure class=\"chart\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar-chart\" viewBox=\"0 0 {WIDTH} {height}\" \
         width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        esc(title),
        esc(desc)
    ));
    for (i, b) in bars.iter().enumerate() {
        let y = 6.0 + ROW * i as f64;
        let len = if max > 0.0 && b.value.is_finite() { (b.value / max * bar_area).max(2.0) } else { 2.0 };
        let text_y = y + BAR / 2.0 + 4.5;
        let x0 = LABEL_WIDTH + 10.0;
        // Written straight into the chart: a company's history has thousands of bars.
        let _ = write!(
            s,
            "<g class=\"bar-row\">\
             <text class=\"bar-label\" x=\"{LABEL_WIDTH}\" y=\"{text_y}\" text-anchor=\"end\" fill=\"#1c1d21\">"
        );
        push_esc(&mut s, &shorten(&b.label));
        let _ = write!(
            s,
            "</text>\
             <rect class=\"bar\" x=\"{x0}\" y=\"{y}\" width=\"{len:.1}\" height=\"{BAR}\" rx=\"2\" fill=\"#0b5cad\"/>\
             <text class=\"bar-value\" x=\"{:.1}\" y=\"{text_y}\" fill=\"#1c1d21\">",
            x0 + len + 6.0
        );
        push_esc(&mut s, &b.value_label);
        s.push_str("</text></g>\n");
    }
    s.push_str("</svg>\n</figure>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_and_text_is_escaped() {
        let bars = [
            Bar { label: "A & <B>".into(), value: 100.0, value_label: "$100".into() },
            Bar { label: "C".into(), value: 50.0, value_label: "$50".into() },
        ];
        let svg = bar_chart(&bars, "T <1>", "D \"2\"", "c1");
        assert!(svg.contains("A &amp; &lt;B&gt;"), "{svg}");
        assert!(svg.contains("<title id=\"c1-title\">T &lt;1&gt;</title>"), "{svg}");
        assert!(svg.contains("aria-labelledby=\"c1-title c1-desc\""));
        // 600 - 130 - 16 - 4 × 7.8 = 422.8 for the longest bar, half that for the other.
        assert!(svg.contains("width=\"422.8\""), "{svg}");
        assert!(svg.contains("width=\"211.4\""), "{svg}");
        assert!(!svg.contains("<script"));
    }
}
