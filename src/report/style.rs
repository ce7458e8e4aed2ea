//! The cell formats and page setup of every workbook now live in [`crate::sheet`],
//! below both the template and the reports; this module keeps the names the report
//! writers use.

pub use crate::sheet::style::{
    Style, Styles, creation_time, sheet_setup, wrapped_height, wrapped_lines,
};
