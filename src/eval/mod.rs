//! `newsfacts eval`: scoring the pipeline against annotated corpora (precision, recall, F1 per
//! type), so users can measure it on their own news and the project can guard its accuracy.
//! One module per corpus format; they share the counting in [`Prf`].

use serde::Serialize;
use std::fmt;

pub mod conll;
pub mod entities;
pub mod events;
pub mod m2e2;
pub mod timeml;

/// True positives, predictions and gold items of one metric, with P/R/F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Prf {
    /// Matched predictions.
    pub tp: usize,
    /// Predictions.
    pub pred: usize,
    /// Gold items.
    pub gold: usize,
}

impl Prf {
    /// Precision (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }

    /// Recall (0 when there is no gold item).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }

    /// F1, the harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    /// Adds another count.
    pub fn add(&mut self, other: Prf) {
        self.tp += other.tp;
        self.pred += other.pred;
        self.gold += other.gold;
    }
}

impl fmt::Display for Prf {
    /// `gold pred tp P R F1` as a table row (percentages).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:>6} {:>6} {:>6} {:>7.2} {:>7.2} {:>7.2}",
            self.gold,
            self.pred,
            self.tp,
            100.0 * self.precision(),
            100.0 * self.recall(),
            100.0 * self.f1()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf() {
        let p = Prf {
            tp: 8,
            pred: 10,
            gold: 16,
        };
        assert!((p.precision() - 0.8).abs() < 1e-9 && (p.recall() - 0.5).abs() < 1e-9);
        assert!((p.f1() - 0.615_384_615).abs() < 1e-6);
        assert_eq!(Prf::default().f1(), 0.0);
    }
}
