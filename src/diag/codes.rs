//! The registry of diagnostic codes: every code `mgi` can report, with its usual
//! severity, a one-line summary and an explanation (what it means, why it matters, how
//! to fix it). `mgi explain CODE` prints an entry; the README's code tables are checked
//! against this registry by a test, and another test makes sure every code is reported
//! by at least one fixture.
//!
//! Prefixes: `R` rule files, `F` whole input files, `W` workbooks (and the answers of
//! any input), `T` tables of many units, `C` comparisons and other multi-input commands.
//!
//! To add a code: add a line to the `codes!` list below (keep the list sorted), report it
//! with [`Diagnostic::error`](super::Diagnostic::error) or
//! [`Diagnostic::warning`](super::Diagnostic::warning), add a row to the README table of
//! its prefix, and add a case to the test that emits every code
//! (`tests/it/codes.rs`).

use serde::{Serialize, Serializer};
use std::fmt;

/// How a code is usually reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Usual {
    /// Always an error.
    Error,
    /// Always a warning.
    Warning,
    /// An error or a warning depending on what was found (the explanation says when).
    Either,
}

impl Usual {
    /// `error`, `warning` or `error or warning`.
    pub fn name(self) -> &'static str {
        match self {
            Usual::Error => "error",
            Usual::Warning => "warning",
            Usual::Either => "error or warning",
        }
    }
}

/// One entry of the registry.
#[derive(Debug, Clone, Copy)]
pub struct CodeInfo {
    /// The code.
    pub code: Code,
    /// How it is usually reported.
    pub severity: Usual,
    /// One line: what was found.
    pub summary: &'static str,
    /// What it means, why it matters, and how to fix it.
    pub explanation: &'static str,
}

macro_rules! codes {
    ($( $code:ident $sev:ident $summary:literal $explanation:literal; )*) => {
        /// A stable diagnostic code. Its text form (`R004`, `W020`...) is what JSON
        /// documents and messages carry.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(missing_docs)]
        pub enum Code {
            $($code,)*
        }

        /// Every code, in order, with its summary and explanation.
        pub static REGISTRY: &[CodeInfo] = &[
            $(CodeInfo {
                code: Code::$code,
                severity: Usual::$sev,
                summary: $summary,
                explanation: $explanation,
            },)*
        ];

        impl Code {
            /// The code's text form, e.g. `"R004"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code),)*
                }
            }
        }
    };
}

codes! {
    // ----- Rule files -------------------------------------------------------------------
    R001 Error "TOML syntax or type error; file not UTF-8"
        "A rule file could not be parsed: a TOML syntax error (an unclosed quote or bracket, a missing `=`), a value of the wrong type (a string where a number is expected, a plain string where a per-language text is expected), or bytes that are not UTF-8. The file is not used, so everything it declares is missing; the other files of the framework are still checked, and the errors that only follow from the missing content are summarised in one R030 line. Fix the file at the line and column given; save it as UTF-8.";
    R002 Error "unknown key"
        "A key that the rule format does not have. Typos must not pass silently: a misspelt `weigth` would otherwise leave the weight at its default. The message lists the keys expected at that place and suggests the closest one. Rename the key, or remove it.";
    R003 Error "duplicate id"
        "Two entries of the same kind share an id (nodes, indicators, criteria, scales, options of one scale, catalogue entries, languages, or two framework folders declaring the same framework id). Links and answers are matched by id, so every id must name one thing. The message names the first place; rename one of the two.";
    R004 Error "parent that is not a node"
        "An indicator or node names a `parent` that is not the id of a `[[node]]`. The entry cannot be placed in the tree and is left out of every score. Use the id of an existing node (the message suggests the closest).";
    R005 Error "unknown scale, or unknown level of a criterion"
        "An indicator names a `scale` that is not declared, or a cumulative criterion names a `level` its scale does not have. The indicator cannot be scored. Declare the scale, or use one of the ids listed.";
    R006 Error "link to an entry not in a catalogue; GCM objective outside 1 to 23"
        "A link (`links.guidelines`, `principles`, `practices`, `tools`, a stakeholder, a tool's guideline or audience) names an entry no catalogue declares, or a `gcm` objective is not a number from 1 to 23. Reports attach guidance through these links, so a broken link loses the guidance. Declare the entry in its catalogue, or correct the id.";
    R007 Error "cycle in the tree"
        "Following parents from a node leads back to the node itself. A tree must end at one root; scores cannot be rolled up through a cycle. Change one `parent` to break the cycle.";
    R008 Error "node without children"
        "A node that no indicator or node names as its parent. It would never have a score, and it would lower its parent's coverage for ever. Give it children, or remove it.";
    R009 Error "weight negative or not finite; all children weigh 0"
        "A weight must be a finite number of 0 or more, and at least one child of each node must weigh more than 0, otherwise the node's weighted mean is undefined. Correct the weight.";
    R010 Error "bands, goalposts, levels or a numeric range out of order"
        "Bands must be listed from the lowest bound to the highest; goalposts of a numeric scale in increasing order of value; the levels of a levels scale from the lowest score to the highest; and a numeric scale's `min` below its `max`. Out of order, a score could fall in two bands, or a better answer could score lower. Reorder the entries.";
    R011 Warning "a text missing in a declared language"
        "The framework declares a language but this text has none in it. Templates and reports then fall back to the framework's first language and say the text is untranslated. Add the text in that language.";
    R012 Error "empty rules folder"
        "The rules folder holds no `.toml` file, so there is no framework to use. Point `--rules` at a folder of framework folders (see `mgi rules export` or `mgi rules new`).";
    R013 Error "rules folder missing or unreadable"
        "The folder given with `--rules` (or a file in it) does not exist, is not a folder, or cannot be read. Check the path and the permissions.";
    R014 Error "missing or repeated `[framework]`, `[special]` or `[uncertainty]`"
        "A framework folder must declare `[framework]` exactly once, and `[special]` and `[uncertainty]` at most once, across all its files. Without `[framework]` there is no id, version or language; a second one would be ambiguous. Keep one. A first-level folder of the rules folder with no `[framework]` is accepted as shared content when a framework includes its files; one that no framework includes is this error.";
    R015 Error "no root or several roots"
        "Exactly one `[[node]]` must have no `parent`: the root, whose score is the overall score. Give every other node a parent.";
    R016 Error "condition naming an unknown context question or code"
        "An `applies_if` condition names a context question that is not declared, or an answer code that question does not have, or is not of a known form (`{ question, in }`, or `{ any = [...] }` / `{ all = [...] }` one level deep). The indicator's applicability could not be decided. Use a declared question and its codes.";
    R017 Error "two answers that fold to the same spelling"
        "Two codes, labels or aliases of one scale (or of the special answers) become the same once case, accents and spaces are ignored, so an answer typed that way would be ambiguous. Change one spelling.";
    R018 Error "a required value missing or empty"
        "Something the rule format requires is missing or empty: a text blank in every language, an empty id or option code, a scale without options or with fewer than two levels (a boolean scale with other than two options), a numeric scale without two goalposts, a context question without options, no language or level declared, no indicator, an option without a score, a `score` policy without a score, a band without `lower` or `exact`. Add the value.";
    R019 Error "cycle in applicability conditions"
        "A context question's own condition depends, through other questions, on itself, so whether it applies can never be decided. Break the chain.";
    R020 Error "included file not found"
        "A file named in `[framework] include` does not exist (paths are relative to the file that names them; a file outside the rules folder is read when it exists). Everything declared in that file is missing: the errors that follow from it (links to its entries) are summarised in one R030 line after this one. Correct the path, or copy the shared folder with the framework (`mgi rules export` writes both).";
    R021 Error "tree deeper than the declared levels"
        "The tree has more depths than `levels` names. Every depth needs a name for templates and reports. Add a level, or flatten the tree.";
    R022 Warning "text in an undeclared language"
        "A text carries a language the framework does not declare in `languages`; it is never shown. Declare the language, or remove the text.";
    R023 Error "value not one of the allowed words"
        "A key that takes one of a fixed set of words has another: a scale `kind` (choice, levels, numeric, boolean), an `aggregation` (arithmetic, geometric, minimum), an `evidence` expectation (none, expected), a don't-know or blank `policy` (missing, score). Use one of the words listed in the message.";
    R024 Error "number outside its allowed range"
        "A number is outside the range its key allows: scores, `min_coverage` and goalpost scores run from 0 to 1; band bounds from 0 to 100; `geometric_floor` above 0 and at most 100 points; a Dirichlet `concentration` above 0. Use a value in the range given.";
    R025 Error "score_range that does not hold the option's score"
        "An option's `score_range = [low, high]`, which the uncertainty analysis draws from, must satisfy 0 ≤ low ≤ score ≤ high ≤ 1; otherwise the draws would not vary around the nominal score. Correct the range.";
    R026 Error "key that does not apply here"
        "A key that is valid elsewhere but not in this place: `policy` on not-applicable (which always leaves the denominators), `min`/`max`/`goalposts`/`unit` on a non-numeric scale, options on a levels scale, a score on a context option (context questions are not scored), `exclusive` on an exact band, both `lower` and `exact` on one band. Remove the key.";
    R027 Error "cumulative criteria and scale do not match"
        "`cumulative = true` is only for a levels scale; an indicator on a cumulative scale must list its `[[indicator.criterion]]` entries; and criteria are only for such a scale. Otherwise no level could be computed. Make the scale and the indicator agree.";
    R028 Error "identifier of the wrong form"
        "A framework id must use letters, digits, `-`, `_` or `.`; a language must be a 2 or 3 letter lower-case code such as `en`. Ids appear in file names and JSON keys. Rename it.";
    R029 Error "url of the wrong form"
        "A catalogue entry's `url` must be an absolute web address (`https://...` with a host name, no spaces), so reports can link to the official page. Correct the address, or remove the key when there is no official page.";
    R030 Error "errors that follow from a file not read, summarised"
        "An included file is missing, or a rule file of the framework has a syntax error, so what it declares is unknown. The errors that would vanish once that file is read (links to the catalogue entries it declares, parents and scales it holds, nodes whose children it holds) are not listed one by one: this line counts them, names the first, and follows the cause it comes from. Fix the cause (the diagnostic just above); run `mgi rules check` again to see what remains.";
    R031 Warning "rule file not used by any framework"
        "A rule file lies in a folder without `[framework]` (a shared folder) or at the top of the rules folder, and no framework includes it, so nothing it declares is used. Name it in the `include` list of the framework that needs it, move it into a framework folder, or delete it.";
    R032 Error "plain string where a text per language is expected"
        "Texts (titles, labels, questions, units...) are written per language, `{ en = \"...\", fr = \"...\" }`. A plain string is accepted only in a framework that declares a single language, where it is taken as that language. In a framework of several languages, write the text in each of them.";

    // Crosswalks (mapping files between two frameworks).
    R050 Error "crosswalk naming a framework that is not in the rules"
        "A crosswalk's `from` or `to` is not the id of a framework of the same rules (or that framework has errors of its own). Nothing can be carried through it. Use the id of a framework listed by `mgi rules list`, or fix that framework first.";
    R051 Error "crosswalk source that is not an indicator of the source framework"
        "A `[[map]]` `source` is not an indicator id of the `from` framework: a typo, a node id, or an indicator that a new version of the framework renamed, split or removed. The pair is left out. Use a current indicator id (the message suggests the closest); after a framework changes, `mgi rules check` lists every stale id.";
    R052 Error "crosswalk target that is not an indicator of the target framework"
        "A `[[map]]` `target` is not an indicator id of the `to` framework: a typo, a node id, or an indicator that a new version renamed, split or removed. The pair is left out. Use a current indicator id of the target (the message suggests the closest).";
    R053 Error "relationship not equal, subset, superset or intersect"
        "A pair's `relationship` says how the source relates to the target: `equal` (the same thing), `subset` (the source covers part of the target), `superset` (the source covers the target and more) or `intersect` (they overlap). Any other word cannot be carried. Use one of the four.";
    R054 Error "the same source and target mapped twice"
        "A source and a target appear together in two `[[map]]` entries; the second would count the same evidence twice. Keep one entry (the message names the first).";
    R055 Error "strength not a whole number from 1 to 10"
        "A pair's `strength` (informational only: it is shown, never used in a score) must be a whole number from 1 (weak) to 10 (strong). Correct it, or remove the key.";
    R056 Error "combination rule not weakest, mean or strongest"
        "`[crosswalk] combine` says how several sources of one target combine: `weakest` (the default: met only as far as every source shows), `mean` or `strongest`. Use one of these words.";
    R057 Error "partial_cap outside 0 to 1"
        "`[crosswalk] partial_cap` is the most a target item mapped only by `subset` or `intersect` sources can reach, as a score from 0 to 1. Use a value in that range, or remove the key to use the target scale's highest score below its maximum.";
    R058 Warning "crosswalk text missing in a language both frameworks carry"
        "A crosswalk's `about` text or a pair's `rationale` lacks one of the languages both frameworks it joins carry, the languages a view can be shown in with the texts of both sides (or has one neither declares, or is missing altogether). A language only one framework carries is welcome but not required: a view in it shows the other side in that framework's first language. Reports show the rationale next to each carried score, so readers of that language lose the reason. Add the text.";
    R059 Error "two crosswalks for the same pair of frameworks"
        "Two crosswalk files of one rules folder map the same source framework to the same target; a view must come from one mapping. Merge them, or keep the alternative mapping in another rules folder (`--rules`).";
    R060 Error "crosswalk from a view, or from a framework to itself"
        "A crosswalk carries assessments of its `from` framework; a view (`kind = \"view\"`) has no assessments of its own, and a framework mapped to itself would only copy its scores. Map from an assessment framework to another framework.";
    R061 Error "crosswalk without any pair"
        "A crosswalk file has a `[crosswalk]` table but no `[[map]]` entry, so every target item would be unmapped. Add the pairs (source, target, relationship).";
    R075 Error "translation for an undeclared language"
        "A `[[translation]]` entry names a language the framework does not declare in `languages`, so nothing of that language is ever shown. Declare the language, or correct the code.";
    R076 Error "official text that is not in the framework"
        "A text listed in a `[[translation]]` entry's `official` must be a text of the framework exactly as the rule files have it in the first language, with a rendering in the translation's language beside it: otherwise the About sheets would claim an official source for a text that is not there. Copy the text exactly, or add its rendering.";
    R077 Warning "declared language without a translation entry"
        "Once a framework says where the texts of one language come from (`[[translation]]`), it should say so for every declared language, so no reader mistakes our translation for an official edition. Add a `[[translation]]` entry for each language listed.";

    // ----- Whole files ------------------------------------------------------------------
    F001 Error "file not found"
        "The input does not exist. Check the path; a folder given as input is searched for .xlsx, .xlsm, .xls, .xlsb, .ods and .csv files.";
    F002 Error "file unreadable"
        "The input exists but cannot be read (permissions, a device error). Check the file's permissions.";
    F003 Error "not a spreadsheet"
        "The input is neither a workbook (xlsx, xlsm, xls, xlsb, ods) nor a csv table. Save it from Excel or LibreOffice in one of those formats.";
    F004 Error "password-protected workbook"
        "The workbook is encrypted with a password to open, which `mgi` cannot read. Save a copy without the password to open (sheet protection is fine).";
    F005 Error "damaged or truncated workbook"
        "The workbook's structure is broken (a truncated download, a damaged zip, invalid XML). Open it in Excel or LibreOffice and save it again; if that fails, recover it from the sender.";
    F006 Error "no assessment data"
        "The file has no `Assessment` sheet and no table of units (a header row with a country column and indicator ids). Use a workbook made by `mgi template`, or a table as described in the README.";
    F007 Error "unknown framework"
        "The framework named in the workbook's About sheet (or with `--framework`) is not among the frameworks loaded. Check `mgi rules list`, or load the framework with `--rules DIR`. A view framework (`kind = \"view\"`, such as gcm) is refused the same way: it has no workbooks of its own and is reached through `mgi crosswalk`.";
    F010 Error "the same assessment read twice in one run"
        "Two inputs of one run have the same identity (unit, period, round, framework and version). Nothing is merged silently: the second is skipped. Remove the copy, give it its own round, or, for parts filled by several bodies, merge them first.";
    F011 Error "not a regular file"
        "The input is a named pipe, a device or a socket. Only regular files are read: such an input is never opened, so it cannot make the run wait for ever. Save the workbook as a file and name that file.";
    F012 Error "file larger than the input budget"
        "The file is larger than one input may be (512 MiB by default). Self-assessments and tables of countries are far smaller; a file this large is not one, or holds something else (pictures, a database export). Split the table, or remove what is not the assessment.";
    F013 Error "a part of the workbook over its budget"
        "A part of the workbook's zip package (a sheet's XML, the shared strings, a binary sheet) inflates beyond the budget per part (256 MiB), inflates more than 200 times its packed size (how zip bombs are made), or declares more shared strings than the budget (5,000,000). The part is named. Nothing is inflated before this check, so such a file costs no memory. Save the workbook again from a spreadsheet program; a real workbook is far below these budgets.";
    F014 Error "a sheet over the cells budget"
        "A sheet holds more non-empty cells than the budget (5,000,000), or its cells span a larger area than a dense reader (xls, ods) may lay out (4,000,000 cells), for example through repeated rows and columns. The sheet is named. Delete what is not the assessment (stray cells far from the table, formatting copied to the whole sheet), or split the table.";
    F015 Error "the reader failed on the file"
        "The reader of the file's format stopped on a defect it has with this file (a spreadsheet library cannot read every damaged or unusual file). The message says which reader and where it stopped. The other files of the run are read as usual. Open the file in Excel or LibreOffice and save it again; please report the file so the reader can be fixed.";
    F016 Error "text in no encoding tried"
        "A csv file holds bytes that are text in none of the encodings tried: UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, and Windows-1252 (which covers Latin-1). The line and byte are named. Save the table as UTF-8 csv.";

    F030 Error "a part of another assessment given to merge"
        "`mgi merge` combines the parts of one assessment: every part must have the same unit, period, round, framework and version (its About sheet). This one names another assessment than the first part, so merging it would mix two assessments. Nothing is merged and no workbook is written (exit 2). Remove the part from the command, or correct its About sheet if it was filled for this assessment.";

    // ----- Workbooks and answers --------------------------------------------------------
    W001 Warning "no About sheet"
        "The workbook has no `About` sheet, so the unit, period and round are unknown and the context questions unanswered. Use a workbook made by `mgi template`, or add the sheet.";
    W002 Either "a required About field empty"
        "The unit code or the period is empty (an error: the assessment cannot be identified), or the round is empty (a warning: it is taken as 1). Fill the field on the About sheet or in the table's column.";
    W003 Warning "unit code not ISO 3166 alpha-3"
        "A country's code should be the three-letter ISO 3166 alpha-3 code (fictional ones: XAA to XZZ), so assessments can be matched across rounds and with other data. Correct the code, or set the unit level (province, city) when the unit is not a country.";
    W004 Warning "period not a year or span"
        "The period should be a year (2026) or a span of years (2025/2026), so rounds can be ordered. Correct it.";
    W005 Error "no header row with ID and Answer"
        "No row of the first 40 of the `Assessment` sheet holds both an ID and an Answer header (in any of the framework's languages), so no answer can be read. Restore the header row of the template.";
    W006 Warning "a column missing"
        "A column of the template (evidence, comment, responsible entity) is missing, so its content cannot be read. Restore the column if you had removed it.";
    W010 Warning "unknown indicator id"
        "A row's ID is not an indicator or criterion of the framework (a typo, or an indicator removed in a later version). The row is not used. Correct the ID, or check the framework version.";
    W011 Either "indicator row repeated"
        "The same ID appears on two rows. The first is used; the second is a warning when it says the same, an error when it differs (one of the two answers is lost). Keep one row.";
    W012 Warning "indicator row missing"
        "An indicator of the framework has no row in the workbook (a deleted row). It is treated as unanswered. Restore the row from a fresh template.";
    W013 Warning "heading row with content"
        "A heading row (a phase, guideline or domain) holds an answer or text. Only indicator rows are read, so the content is not used. Move it to the indicator's row.";
    W014 Warning "row with content but no ID"
        "A row holds an answer or text but no ID, so it cannot be matched to an indicator and is not used. Put the indicator's ID in the ID column.";
    W020 Error "answer not on the scale"
        "The answer is not a code, label or alias of the indicator's scale in any of the framework's languages (or a number outside a numeric scale, or an error value such as #N/A). It is not scored. Choose an answer from the dropdown.";
    W021 Error "not applicable without a justification"
        "The framework requires a reason for every not-applicable answer, and the comment is empty. Say in the comment why the indicator does not apply.";
    W022 Warning "positive answer without evidence"
        "The indicator expects evidence and a positive answer cites none. The answer is scored, but a reviewer cannot check it. Cite the law, policy, report or data in the evidence column.";
    W023 Warning "error value in a text cell"
        "An evidence, comment or responsible cell holds a spreadsheet error value (#REF!, #N/A...), usually a broken formula. Replace it with text.";
    W025 Warning "answer to an indicator that does not apply"
        "Given the context answers (for example, the State answers as State of origin only), this indicator does not apply; its answer is kept in the audit trail but not scored. Check the context answers on the About sheet.";
    W026 Warning "merged cells across answer rows"
        "Cells merged over several answer rows give the value to the first row only; the others read as blank. Unmerge and fill each row.";
    W027 Warning "context question unanswered"
        "A context question on the About sheet (such as the State's role) is empty, so every indicator that depends on it is treated as applicable, and every answer option that depends on it is offered. Answer it.";
    W028 Error "context answer not an option"
        "The answer to a context question is not one of its options, so the indicators that depend on it are treated as applicable. Choose an option from the dropdown.";
    W029 Error "answer option not offered under the context answers"
        "The answer is an option of the indicator's scale, but that option is offered only under other context answers (for example \"Partially\" on SDG 10.7.2 domains 2 to 6 when the coding is the official yes/no coding). It is not scored. Choose one of the options offered, or check the context answers on the About sheet.";
    W032 Warning "workbook made for another framework version"
        "The workbook names another version of the framework; it is read by indicator id against the version loaded, and indicators added or removed between versions are reported. Use a template of the current version for a new round.";
    W033 Warning "--framework differs from the workbook's framework"
        "The workbook names one framework and `--framework` asked for another; it is read as asked. Check that this is what you meant.";
    W034 Warning "no framework named"
        "The About sheet names no framework, so the default one is used. Fill the framework field, or pass `--framework`.";
    W041 Warning "answer typed on an indicator whose level comes from criteria"
        "The indicator's level is computed from its criteria rows; a value typed on the indicator's own row is not used. Answer the criterion rows below it.";
    W042 Error "no indicator answered"
        "The assessment answers no indicator at all: every answer cell is blank (an unfilled template, or a workbook read against another framework, whose ids it does not have). `mgi score` still writes the report, which shows that nothing is scored yet. A part filled by one body for a later merge, marked by a `contributor` field on its About sheet, is exempt. Fill the answers, or check `--framework`.";
    W043 Error "round not a positive whole number"
        "The round must be a whole number from 1 (the first assessment) to 999, written without decimals or signs. It is part of an assessment's identity and orders the rounds of a unit. Correct it on the About sheet or in the table's round column.";
    W044 Error "period running backwards or a year out of range"
        "A period's years must lie from 1900 to 2100, and a span must run forward (2025/2026, not 2026/2025 or 2026/2026). Periods order the rounds of a unit and name the report files. Correct the period.";
    W045 Either "an About field given twice"
        "A field of the About sheet (unit code, period, round...) appears on two rows. The first is used; the second is a warning when it says the same, an error when it differs (its value is not used). Keep one row.";
    W046 Warning "a second Assessment or About sheet"
        "The workbook holds two sheets that both read as the Assessment sheet (or the About sheet), for example a copy or a translation of the sheet. Only the first is read; the second is named and not read. Delete the copy, or move its answers to the first sheet.";
    W047 Either "a column header given twice"
        "The header row of the Assessment sheet names the same column twice (two Answer columns, two Evidence columns). Only the first is read; the second is an error when it holds values, which are named and not used. Keep one column.";
    W048 Warning "values in a column without a header"
        "Values below the header row sit in a column whose header cell is empty, often because the Answer header was moved and the answers were not. They are named and not used. Put the header back over its values.";
    W049 Either "formula without a computed value"
        "A cell holds a formula whose result was never computed and saved, as programs that write workbooks without a spreadsheet engine leave them, so the cell has no value to read. In the answer column it is an error (the answer reads as unanswered); in a text column a warning. Open and save the file in Excel or LibreOffice, which computes the formulas, or type the values.";
    W050 Either "a cell given twice in the sheet"
        "The sheet's XML gives the same cell twice (a file written by a faulty program). The first value is used; the second is a warning when it is the same, an error when it differs (that value is not used). Save the file again from a spreadsheet program.";
    W051 Warning "text longer than the budget, clipped"
        "A cell or csv value holds more characters than the budget per text (1,000,000). Only the first ones are read; the original length is named. No real answer, evidence or comment is this long: check the cell (a pasted document, a broken export).";
    W052 Warning "text clipped to Excel's cell limit in a report"
        "A text written into a report workbook (an answer, evidence, a comment, a unit name) is longer than the 32,767 characters an Excel cell holds; the workbook shows its first 32,767 characters, and the message names the report's cell and the original length. The JSON output keeps the whole text.";

    W080 Error "parts answer one indicator differently"
        "Two parts of an assessment answer the same indicator (or criterion, or context question) differently, or one answers it and another says don't know. `mgi merge` does not choose: the merged workbook leaves the answer empty and puts every answer, with its contributor, file and cell, in the comment, and the exit code is 1. Agree on one answer with the bodies and type it in the merged workbook, or merge again with `--prefer FILE` (that part's answer wins) or `--prefer latest` (the part with the latest About date wins).";
    W081 Warning "a conflict resolved by --prefer"
        "Parts answer an indicator differently and `--prefer` chose one answer. The merged workbook keeps it, with its source; the other answers are in the comment, so nothing is lost. Check the choice with the bodies.";
    W082 Warning "an indicator answered by a body it was not assigned to"
        "A part answers an indicator that is not in its scope (the indicators listed on its About sheet when `mgi template --split-by` or `--only` made it), for example a row copied from another part. The answer is merged with its source like any other, and conflicts with the assigned body's answer are reported (W080). Check the answer with the body the indicator is assigned to.";
    W083 Error "an assignment line that is not an id and a body"
        "A line of the `--assign FILE.csv` file of `mgi template` does not have two fields (an indicator or node id, then the body that answers it), or one of them is empty. The line and column are named. No part is written until the file is fixed.";
    W084 Error "an assignment of an id the framework does not have"
        "A line of the `--assign FILE.csv` file names an id that is neither an indicator nor a node of the framework (a typo, or an id of another framework or version). No part is written until the file is fixed; `mgi rules show ID` lists the ids.";
    W085 Either "an id assigned twice"
        "The `--assign FILE.csv` file assigns the same id twice: to two bodies (an error: which one answers is unknown, and no part is written), or to the same body again (a warning). A node's assignment covers its indicators; an indicator's own line overrides its node's, so that needs no second line for the node.";
    // ----- Tables -----------------------------------------------------------------------
    T001 Warning "table without columns for some indicators"
        "The table has no column for some indicators of the framework; they are treated as unanswered. Add the columns, or check the indicator ids in the headers.";
    T002 Warning "unrecognised columns taken as grouping fields"
        "Columns whose headers are neither About fields nor indicator ids are taken as grouping fields (for `compare --group-by`). Check that no indicator id is misspelt among them.";
    T003 Warning "value without a header"
        "A value sits in a column without a header, or beyond the last header of the table, so what it means is unknown and it is not used. The value is named with its line and column. Add a header, or remove the stray value.";
    T004 Error "quoted value that never closes"
        "A value of a csv file opens with a quote (\") that is never closed, which would make the rest of the file one value. The line and column where it opens are named; the rest of that line is read as it stands, quote included, and the lines after it are read as rows. Close the quote, or remove it.";
    T005 Warning "row separated by another delimiter than the header"
        "A row of a csv file is separated by another delimiter (a comma where the header uses semicolons, as when tables from two systems are pasted together). It is read with the delimiter it uses, and named. Save the table with one delimiter.";
    T006 Either "header given twice"
        "Two columns of a table have the same header (two year columns, an indicator id twice). Only the first is read; the header is a warning, and each value of the second column that differs from the first's on its row is an error naming its cell (that value is not used). Rename or remove the second column.";
    T007 Warning "csv not UTF-8: read as Windows-1252"
        "The csv file is not UTF-8, so it is read as Windows-1252 (Western European, which covers Latin-1), the encoding older programs save in. Accented letters read right when that guess is right. Save the file as UTF-8 to be sure.";

    // ----- Comparisons ------------------------------------------------------------------
    C001 Error "an input of another framework left out of a comparison"
        "A comparison covers one framework at a time; an assessment of another framework is left out. Compare it in its own run, or use `--framework`.";
    C002 Warning "a unit without the grouping field"
        "A unit has no value for the field named by `--group-by`, so it has no peer group. Fill the field on its About sheet, in its table column, or in `--groups FILE.csv`.";

    // Crosswalk views.
    C010 Error "an assessment that cannot be carried to the target framework"
        "`mgi crosswalk --to X` and `mgi compare --view X` carry each assessment through the crosswalk from its framework to X; this assessment's framework has none (or its results do not match the framework), so it is left out. Add a crosswalk (`rules/crosswalks/FROM--TO.toml`), or choose a target that `mgi rules list` shows a crosswalk to.";
    C011 Warning "views of assessments of different frameworks compared side by side"
        "`mgi compare --view X` compares units through X, but their assessments were made with different frameworks, each carried by its own mapping with its own coverage of X. The scores are indicative and not equally complete: compare the coverage before the scores.";
    C030 Warning "the OLD round is later than the NEW one"
        "`mgi progress OLD NEW` takes its first file as the earlier round and reports NEW minus OLD. Here the OLD workbook's period (or, in the same period, its round) is later than the NEW one's, so every change reads backwards: gains as losses, closed gaps as opened ones. The report is still written, with this warning on its first sheet. Swap the two files if they were given the wrong way round.";
}

impl Code {
    /// The registry entry of this code.
    pub fn info(self) -> &'static CodeInfo {
        REGISTRY
            .iter()
            .find(|i| i.code == self)
            .expect("every code has a registry entry")
    }

    /// The code named by `text` (`"w020"` and `"W020"` alike).
    pub fn parse(text: &str) -> Option<Code> {
        let t = text.trim().to_ascii_uppercase();
        REGISTRY.iter().map(|i| i.code).find(|c| c.as_str() == t)
    }
}

/// The Markdown table of the codes whose prefix is one of `prefixes` (e.g. `"R"` or
/// `"FWTC"`): the README's code tables are this text, checked by a test.
pub fn markdown_table(prefixes: &str) -> String {
    let mut out = String::from("| code | severity | problem |\n|---|---|---|\n");
    for i in REGISTRY {
        if prefixes.contains(&i.code.as_str()[..1]) {
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                i.code,
                i.severity.name(),
                i.summary
            ));
        }
    }
    out
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_is_sorted_and_complete() {
        let codes: Vec<&str> = REGISTRY.iter().map(|i| i.code.as_str()).collect();
        let mut sorted = codes.clone();
        sorted.sort_by_key(|c| {
            let p = "RFWTC".find(&c[..1]).unwrap_or(9);
            (p, c.to_string())
        });
        assert_eq!(
            codes, sorted,
            "keep the registry sorted by prefix, then number"
        );
        for i in REGISTRY {
            assert_eq!(i.code.info().code, i.code);
            assert!(!i.summary.is_empty() && !i.explanation.is_empty());
            assert_eq!(Code::parse(&i.code.as_str().to_lowercase()), Some(i.code));
        }
    }
}
