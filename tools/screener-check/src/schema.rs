//! The JSON Schema of config format v1, generated from the format's one
//! description (`core::format`, through `config_format_v1!`) as Rust types
//! that schemars describes. The widget never uses these types: it reads a
//! config by hand, against the same description's shapes.
//! Invariant: nothing about the format is stated here, only how the
//! description becomes schemars types and how schemars' output is tidied.

// The fields are never read: they exist to be described.
#![allow(dead_code)]

use schemars::{JsonSchema, SchemaGenerator};
use serde_json::{json, Map, Value};

/// A required key's type as is; an optional one's as an `Option`.
type Req<T> = T;
type Opt<T> = Option<T>;

/// Turns the description into types: each object a struct that denies
/// unknown keys, the kinds an enum of their names, each value shape an
/// untagged enum (its `serde` attributes come with it).
macro_rules! schema_types {
    (
        objects { $( $(#[$om:meta])* $name:ident { $( $(#[$fm:meta])* $req:ident $field:ident $(= $key:literal)? : $ty:ty ),* $(,)? } )* }
        kinds { $(#[$km:meta])* $kind:ident { $( $(#[$vm:meta])* $kname:literal => $variant:ident ),* $(,)? } }
        values { $( $(#[$wm:meta])* $value:ident { $($body:tt)* } )* }
    ) => {
        $(
            #[derive(JsonSchema)]
            #[schemars(deny_unknown_fields)]
            $(#[$om])*
            struct $name { $( $(#[$fm])* $(#[serde(rename = $key)])? $field: schema_types!(@ty $req $ty), )* }
        )*
        #[derive(JsonSchema)]
        $(#[$km])*
        enum $kind { $( $(#[$vm])* #[serde(rename = $kname)] $variant, )* }
        $(
            #[derive(JsonSchema)]
            $(#[$wm])*
            enum $value { $($body)* }
        )*
    };
    (@ty req $ty:ty) => { Req<$ty> };
    (@ty opt $ty:ty) => { Opt<$ty> };
}

program_fit_screener::config_format_v1!(schema_types);

/// The JSON Schema of config format v1, generated from the types above.
pub fn schema() -> Value {
    let schema = SchemaGenerator::default().into_root_schema_for::<Config>();
    let mut value = schema.to_value();
    tidy(&mut value);
    value
}

/// Adapts what schemars writes to what the reader accepts: optional keys
/// may be absent but never `null`, and `x-` keys are allowed in any object.
fn tidy(v: &mut Value) {
    match v {
        Value::Object(map) => {
            drop_null(map);
            if map.get("additionalProperties") == Some(&Value::Bool(false)) {
                map.insert("patternProperties".into(), json!({ "^x-": {} }));
            }
            map.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

fn drop_null(map: &mut Map<String, Value>) {
    if let Some(Value::Array(types)) = map.get_mut("type") {
        types.retain(|t| t != "null");
        if let [only] = &types[..] {
            let only = only.clone();
            map.insert("type".into(), only);
        }
    }
    if let Some(Value::Array(any)) = map.get_mut("anyOf") {
        any.retain(|s| s.get("type").and_then(Value::as_str) != Some("null"));
        if let [only] = &any[..] {
            let only = only.clone();
            map.remove("anyOf");
            if let Value::Object(inner) = only {
                map.extend(inner);
            }
        }
    }
}
