//! An example for each diagnostic code: what the input looked like, what `mgi` said, and
//! the fix. `mgi explain CODE` prints it after the code's explanation.
//!
//! A table of its own, keyed by code, so a code added to the registry without an
//! example still compiles: the test `explain_covers_every_code` (tests/it/explain.rs)
//! names it until its example is written here.

use super::Code;

/// The example of a code, if one is written.
pub fn example(code: Code) -> Option<&'static str> {
    EXAMPLES.iter().find(|(c, _)| *c == code).map(|(_, e)| *e)
}

/// (code, example), in registry order.
pub static EXAMPLES: &[(Code, &str)] = &[
    (
        Code::R001,
        r#"In tiny/b.toml:
    [[node]]
    id = "root
  error[R001] tiny/b.toml:2:6: TOML error: invalid basic string ...; this file is not used, the other files are still checked
Fix: close the string: id = "root""#,
    ),
    (
        Code::R002,
        r#"    [[node]]
    id = "A"
    weigth = 2
  error[R002] tiny/framework.toml:3:1: unknown key "weigth" in [node] (did you mean "weight"?); expected one of: id, parent, label, ...
Fix: weight = 2"#,
    ),
    (
        Code::R003,
        r#"Two entries [[node]] id = "A" (one in tree.toml, one in extra.toml):
  error[R003] tiny/extra.toml:1:6: duplicate node or indicator id "A" (first declared at tiny/tree.toml:7:6); expected each id to be unique
Fix: rename one of them, e.g. id = "A2", and its children's parent"#,
    ),
    (
        Code::R004,
        r#"    [[indicator]]
    id = "A.1"
    parent = "Area A"
  error[R004] ...: indicator "A.1" has parent "Area A" which is not a node; expected the id of a [[node]]
Fix: parent = "A" (the node's id, not its label)"#,
    ),
    (
        Code::R005,
        r#"    [[indicator]]
    id = "A.1"
    scale = "yes-no"
  error[R005] ...: indicator "A.1" uses scale "yes-no" which is not declared; expected one of: yn
Fix: scale = "yn", or declare [[scale]] id = "yes-no""#,
    ),
    (
        Code::R006,
        r#"    links = { guidelines = ["G9"], gcm = [24] }
  error[R006] ...: indicator "A.1" links to guideline "G9" which is not in the catalogue; expected one of: G1, G2
  error[R006] ...: indicator "A.1" links to GCM objective 24; expected an objective number from 1 to 23
Fix: links = { guidelines = ["G1"], gcm = [23] }, or declare [[guideline]] id = "G9""#,
    ),
    (
        Code::R007,
        r#"    [[node]]  id = "X"  parent = "Y"
    [[node]]  id = "Y"  parent = "X"
  error[R007] ...: cycle in the tree: X → Y → X; expected every node to lead up to the root
Fix: parent = "root" on one of them"#,
    ),
    (
        Code::R008,
        r#"    [[node]]
    id = "B"
    parent = "root"
  (no indicator or node names parent = "B")
  error[R008] ...: node "B" has no children; expected at least one node or indicator under it
Fix: add an [[indicator]] with parent = "B", or remove the node"#,
    ),
    (
        Code::R009,
        r#"    [[node]]
    id = "A"
    weight = -1
  error[R009] ...: weight of node "A" is -1; expected a finite number of 0 or more
Fix: weight = 1 (relative to its siblings)"#,
    ),
    (
        Code::R010,
        r#"    [[band]]  code = "high"  lower = 50
    [[band]]  code = "low"   lower = 0
  error[R010] ...: band "low" starts at 0, not above the previous band "high" (50); expected bands from lowest to highest
Fix: list "low" first"#,
    ),
    (
        Code::R011,
        r#"    languages = ["en", "fr"]
    question = { en = "Is there a plan?" }
  warning[R011] ...: indicator "A.1" question has no "fr" text; expected one in each declared language (en, fr)
Fix: question = { en = "Is there a plan?", fr = "Existe-t-il un plan ?" }"#,
    ),
    (
        Code::R012,
        r#"    mgi --rules notes/ rules list      (notes/ holds only .txt files)
  error[R012] notes/: rules folder holds no .toml file; expected at least one framework folder or rule file
Fix: point --rules at a folder of framework folders, e.g. one made by `mgi rules export mgi DIR`"#,
    ),
    (
        Code::R013,
        r#"    mgi --rules /nonexistent rules list
  error[R013] /nonexistent: rules folder does not exist; expected a folder of framework rule files (TOML)
Fix: check the path (relative paths start from the current folder)"#,
    ),
    (
        Code::R014,
        r#"A folder tiny/ whose files declare nodes and indicators but no file declares [framework],
and no framework includes them:
  error[R014] tiny/tree.toml: folder "tiny" has no [framework] table and no framework includes its files; ...
Fix: add [framework] with id, version, title, languages and levels to one of its files"#,
    ),
    (
        Code::R015,
        r#"Every [[node]] has a parent:
  error[R015] tiny/framework.toml:2:1: the tree has no root; expected exactly one [[node]] without a parent
Fix: remove the parent of the top node"#,
    ),
    (
        Code::R016,
        r#"    applies_if = { question = "rol", in = ["host"] }
  error[R016] ...: condition names context question "rol" which is not declared; expected one of: role
Fix: applies_if = { question = "role", in = ["host"] }"#,
    ),
    (
        Code::R017,
        r#"    [[scale.option]]  code = "no"  aliases = ["YES"]
  error[R017] ...: scale "yn": "YES" would mean both "yes" and "no" once case and accents are ignored; ...
Fix: remove the alias, or give it to the option it means"#,
    ),
    (
        Code::R018,
        r#"    question = { en = "", fr = " " }
  error[R018] ...: indicator "A.1" question is empty; expected a text in each declared language
Fix: write the question"#,
    ),
    (
        Code::R019,
        r#"    [[context]]
    id = "role"
    applies_if = { question = "role", in = ["host"] }
  error[R019] ...: cycle in applicability conditions: role → role; expected conditions that do not depend on themselves
Fix: remove the condition, or make it depend on another question"#,
    ),
    (
        Code::R020,
        r#"Only rules/mgi was copied:
    include = ["../micic/stakeholders.toml"]
  error[R020] my-rules/mgi/framework.toml:26:12: included file "../micic/stakeholders.toml" not found (looked for my-rules/micic/stakeholders.toml); ...
  error[R030] ...: and 725 links that need it, not listed one by one ...
Fix: `mgi rules export mgi my-rules` writes mgi/ with the micic files it includes"#,
    ),
    (
        Code::R021,
        r#"    levels = [overall, area, indicator], and an indicator under a node under "A":
  error[R021] ...: the tree is 4 levels deep but [framework] levels names 3; expected a name for every depth, root first
Fix: add a level ({ id = "sub-area", label = ... }), or hang the indicator under "A""#,
    ),
    (
        Code::R022,
        r#"    languages = ["en", "fr"]
    question = { en = "Is it so?", fr = "Est-ce ainsi ?", de = "Ist es so?" }
  warning[R022] ...: indicator "A.1" question has a text in "de", a language the framework does not declare; ...
Fix: languages = ["en", "fr", "de"], or remove the de text"#,
    ),
    (
        Code::R023,
        r#"    kind = "choices"
  error[R023] ...: scale "yn" has kind "choices"; expected one of: choice, levels, numeric, boolean
Fix: kind = "choice""#,
    ),
    (
        Code::R024,
        r#"    min_coverage = 50
  error[R024] ...: min_coverage is 50; expected a number from 0 to 1
Fix: min_coverage = 0.5 (a share of the weight, not a percentage)"#,
    ),
    (
        Code::R025,
        r#"    code = "no"
    score = 0.0
    score_range = [0.2, 0.4]
  error[R025] ...: score_range [0.2, 0.4] of option "no" is not valid; expected 0 ≤ low ≤ score (0) ≤ high ≤ 1
Fix: score_range = [0.0, 0.2], or no score_range"#,
    ),
    (
        Code::R026,
        r#"    [[band]]
    code = "full"
    lower = 50
    exact = 100
  error[R026] ...: band "full" has both lower and exact; expected one of them, e.g. lower = 40 or exact = 100
Fix: keep exact = 100 for a band that holds only 100"#,
    ),
    (
        Code::R027,
        r#"    [[scale]]
    kind = "choice"
    cumulative = true
  error[R027] ...: scale "yn" sets cumulative but is not a levels scale; expected cumulative only with kind = "levels"
Fix: kind = "levels" with [[scale.level]] entries, or remove cumulative"#,
    ),
    (
        Code::R028,
        r#"    id = "tiny one!"
  error[R028] ...: framework id "tiny one!" is not valid; expected letters, digits, '-', '_' or '.'
Fix: id = "tiny-one""#,
    ),
    (
        Code::R029,
        r#"    url = "www.example.org/g1"
  error[R029] ...: guideline "G1" url "www.example.org/g1" is not a web address; expected an absolute address such as https://www.iom.int/...
Fix: url = "https://www.example.org/g1""#,
    ),
    (
        Code::R030,
        r#"  error[R020] my-rules/mgi/framework.toml:26:12: included file "../micic/stakeholders.toml" not found ...
  error[R030] my-rules/mgi/framework.toml:26:12: and 725 links that need it, not listed one by one (they go once the file is found); the first: ...
Fix: fix the cause on the line above; the 725 go with it"#,
    ),
    (
        Code::R031,
        r#"shared/ holds a.toml (included by tiny) and old.toml (included by nothing):
  warning[R031] shared/old.toml: rule file in the shared folder "shared" is not included by any framework, so it is not used; ...
Fix: include = ["../shared/a.toml", "../shared/old.toml"], or delete old.toml"#,
    ),
    (
        Code::R032,
        r#"    languages = ["en", "fr"]
    unit = "%"
  error[R032] ...: scale "pct" unit is a plain string ("%"), but the framework declares 2 languages (en, fr); expected one text per language: { en = "%", fr = "..." }
Fix: unit = { en = "%", fr = "%" } (a plain string is fine in a single-language framework)"#,
    ),
    (
        Code::R050,
        r#"In crosswalks/mgi--sdg.toml:
    [crosswalk]
    from = "mgi"
    to = "sdg-10-7-3"
  error[R050] crosswalks/mgi--sdg.toml:3:6: target framework "sdg-10-7-3" is not in these rules, or has errors (did you mean "sdg-10-7-2"?); expected one of: gcm, mgi, micic, sdg-10-7-2
Fix: to = "sdg-10-7-2" (a framework id of the rules in use, see `mgi rules list`), or fix that framework's errors first"#,
    ),
    (
        Code::R051,
        r#"After MGI 2.0.0 moved the bilateral labour agreements indicator from D4.D.1 to D1.G.1:
    [[map]]
    source = "D4.D.1"
    target = "PD_3.b"
  error[R051] crosswalks/mgi--sdg-10-7-2.toml:109:10: source "D4.D.1" is not an indicator of mgi 2.0.0; expected one of its 100 indicator ids (a stale id after a framework change?)
Fix: source = "D1.G.1", the id the indicator has now (`mgi rules show mgi`); drop the pair if the indicator was removed, and judge the pair again if it was split or reworded"#,
    ),
    (
        Code::R052,
        r#"    [[map]]
    source = "D1.B.1"
    target = "PD_1"
  error[R052] crosswalks/mgi--sdg-10-7-2.toml:33:10: target "PD_1" is not an indicator of sdg-10-7-2 1.1.0 (it is a node; a crosswalk maps indicators); expected one of its 30 indicator ids (a stale id after a framework change?)
Fix: target = "PD_1.a" (map to the indicators; nodes are scored from them)"#,
    ),
    (
        Code::R053,
        r#"    relationship = "same"
  error[R053] crosswalks/mgi--sdg-10-7-2.toml:34:16: relationship "same" is not known; expected one of: equal, subset, superset, intersect (the source relative to the target)
Fix: relationship = "equal" (or "subset" when the source covers only part of the target)"#,
    ),
    (
        Code::R054,
        r#"Two [[map]] entries with source = "D1.B.1" and target = "PD_1.a":
  error[R054] crosswalks/mgi--sdg-10-7-2.toml:298:1: D1.B.1 → PD_1.a is mapped twice (first at crosswalks/mgi--sdg-10-7-2.toml:31:1); expected each pair once
Fix: keep one of them (merge their rationales)"#,
    ),
    (
        Code::R055,
        r#"    strength = 11
  error[R055] crosswalks/mgi--sdg-10-7-2.toml:35:12: strength is 11; expected a whole number from 1 (weak) to 10 (strong)
Fix: strength = 10, or leave strength out (it is informational only)"#,
    ),
    (
        Code::R056,
        r#"    [crosswalk]
    combine = "average"
  error[R056] crosswalks/mgi--sdg-10-7-2.toml:14:11: combination rule "average" is not known; expected one of: weakest, mean, strongest
Fix: combine = "mean""#,
    ),
    (
        Code::R057,
        r#"    [crosswalk]
    partial_cap = 2
  error[R057] crosswalks/mgi--sdg-10-7-2.toml:15:15: partial_cap is 2; expected a score from 0 to 1 (e.g. 0.5)
Fix: partial_cap = 0.5, or leave it out (the target scale's highest score below its maximum)"#,
    ),
    (
        Code::R058,
        r#"    rationale = { en = "Both ask ...", fr = "Les deux demandent ..." }
  warning[R058] crosswalks/mgi--sdg-10-7-2.toml:36:13: rationale of D1.B.1 → PD_1.a has no text in es; expected one in each language both frameworks carry (en, fr, es)
Fix: rationale = { en = "Both ask ...", fr = "Les deux demandent ...", es = "Ambos preguntan ..." }"#,
    ),
    (
        Code::R059,
        r#"crosswalks/again.toml and crosswalks/mgi--sdg-10-7-2.toml both have from = "mgi", to = "sdg-10-7-2":
  error[R059] crosswalks/mgi--sdg-10-7-2.toml: a second crosswalk from "mgi" to "sdg-10-7-2" (the first is crosswalks/again.toml); expected one mapping per pair of frameworks in a rules folder
Fix: keep one file (move the pairs you need into it)"#,
    ),
    (
        Code::R060,
        r#"    [crosswalk]
    from = "gcm"
  error[R060] crosswalks/gcm--sdg.toml:10:8: source framework "gcm" is a view (it has no assessments of its own to carry); expected an assessment framework as the source
Fix: map from the assessment framework (from = "mgi"), or drop kind = "view" from the framework if it is assessed directly"#,
    ),
    (
        Code::R061,
        r#"A crosswalk file with [crosswalk] and no [[map]]:
  error[R061] crosswalks/mgi--sdg-10-7-2.toml:9:1: crosswalk has no [[map]] entry; expected at least one pair (source, target, relationship)
Fix: add the pairs: [[map]] source = "D1.B.1" target = "PD_1.a" relationship = "equal""#,
    ),
    (
        Code::R075,
        r#"    languages = ["en", "fr"]
    [[translation]]
    lang = "ar"
  error[R075] ...: [[translation]] for "ar", a language the framework does not declare; expected one of: en, fr
Fix: languages = ["en", "fr", "ar"] (with the Arabic texts), or lang = "fr""#,
    ),
    (
        Code::R076,
        r#"    [[translation.official]]
    text = "Guideline 1"
  error[R076] ...: official text "Guideline 1" of [[translation]] "fr" is not a text of the framework; expected a text exactly as the rule files have it in "en"
Fix: text = "Guideline one" (copied from the rule file)"#,
    ),
    (
        Code::R077,
        r#"    languages = ["en", "fr"]
    [[translation]]
    lang = "en"
    source = "original"
  warning[R077] ...: no [[translation]] for "fr"; expected one for each declared language once any is given, ...
Fix: [[translation]] lang = "fr" source = "ours" (or "official")"#,
    ),
    (
        Code::F001,
        r#"    mgi score XAA-2026.xlsx      (no such file in the current folder)
  error[F001] XAA-2026.xlsx: file not found
Fix: check the path, or give the folder that holds the workbooks"#,
    ),
    (
        Code::F002,
        r#"    mgi score /root/XAA.xlsx      (no permission to read it)
  error[F002] /root/XAA.xlsx: file unreadable: Permission denied
Fix: give yourself read permission, or copy the file"#,
    ),
    (
        Code::F003,
        r#"    mgi score notes.xlsx      (a text file renamed .xlsx)
  error[F003] notes.xlsx: not a spreadsheet
Fix: open it in Excel or LibreOffice and save it as .xlsx"#,
    ),
    (
        Code::F004,
        r#"    mgi score locked.xlsx      (saved with "password to open")
  error[F004] locked.xlsx: password-protected workbook
Fix: save a copy without the password to open (sheet protection may stay)"#,
    ),
    (
        Code::F005,
        r#"    mgi score XAA.xlsx      (a download cut in half)
  error[F005] XAA.xlsx: damaged or truncated workbook
Fix: download it again, or open and re-save it in Excel or LibreOffice"#,
    ),
    (
        Code::F006,
        r#"    mgi score minutes.xlsx      (a workbook of meeting notes)
  error[F006] minutes.xlsx: no assessment data
Fix: use a workbook made by `mgi template`, or a table with a country column and indicator ids"#,
    ),
    (
        Code::F007,
        r#"    mgi score XAA.xlsx --framework mgi-2     (no such framework loaded)
  error[F007] XAA.xlsx: unknown framework "mgi-2"; expected one of: mgi, micic, sdg-10-7-2
Fix: --framework mgi, or load yours with --rules DIR"#,
    ),
    (
        Code::F010,
        r#"    mgi score XAA-2026.xlsx copy-of-XAA-2026.xlsx
  error[F010] copy-of-XAA-2026.xlsx: the same assessment (XAA 2026 round 1, micic 1.0.0) was already read from XAA-2026.xlsx; ... this one is skipped
Fix: remove the copy, or set its round to 2 on the About sheet"#,
    ),
    (
        Code::F011,
        r#"    mkfifo inbox.csv && mgi validate inbox.csv
  error[F011] inbox.csv: not a regular file (a named pipe); expected a workbook or csv file: it is not opened
Fix: save the table as a file and name that file"#,
    ),
    (
        Code::F012,
        r#"A database export of 700 MB named countries.csv:
  error[F012] countries.csv: the file is 700.0 MiB, over the budget of 512.0 MiB for one input; expected a self-assessment or a table of countries, which are far smaller
Fix: export only the assessment's columns and rows, or split the table"#,
    ),
    (
        Code::F013,
        r#"A 3.8 MB workbook whose sheet inflates to gigabytes of spaces:
  error[F013] XAA.xlsx: part xl/worksheets/sheet3.xml of the workbook inflates to 4.0 GiB, over the budget of 256.0 MiB per part; expected a workbook saved by a spreadsheet program: the file is not read
Fix: open the workbook in Excel or LibreOffice and save it again; ask the sender for the original"#,
    ),
    (
        Code::F014,
        r#"An 800-byte ods whose one row repeats a cell 16,384 times, 6,000 times over:
  error[F014] XAA.ods sheet Assessment: sheet "Assessment": its repeated rows and columns span 98,353,152 cells, which the ods reader lays out one by one, over the budget of 4,000,000 cells; the file is not read
Fix: delete the formatting copied to the whole sheet (select the empty rows and columns, delete them) and save again"#,
    ),
    (
        Code::F015,
        r#"An xlsb whose cell names a shared string that does not exist:
  error[F015] XAA.xlsb: the xlsb reader failed on this file (index out of bounds: the len is 1 but the index is 9 at calamine-0.38.0/src/xlsb/cells_reader.rs:151); expected a file it can read: open it in Excel or LibreOffice and save it again, and report the file to the mgi developers
Fix: save the workbook again as xlsx; the other files of the run are read as usual"#,
    ),
    (
        Code::F016,
        r#"A csv from an old system with a byte 0x81 on line 3:
  error[F016] countries.csv:3:7: line 3, byte 7: byte 0x81, which is neither UTF-8 nor Windows-1252; expected text in UTF-8 (with or without a byte-order mark), UTF-16 with a byte-order mark, or Windows-1252: save the file as UTF-8
Fix: open the file in a spreadsheet program, choose its real encoding, and save it as CSV UTF-8"#,
    ),
    (
        Code::W001,
        r#"A workbook with only an Assessment sheet:
  warning[W001] XAA.xlsx sheet About: no About sheet; expected the sheet made by `mgi template` with the country code, period and round
Fix: copy the answers into a fresh `mgi template` workbook"#,
    ),
    (
        Code::W002,
        r#"About sheet, period cell empty:
  error[W002] XAA.xlsx About!B5: Period (year or span) is empty; expected a year such as 2026 or a span such as 2025/2026
Fix: type 2026 in the cell"#,
    ),
    (
        Code::W003,
        r#"About sheet, unit code "XA1":
  warning[W003] XAA.xlsx About!B2: country code "XA1" is not of the ISO 3166 alpha-3 form; expected three letters such as XAA
Fix: the three-letter code (XAA), or set the unit level to province or city"#,
    ),
    (
        Code::W004,
        r#"About sheet, period "next year":
  warning[W004] XAA.xlsx About!B5: period "next year" is not a year or a span of years; expected e.g. 2026 or 2025/2026
Fix: 2026"#,
    ),
    (
        Code::W005,
        r#"An Assessment sheet whose header row was deleted:
  error[W005] XAA.xlsx sheet Assessment: no header row with an ID column and an Answer column in the first 40 rows; ...
Fix: restore the header row from a fresh template (ID, ..., Answer, Evidence, Comment)"#,
    ),
    (
        Code::W006,
        r#"The Evidence column was deleted:
  warning[W006] XAA.xlsx sheet Assessment: no "Evidence" column; expected the column of `mgi template` (its content cannot be read)
Fix: insert the column back with its header"#,
    ),
    (
        Code::W010,
        r#"A row with ID "G1.9" that the framework does not have:
  warning[W010] XAA.xlsx Assessment!A20: unknown ID "G1.9"; expected an indicator ID of micic 1.0.0: the row is not used
Fix: correct the ID, or check the framework version"#,
    ),
    (
        Code::W011,
        r#"Two rows with ID "PD_1.a", answers "yes" and "no":
  error[W011] XAA.xlsx Assessment!A9: ID "PD_1.a" appears again (first at A8) with answer "no"; expected one row per indicator: the first row is used, this one is not
Fix: keep one row"#,
    ),
    (
        Code::W012,
        r#"The row of "PD_2.b" was deleted:
  warning[W012] XAA.xlsx sheet Assessment: no row for "PD_2.b" (...); expected one row per indicator: it is treated as unanswered
Fix: restore the row from a fresh template"#,
    ),
    (
        Code::W013,
        r#"An answer typed on the heading row of domain 1:
  warning[W013] XAA.xlsx Assessment!F4: heading row "D1" has content (answer "yes"); expected answers on indicator rows only: the content is not used
Fix: move the answer to the indicator's row"#,
    ),
    (
        Code::W014,
        r#"A comment typed on an empty row below the table:
  warning[W014] XAA.xlsx Assessment!H70: row 70 has content but no ID (comment "see annex"); ... the content is not used
Fix: put it in the Comment cell of the indicator it is about"#,
    ),
    (
        Code::W020,
        r#"Answer "maybe" on a yes / partly / no scale:
  error[W020] XAA.xlsx Assessment!F12: "maybe" is not an answer of this scale; expected one of: ...
Fix: choose from the dropdown"#,
    ),
    (
        Code::W021,
        r#"Answer "na" with an empty comment:
  error[W021] XAA.xlsx Assessment!F15: "G5.2" is answered not applicable without a justification; expected the reason in the Comment column
Fix: say why in the comment ("no land border")"#,
    ),
    (
        Code::W022,
        r#"Answer "yes" with an empty evidence cell, on an indicator that expects evidence:
  warning[W022] XAA.xlsx Assessment!F18: "G3.1" is answered "yes" but cites no evidence; expected a source in the Evidence column
Fix: cite the law, decree or report"#,
    ),
    (
        Code::W023,
        r##"An evidence cell holding #REF! after a pasted formula:
  warning[W023] XAA.xlsx Assessment!G21: the evidence cell holds the error value #REF!; expected text
Fix: paste values only, or type the evidence"##,
    ),
    (
        Code::W025,
        r#"Role "origin" on the About sheet, and an answer to a host-State indicator:
  warning[W025] XAA.xlsx Assessment!F9: "G1.2" does not apply given the context answers (role = origin); the answer "yes" is not scored
Fix: check the role on the About sheet, or clear the answer"#,
    ),
    (
        Code::W026,
        r#"Answer cells F10:F12 merged into one:
  warning[W026] XAA.xlsx Assessment!F10: cells F10:F12 of the answer column are merged across rows 10 to 12; the value counts for row 10 only ...
Fix: unmerge and answer each row"#,
    ),
    (
        Code::W027,
        r#"The role question on the About sheet left empty:
  warning[W027] XAA.xlsx About!B14: context question "role" is unanswered; the 12 indicators that depend on it are treated as applicable ...
Fix: choose host, origin or both"#,
    ),
    (
        Code::W028,
        r#"Role "neighbour":
  error[W028] XAA.xlsx About!B14: "neighbour" is not an answer to context question "role"; expected one of: host, origin, both
Fix: choose from the dropdown"#,
    ),
    (
        Code::W029,
        r#"SDG 10.7.2 with the official yes/no coding chosen on the About sheet, and "Partially" on PD_2.a:
  error[W029] XAA.xlsx Assessment!F14: "PD_2.a": "Partially" (partial) is not offered under the context answers (coding = official); the answer is not scored; expected one of: yes, no, na, dk
Fix: answer yes or no, or check the coding question on the About sheet"#,
    ),
    (
        Code::W032,
        r#"A 2024 workbook made for mgi 0.9 read with mgi 1.0.0:
  warning[W032] XAA-2024.xlsx About!B8: the workbook was made for version 0.9 of "mgi"; it is read by indicator id against version 1.0.0
Fix: none needed for an old round; use a fresh template for the next one"#,
    ),
    (
        Code::W033,
        r#"    mgi score XAA-sdg.xlsx --framework micic
  warning[W033] XAA-sdg.xlsx About!B7: the workbook was made for framework "sdg-10-7-2"; it is read as "micic", as asked (--framework)
Fix: drop --framework unless you meant it"#,
    ),
    (
        Code::W034,
        r#"The framework cell of the About sheet is empty:
  warning[W034] XAA.xlsx About!B7: the About sheet names no framework; read as "micic", the default (name one with --framework)
Fix: fill the framework cell (mgi, micic, sdg-10-7-2...)"#,
    ),
    (
        Code::W041,
        r#""L2" typed on the row of a criteria indicator:
  warning[W041] XAA.xlsx Assessment!F30: "L2" typed on indicator "G5.1", whose level is computed from its criteria; ... this cell is not used
Fix: answer yes or no on each criterion row below it"#,
    ),
    (
        Code::W042,
        r#"A template sent back with no answer:
  error[W042] XAA.xlsx sheet Assessment: the workbook answers no indicator (60 answer rows, all blank); expected at least one answer: nothing can be scored yet
Fix: fill the Answer column; a part filled by one ministry for a later merge names it in a contributor field on the About sheet"#,
    ),
    (
        Code::W043,
        r#"    About: Assessment round | 1.5
  error[W043] XAA.xlsx About!C6: round "1.5" is not a positive whole number; expected 1 for the first assessment, 2 for the next (at most 999)
Fix: write 2 (or 1)"#,
    ),
    (
        Code::W044,
        r#"    About: Period (year or span) | 2026/2025
  error[W044] XAA.xlsx About!C5: period "2026/2025" does not run forward; expected the earlier year first, such as 2025/2026
Fix: write 2025/2026"#,
    ),
    (
        Code::W045,
        r#"Two rows for the period on the About sheet, 2026 and 2025:
  error[W045] XAA.xlsx About!B9: Period (year or span) is given twice, as "2026" at B2 and as "2025" here; expected each field once: the first is used, this one is not
Fix: delete the row that is wrong"#,
    ),
    (
        Code::W046,
        r#"A copy of the sheet in Spanish, "Evaluación", after "Assessment":
  warning[W046] XAA.xlsx sheet Evaluación: sheet "Evaluación" is a second Assessment sheet (after "Assessment"); expected one: only the first is read, this one is not
Fix: delete the copy, or move its answers to the Assessment sheet"#,
    ),
    (
        Code::W047,
        r#"A second Answer column added by a ministry:
  error[W047] XAA.xlsx Assessment!K1: column K repeats the "Answer" header of column F and holds 3 values: K5="yes", K6="no", K9="Partially"; expected one such column: only column F is read, these values are not used
Fix: move the answers into column F and delete column K"#,
    ),
    (
        Code::W048,
        r#"The Answer header dragged to column Z, the answers left in F:
  warning[W048] XAA.xlsx Assessment!F5: column F has no header (row 4) but holds 2 values: F5="yes", F6="no"; expected every value under a header of the template (the Answer header is in column Z): they are not used
Fix: put the Answer header back over its answers"#,
    ),
    (
        Code::W049,
        r#"A workbook written by a script: the answer is =IF(B5>0,"Yes","No") with no saved result:
  error[W049] XAA.xlsx Assessment!F5: the answer to "G1.1" is a formula without a computed value (the file was written by a program that does not compute formulas), so it reads as unanswered; expected a value: open and save the file in Excel or LibreOffice, or type the answer
Fix: open the workbook in Excel or LibreOffice and save it, or write values instead of formulas"#,
    ),
    (
        Code::W050,
        r#"A faulty export gives cell F5 twice in the sheet's XML, "yes" then "no":
  error[W050] XAA.xlsx Assessment!F5: cell F5 is given twice in the sheet's XML, as "yes" and as "no"; expected each cell once: the first is used, the second is not
Fix: save the file again from a spreadsheet program and check the answer"#,
    ),
    (
        Code::W051,
        r#"A whole report pasted into an evidence cell:
  warning[W051] XAA.xlsx Assessment!G5: the text is 2,400,000 characters long, over the budget of 1,000,000 per cell; only its first 1,000,000 characters are read
Fix: cite the document (title, date, link) instead of pasting it"#,
    ),
    (
        Code::W052,
        r#"An evidence text of 40,000 characters, scored into a gap report:
  warning[W052] reports/XAA-2026-micic-gap-report.xlsx Responses!H5: the text of this cell is 40,000 characters long; the workbook holds its first 32,767 (Excel's limit per cell): the JSON output keeps it whole
Fix: nothing is lost in the JSON; shorten the text if the workbook must show all of it"#,
    ),
    (
        Code::T001,
        r#"A table with columns country, year, PD_1.a only:
  warning[T001] t.csv: the table has no column for 29 of the 30 indicators of sdg-10-7-2 (PD_1.b, ...); they are treated as unanswered
Fix: add the columns (their headers are the indicator ids)"#,
    ),
    (
        Code::T002,
        r#"A table with a column "ministry":
  warning[T002] t.csv: columns not recognised as metadata or indicator IDs of sdg-10-7-2 are taken as grouping fields: ministry
Fix: nothing if it is a grouping field; otherwise correct the header (a misspelt indicator id?)"#,
    ),
    (
        Code::T003,
        r#"A value in a column without a header:
  warning[T003] t.csv:2:4: "stray" is in a column without a header; expected a header naming what the column holds: the value is not used
Fix: add a header, or delete the value"#,
    ),
    (
        Code::T004,
        r#"    XAB,2026,yes,"Law 12 of 2020
  error[T004] countries.csv:3:4: a quoted value opens here and never closes; expected a closing quote ("): the rest of line 3 is read as it stands, quote included
Fix: close the quote: "Law 12 of 2020""#,
    ),
    (
        Code::T005,
        r#"A semicolon header, and a row pasted from another system with commas:
  warning[T005] countries.csv:5:1: line 5 is separated by "," but the header by ";"; it is read with "," (33 values)
Fix: save the table with one delimiter"#,
    ),
    (
        Code::T006,
        r#"    country,year,PD_1.a,year
    XAA,2026,yes,2025
  warning[T006] countries.csv:1:4: column "year" (column 4) repeats the header of column 2; expected each header once: only the first is read (a value of the second that differs is reported)
  error[T006] countries.csv:2:4: "2025" is in a second column "year" (column 4), which differs from "2026" in the first (column 2); expected each header once: only the first column is read, so this value is not used
Fix: remove or rename the second column"#,
    ),
    (
        Code::T007,
        r#"A table saved by an old program, with "année" in Latin-1:
  warning[T007] countries.csv: the file is not UTF-8; it is read as Windows-1252 (Western European), the encoding older programs save in: check that accented letters read right, or save the file as UTF-8
Fix: save the table as CSV UTF-8"#,
    ),
    (
        Code::C001,
        r#"    mgi compare a-sdg.xlsx b-sdg.xlsx XAA-micic.xlsx
  error[C001] XAA-micic.xlsx: assessment of framework "micic" left out; expected "sdg-10-7-2" (compare one framework at a time)
Fix: compare the micic assessments in a run of their own"#,
    ),
    (
        Code::C002,
        r#"    mgi compare inputs/ --group-by region    (one unit has no region)
  warning[C002] XAB 2026 has no "region"; it is compared with the other units without one
Fix: fill its region on the About sheet, or give --groups FILE.csv"#,
    ),
    (
        Code::C010,
        r#"    mgi crosswalk XAA-2026-micic.xlsx --to sdg-10-7-2
  error[C010] XAA-2026-micic.xlsx: XAA 2026: no crosswalk from "micic" to "sdg-10-7-2", so this assessment is left out; expected an assessment of a framework mapped to sdg-10-7-2 (mgi)
Fix: carry an assessment of a mapped framework (mgi), or add a crosswalk file micic--sdg-10-7-2.toml to a rules folder (`mgi --rules DIR`)"#,
    ),
    (
        Code::C011,
        r#"    mgi compare XAA-2026-mgi.xlsx XAB-2026-micic.xlsx --view gcm
  warning[C011]: the views through "gcm" come from assessments of different frameworks (mgi, micic); each is indicative and reaches the target differently: compare coverage before scores
Fix: compare views of one source framework at a time, or read each unit's coverage next to its score"#,
    ),
    (
        Code::C030,
        r#"    mgi progress XAA-2026.xlsx XAA-2024.xlsx    (the later round first)
  warning[C030] XAA-2026.xlsx: the OLD workbook (2026 round 1) is later than the NEW one, XAA-2024.xlsx (2024 round 1); changes are NEW minus OLD, so they read backwards: expected the earlier round first (swap the two files)
Fix: mgi progress XAA-2024.xlsx XAA-2026.xlsx"#,
    ),
    (
        Code::F030,
        r#"    mgi merge parts/XAB-labour.xlsx parts/XAC-interior.xlsx -o XAB-2026.xlsx
  error[F030] parts/XAC-interior.xlsx: this part belongs to another assessment (XAC 2026 round 1, mgi 2.0.0) than parts/XAB-labour.xlsx (XAB 2026 round 1, mgi 2.0.0); ... nothing is merged
Fix: leave the part of XAC out of the merge, or correct the unit code on its About sheet"#,
    ),
    (
        Code::W080,
        r#"    mgi merge parts/*.xlsx -o XAB-2026.xlsx
  error[W080] parts/XAB-interior.xlsx Assessment!F9: D1.1.a is answered differently by the parts: Ministry of labour answered "fully" (parts/XAB-labour.xlsx, Assessment!F7); Ministry of the interior answered "absent" (parts/XAB-interior.xlsx, Assessment!F9); expected one answer: ...
Fix: agree on one answer and type it in the merged workbook, or merge with --prefer parts/XAB-labour.xlsx (or --prefer latest)"#,
    ),
    (
        Code::W081,
        r#"    mgi merge parts/*.xlsx -o XAB-2026.xlsx --prefer latest
  warning[W081] parts/XAB-interior.xlsx Assessment!F9: D1.1.a is answered differently by the parts: ...; --prefer latest keeps the answer of Ministry of the interior: the others are in the comment
Fix: check the choice with both bodies"#,
    ),
    (
        Code::W082,
        r#"A row for D2.3.b copied into the interior ministry's part and answered there:
  warning[W082] parts/XAB-interior.xlsx Assessment!F14: D2.3.b is answered by Ministry of the interior, whose part was not made for it (it is assigned to Ministry of labour); ...
Fix: check the answer with the ministry of labour"#,
    ),
    (
        Code::W083,
        r#"    mgi template --assign bodies.csv -o parts/     (line 4 reads "D1.1.a,Labour,Interior")
  error[W083] bodies.csv:4:3: expected two fields (an indicator or node id, and the body that answers it), found 3: no part is written
Fix: one body per line: D1.1.a,Labour"#,
    ),
    (
        Code::W084,
        r#"    mgi template --framework mgi --assign bodies.csv -o parts/
  error[W084] bodies.csv:2:1: "D9" is not an indicator or node of mgi 2.0.0; expected one of its ids (`mgi rules show mgi` lists them): no part is written
Fix: correct the id (D1, D1.1, D1.1.a...)"#,
    ),
    (
        Code::W085,
        r#"    mgi template --assign bodies.csv -o parts/
  error[W085] bodies.csv:5:2: D1.1.a is assigned to "Interior" here and to "Labour" on line 2; expected one body per id: no part is written
Fix: keep one of the two lines"#,
    ),
];
