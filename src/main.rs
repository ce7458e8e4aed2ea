//! The `mgi` command line, built on the library's public API only.

mod cli;
mod synth;

fn main() {
    std::process::exit(cli::run());
}
