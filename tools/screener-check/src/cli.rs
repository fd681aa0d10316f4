//! The command line: which configs to check and what to print. Invariant:
//! exit status 0 means every config given has no problem, 1 that some
//! config has one, 2 that the command could not run as asked.

use crate::{render, schema, table};
use program_fit_screener::core::config::parse;
use std::io::Write;

pub const USAGE: &str = "\
Checks program-fit screener configs with the widget's own reader.

Usage:
  screener-check [--paths] [--lang LOCALE] CONFIG.json...
  screener-check --schema

  --paths        also print the outcome of every answer path, as a table
  --lang LOCALE  the locale of the texts in that table (default: the config's first)
  --schema       print the JSON Schema of the config format

Exit status: 0 no problems, 1 problems found, 2 usage or file errors.
";

/// Runs the command with `args` (without the program name).
pub fn run(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let (mut paths, mut lang, mut files) = (false, None, Vec::new());
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--paths" => paths = true,
            "--lang" => match it.next() {
                Some(l) => lang = Some(l.clone()),
                None => return usage(err, "--lang needs a locale"),
            },
            "--schema" => {
                let text = serde_json::to_string_pretty(&schema::schema()).unwrap_or_default();
                return if writeln!(out, "{text}").is_ok() { 0 } else { 2 };
            }
            "-h" | "--help" => return if write!(out, "{USAGE}").is_ok() { 0 } else { 2 },
            flag if flag.starts_with('-') && flag != "-" => return usage(err, &format!("unknown option {flag}")),
            file => files.push(file.to_string()),
        }
    }
    if files.is_empty() {
        return usage(err, "name at least one config file");
    }
    let mut status = 0;
    for file in &files {
        status = status.max(check(file, paths, lang.as_deref(), out, err));
    }
    status
}

fn usage(err: &mut dyn Write, problem: &str) -> i32 {
    let _ = write!(err, "screener-check: {problem}\n\n{USAGE}");
    2
}

/// Checks one file; prints its problems, or its table when asked.
fn check(file: &str, paths: bool, lang: Option<&str>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let text = if file == "-" { std::io::read_to_string(std::io::stdin()) } else { std::fs::read_to_string(file) };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "{file}: cannot be read: {e}");
            return 2;
        }
    };
    let q = match parse(&text) {
        Ok(q) => q,
        Err(problems) => {
            let noun = if problems.len() == 1 { "problem" } else { "problems" };
            let _ = writeln!(out, "{file}: {} {noun}", problems.len());
            for p in &problems {
                let _ = writeln!(out, "  {p}");
            }
            return 1;
        }
    };
    let plural = |n: usize, noun: &str| format!("{n} {noun}{}", if n == 1 { "" } else { "s" });
    let _ = writeln!(out, "{file}: no problems ({}, {})", plural(q.questions.len(), "question"), plural(q.outcomes.len(), "outcome"));
    if paths {
        let locale = lang.unwrap_or_else(|| q.locales.first().map_or("en", String::as_str));
        match table::build(&q) {
            Some(t) => {
                let _ = writeln!(out, "\n## Decision table of {file}\n\n{}", render::markdown(&q, &t, locale));
            }
            None => {
                let _ = writeln!(err, "{file}: too many answer paths to tabulate");
                return 2;
            }
        }
    }
    0
}
