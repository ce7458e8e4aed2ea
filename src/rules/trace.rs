//! The shape of the rule format, read from the serde structures of `raw` themselves: a
//! small deserializer that answers every request of a `Deserialize` implementation with
//! a stand-in value and records what was asked for (a string, a number, a list of
//! tables...). Which keys are required is found by running it again with one key left
//! out. The loader's "expected one of" lists and the reference document both come from
//! this shape, so neither can drift from the structures the loader uses.

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// What a key holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// Not traced yet.
    Unknown,
    /// `true` or `false`.
    Bool,
    /// An integer.
    Int,
    /// A number.
    Float,
    /// A string.
    Str,
    /// A text per language (or a plain string in a single-language framework).
    Text,
    /// A fixed-length array, e.g. `[low, high]`.
    Tuple(Vec<Shape>),
    /// A list.
    Seq(Box<Shape>),
    /// An optional value.
    Option(Box<Shape>),
    /// A table with named keys.
    Struct(StructShape),
}

/// A table of the format: the serde structure's name and its keys in declaration order.
#[derive(Debug, Clone, PartialEq)]
pub struct StructShape {
    /// Name of the Rust structure (`RawIndicator`).
    pub name: &'static str,
    /// Its keys.
    pub fields: Vec<FieldShape>,
}

/// A key of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldShape {
    /// The key as written in TOML.
    pub key: &'static str,
    /// What it holds.
    pub shape: Shape,
    /// Whether a table without it is an error.
    pub required: bool,
}

impl Shape {
    /// The shape without `Option` and list wrappers: the table a key leads to, if any.
    pub fn table(&self) -> Option<&StructShape> {
        match self {
            Shape::Struct(s) => Some(s),
            Shape::Option(x) | Shape::Seq(x) => x.table(),
            _ => None,
        }
    }

    /// True for a list of tables (`[[x]]`).
    pub fn is_list_of_tables(&self) -> bool {
        match self {
            Shape::Option(x) => x.is_list_of_tables(),
            Shape::Seq(x) => x.table().is_some(),
            _ => false,
        }
    }
}

/// The shape of `T`, with required keys marked.
pub fn shape_of<T: for<'de> Deserialize<'de>>() -> Shape {
    let mut shape = Shape::Unknown;
    T::deserialize(Tracer {
        out: &mut shape,
        skip: None,
    })
    .expect("every rule-format structure can be traced");
    let mut pairs = Vec::new();
    structs(&shape, &mut pairs);
    let mut required = Vec::new();
    for (name, key) in pairs {
        let mut scratch = Shape::Unknown;
        let r = T::deserialize(Tracer {
            out: &mut scratch,
            skip: Some((name, key)),
        });
        if matches!(r, Err(TraceError::Missing(k)) if k == key) {
            required.push((name, key));
        }
    }
    mark(&mut shape, &required);
    shape
}

fn structs(shape: &Shape, out: &mut Vec<(&'static str, &'static str)>) {
    match shape {
        Shape::Struct(s) => {
            for f in &s.fields {
                if !out.contains(&(s.name, f.key)) {
                    out.push((s.name, f.key));
                }
                structs(&f.shape, out);
            }
        }
        Shape::Option(x) | Shape::Seq(x) => structs(x, out),
        Shape::Tuple(xs) => xs.iter().for_each(|x| structs(x, out)),
        _ => {}
    }
}

fn mark(shape: &mut Shape, required: &[(&'static str, &'static str)]) {
    match shape {
        Shape::Struct(s) => {
            for f in &mut s.fields {
                f.required = required.contains(&(s.name, f.key));
                mark(&mut f.shape, required);
            }
        }
        Shape::Option(x) | Shape::Seq(x) => mark(x, required),
        Shape::Tuple(xs) => xs.iter_mut().for_each(|x| mark(x, required)),
        _ => {}
    }
}

#[derive(Debug)]
enum TraceError {
    Missing(&'static str),
    Other(String),
}

impl fmt::Display for TraceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TraceError::Missing(k) => write!(f, "missing field {k}"),
            TraceError::Other(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for TraceError {}

impl de::Error for TraceError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        TraceError::Other(msg.to_string())
    }

    fn missing_field(field: &'static str) -> Self {
        TraceError::Missing(field)
    }
}

/// Answers one request and records its shape in `out`.
struct Tracer<'a> {
    out: &'a mut Shape,
    /// A key to leave out of a structure (structure name, key).
    skip: Option<(&'static str, &'static str)>,
}

/// The private names `toml::Spanned` deserializes through (see serde_spanned).
const SPANNED: &str = "$__serde_spanned_private_Spanned";
const SPANNED_VALUE: &str = "$__serde_spanned_private_value";

impl<'de> de::Deserializer<'de> for Tracer<'_> {
    type Error = TraceError;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
        // Only `RawText` asks for "anything": a string or a table of texts.
        *self.out = Shape::Text;
        v.visit_str("")
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
        *self.out = Shape::Bool;
        v.visit_bool(false)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
        *self.out = Shape::Int;
        v.visit_i64(0)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
        *self.out = Shape::Int;
        v.visit_u32(0)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
        *self.out = Shape::Int;
        v.visit_u64(0)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
        *self.out = Shape::Float;
        v.visit_f64(0.0)
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
        *self.out = Shape::Str;
        v.visit_str("")
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
        self.deserialize_str(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
        // A map keyed by language: a text.
        *self.out = Shape::Text;
        v.visit_map(de::value::MapDeserializer::new(std::iter::empty::<(
            String,
            String,
        )>()))
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
        let mut inner = Shape::Unknown;
        let r = v.visit_some(Tracer {
            out: &mut inner,
            skip: self.skip,
        });
        *self.out = Shape::Option(Box::new(inner));
        r
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, TraceError> {
        let mut inner = Shape::Unknown;
        let r = v.visit_seq(Items {
            shapes: std::slice::from_mut(&mut inner),
            next: 0,
            skip: self.skip,
        });
        *self.out = Shape::Seq(Box::new(inner));
        r
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, TraceError> {
        let mut shapes = vec![Shape::Unknown; len];
        let r = v.visit_seq(Items {
            shapes: &mut shapes,
            next: 0,
            skip: self.skip,
        });
        *self.out = Shape::Tuple(shapes);
        r
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, TraceError> {
        if name == SPANNED {
            // Transparent: the span is a stand-in, the value is traced in place.
            return v.visit_map(Spanned {
                out: Some(self.out),
                step: 0,
                fields,
                skip: self.skip,
            });
        }
        let keys: Vec<&'static str> = fields
            .iter()
            .copied()
            .filter(|k| self.skip != Some((name, k)))
            .collect();
        let mut shapes = vec![Shape::Unknown; keys.len()];
        let r = v.visit_map(Fields {
            keys: &keys,
            shapes: &mut shapes,
            next: 0,
            skip: self.skip,
        });
        if self.skip.is_none() {
            *self.out = Shape::Struct(StructShape {
                name,
                fields: keys
                    .iter()
                    .zip(shapes)
                    .map(|(key, shape)| FieldShape {
                        key,
                        shape,
                        required: false,
                    })
                    .collect(),
            });
        }
        r
    }

    serde::forward_to_deserialize_any! {
        i8 i16 i32 i128 u8 u16 u128 f32 char bytes byte_buf unit unit_struct
        newtype_struct tuple_struct enum identifier ignored_any
    }
}

struct Items<'a> {
    shapes: &'a mut [Shape],
    next: usize,
    skip: Option<(&'static str, &'static str)>,
}

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = TraceError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, TraceError> {
        let Some(out) = self.shapes.get_mut(self.next) else {
            return Ok(None);
        };
        self.next += 1;
        seed.deserialize(Tracer {
            out,
            skip: self.skip,
        })
        .map(Some)
    }
}

struct Fields<'a> {
    keys: &'a [&'static str],
    shapes: &'a mut [Shape],
    next: usize,
    skip: Option<(&'static str, &'static str)>,
}

impl<'de> MapAccess<'de> for Fields<'_> {
    type Error = TraceError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, TraceError> {
        match self.keys.get(self.next) {
            None => Ok(None),
            Some(k) => seed
                .deserialize(de::value::BorrowedStrDeserializer::<TraceError>::new(k))
                .map(Some),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, TraceError> {
        let out = &mut self.shapes[self.next];
        self.next += 1;
        seed.deserialize(Tracer {
            out,
            skip: self.skip,
        })
    }
}

/// The map `toml::Spanned` expects: a start, an end, then the value.
struct Spanned<'a> {
    out: Option<&'a mut Shape>,
    step: usize,
    fields: &'static [&'static str],
    skip: Option<(&'static str, &'static str)>,
}

impl<'de> MapAccess<'de> for Spanned<'_> {
    type Error = TraceError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, TraceError> {
        match self.fields.get(self.step) {
            None => Ok(None),
            Some(k) => seed
                .deserialize(de::value::BorrowedStrDeserializer::<TraceError>::new(k))
                .map(Some),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, TraceError> {
        let key = self.fields[self.step];
        self.step += 1;
        if key == SPANNED_VALUE {
            let out = self.out.take().expect("one value per span");
            seed.deserialize(Tracer {
                out,
                skip: self.skip,
            })
        } else {
            seed.deserialize(IntoDeserializer::<TraceError>::into_deserializer(0u64))
        }
    }
}

/// The keys of the table at `path` (table names from the top of a file, list indices
/// left out) in `shape`; `None` when the path leads to a text (keyed by language) or to
/// nothing known.
pub fn keys_at(shape: &Shape, path: &[&str]) -> Option<Vec<&'static str>> {
    let mut table = shape.table()?;
    for name in path {
        let f = table.fields.iter().find(|f| f.key == *name)?;
        table = f.shape.table()?;
    }
    Some(table.fields.iter().map(|f| f.key).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::raw::*;

    #[test]
    fn the_raw_structures_trace() {
        let shape = shape_of::<RawFile>();
        let file = shape.table().unwrap();
        assert_eq!(file.name, "RawFile");
        let ind = file.fields.iter().find(|f| f.key == "indicator").unwrap();
        assert!(ind.shape.is_list_of_tables() && !ind.required);
        let ind = ind.shape.table().unwrap();
        let key = |k: &str| ind.fields.iter().find(|f| f.key == k).unwrap().clone();
        assert!(key("id").required && key("question").required);
        assert!(!key("weight").required && !key("stakeholders").required);
        assert_eq!(key("question").shape, Shape::Text);
        assert_eq!(key("weight").shape, Shape::Option(Box::new(Shape::Float)));
        assert_eq!(key("stakeholders").shape, Shape::Seq(Box::new(Shape::Str)));
        let scale = keys_at(&shape, &["scale"]).unwrap();
        assert!(scale.contains(&"goalposts"));
        let goal = file.fields.iter().find(|f| f.key == "scale").unwrap();
        let goal = goal
            .shape
            .table()
            .unwrap()
            .fields
            .iter()
            .find(|f| f.key == "goalposts")
            .unwrap();
        assert_eq!(
            goal.shape,
            Shape::Option(Box::new(Shape::Seq(Box::new(Shape::Tuple(vec![
                Shape::Float,
                Shape::Float
            ])))))
        );
        assert_eq!(
            keys_at(&shape, &["indicator", "applies_if", "any"]),
            Some(vec!["question", "in"])
        );
        assert_eq!(keys_at(&shape, &["indicator", "question"]), None);
        let blank = keys_at(&shape, &["special", "blank"]).unwrap();
        assert_eq!(blank, vec!["policy", "score"]);
    }
}
