//! The keys each rule-file table accepts, read from the serde structures themselves so
//! the "expected one of" lists in diagnostics never drift from the format.

use super::raw::*;
use serde::Deserialize;
use serde::de::{self, Visitor};
use std::fmt;

/// The field names serde expects for `T` (a struct deriving `Deserialize`).
pub fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Introspect {
        fields: &mut fields,
    });
    fields
}

/// Keys of the table found at `path` (segment names, indices removed), or `None` when
/// the table takes any key (texts keyed by language).
pub fn keys_at(path: &[&str]) -> Option<&'static [&'static str]> {
    let last_two: Vec<&str> = path.iter().rev().take(2).rev().copied().collect();
    Some(match (path.first().copied(), last_two.as_slice()) {
        (None, _) => fields_of::<RawFile>(),
        (Some(_), [.., "any"]) | (Some(_), [.., "all"]) => fields_of::<RawTest>(),
        (Some(_), [.., "applies_if"]) => fields_of::<RawCondition>(),
        (Some("framework"), ["framework"]) => fields_of::<RawHeader>(),
        (Some("framework"), ["framework", "levels"]) => fields_of::<RawLevel>(),
        (Some("special"), ["special"]) => fields_of::<RawSpecial>(),
        (Some("special"), ["special", "blank"]) => fields_of::<RawBlank>(),
        (Some("special"), ["special", _]) => fields_of::<RawSpecialAnswer>(),
        (Some("uncertainty"), ["uncertainty"]) => fields_of::<RawUncertainty>(),
        (Some("scale"), ["scale"]) => fields_of::<RawScale>(),
        (Some("scale"), ["scale", "option" | "level"]) => fields_of::<RawOption>(),
        (Some("context"), ["context"]) => fields_of::<RawContext>(),
        (Some("context"), ["context", "option"]) => fields_of::<RawOption>(),
        (Some("node"), ["node"]) => fields_of::<RawNode>(),
        (Some("indicator"), ["indicator"]) => fields_of::<RawIndicator>(),
        (Some("indicator"), ["indicator", "links"]) => fields_of::<RawLinks>(),
        (Some("indicator"), ["indicator", "action"]) => fields_of::<RawAction>(),
        (Some("indicator"), ["indicator", "criterion"]) => fields_of::<RawCriterion>(),
        (Some("band"), ["band"]) => fields_of::<RawBand>(),
        (Some("principle"), ["principle"]) => fields_of::<RawPrinciple>(),
        (Some("guideline"), ["guideline"]) => fields_of::<RawGuideline>(),
        (Some("practice"), ["practice"]) => fields_of::<RawPractice>(),
        (Some("tool"), ["tool"]) => fields_of::<RawTool>(),
        (Some("stakeholder"), ["stakeholder"]) => fields_of::<RawStakeholder>(),
        (Some("translation"), ["translation"]) => fields_of::<RawTranslation>(),
        (Some("translation"), ["translation", "official"]) => fields_of::<RawOfficialText>(),
        _ => return None,
    })
}

struct Introspect<'a> {
    fields: &'a mut &'static [&'static str],
}

#[derive(Debug)]
struct Stop;

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("introspection")
    }
}

impl std::error::Error for Stop {}

impl de::Error for Stop {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> de::Deserializer<'de> for Introspect<'_> {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Stop> {
        *self.fields = fields;
        Err(Stop)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_come_from_the_structs() {
        assert!(fields_of::<RawIndicator>().contains(&"question"));
        assert!(fields_of::<RawCondition>().contains(&"in"));
        assert_eq!(
            keys_at(&["indicator", "links"]),
            Some(fields_of::<RawLinks>())
        );
        assert_eq!(keys_at(&["indicator", "title"]), None);
    }
}
