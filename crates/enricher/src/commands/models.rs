//! `enricher models`: every model and data table compiled into the binary, its source and terms, with a WARNING on research-only and non-commercial ones; `NOTICE` is this output.

use std::fmt::Write as _;

use enricher_nlp::provenance::{EMBEDDED, Embedded};

/// The width the text is wrapped to.
const WIDTH: usize = 78;

/// What comes before the list: the licence of the code and the warning that
/// matters most, so that nobody has to read to the end to learn it.
const PREAMBLE: &str = "\
enricher: models and data compiled into the binary

The code is under the MIT licence (LICENSE). The models and data tables below
are compiled into the binary and keep their own terms. Several default models
were trained on data licensed for research use only or for non-commercial use
(marked WARNING): the default binary may not be used commercially as it is.
To ship it commercially, rebuild those models from data you may use, with the
commands given for each (the models' README, crates/nlp/models/README.md, and
docs/evaluation.md describe the formats), and build the binary again.
Leaving the `entities` and `topics` modules out of `pipeline.modules` stops
using those models, but the binary still carries them.

This file is the output of `enricher models` (regenerate it with
`enricher models > NOTICE`).
";

/// Print the list and exit 0.
pub fn run() {
    print!("{}", render());
}

/// The whole text: the preamble and one block per embedded item.
pub fn render() -> String {
    let mut out = String::from(PREAMBLE);
    for item in EMBEDDED {
        out.push('\n');
        block(&mut out, item);
    }
    out
}

/// One item: its name (and the warning, if any) on the first line, then its fields.
fn block(out: &mut String, item: &Embedded) {
    let _ = writeln!(out, "{}", item.name);
    if let Some(warning) = item.restriction.warning() {
        let _ = writeln!(out, "  {warning}");
    }
    field(out, "For", item.purpose);
    field(out, "Source", item.source);
    field(out, "Terms", item.terms);
    field(out, "Rebuild", item.rebuild);
}

/// `  Label:   text`, wrapped at [`WIDTH`] with the continuation lines indented.
fn field(out: &mut String, label: &str, text: &str) {
    let indent = " ".repeat(11);
    let mut line = format!("  {:<9}", format!("{label}:"));
    let mut empty = true;
    for word in text.split_whitespace() {
        if !empty && line.chars().count() + 1 + word.chars().count() > WIDTH {
            let _ = writeln!(out, "{line}");
            line = indent.clone();
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    let _ = writeln!(out, "{line}");
}
