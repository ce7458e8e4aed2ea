//! The command line, on the library's public API alone: each command parses its
//! arguments (clap), calls the library, prints, writes the files and sets the exit code
//! (0 success, 1 input with errors, 2 nothing could be done). What the commands decide
//! beyond that is how to talk to a person: which messages to print, in what order, and
//! where the files go when no `-o` is given.

mod compare;
mod crosswalk;
mod docs;
mod explain;
mod generate;
mod help;
mod inputs;
mod merge;
mod progress;
mod rules;
mod rules_diff;
mod rules_show;
mod score;
mod status;
mod template;
mod validate;

use clap::{Parser, Subcommand};
use mgi::diag::Diagnostic;
use mgi::rules::{Framework, Rules};
use std::path::PathBuf;

/// Exit code: success.
pub const EXIT_OK: i32 = 0;
/// Exit code: the run completed but some input had errors (or warnings under --strict).
pub const EXIT_INPUT: i32 = 1;
/// Exit code: nothing could be done.
pub const EXIT_FATAL: i32 = 2;

/// Migration-governance self-assessments: templates, validation, scoring, gap reports and
/// comparisons against MICIC, MGI-aligned or SDG 10.7.2 rule files (or your own).
#[derive(Debug, Parser)]
#[command(
    name = "mgi",
    version = help::VERSION,
    about,
    long_about = None,
    after_long_help = help::MAIN
)]
pub struct Cli {
    /// Use the frameworks in this folder instead of the bundled ones.
    #[arg(long, global = true, value_name = "DIR")]
    pub rules: Option<PathBuf>,
    /// Language of templates, reports and messages: en, fr, es, ar, zh or ru.
    #[arg(long, global = true, value_name = "CODE")]
    pub lang: Option<String>,
    /// Print only errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Count warnings as errors for the exit code.
    #[arg(long, global = true)]
    pub strict: bool,
    /// The command.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the self-assessment workbook for a framework in a language.
    #[command(after_long_help = help::TEMPLATE)]
    Template(template::Args),
    /// Check filled workbooks and report every problem with its sheet and cell.
    #[command(after_long_help = help::VALIDATE)]
    Validate(validate::Args),
    /// Score filled workbooks and write gap reports.
    #[command(after_long_help = help::SCORE)]
    Score(score::Args),
    /// Compare many assessments: statistics, peer groups, uncertainty.
    #[command(after_long_help = help::COMPARE)]
    Compare(compare::Args),
    /// Combine the parts of one assessment, filled by several bodies, into one workbook.
    #[command(after_long_help = help::MERGE)]
    Merge(merge::Args),
    /// How complete the parts of an assessment and the whole are.
    #[command(after_long_help = help::STATUS)]
    Status(status::Args),
    /// Compare two rounds of one unit.
    #[command(after_long_help = help::PROGRESS)]
    Progress(progress::Args),
    /// Read assessments through another framework (an indicative view).
    #[command(after_long_help = help::CROSSWALK)]
    Crosswalk(crosswalk::Args),
    /// List, check, show, export, start, compare frameworks; the rule-format reference.
    #[command(after_long_help = help::RULES)]
    Rules(rules::Args),
    /// What a diagnostic code means, why it matters and how to fix it, with an example.
    #[command(after_long_help = help::EXPLAIN)]
    Explain(explain::Args),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    #[command(after_long_help = help::COMPLETIONS)]
    Completions(docs::CompletionsArgs),
    /// Write man pages for mgi and every subcommand to a folder.
    #[command(hide = true)]
    Man(docs::ManArgs),
    /// Write synthetic filled workbooks for fictional countries.
    #[command(hide = true)]
    Generate(generate::Args),
}

/// Options shared by every command, validated once.
pub struct Global {
    /// Rules in use.
    pub rules: Rules,
    /// Where the rules came from, for messages.
    pub rules_origin: String,
    /// The folder given with `--rules`.
    pub rules_dir: Option<PathBuf>,
    /// Language asked for.
    pub lang: Option<String>,
    /// Quiet.
    pub quiet: bool,
    /// Strict.
    pub strict: bool,
}

impl Global {
    /// Loads the rules (bundled, or `--rules DIR`).
    fn new(rules_dir: Option<PathBuf>, lang: Option<String>, quiet: bool, strict: bool) -> Self {
        let (rules, rules_origin) = match &rules_dir {
            Some(dir) => (Rules::from_dir(dir), dir.display().to_string()),
            None => (Rules::bundled(), "bundled rules".to_string()),
        };
        Global {
            rules,
            rules_origin,
            rules_dir,
            lang,
            quiet,
            strict,
        }
    }

    /// Fails when no framework can be used (the rules folder is missing, empty, or every
    /// framework in it has errors): prints the errors and returns the fatal exit code.
    /// A framework with errors blocks only the commands that use it: the others go on,
    /// after a warning that names it.
    pub fn require_valid_rules(&self) -> Result<(), i32> {
        if self.rules.frameworks.is_empty() && self.rules.has_errors() {
            for d in self.rules.diagnostics.iter().filter(|d| d.is_error()) {
                eprintln!("{d}");
            }
            eprintln!(
                "error: the rules in {} have errors and no framework can be used; fix them (see `mgi rules check`)",
                self.rules_origin
            );
            return Err(EXIT_FATAL);
        }
        if !self.quiet {
            for b in &self.rules.broken {
                let errors = b.diagnostics.iter().filter(|d| d.is_error()).count();
                let name = match &b.id {
                    Some(id) => format!("framework \"{id}\" ({})", b.folder),
                    None => format!("framework folder {}", b.folder),
                };
                eprintln!(
                    "warning: {name} in {} has {errors} error(s) and cannot be used; the others can (see `mgi{} rules check`)",
                    self.rules_origin,
                    self.rules_flag()
                );
            }
        }
        Ok(())
    }

    /// ` --rules DIR` when a folder is in use, for messages that suggest a command.
    fn rules_flag(&self) -> String {
        match &self.rules_dir {
            Some(d) => format!(" --rules {}", d.display()),
            None => String::new(),
        }
    }

    /// The assessment framework named, or the default one: a view is refused (it has
    /// no workbook of its own; it is read through `mgi crosswalk`), and so is a
    /// framework with errors, with its errors.
    pub fn framework(&self, id: Option<&str>) -> Result<&Framework, i32> {
        let fw = self.any_framework(id)?;
        if fw.is_view() {
            eprintln!("{}", view_refusal(fw, &self.rules));
            return Err(EXIT_FATAL);
        }
        Ok(fw)
    }

    /// The framework named (an assessment framework or a view), or the default one. A
    /// framework with errors is refused with its errors.
    pub fn any_framework(&self, id: Option<&str>) -> Result<&Framework, i32> {
        self.require_valid_rules()?;
        let found = match id {
            Some(id) => self.rules.get(id),
            None => self.rules.default_framework(),
        };
        if found.is_none() {
            let wanted = id.unwrap_or(mgi::rules::DEFAULT_FRAMEWORK);
            let broken = self.rules.broken_framework(wanted).or(match id {
                None if self.rules.frameworks.is_empty() && self.rules.broken.len() == 1 => {
                    self.rules.broken.first()
                }
                _ => None,
            });
            if let Some(b) = broken {
                for d in &b.diagnostics {
                    if d.is_error() || !self.quiet {
                        eprintln!("{d}");
                    }
                }
                eprintln!(
                    "error: framework \"{}\" in {} has errors; fix them (see `mgi{} rules check`)",
                    b.id.as_deref().unwrap_or(&b.folder),
                    self.rules_origin,
                    self.rules_flag()
                );
                return Err(EXIT_FATAL);
            }
        }
        found.ok_or_else(|| {
            let known: Vec<&str> = self.rules.frameworks.iter().map(|f| f.id.as_str()).collect();
            match id {
                Some(id) => eprintln!(
                    "error: no framework \"{id}\" in {}; expected one of: {}",
                    self.rules_origin,
                    known.join(", ")
                ),
                None => eprintln!(
                    "error: {} holds several frameworks and none is the default; name one with --framework (one of: {})",
                    self.rules_origin,
                    known.join(", ")
                ),
            }
            EXIT_FATAL
        })
    }

    /// Prints diagnostics to stderr (warnings only when not quiet).
    pub fn print_diagnostics(&self, diags: &[Diagnostic]) {
        for d in diags {
            if d.is_error() || !self.quiet {
                eprintln!("{d}");
            }
        }
    }
}

/// Why a view cannot be used where an assessment framework is needed, and what to do.
pub fn view_refusal(fw: &Framework, rules: &Rules) -> String {
    let sources: Vec<&str> = rules
        .crosswalks()
        .iter()
        .filter(|c| c.to == fw.id)
        .map(|c| c.from.as_str())
        .collect();
    format!(
        "error: framework \"{}\" is a view: its scores are derived from an assessment of another framework through a crosswalk, so it has no workbook, answers or scores of its own; expected an assessment framework ({}), or read an assessment through it with `mgi crosswalk FILE --to {}`{}",
        fw.id,
        rules
            .frameworks
            .iter()
            .filter(|f| !f.is_view())
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        fw.id,
        if sources.is_empty() {
            String::new()
        } else {
            format!(" (crosswalks to it from: {})", sources.join(", "))
        }
    )
}

/// Output format flag shared by several commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TextOrJson {
    /// Human-readable text.
    Text,
    /// JSON (a versioned contract).
    Json,
}

/// Writes a line to stdout. A closed pipe (`mgi ... | head`) is not an error: the rest
/// of the output is dropped and the run goes on.
pub fn write_out(args: std::fmt::Arguments) {
    use std::io::Write;
    let _ = writeln!(std::io::stdout().lock(), "{args}");
}

/// `println!` that survives a closed pipe.
macro_rules! out {
    ($($t:tt)*) => {
        $crate::cli::write_out(format_args!($($t)*))
    };
}
pub(crate) use out;

/// Prints a JSON document with a trailing newline.
pub fn print_json<T: serde::Serialize>(value: &T) {
    match serde_json::to_string_pretty(value) {
        Ok(s) => out!("{s}"),
        Err(e) => eprintln!("error: cannot write JSON: {e}"),
    }
}

/// Runs the command line and returns the exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_FATAL } else { EXIT_OK };
            let _ = e.print();
            return code;
        }
    };
    if let Some(lang) = &cli.lang
        && let Err(e) = mgi::i18n::catalogue::check(lang)
    {
        eprintln!("error: --lang {lang}: {e}");
        return EXIT_FATAL;
    }
    // Commands that need no rules.
    let command = match cli.command {
        Command::Explain(args) => return explain::run(args),
        Command::Completions(args) => return docs::completions(args),
        Command::Man(args) => return docs::man(args),
        other => other,
    };
    let global = Global::new(cli.rules, cli.lang, cli.quiet, cli.strict);
    match command {
        Command::Rules(args) => rules::run(&global, args),
        Command::Template(args) => template::run(&global, args),
        Command::Validate(args) => validate::run(&global, args),
        Command::Score(args) => score::run(&global, args),
        Command::Compare(args) => compare::run(&global, args),
        Command::Progress(args) => progress::run(&global, args),
        Command::Merge(args) => merge::run(&global, args),
        Command::Status(args) => status::run(&global, args),
        Command::Crosswalk(args) => crosswalk::run(&global, args),
        Command::Generate(args) => generate::run(&global, args),
        Command::Explain(_) | Command::Completions(_) | Command::Man(_) => {
            unreachable!("handled above")
        }
    }
}
