//! TextRank (Mihalcea and Tarau 2004): PageRank over the graph of content words that occur within two words of each other; a phrase of top-ranked words scores the sum of their ranks.

use super::text_terms::TextTerms;

/// PageRank's damping factor.
const DAMPING: f64 = 0.85;

/// Power iterations: a fixed number keeps the cost linear in the text.
const ITERATIONS: usize = 30;

/// A TextRank value per candidate of `doc`, in its order: higher is better,
/// 0 for a phrase with a word outside the top third of the ranking.
pub fn candidate_scores(doc: &TextTerms<'_>) -> Vec<f64> {
    let ranks = word_ranks(doc);
    let mut content: Vec<f64> = doc
        .terms
        .iter()
        .zip(&ranks)
        .filter(|(t, _)| !t.stop)
        .map(|(_, &r)| r)
        .collect();
    content.sort_by(|a, b| b.total_cmp(a));
    // Mihalcea and Tarau keep the top third of the words as keywords.
    let cutoff = content.get(content.len() / 3).copied().unwrap_or(0.0);
    doc.candidates
        .iter()
        .map(|candidate| {
            let mut sum = 0.0;
            for &term in candidate.terms() {
                if doc.terms.get(term as usize).is_some_and(|t| t.stop) {
                    continue;
                }
                let rank = ranks.get(term as usize).copied().unwrap_or(0.0);
                if rank < cutoff {
                    return 0.0;
                }
                sum += rank;
            }
            sum
        })
        .collect()
}

/// PageRank of every term over the undirected co-occurrence graph of
/// content words (stop words have rank 0).
fn word_ranks(doc: &TextTerms<'_>) -> Vec<f64> {
    let n = doc.terms.len();
    let is_content = |t: u32| doc.terms.get(t as usize).is_some_and(|t| !t.stop);
    // Adjacency in compressed rows: degrees, then offsets, then neighbours.
    let mut degree = vec![0usize; n];
    let edges: Vec<(u32, u32)> = doc
        .neighbours
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && is_content(a) && is_content(b))
        .collect();
    for &(a, b) in &edges {
        for t in [a, b] {
            if let Some(d) = degree.get_mut(t as usize) {
                *d += 1;
            }
        }
    }
    let mut offsets = vec![0usize; n + 1];
    for i in 0..n {
        offsets[i + 1] = offsets[i] + degree[i];
    }
    let mut fill = offsets.clone();
    let mut adjacent = vec![0u32; offsets[n]];
    for &(a, b) in &edges {
        for (from, to) in [(a, b), (b, a)] {
            if let Some(slot) = fill.get_mut(from as usize) {
                if let Some(cell) = adjacent.get_mut(*slot) {
                    *cell = to;
                }
                *slot += 1;
            }
        }
    }
    let mut rank: Vec<f64> = (0..n)
        .map(|i| if is_content(i as u32) { 1.0 } else { 0.0 })
        .collect();
    let mut next = vec![0.0f64; n];
    for _ in 0..ITERATIONS {
        for (i, value) in next.iter_mut().enumerate() {
            if !is_content(i as u32) {
                *value = 0.0;
                continue;
            }
            let incoming: f64 = adjacent[offsets[i]..offsets[i + 1]]
                .iter()
                .map(|&j| rank[j as usize] / degree[j as usize].max(1) as f64)
                .sum();
            *value = (1.0 - DAMPING) + DAMPING * incoming;
        }
        std::mem::swap(&mut rank, &mut next);
    }
    rank
}
