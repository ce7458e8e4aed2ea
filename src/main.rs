fn main() {
    std::process::exit(mgi::cli::run());
}
