//! Short forms of person names: "Rutte" or "Mark" joins "Mark Rutte", whether the full name comes before or after.
//!
//! A PERSON form joins the longer PERSON forms whose words contain its words
//! as one run ("Rutte", "Mark" and "Mark Rutte" in "Mark Rutte"; "bin
//! Salman" in "Mohammed bin Salman"). Longer forms are settled first, so by
//! the time "Rutte" is looked at, "Mark Rutte" and "Crown Prince Mark Rutte"
//! are already one entity.
//!
//! When the candidates belong to more than one entity (two Johnsons), the
//! short form is ambiguous and each of its mentions is decided on its own:
//! it joins the candidate whose mention comes last before it, as a reader
//! would take "Johnson said" to mean the Johnson just named; a mention with
//! no candidate before it stays apart, with the other unplaced mentions of
//! the short form.
//!
//! In Polish and Russian, a name that joins nothing as written may be a
//! case of a name the article holds ("Tuska", "Donalda Tuska" of "Donald
//! Tusk"; "Путиным" of "Владимир Путин"): it joins that name by the same
//! rules, and is marked as declined so that it never names the entity
//! (surnames.rs).

use rustc_hash::FxHashMap;

use super::EntityType;
use super::clean::Cleaned;
use super::disjoint::DisjointSets;
use super::forms::Form;
use super::keys::name_key;
use super::surnames;

/// Joins person short forms to their full names in `sets`, and returns,
/// for each mention of an ambiguous short form placed by proximity, the
/// form of the full name it refers to (`None` for every other mention).
/// In a `language` that declines names, a form that joins another as a
/// declined case of it is marked in `declined`.
pub fn join(
    forms: &[Form],
    mentions: &[Cleaned],
    language: Option<&str>,
    sets: &mut DisjointSets,
    declined: &mut [bool],
) -> Vec<Option<usize>> {
    let mut placed = vec![None; mentions.len()];
    let persons: Vec<usize> = (0..forms.len())
        .filter(|&f| forms[f].kind == EntityType::Person)
        .collect();
    let mut by_word: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for &f in &persons {
        if forms[f].tokens.len() < 2 {
            continue;
        }
        for word in &forms[f].tokens {
            let holders = by_word.entry(word.as_str()).or_default();
            if holders.last() != Some(&f) {
                holders.push(f);
            }
        }
    }
    let by_last_word = if surnames::declines(language) {
        last_words(forms, &persons)
    } else {
        FxHashMap::default()
    };
    let mut longest_first = persons;
    longest_first.sort_by_key(|&f| (std::cmp::Reverse(forms[f].tokens.len()), forms[f].first()));
    for short in longest_first {
        let words = &forms[short].tokens;
        let mut candidates: Vec<usize> = words
            .last()
            .and_then(|w| by_word.get(w.as_str()))
            .into_iter()
            .flatten()
            .copied()
            .filter(|&long| {
                forms[long].tokens.len() > words.len() && contains_run(&forms[long].tokens, words)
            })
            .collect();
        if candidates.is_empty() && !by_last_word.is_empty() {
            candidates = declined_of(short, forms, &by_last_word, language);
            declined[short] = !candidates.is_empty();
        }
        let mut roots: Vec<usize> = candidates.iter().map(|&f| sets.find(f)).collect();
        roots.sort_unstable();
        roots.dedup();
        match roots.len() {
            0 => {}
            1 => sets.union(short, candidates[0]),
            _ => place_by_proximity(&forms[short], &candidates, forms, mentions, &mut placed),
        }
    }
    placed
}

/// The person forms by the key of their last written word.
fn last_words(forms: &[Form], persons: &[usize]) -> FxHashMap<String, Vec<usize>> {
    let mut by_last: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for &f in persons {
        if let Some(last) = forms[f].surface.split_whitespace().last() {
            by_last.entry(name_key(last)).or_default().push(f);
        }
    }
    by_last
}

/// The person forms that `short` is a declined case of (surnames.rs): the
/// forms whose last word is one of its last word's nominatives and that it
/// matches word for word from the end.
fn declined_of(
    short: usize,
    forms: &[Form],
    by_last_word: &FxHashMap<String, Vec<usize>>,
    language: Option<&str>,
) -> Vec<usize> {
    let words: Vec<&str> = forms[short].surface.split_whitespace().collect();
    let mut found = Vec::new();
    for key in surnames::last_word_keys(&words, language) {
        for &long in by_last_word.get(&key).into_iter().flatten() {
            let full: Vec<&str> = forms[long].surface.split_whitespace().collect();
            if long != short && surnames::is_declined_form_of(&words, &full, language) {
                found.push(long);
            }
        }
    }
    found
}

/// Whether `words` appear in `name` as one run, in order.
fn contains_run(name: &[String], words: &[String]) -> bool {
    name.windows(words.len()).any(|window| window == words)
}

/// For each mention of the ambiguous `short` form, records in `placed` the
/// candidate whose mention comes last before it, if any.
fn place_by_proximity(
    short: &Form,
    candidates: &[usize],
    forms: &[Form],
    mentions: &[Cleaned],
    placed: &mut [Option<usize>],
) {
    let mut named: Vec<(usize, usize)> = candidates
        .iter()
        .flat_map(|&f| {
            forms[f]
                .mentions
                .iter()
                .map(move |&m| (mentions[m].start, f))
        })
        .collect();
    named.sort_unstable();
    for &m in &short.mentions {
        let before = named.partition_point(|&(start, _)| start < mentions[m].start);
        if let Some(&(_, full)) = before.checked_sub(1).and_then(|i| named.get(i)) {
            placed[m] = Some(full);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn a_run_must_be_whole_words_in_order() {
        let name = words("mohammed bin salman");
        assert!(contains_run(&name, &words("bin salman")));
        assert!(contains_run(&name, &words("salman")));
        assert!(!contains_run(&name, &words("salman bin")));
        assert!(!contains_run(&name, &words("salma")));
    }
}
