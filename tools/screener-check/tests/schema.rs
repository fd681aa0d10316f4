//! The checked-in JSON Schema is the one `core::format`'s description
//! generates, and it describes exactly the keys the widget's reader reads.
#![cfg(not(target_arch = "wasm32"))]

use program_fit_screener::core::config::keys_read;
use program_fit_screener::BUILTIN_CONFIG;
use screener_check::schema::schema;
use serde_json::Value;
use std::collections::BTreeSet;

const CHECKED_IN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/config.schema.json");
const EVERY_KEY: &str = include_str!("every-key.json");

/// Fails when `schema/config.schema.json` is out of date; `UPDATE_SCHEMA=1
/// cargo test` rewrites it.
#[test]
fn checked_in_schema_is_up_to_date() {
    let fresh = format!("{}\n", serde_json::to_string_pretty(&schema()).unwrap_or_default());
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(CHECKED_IN, &fresh).unwrap_or_else(|e| panic!("cannot write {CHECKED_IN}: {e}"));
        return;
    }
    let current = std::fs::read_to_string(CHECKED_IN).unwrap_or_default();
    assert!(
        current == fresh,
        "schema/config.schema.json is out of date with src/core/format.rs; \
         run `UPDATE_SCHEMA=1 cargo test -p screener-check --test schema` and commit the result"
    );
}

/// Each object the reader reads (in the built-in screener and in a config
/// with every key) accepts exactly the properties its schema lists, and
/// every object in the schema is met at least once.
#[test]
fn schema_keys_match_the_reader() {
    let root = schema();
    let mut met = BTreeSet::new();
    for json in [BUILTIN_CONFIG, EVERY_KEY] {
        let read = keys_read(json);
        assert!(read.len() > 10, "the reader read too few objects: {read:?}");
        for (path, keys) in read {
            let keys: BTreeSet<&str> = keys.into_iter().collect();
            let candidates = at_path(&root, &path);
            let found = candidates.iter().find(|(_, s)| properties(s) == keys);
            let Some((name, _)) = found else {
                let offered: Vec<_> = candidates.iter().map(|(n, s)| (n, properties(s))).collect();
                panic!("at `{path}` the reader accepts {keys:?}, but the schema offers {offered:?}");
            };
            met.insert(name.clone());
        }
    }
    let mut all: BTreeSet<String> = BTreeSet::from(["#".to_string()]);
    if let Some(defs) = root["$defs"].as_object() {
        all.extend(defs.iter().filter(|(_, s)| s.get("properties").is_some()).map(|(n, _)| format!("#/$defs/{n}")));
    }
    assert_eq!(met, all, "objects in the schema that no sample config reaches");
}

fn properties(schema: &Value) -> BTreeSet<&str> {
    schema["properties"].as_object().map(|p| p.keys().map(String::as_str).collect()).unwrap_or_default()
}

/// The object schemas (with their names) that may sit at a reader path
/// such as `outcomes[2].when.any[0]`.
fn at_path(root: &Value, path: &str) -> Vec<(String, Value)> {
    let mut here = expand(root, "#".to_string(), root);
    for segment in path.split('.').filter(|s| !s.is_empty()) {
        let mut parts = segment.split('[');
        let key = parts.next().unwrap_or_default();
        here = here.iter().flat_map(|(_, s)| expand(root, String::new(), &s["properties"][key])).collect();
        for _index in parts {
            here = here.iter().flat_map(|(_, s)| expand(root, String::new(), &s["items"])).collect();
        }
    }
    here
}

/// A schema with its `$ref` resolved and its `anyOf` spread out.
fn expand(root: &Value, name: String, schema: &Value) -> Vec<(String, Value)> {
    if let Some(r) = schema["$ref"].as_str() {
        let def = r.trim_start_matches("#/$defs/");
        return expand(root, r.to_string(), &root["$defs"][def]);
    }
    if let Some(any) = schema["anyOf"].as_array() {
        return any.iter().flat_map(|s| expand(root, name.clone(), s)).collect();
    }
    if schema.is_null() {
        return Vec::new();
    }
    vec![(name, schema.clone())]
}
