//! The kinds of money figure an article holds: the one that becomes a `capex:` entry (a
//! forward commitment or guidance) and the ones that must not (past spending, estimates,
//! differences, superseded figures, another entity's money, conversions, other money).

use serde::Serialize;

/// What a money figure in an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FigureClass {
    /// Money a company says it will spend or invest over a coming period: a plan, a budget,
    /// guidance, a forecast of its own capital spending.
    Commitment,
    /// Money already spent: last quarter's capex, last year's total.
    Past,
    /// Someone else's estimate of a company's spending: analysts, consensus, research firms.
    Estimate,
    /// A difference or change: "$10 billion more than", "an increase of", "raised by".
    Change,
    /// A forecast the company has since replaced: "versus an earlier outlook of".
    Superseded,
    /// Another entity's money: a joint venture's total, a government's programme, several
    /// companies' sum, a rival's figure quoted for comparison.
    OtherEntity,
    /// The same figure in another currency: "RMB 380 billion (about $53 billion)".
    Conversion,
    /// Money that is not capital spending: revenue, profit, charges, market value, buybacks,
    /// prices, funding rounds, deal values, contracts.
    NonCapex,
    /// A part of a figure given beside it: "of which", "including".
    Part,
    /// One quarter's guidance: tables compare years, so it is reported, not drafted.
    Quarter,
}

impl FigureClass {
    /// Every class, in the order reports list them.
    pub const ALL: [FigureClass; 10] = [
        FigureClass::Commitment,
        FigureClass::Past,
        FigureClass::Estimate,
        FigureClass::Change,
        FigureClass::Superseded,
        FigureClass::OtherEntity,
        FigureClass::Conversion,
        FigureClass::NonCapex,
        FigureClass::Part,
        FigureClass::Quarter,
    ];

    /// The name front matter and reports use (`past`, `other_entity`).
    pub fn name(self) -> &'static str {
        match self {
            FigureClass::Commitment => "commitment",
            FigureClass::Past => "past",
            FigureClass::Estimate => "estimate",
            FigureClass::Change => "change",
            FigureClass::Superseded => "superseded",
            FigureClass::OtherEntity => "other_entity",
            FigureClass::Conversion => "conversion",
            FigureClass::NonCapex => "non_capex",
            FigureClass::Part => "part",
            FigureClass::Quarter => "quarter",
        }
    }

    /// The class called `name` (as [`FigureClass::name`] writes it; case and `-` or space for
    /// `_` do not matter).
    pub fn parse(name: &str) -> Option<FigureClass> {
        let key = name.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        FigureClass::ALL.into_iter().find(|c| c.name() == key)
    }

    /// Why a figure of this class is not drafted, in words for the import report.
    pub fn reason(self) -> &'static str {
        match self {
            FigureClass::Commitment => "a forward commitment",
            FigureClass::Past => "money already spent",
            FigureClass::Estimate => "someone else's estimate",
            FigureClass::Change => "a difference or change, not a total",
            FigureClass::Superseded => "an earlier forecast since replaced",
            FigureClass::OtherEntity => "another entity's money",
            FigureClass::Conversion => "a conversion of the figure beside it",
            FigureClass::NonCapex => "not capital spending",
            FigureClass::Part => "a part of the figure beside it",
            FigureClass::Quarter => "a single quarter's figure",
        }
    }
}

impl std::fmt::Display for FigureClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for c in FigureClass::ALL {
            assert_eq!(FigureClass::parse(c.name()), Some(c));
        }
        assert_eq!(FigureClass::parse("Other entity"), Some(FigureClass::OtherEntity));
        assert_eq!(FigureClass::parse("non-capex"), Some(FigureClass::NonCapex));
        assert_eq!(FigureClass::parse("forecast"), None);
    }
}
