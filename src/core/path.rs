//! JSON paths as a config's problems name them (`questions[2].show_if`).
//! Below everything that builds one (the reader, conditions, the lint); it
//! knows nothing of what the paths point at.

/// Joins a path and a key: `questions[2]` + `id` = `questions[2].id`.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// `questions` + 2 = `questions[2]`.
pub fn index(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}
