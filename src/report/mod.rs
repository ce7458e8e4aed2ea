//! Outputs: JSON documents, CSV and Excel workbooks. Nothing upstream knows about them.

pub mod framework_json;
