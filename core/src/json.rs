//! Reading the core's argument types (evaluation options, scenarios, offers' parts) from a
//! parsed JSON value, by hand.
//!
//! The types' `Deserialize` impls go through these readers too (any serde format → `Value` →
//! reader), so the CLI, Python and WebAssembly accept the same shapes with the same messages.
//! Why not derived: serde's derived code is generic over the input format, so the WebAssembly
//! module carried a copy per argument type and per reader; these readers took 4 KB gzipped off
//! the default module, whose budget is 200 KB (BENCHMARKS.md, "`.wasm` size"). The messages keep
//! serde's wording (`unknown field`, `missing field`, `invalid type`, `unknown variant`).

use serde_json::{Map, Value};
use std::fmt;

/// An argument that does not have its documented shape: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeError(String);

impl ShapeError {
    /// A message of its own (the caller says where).
    pub fn new(message: impl Into<String>) -> ShapeError {
        ShapeError(message.into())
    }

    /// `missing field `key``.
    pub fn missing(key: &str) -> ShapeError {
        ShapeError(format!("missing field `{key}`"))
    }

    /// The error, inside the field `key` of an object.
    pub fn within(self, key: &str) -> ShapeError {
        ShapeError(format!("{key}: {}", self.0))
    }
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ShapeError {}

/// What a value is, as serde says it (`invalid type: string, expected ...`).
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "floating point",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "sequence",
        Value::Object(_) => "map",
    }
}

/// `invalid type: <kind>, expected <expected>`.
pub fn invalid_type(v: &Value, expected: &str) -> ShapeError {
    ShapeError(format!("invalid type: {}, expected {expected}", kind(v)))
}

/// The elements of an array.
pub fn array<'a>(v: &'a Value, expected: &str) -> Result<&'a [Value], ShapeError> {
    match v {
        Value::Array(items) => Ok(items),
        other => Err(invalid_type(other, expected)),
    }
}

/// An array, each element read with `read` (errors name the element's index).
pub fn list<'a, T>(
    v: &'a Value,
    expected: &str,
    read: impl Fn(&'a Value) -> Result<T, ShapeError>,
) -> Result<Vec<T>, ShapeError> {
    array(v, expected)?
        .iter()
        .enumerate()
        .map(|(i, x)| read(x).map_err(|e| e.within(&format!("[{i}]"))))
        .collect()
}

/// One of `variants` (a unit variant, as a string).
pub fn variant<'v>(v: &Value, variants: &[&'v str]) -> Result<&'v str, ShapeError> {
    let Value::String(s) = v else {
        return Err(invalid_type(v, "a string"));
    };
    variants.iter().find(|x| **x == s).copied().ok_or_else(|| {
        ShapeError(format!(
            "unknown variant `{s}`, expected {}",
            one_of(variants)
        ))
    })
}

fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.len() {
        0 => "nothing".into(),
        1 => quoted[0].clone(),
        _ => format!("one of {}", quoted.join(", ")),
    }
}

/// A JSON object whose keys are checked against the known ones. A `null` value reads as absent
/// (an empty cell, the default), as serde reads `null` for an `Option`.
#[derive(Debug, Clone, Copy)]
pub struct Object<'a> {
    map: &'a Map<String, Value>,
}

impl<'a> Object<'a> {
    /// `v` as an object with no key outside `known`.
    pub fn new(v: &'a Value, known: &[&str]) -> Result<Object<'a>, ShapeError> {
        let map = match v {
            Value::Object(map) => map,
            other => return Err(invalid_type(other, "a map")),
        };
        if let Some(k) = map.keys().find(|k| !known.contains(&k.as_str())) {
            return Err(ShapeError(format!(
                "unknown field `{k}`, expected {}",
                one_of(known)
            )));
        }
        Ok(Object { map })
    }

    /// The value of `key`, unless absent or `null`.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    /// Whether `key` is given (not absent, not `null`).
    pub fn has(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Reads `key` with `read`, the error naming the key.
    pub fn read<T>(
        &self,
        key: &str,
        read: impl FnOnce(&'a Value) -> Result<T, ShapeError>,
    ) -> Result<Option<T>, ShapeError> {
        self.get(key)
            .map(read)
            .transpose()
            .map_err(|e| e.within(key))
    }

    /// A number.
    pub fn f64(&self, key: &str) -> Result<Option<f64>, ShapeError> {
        self.read(key, |v| v.as_f64().ok_or_else(|| invalid_type(v, "f64")))
    }

    /// A whole number within `i32`.
    pub fn i32(&self, key: &str) -> Result<Option<i32>, ShapeError> {
        self.read(key, |v| {
            whole(v)
                .and_then(|n| i32::try_from(n).ok())
                .ok_or_else(|| invalid_value(v, "i32"))
        })
    }

    /// A whole number within `u32`.
    pub fn u32(&self, key: &str) -> Result<Option<u32>, ShapeError> {
        self.read(key, |v| {
            whole(v)
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| invalid_value(v, "u32"))
        })
    }

    /// A whole number within `u64`.
    pub fn u64(&self, key: &str) -> Result<Option<u64>, ShapeError> {
        self.read(key, |v| v.as_u64().ok_or_else(|| invalid_value(v, "u64")))
    }

    /// `true` or `false`.
    pub fn bool(&self, key: &str) -> Result<Option<bool>, ShapeError> {
        self.read(key, |v| {
            v.as_bool().ok_or_else(|| invalid_type(v, "a boolean"))
        })
    }

    /// A string.
    pub fn string(&self, key: &str) -> Result<Option<String>, ShapeError> {
        self.read(key, |v| {
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| invalid_type(v, "a string"))
        })
    }

    /// An array of strings.
    pub fn strings(&self, key: &str) -> Result<Option<Vec<String>>, ShapeError> {
        self.read(key, |v| {
            array(v, "a sequence of strings")?
                .iter()
                .map(|s| {
                    s.as_str()
                        .map(str::to_string)
                        .ok_or_else(|| invalid_type(s, "a string"))
                })
                .collect()
        })
    }

    /// An array, each element read with `read` (errors name the element's index).
    pub fn list<T>(
        &self,
        key: &str,
        read: impl Fn(&'a Value) -> Result<T, ShapeError>,
    ) -> Result<Option<Vec<T>>, ShapeError> {
        self.read(key, |v| list(v, "a sequence", read))
    }
}

/// A whole number (an integer, or a float without fraction, as other serde formats give them).
fn whole(v: &Value) -> Option<i64> {
    if let Some(n) = v.as_i64() {
        return Some(n);
    }
    v.as_f64()
        .filter(|x| x.fract() == 0.0 && x.abs() < 9.0e15)
        .map(|x| x as i64)
}

/// `invalid value: <v>, expected <expected>` (a number out of range, or not a number).
fn invalid_value(v: &Value, expected: &str) -> ShapeError {
    match v {
        Value::Number(n) => ShapeError(format!("invalid value: {n}, expected {expected}")),
        other => invalid_type(other, expected),
    }
}

/// `impl Deserialize` through a reader: any serde format into a `Value`, then `read`.
macro_rules! deserialize_with_reader {
    ($ty:ty, $read:path) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = serde_json::Value::deserialize(d)?;
                $read(&value).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use deserialize_with_reader;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn objects_refuse_unknown_keys_and_name_the_bad_field() {
        let v = json!({"a": 1, "b": "x", "c": null, "d": [1, "y"]});
        assert_eq!(
            Object::new(&v, &["a"]).unwrap_err().to_string(),
            "unknown field `b`, expected `a`"
        );
        let o = Object::new(&v, &["a", "b", "c", "d"]).unwrap();
        assert_eq!(o.i32("a").unwrap(), Some(1));
        assert_eq!(o.f64("c").unwrap(), None);
        assert_eq!(
            o.i32("b").unwrap_err().to_string(),
            "b: invalid type: string, expected i32"
        );
        assert_eq!(
            o.strings("d").unwrap_err().to_string(),
            "d: invalid type: integer, expected a string"
        );
        assert_eq!(
            Object::new(&json!(3), &[]).unwrap_err().to_string(),
            "invalid type: integer, expected a map"
        );
        let big = json!({"n": 3_000_000_000u64, "f": 2.0, "g": 2.5});
        let o = Object::new(&big, &["n", "f", "g"]).unwrap();
        assert_eq!(
            o.i32("n").unwrap_err().to_string(),
            "n: invalid value: 3000000000, expected i32"
        );
        assert_eq!(o.i32("f").unwrap(), Some(2));
        assert!(o.u32("g").is_err());
        assert_eq!(
            variant(&json!("x"), &["a", "b"]).unwrap_err().to_string(),
            "unknown variant `x`, expected one of `a`, `b`"
        );
    }
}
