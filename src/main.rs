//! The `mgi` command line, built on the library's public API only.

mod cli;

fn main() {
    std::process::exit(cli::run());
}
