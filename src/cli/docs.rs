//! `mgi completions SHELL` and the hidden `mgi man DIR`: shell completions and man pages
//! generated from the same clap definitions as the command line itself.

use super::{Cli, EXIT_FATAL, EXIT_OK};
use clap::CommandFactory;
use std::path::PathBuf;

/// Arguments of `mgi completions`.
#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Prints the completion script of a shell.
pub fn completions(args: CompletionsArgs) -> i32 {
    let mut cmd = Cli::command();
    clap_complete::generate(args.shell, &mut cmd, "mgi", &mut std::io::stdout());
    EXIT_OK
}

/// Arguments of `mgi man`.
#[derive(Debug, clap::Args)]
pub struct ManArgs {
    /// Folder to write the man pages to (mgi.1, mgi-score.1, ...).
    dir: PathBuf,
}

/// Writes a man page for `mgi` and for each subcommand.
pub fn man(args: ManArgs) -> i32 {
    if let Err(e) = std::fs::create_dir_all(&args.dir) {
        eprintln!("error: cannot create {}: {e}", args.dir.display());
        return EXIT_FATAL;
    }
    match clap_mangen::generate_to(Cli::command(), &args.dir) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!(
                "error: cannot write the man pages to {}: {e}",
                args.dir.display()
            );
            EXIT_FATAL
        }
    }
}
