//! The long help of every subcommand: examples and exit codes (`mgi CMD --help`; `-h`
//! gives the short form). The man pages (`mgi man DIR`) carry the same texts.

/// The version line: mgi's version and the bundled frameworks.
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (bundled frameworks: ",
    env!("MGI_BUNDLED_FRAMEWORKS"),
    ")"
);

/// `mgi --help`.
pub const MAIN: &str = "Examples:
  mgi template --framework micic --lang fr -o XAB-2026.xlsx --unit XAB --period 2026
  mgi validate XAB-2026.xlsx
  mgi score XAB-2026.xlsx                      # reports/XAB-2026-micic-gap-report.xlsx
  mgi compare inputs/ --group-by region -o comparison.xlsx
  mgi rules export mgi my-rules && mgi --rules my-rules rules check
  mgi explain W020                             # what a diagnostic code means

Exit codes:
  0  success
  1  the run completed but some input had errors (or warnings under --strict)
  2  nothing could be done: bad arguments, invalid rules, the only input missing or unreadable

Errors go to stderr, results to stdout or the output file.";

macro_rules! with_exit {
    ($examples:literal) => {
        concat!(
            "Examples:\n",
            $examples,
            "\n\nExit codes:\n  0  success\n  1  the run completed but some input had errors (or warnings under --strict)\n  2  nothing could be done: bad arguments, invalid rules, the only input missing or unreadable"
        )
    };
}

/// `mgi template --help`.
pub const TEMPLATE: &str = with_exit!(
    "  mgi template -o XAA-2026.xlsx                          # the default framework (micic), in English
  mgi template --framework mgi --lang es -o XAA.xlsx --unit XAA --unit-name Xanadu --period 2026
  mgi --rules my-rules template --framework tiny -o tiny.xlsx
  mgi template --unit XAB --period 2026 --split-by stakeholder -o parts/   # one part per lead body
  mgi template --unit XAB --period 2026 --assign bodies.csv -o parts/      # lines of id,body
  mgi template --only PD,RS_7 --contributor \"Ministry of Labour\" -o labour.xlsx"
);

/// `mgi merge --help`.
pub const MERGE: &str = with_exit!(
    "  mgi merge parts/*.xlsx -o XAB-2026.xlsx             # conflicts left unanswered (exit 1)
  mgi merge parts/*.xlsx -o XAB-2026.xlsx --prefer latest
  mgi merge a.xlsx b.xlsx -o XAB-2026.xlsx --prefer b.xlsx --format json"
);

/// `mgi status --help`.
pub const STATUS: &str = with_exit!(
    "  mgi status parts/                  # answered share per contributor and area
  mgi status XAB-2026.xlsx --format json"
);

/// `mgi validate --help`.
pub const VALIDATE: &str = with_exit!(
    "  mgi validate XAA-2026.xlsx                 # every problem, with its sheet and cell
  mgi validate inputs/ --format json > problems.json
  mgi --strict validate XAA-2026.xlsx        # warnings count as errors for the exit code"
);

/// `mgi score --help`.
pub const SCORE: &str = with_exit!(
    "  mgi score XAA-2026.xlsx                    # reports/XAA-2026-micic-gap-report.xlsx
  mgi score XAA-2026.xlsx --format json > XAA.json
  mgi score inputs/ --format csv -o scores.csv
  mgi --lang fr score XAA-2026.xlsx -o rapport.xlsx"
);

/// `mgi compare --help`.
pub const COMPARE: &str = with_exit!(
    "  mgi compare inputs/ -o comparison.xlsx
  mgi compare inputs/ --group-by region --rank
  mgi compare inputs/ --groups groups.csv --group-by income_group --format json
  mgi compare inputs/ --uncertainty 1000 --seed 7 --rank -o robustness.xlsx
  mgi compare inputs/ --view sdg-10-7-2 -o through-sdg.xlsx   # indicative, through a crosswalk"
);

/// `mgi progress --help`.
pub const PROGRESS: &str = with_exit!(
    "  mgi progress XAA-2024.xlsx XAA-2026.xlsx            # reports/..., gaps closed and opened
  mgi progress XAA-2024.xlsx XAA-2026.xlsx --format json"
);

/// `mgi crosswalk --help`.
pub const CROSSWALK: &str = with_exit!(
    "  mgi crosswalk XAA-2026-mgi.xlsx --to sdg-10-7-2      # reports/XAA-2026-mgi-to-sdg-10-7-2-view.xlsx
  mgi crosswalk XAA-2026-mgi.xlsx --to gcm --format json > XAA-gcm.json   # mgi.crosswalk/1
  mgi crosswalk XAA-2026-micic.xlsx --to mgi
  mgi crosswalk inputs/ --to gcm --format csv -o views.csv
  mgi rules show mgi--sdg-10-7-2                       # the mapping: every pair and why

A view is indicative: derived from another framework's assessment through a mapping
file, never an official return. Target items no source covers are unmapped (missing,
never 0) and lower the coverage."
);

/// `mgi rules --help`.
pub const RULES: &str = with_exit!(
    "  mgi rules list
  mgi rules check my-rules
  mgi rules show mgi --format toml > mgi.toml
  mgi rules show mgi--gcm                  # a crosswalk: its pairs and coverage
  mgi rules export mgi my-rules && mgi --rules my-rules score XAA.xlsx
  mgi rules new tiny my-rules --languages en,fr
  mgi rules diff mgi my-rules"
);

/// `mgi rules list --help`.
pub const RULES_LIST: &str = with_exit!(
    "  mgi rules list
  mgi --rules my-rules rules list --format json      # mgi.rules-list/1"
);

/// `mgi rules check --help`.
pub const RULES_CHECK: &str = "Examples:
  mgi rules check                      # the rules in use (bundled, or --rules DIR)
  mgi rules check my-rules --format json
  mgi --strict rules check my-rules    # warnings (untranslated texts...) count too

A missing include or a file with a syntax error is reported first; the errors that only
follow from it are summarised in one line (R030). Run `mgi explain CODE` for any code.

Exit codes:
  0  no error (warnings allowed, unless --strict)
  1  warnings under --strict
  2  errors, or the folder missing or empty";

/// `mgi rules show --help`.
pub const RULES_SHOW: &str = with_exit!(
    "  mgi rules show micic                      # every section, in the framework's first language
  mgi --lang fr rules show micic
  mgi rules show sdg-10-7-2 --format json   # mgi.framework/1
  mgi rules show mgi --format toml          # its files (and includes) as one TOML document
  mgi rules show micic--mgi --format json   # a crosswalk: mgi.mapping/1"
);

/// `mgi rules export --help`.
pub const RULES_EXPORT: &str = "Examples:
  mgi rules export mgi my-rules       # my-rules/mgi/*.toml and the micic files it includes
  mgi rules export all my-rules --force
  mgi --rules my-rules score XAA.xlsx --format json   # the same bytes as the bundled run

The files are written exactly as embedded, at the same relative paths, so DIR is a valid
rules folder with the same content hashes. Nothing is overwritten without --force.

Exit codes:
  0  written
  2  unknown framework, a file exists (without --force), or a file could not be written";

/// `mgi rules new --help`.
pub const RULES_NEW: &str = "Examples:
  mgi rules new tiny my-rules --languages en,fr
  mgi rules check my-rules && mgi --rules my-rules template --framework tiny -o tiny.xlsx

Writes DIR/ID/framework.toml: the README's worked example (two areas, a scale, a context
question, a catalogue entry, bands), commented, with its texts in the languages given
(English, French and Spanish texts are ours; another language gets the English text to
translate). With one language, texts are plain strings.

Exit codes:
  0  written
  2  an id or language of the wrong form, the file exists (without --force), or it could not be written";

/// `mgi rules diff --help`.
pub const RULES_DIFF: &str = "Examples:
  mgi rules diff mgi my-rules                 # the bundled mgi against an edited copy
  mgi rules diff old-rules/ new-rules/ --format json    # mgi.rules-diff/1
  mgi rules diff my-rules/tiny other/tiny

Each side is a rules folder, a framework folder, or the id of a framework of the rules in
use. Lists indicators and nodes added, removed, moved, re-weighted and rescaled, scales and
bands changed, and every indicator whose effective weight changes.

Exit codes:
  0  the frameworks are the same
  1  they differ
  2  a side could not be read (missing, invalid rules, unknown id)";

/// `mgi rules reference --help`.
pub const RULES_REFERENCE: &str = "Examples:
  mgi rules reference > rule-format.md

Prints docs/rule-format.md: every key of every table, with its type, whether it is
required, its default and its meaning, generated from the structures the loader reads.

Exit codes:
  0  printed";

/// `mgi explain --help`.
pub const EXPLAIN: &str = "Examples:
  mgi explain R020
  mgi explain w020          # case does not matter
  mgi explain               # every code, one line each

Exit codes:
  0  explained
  2  no such code";

/// `mgi completions --help`.
pub const COMPLETIONS: &str = "Examples:
  mgi completions bash > ~/.local/share/bash-completion/completions/mgi
  mgi completions zsh > ~/.zfunc/_mgi
  mgi completions fish > ~/.config/fish/completions/mgi.fish
  mgi completions powershell >> $PROFILE

Exit codes:
  0  printed";
