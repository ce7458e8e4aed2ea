//! Outputs: JSON documents, CSV and Excel workbooks. Nothing upstream knows about them.

pub mod action_plan;
pub mod compare_json;
pub mod compare_report;
pub mod compare_table;
pub mod contents;
pub mod crosswalk_json;
pub mod crosswalk_report;
pub mod files;
pub mod framework_json;
pub mod gap_register;
pub mod gap_report;
pub mod gap_summary;
pub mod labels;
pub mod long_table;
pub mod progress_report;
pub mod score_json;
pub mod sheets;
pub mod style;

pub use files::write_atomic;
