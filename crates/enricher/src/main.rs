//! The `enricher` binary: parse the command line, run the command, map its failure to an exit code.

mod cli;
mod commands;
mod error;
mod lab;

use std::process::ExitCode;

use clap::Parser;

use cli::{Cli, Command};
use error::Failure;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            match &failure {
                Failure::Partial { .. } => eprintln!("enricher: {failure}"),
                Failure::Other(error) => eprintln!("error: {error:#}"),
                Failure::Usage(_) => eprintln!("error: {failure}"),
            }
            failure.exit_code()
        }
    }
}

/// Run the command the user asked for.
fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Run { config } => commands::run::run(config.as_deref()),
        Command::Serve { config, listen } => commands::serve::run(config.as_deref(), listen),
        Command::Enrich {
            files,
            content_type,
            jsonl,
            jobs,
            config,
        } => commands::enrich::run(
            config.as_deref(),
            commands::enrich::EnrichArgs {
                files,
                content_type,
                jsonl,
                jobs,
            },
        ),
        Command::CheckConfig { config } => commands::check_config::run(config.as_deref()),
        Command::Replay {
            codes,
            limit,
            dry_run,
            config,
        } => commands::replay::run(config.as_deref(), codes, limit, dry_run),
        Command::Models => {
            commands::models::run();
            Ok(())
        }
        Command::Schema { which } => {
            commands::schema::run(which);
            Ok(())
        }
        Command::Bench(args) => lab::bench(args),
        Command::Eval { what } => lab::eval(what),
        Command::Train { what } => lab::train(what),
        Command::Build { what } => lab::build(what),
    }
}
