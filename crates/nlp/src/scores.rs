//! What evaluations score with: the harmonic mean of a precision and a recall.

/// The harmonic mean of a precision and a recall (in any unit), 0 when both are 0.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall == 0.0 {
        0.0
    } else {
        2.0 * precision * recall / (precision + recall)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_is_the_harmonic_mean_and_zero_without_either() {
        assert_eq!(f1(0.0, 0.0), 0.0);
        assert!((f1(0.5, 1.0) - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(f1(80.0, 80.0), 80.0);
    }
}
