//! Logging: readable text locally; on Cloud Run (`K_SERVICE` set) one JSON object per line in
//! the shape Cloud Logging reads — `severity`, `message`, `httpRequest` for request lines, and
//! `logging.googleapis.com/trace` linking a line to its Cloud Trace.

use serde_json::{json, Map, Value};
use std::fmt;
use tracing::{field::Field, Event, Level, Subscriber};
use tracing_subscriber::{
    field::Visit,
    fmt::{format::Writer, FmtContext, FormatEvent, FormatFields, FormattedFields},
    registry::LookupSpan,
    EnvFilter,
};

/// Installs the global subscriber; `RUST_LOG` filters (default `info`).
pub fn init(cloud_run: bool, project_id: Option<String>) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if cloud_run {
        // No ANSI styling: the lines are JSON, and span fields are read back as plain text.
        builder
            .with_ansi(false)
            .event_format(CloudLogging { project_id })
            .init();
    } else {
        builder.init();
    }
}

/// Formats events as Cloud Logging structured JSON.
pub struct CloudLogging {
    /// Google Cloud project id, for the trace resource name.
    pub project_id: Option<String>,
}

#[derive(Default)]
struct Fields(Map<String, Value>);

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), json!(value));
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.insert(field.name().to_owned(), json!(value));
    }
    fn record_i64(&mut self, field: &Field, value: i64) {
        self.0.insert(field.name().to_owned(), json!(value));
    }
    fn record_f64(&mut self, field: &Field, value: f64) {
        self.0.insert(field.name().to_owned(), json!(value));
    }
    fn record_bool(&mut self, field: &Field, value: bool) {
        self.0.insert(field.name().to_owned(), json!(value));
    }
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0
            .insert(field.name().to_owned(), json!(format!("{value:?}")));
    }
}

fn severity(level: &Level) -> &'static str {
    match *level {
        Level::ERROR => "ERROR",
        Level::WARN => "WARNING",
        Level::INFO => "INFO",
        _ => "DEBUG",
    }
}

impl CloudLogging {
    /// The JSON object for one event's fields.
    pub fn entry(&self, level: &Level, target: &str, mut fields: Map<String, Value>) -> Value {
        let message = fields.remove("message").unwrap_or(Value::Null);
        let mut entry = Map::new();
        entry.insert("severity".into(), json!(severity(level)));
        entry.insert("message".into(), message);
        if target == "request" {
            let take = |fields: &mut Map<String, Value>, name: &str| fields.remove(name);
            let latency = take(&mut fields, "latency_ms")
                .and_then(|v| v.as_f64())
                .map(|ms| format!("{:.6}s", ms / 1000.0));
            entry.insert(
                "httpRequest".into(),
                json!({
                    "requestMethod": take(&mut fields, "method"),
                    "requestUrl": take(&mut fields, "path"),
                    "status": take(&mut fields, "status"),
                    "latency": latency,
                    "userAgent": take(&mut fields, "user_agent"),
                }),
            );
            if let (Some(Value::String(trace)), Some(project)) =
                (fields.remove("trace"), &self.project_id)
            {
                entry.insert(
                    "logging.googleapis.com/trace".into(),
                    json!(format!("projects/{project}/traces/{trace}")),
                );
            }
        } else {
            entry.insert("target".into(), json!(target));
        }
        entry.extend(fields);
        Value::Object(entry)
    }
}

impl<S, N> FormatEvent<S, N> for CloudLogging
where
    S: Subscriber + for<'a> LookupSpan<'a>,
    N: for<'a> FormatFields<'a> + 'static,
{
    fn format_event(
        &self,
        context: &FmtContext<'_, S, N>,
        mut writer: Writer<'_>,
        event: &Event<'_>,
    ) -> fmt::Result {
        let mut fields = Fields::default();
        event.record(&mut fields);
        // The request's id, from the `request` span the event happened in (see
        // `web::http::trace_request`); the span's one field is stored as `request_id=<uuid>`.
        let request_id = context.event_scope().and_then(|scope| {
            scope.from_root().find_map(|span| {
                let extensions = span.extensions();
                let formatted = extensions.get::<FormattedFields<N>>()?;
                formatted
                    .fields
                    .split(' ')
                    .find_map(|pair| pair.strip_prefix("request_id="))
                    .map(str::to_owned)
            })
        });
        if let Some(id) = request_id {
            fields.0.insert("request_id".to_owned(), json!(id));
        }
        let metadata = event.metadata();
        let entry = self.entry(metadata.level(), metadata.target(), fields.0);
        writeln!(writer, "{entry}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_lines_become_http_requests_with_a_trace() {
        let logging = CloudLogging {
            project_id: Some("my-project".into()),
        };
        let fields = json!({
            "message": "GET /dashboard 200 3.2ms", "method": "GET", "path": "/dashboard",
            "status": 200, "latency_ms": 3.25, "trace": "105445aa7843bc8bf206b12000100000",
        });
        let Value::Object(fields) = fields else {
            unreachable!()
        };
        let entry = logging.entry(&Level::INFO, "request", fields);
        assert_eq!(entry["severity"], "INFO");
        assert_eq!(entry["message"], "GET /dashboard 200 3.2ms");
        assert_eq!(entry["httpRequest"]["requestMethod"], "GET");
        assert_eq!(entry["httpRequest"]["status"], 200);
        assert_eq!(entry["httpRequest"]["latency"], "0.003250s");
        assert_eq!(
            entry["logging.googleapis.com/trace"],
            "projects/my-project/traces/105445aa7843bc8bf206b12000100000"
        );
    }

    #[test]
    fn lines_logged_inside_a_request_carry_its_id() {
        use std::sync::{Arc, Mutex};

        #[derive(Clone, Default)]
        struct Sink(Arc<Mutex<Vec<u8>>>);
        impl std::io::Write for Sink {
            fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
                self.0.lock().unwrap().extend_from_slice(bytes);
                Ok(bytes.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let sink = Sink::default();
        let writer = sink.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .event_format(CloudLogging { project_id: None })
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            let span = tracing::info_span!(
                "request",
                request_id = %"0193a4b2-7c1d-7e2f-8a3b-4c5d6e7f8091"
            );
            span.in_scope(|| tracing::warn!("cross-site write refused"));
            tracing::info!("outside any request");
        });
        let text = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<Value> = text
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(lines[0]["message"], "cross-site write refused");
        assert_eq!(
            lines[0]["request_id"],
            "0193a4b2-7c1d-7e2f-8a3b-4c5d6e7f8091"
        );
        assert!(lines[1].get("request_id").is_none());
    }

    #[test]
    fn other_lines_keep_severity_message_and_fields() {
        let logging = CloudLogging { project_id: None };
        let Value::Object(fields) = json!({"message": "token refresh failed", "attempt": 2}) else {
            unreachable!()
        };
        let entry = logging.entry(&Level::WARN, "app::tokens", fields);
        assert_eq!(entry["severity"], "WARNING");
        assert_eq!(entry["target"], "app::tokens");
        assert_eq!(entry["attempt"], 2);
    }
}
