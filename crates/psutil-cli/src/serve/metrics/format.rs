//! The two exposition formats. `prometheus-client` writes OpenMetrics 1.0; Prometheus's
//! text format 0.0.4 (what node_exporter serves by default) differs in three ways that
//! matter here: a counter family is named with its `_total` suffix in `# HELP`/`# TYPE`,
//! there are no `# UNIT` lines, and there is no `# EOF`. [`to_text_004`] rewrites those
//! lines; the samples are the same.

use std::collections::HashSet;

/// The `Content-Type` of OpenMetrics 1.0.
pub const OPENMETRICS: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";
/// The `Content-Type` of the Prometheus text format 0.0.4.
pub const TEXT_004: &str = "text/plain; version=0.0.4; charset=utf-8";

/// True when an `Accept` header asks for OpenMetrics (`application/openmetrics-text`,
/// with any parameters and a q-value above 0).
pub fn wants_openmetrics(accept: Option<&str>) -> bool {
    let Some(accept) = accept else { return false };
    accept.split(',').any(|part| {
        let mut it = part.split(';').map(str::trim);
        let media = it.next().unwrap_or("");
        media.eq_ignore_ascii_case("application/openmetrics-text")
            && !it.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f64>().ok())
                    .is_some_and(|q| q <= 0.0)
            })
    })
}

/// OpenMetrics text (as `prometheus-client` writes it) in the text format 0.0.4.
pub fn to_text_004(om: &str) -> String {
    let counters: HashSet<&str> = om
        .lines()
        .filter_map(|l| l.strip_prefix("# TYPE "))
        .filter_map(|rest| rest.strip_suffix(" counter"))
        .collect();
    let mut out = String::with_capacity(om.len());
    for line in om.lines() {
        if line == "# EOF" || line.starts_with("# UNIT ") {
            continue;
        }
        let renamed = ["# HELP ", "# TYPE "].iter().find_map(|p| {
            let rest = line.strip_prefix(p)?;
            let (name, tail) = rest.split_once(' ').unwrap_or((rest, ""));
            counters
                .contains(name)
                .then(|| format!("{p}{name}_total {tail}"))
        });
        match renamed {
            Some(l) => out.push_str(l.trim_end()),
            None => out.push_str(line),
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counters_get_total_in_help_and_type_and_eof_goes() {
        let om = "# HELP a_seconds Time.\n# TYPE a_seconds counter\na_seconds_total{x=\"1\"} 2.0\n\
                  # HELP g Gauge.\n# TYPE g gauge\ng 1.0\n# EOF\n";
        assert_eq!(
            to_text_004(om),
            "# HELP a_seconds_total Time.\n# TYPE a_seconds_total counter\n\
             a_seconds_total{x=\"1\"} 2.0\n# HELP g Gauge.\n# TYPE g gauge\ng 1.0\n"
        );
    }

    #[test]
    fn accept_negotiation() {
        assert!(wants_openmetrics(Some(
            "application/openmetrics-text;version=1.0.0;q=0.5,text/plain;version=0.0.4;q=0.4"
        )));
        assert!(!wants_openmetrics(Some("text/plain;version=0.0.4")));
        assert!(!wants_openmetrics(Some("application/openmetrics-text;q=0")));
        assert!(!wants_openmetrics(None));
    }
}
