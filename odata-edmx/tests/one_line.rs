//! `$metadata` as SAP serves it: one line, no newlines. Positions stay exact, and the
//! time stays linear in the length of the line.

use std::time::{Duration, Instant};

/// A V4 document of `entities` entity types on one line, with non-ASCII documentation
/// so that columns (characters) and byte offsets differ, and `tail` before the end.
fn one_line(entities: usize, tail: &str) -> String {
    let mut out = String::from(
        r#"<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="ns" xmlns="http://docs.oasis-open.org/odata/ns/edm">"#,
    );
    for i in 0..entities {
        out.push_str(&format!(r#"<EntityType Name="E{i}"><Key><PropertyRef Name="ID"/></Key><Property Name="ID" Type="Edm.Int32" Nullable="false"/>"#));
        for p in 0..8 {
            out.push_str(&format!(
                r#"<Property Name="P{p}" Type="Edm.String" MaxLength="40"><Annotation Term="Core.Description" String="Größe № {p} – ünïcödé"/></Property>"#
            ));
        }
        out.push_str("</EntityType>");
    }
    out.push_str(tail);
    out.push_str("</Schema></edmx:DataServices></edmx:Edmx>");
    out
}

#[test]
fn an_error_near_the_end_of_a_one_megabyte_line_names_its_column() {
    let bad = r#"<EntityType Name="Last"><Key><PropertyRef Name="ID"/></Key><Property Name="ID" Type="Edm.Int32" Nullable="false"/><Property Name="Bad" Type="ns.Missing"/></EntityType>"#;
    let source = one_line(1_000, bad);
    assert!(source.len() > 1_000_000 && !source.contains('\n'), "{} bytes", source.len());
    let at = source.rfind(r#"<Property Name="Bad""#).unwrap();
    let column = source[..at].chars().count() + 1;
    assert!(column < at + 1, "columns count characters, not bytes");
    let strict = odata_edmx::ParseOptions { strict: true };
    let errors = odata_edmx::parse_with(&source, &strict).map(|_| ()).expect_err("an unknown type").0;
    let found: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with(&format!("1:{column}: ")), "expected column {column}: {}", found[0]);
    assert!(found[0].contains("ns.Missing"), "{}", found[0]);
    // Read forgivingly, the same place is a warning and the property is skipped.
    let model = odata_edmx::parse(&source).map_err(|e| e.to_string()).unwrap();
    assert_eq!(model.warnings.len(), 1);
    assert!(model.warnings[0].to_string().starts_with(&format!("1:{column}: ")), "{}", model.warnings[0]);
}

/// The shortest of `runs` parses of `source`.
fn fastest_parse(source: &str, runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let started = Instant::now();
            odata_edmx::parse(source).unwrap();
            started.elapsed()
        })
        .min()
        .unwrap()
}

#[test]
fn one_line_parsing_stays_linear_and_as_fast_as_with_newlines() {
    // Twice the line takes about twice the time (four times, were it quadratic).
    let half = one_line(600, "");
    let full = one_line(1_200, "");
    let (t_half, t_full) = (fastest_parse(&half, 3), fastest_parse(&full, 3));
    let ratio = t_full.as_secs_f64() / t_half.as_secs_f64();
    assert!(ratio < 3.0, "twice the line took {ratio:.2}x the time ({t_half:?} -> {t_full:?})");

    // The large sample on one line parses about as fast as committed (with newlines).
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../metadata-samples/large_service.edmx"))
            .unwrap();
    let single = committed.replace('\n', "");
    let (t_lines, t_single) = (fastest_parse(&committed, 3), fastest_parse(&single, 3));
    let ratio = t_single.as_secs_f64() / t_lines.as_secs_f64();
    assert!(ratio < 1.5, "one line took {ratio:.2}x the time of the committed file ({t_lines:?} -> {t_single:?})");
}
