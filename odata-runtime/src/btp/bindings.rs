//! Service bindings: what the platform tells an app about its service instances, as
//! `VCAP_SERVICES` (Cloud Foundry) or as a directory per binding with a file per key
//! (Kubernetes, `SERVICE_BINDING_ROOT`).
//!
//! ```
//! use odata_runtime::btp::bindings::Bindings;
//!
//! let vcap = r#"{"xsuaa":[{"name":"my-xsuaa","label":"xsuaa","tags":["xsuaa"],
//!     "credentials":{"clientid":"sb-app!t1","clientsecret":"s3cret","url":"https://sub.authentication.eu10.hana.ondemand.com"}}]}"#;
//! let bindings = Bindings::from_vcap_services(vcap).unwrap();
//! let xsuaa = bindings.find("xsuaa").unwrap();
//! assert_eq!(xsuaa.name(), "my-xsuaa");
//! assert_eq!(xsuaa.credential("clientid").unwrap(), "sb-app!t1");
//! let e = xsuaa.credential("certurl").unwrap_err();
//! assert_eq!(e.to_string(), "service binding `my-xsuaa`: no credentials.certurl");
//! assert!(!format!("{xsuaa:?}").contains("s3cret"));
//! ```

use crate::Error;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::fmt;
use std::path::Path;

/// One bound service instance.
#[derive(Clone, Deserialize)]
pub struct ServiceBinding {
    #[serde(default)]
    name: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    credentials: Map<String, Value>,
}

impl ServiceBinding {
    /// The instance name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The service (`xsuaa`, `connectivity`, `destination`).
    pub fn label(&self) -> &str {
        &self.label
    }

    /// The tags.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// A credential as text; missing or not text is an error naming the binding and the
    /// field. PEM values with literal `\n` get real newlines.
    pub fn credential(&self, key: &str) -> Result<String, Error> {
        match self.credentials.get(key) {
            Some(Value::String(s)) if !s.is_empty() => Ok(s.replace("\\n", "\n")),
            Some(Value::String(_)) => Err(self.error(format!("credentials.{key} is empty"))),
            Some(Value::Number(n)) => Ok(n.to_string()),
            Some(_) => Err(self.error(format!("credentials.{key} is not text"))),
            None => Err(self.error(format!("no credentials.{key}"))),
        }
    }

    /// A credential that may be missing.
    pub fn optional_credential(&self, key: &str) -> Option<String> {
        self.credential(key).ok()
    }

    /// A credential that is a list of text (`domains`), or one text as a list of one;
    /// empty when missing.
    pub fn credential_list(&self, key: &str) -> Vec<String> {
        match self.credentials.get(key) {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
            Some(Value::String(one)) if !one.is_empty() => vec![one.clone()],
            _ => Vec::new(),
        }
    }

    /// An error about this binding.
    pub fn error(&self, message: impl Into<String>) -> Error {
        let service = if self.name.is_empty() { self.label.clone() } else { self.name.clone() };
        Error::Binding { service, message: message.into() }
    }
}

/// Credentials are secrets: only their keys are shown.
impl fmt::Debug for ServiceBinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let keys: Vec<&String> = self.credentials.keys().collect();
        f.debug_struct("ServiceBinding")
            .field("name", &self.name)
            .field("label", &self.label)
            .field("tags", &self.tags)
            .field("credential_keys", &keys)
            .finish()
    }
}

/// The app's service bindings.
#[derive(Clone, Debug, Default)]
pub struct Bindings {
    all: Vec<ServiceBinding>,
}

impl Bindings {
    /// From the environment: `VCAP_SERVICES`, else the directory in
    /// `SERVICE_BINDING_ROOT`.
    pub fn from_env() -> Result<Self, Error> {
        if let Ok(vcap) = std::env::var("VCAP_SERVICES") {
            return Self::from_vcap_services(&vcap);
        }
        if let Some(root) = std::env::var_os("SERVICE_BINDING_ROOT") {
            return Self::from_dir(Path::new(&root));
        }
        Err(Error::Binding {
            service: "VCAP_SERVICES".into(),
            message: "neither VCAP_SERVICES nor SERVICE_BINDING_ROOT is set".into(),
        })
    }

    /// From the JSON of `VCAP_SERVICES`: `{"<label>":[{"name":…,"credentials":{…}}]}`.
    pub fn from_vcap_services(json: &str) -> Result<Self, Error> {
        let by_label: Map<String, Value> = serde_json::from_str(json).map_err(|e| Error::Binding {
            service: "VCAP_SERVICES".into(),
            message: format!("not a JSON object of services: {e}"),
        })?;
        let mut all = Vec::new();
        for (label, instances) in by_label {
            let instances: Vec<ServiceBinding> = serde_json::from_value(instances).map_err(|e| Error::Binding {
                service: label.clone(),
                message: format!("VCAP_SERVICES.{label} is not a list of bindings: {e}"),
            })?;
            for mut b in instances {
                if b.label.is_empty() {
                    b.label = label.clone();
                }
                all.push(b);
            }
        }
        Ok(Bindings { all })
    }

    /// From a directory with one directory per binding, holding a file per key
    /// (`type` or `label` is the service, `tags` a JSON array or comma list, the rest
    /// credentials).
    pub fn from_dir(root: &Path) -> Result<Self, Error> {
        let io = |what: &Path, e: std::io::Error| Error::Binding {
            service: what.display().to_string(),
            message: format!("cannot read the binding: {e}"),
        };
        let mut all = Vec::new();
        let mut dirs: Vec<_> =
            std::fs::read_dir(root).map_err(|e| io(root, e))?.filter_map(Result::ok).map(|e| e.path()).collect();
        dirs.sort();
        for dir in dirs.into_iter().filter(|d| d.is_dir()) {
            let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let mut binding = ServiceBinding { name, label: String::new(), tags: Vec::new(), credentials: Map::new() };
            for entry in std::fs::read_dir(&dir).map_err(|e| io(&dir, e))?.filter_map(Result::ok) {
                let path = entry.path();
                let key = entry.file_name().to_string_lossy().into_owned();
                if !path.is_file() || key.starts_with('.') {
                    continue;
                }
                let value = std::fs::read_to_string(&path).map_err(|e| io(&path, e))?;
                let value = value.trim_end_matches(['\n', '\r']).to_owned();
                match key.as_str() {
                    "type" | "label" => binding.label = value,
                    "tags" => {
                        binding.tags = serde_json::from_str(&value)
                            .unwrap_or_else(|_| value.split(',').map(|t| t.trim().to_owned()).collect())
                    }
                    _ => {
                        binding.credentials.insert(key, Value::String(value));
                    }
                }
            }
            all.push(binding);
        }
        Ok(Bindings { all })
    }

    /// The binding for `service`: by instance name, else by label, else by tag. Several
    /// instances of one label are an error unless one is picked by name.
    pub fn find(&self, service: &str) -> Result<&ServiceBinding, Error> {
        if let Some(b) = self.all.iter().find(|b| b.name == service) {
            return Ok(b);
        }
        for matches in
            [&(|b: &ServiceBinding| b.label == service) as &dyn Fn(&ServiceBinding) -> bool, &|b: &ServiceBinding| {
                b.tags.iter().any(|t| t == service)
            }]
        {
            let found: Vec<&ServiceBinding> = self.all.iter().filter(|b| matches(b)).collect();
            match found.as_slice() {
                [one] => return Ok(one),
                [] => continue,
                several => {
                    let names: Vec<&str> = several.iter().map(|b| b.name.as_str()).collect();
                    return Err(Error::Binding {
                        service: service.into(),
                        message: format!("{} bindings match; pick one by name: {}", names.len(), names.join(", ")),
                    });
                }
            }
        }
        Err(Error::Binding { service: service.into(), message: "no such binding (by name, label or tag)".into() })
    }
}
