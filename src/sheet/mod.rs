//! What every workbook the tool writes shares, below both the template and the
//! reports: cell formats ([`style`]), the metrics of the font the workbooks are set in
//! ([`carlito`], [`fit`]), and a sheet writer that sizes rows and columns from the text
//! written ([`grid`]).

pub mod carlito;
pub mod fit;
pub mod grid;
pub mod style;

pub use fit::Font;
pub use grid::Grid;
pub use style::{Style, Styles};
