//! The house's one structural rule, checked on the source: four floors,
//! `embed` above `ui` above `web` above `core`, every import pointing down
//! (never to a floor above), and no two files of `src/` importing each
//! other in a circle. Reads the `use crate::…` and `use super::…` lines
//! (and `crate::` paths written inline) of every file under `src/`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const FLOORS: [&str; 4] = ["core", "web", "ui", "embed"];

/// A file's module path: `src/ui/app.rs` is ["ui", "app"], `src/web/mod.rs` ["web"].
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    parts
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without its comments (doc comments name modules too).
fn code(text: &str) -> String {
    text.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n")
}

/// Every module path a file names: `crate::a::b::{c, d::e}` gives a::b::c
/// and a::b::d::e; `super::x` is resolved from the file's own module.
fn named(module: &[String], text: &str) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    let text = code(text);
    for start in ["crate::", "super::"] {
        let mut rest = text.as_str();
        while let Some(at) = rest.find(start) {
            let before = rest[..at].chars().last();
            rest = &rest[at + start.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let mut base: Vec<String> = if start == "crate::" { vec![] } else { module[..module.len().saturating_sub(1)].to_vec() };
            let mut path = rest;
            // Further `super::`s climb on.
            while let Some(more) = path.strip_prefix("super::") {
                base.pop();
                path = more;
            }
            let end = path
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '{' || c == '}' || c == ',' || c == ' ' || c == '\n'))
                .unwrap_or(path.len());
            expand(&base, &path[..end], &mut found);
        }
    }
    found
}

fn expand(base: &[String], path: &str, out: &mut Vec<Vec<String>>) {
    let (head, group) = match path.find('{') {
        Some(open) => (&path[..open], Some(&path[open + 1..])),
        None => (path, None),
    };
    let mut prefix = base.to_vec();
    prefix.extend(head.split("::").map(str::trim).filter(|s| !s.is_empty()).map(String::from));
    match group {
        None => out.push(prefix),
        Some(group) => {
            let mut depth = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&prefix, &std::mem::take(&mut item), out);
                        continue;
                    }
                    _ => {}
                }
                item.push(c);
            }
            expand(&prefix, &item, out);
        }
    }
}

/// The file a module path lands in: its longest prefix that is a module.
fn resolve(modules: &BTreeMap<Vec<String>, PathBuf>, path: &[String]) -> Option<Vec<String>> {
    (1..=path.len()).rev().map(|n| path[..n].to_vec()).find(|p| modules.contains_key(p))
}

fn floor(module: &[String]) -> Option<usize> {
    FLOORS.iter().position(|f| module.first().is_some_and(|m| m == f))
}

#[test]
fn every_import_points_down_and_no_two_files_import_each_other_in_a_circle() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let modules: BTreeMap<Vec<String>, PathBuf> = all.iter().map(|f| (module_of(&src, f), f.clone())).collect();
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut upward = Vec::new();
    for (module, file) in &modules {
        let text = fs::read_to_string(file).unwrap();
        for path in named(module, &text) {
            let Some(target) = resolve(&modules, &path) else { continue };
            // A module's own children (and a test module's parent) are not imports across files.
            if target == *module || target.is_empty() || (target.starts_with(module) && module.len() < target.len()) {
                continue;
            }
            if let (Some(from), Some(to)) = (floor(module), floor(&target)) {
                if to > from {
                    upward.push(format!("{} imports {} (a floor above)", module.join("::"), target.join("::")));
                }
            }
            // `tests` modules read their parent; that is not a circle.
            if module.last().is_some_and(|m| m == "tests") && module.starts_with(&target) {
                continue;
            }
            edges.entry(module.clone()).or_default().insert(target);
        }
    }
    assert!(upward.is_empty(), "imports that point up:\n{}", upward.join("\n"));
    assert!(edges.contains_key(&vec!["core".to_string(), "model".to_string()]), "the reader saw core's imports");
    // A circle: a module that reaches itself.
    let mut circles = Vec::new();
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<Vec<Vec<String>>> = vec![vec![start.clone()]];
        while let Some(trail) = todo.pop() {
            for next in edges.get(trail.last().unwrap()).into_iter().flatten() {
                if next == start {
                    let names: Vec<String> = trail.iter().chain([next]).map(|m| m.join("::")).collect();
                    circles.push(names.join(" -> "));
                } else if seen.insert(next.clone()) {
                    let mut longer = trail.clone();
                    longer.push(next.clone());
                    todo.push(longer);
                }
            }
        }
    }
    circles.sort();
    circles.dedup();
    assert!(circles.is_empty(), "files that import each other in a circle:\n{}", circles.join("\n"));
}
