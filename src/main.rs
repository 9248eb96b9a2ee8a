//! The `bitext` binary: parse the command line, run the library, map the
//! outcome to an exit code (0 clean, 1 findings at error level, 2 could not
//! run).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::parse();
    cli::choose_ui_lang(&args);
    match cli::run(args) {
        Ok(status) => status.into(),
        Err(err) => {
            if cli::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("bitext: {err:#}");
            cli::ExitStatus::Failure.into()
        }
    }
}
