//! `odata-codegen generate FILE [--module NAME] [--only A,B]` prints the generated module;
//! `odata-codegen inspect FILE` lists the model (for review and diffs).

use odata_edmx::{Model, TypeRef};
use std::process::ExitCode;

const USAGE: &str = "usage: odata-codegen generate FILE [--module NAME] [--only NAME,NAME…] [--runtime PATH] [--strict]
       odata-codegen inspect FILE [--strict]

Warnings (what was skipped as unusable) go to stderr; --strict makes each an error.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let (command, rest) = args.split_first().ok_or(USAGE)?;
    let (file, flags) = rest.split_first().ok_or(USAGE)?;
    let source =
        odata_codegen::read_edmx(std::path::Path::new(file)).map_err(|e| format!("cannot read {file}: {e}"))?;
    match command.as_str() {
        "generate" => {
            let mut builder = odata_codegen::Builder::new();
            let mut module = "service".to_owned();
            let mut it = flags.iter();
            while let Some(flag) = it.next() {
                if flag == "--strict" {
                    builder = builder.strict(true);
                    continue;
                }
                let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
                match flag.as_str() {
                    "--module" => module = value.clone(),
                    "--only" => builder = builder.only(value.split(',').map(str::trim)),
                    "--runtime" => builder = builder.runtime_path(value).map_err(|e| e.to_string())?,
                    other => return Err(format!("unknown option {other}\n{USAGE}")),
                }
            }
            let generated = builder.generate_code(&source, file, &module).map_err(|e| e.to_string())?;
            for warning in &generated.warnings {
                eprintln!("warning: {warning}");
            }
            write_out(&generated.code)
        }
        "inspect" => {
            let options = match flags {
                [] => odata_codegen::Options::default(),
                [strict] if strict == "--strict" => odata_codegen::Options { strict: true, ..Default::default() },
                _ => return Err(USAGE.to_owned()),
            };
            let model = odata_codegen::read_model(&source, file, &options).map_err(|e| e.to_string())?;
            for warning in odata_codegen::warnings_of(&model, file) {
                eprintln!("warning: {warning}");
            }
            write_out(&inspect(&model))
        }
        _ => Err(USAGE.to_owned()),
    }
}

/// Writes to stdout; a reader that stopped early (`| head`) is not an error.
fn write_out(text: &str) -> Result<(), String> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("cannot write the output: {e}")),
        _ => Ok(()),
    }
}

fn type_name(model: &Model, ty: &TypeRef) -> String {
    match ty {
        TypeRef::Primitive(p) => p.edm_name(),
        TypeRef::Entity(id) => model.entity(*id).name.to_string(),
        TypeRef::Complex(id) => model.complex(*id).name.to_string(),
        TypeRef::Enum(id) => model.enum_types[id.0].name.to_string(),
        TypeRef::Definition(id) => model.type_definitions[id.0].name.to_string(),
        TypeRef::Collection(inner) => format!("Collection({})", type_name(model, inner)),
    }
}

fn inspect(model: &Model) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let _ =
        writeln!(out, "OData {:?} (Edmx {}), container {}", model.version, model.edmx_version, model.container.name);
    for (i, t) in model.entity_types.iter().enumerate() {
        let key = model.key_of(odata_edmx::EntityTypeId(i)).join(", ");
        let _ = writeln!(out, "entity {} key({key}){}", t.name, if t.is_abstract { " abstract" } else { "" });
        for p in model.entity_properties(odata_edmx::EntityTypeId(i)) {
            let null = if p.facets.nullable { "?" } else { "" };
            let _ = writeln!(out, "  {}: {}{null}", p.name, type_name(model, &p.ty));
        }
        for n in &t.navigation {
            let card = if n.collection {
                "*"
            } else if n.nullable {
                "0..1"
            } else {
                "1"
            };
            let _ = writeln!(out, "  -> {} [{card}] {}", n.name, model.entity(n.target).name);
        }
    }
    for c in &model.complex_types {
        let _ = writeln!(out, "complex {} ({} properties)", c.name, c.properties.len());
    }
    for e in &model.enum_types {
        let members: Vec<String> = e.members.iter().map(|m| format!("{}={}", m.name, m.value)).collect();
        let _ = writeln!(out, "enum {}{} [{}]", e.name, if e.is_flags { " flags" } else { "" }, members.join(", "));
    }
    for s in &model.container.entity_sets {
        let c = &s.capabilities;
        let _ = writeln!(
            out,
            "set {}: {} create={} update={} delete={}",
            s.name,
            model.entity(s.entity_type).name,
            c.creatable,
            c.updatable,
            c.deletable
        );
    }
    for s in &model.container.singletons {
        let _ = writeln!(out, "singleton {}: {}", s.name, model.entity(s.entity_type).name);
    }
    for op in &model.operations {
        let params: Vec<String> =
            op.parameters.iter().map(|p| format!("{}: {}", p.name, type_name(model, &p.ty))).collect();
        let ret = op.return_type.as_ref().map(|r| type_name(model, &r.ty)).unwrap_or_else(|| "()".into());
        let bound = if op.is_bound { " bound" } else { "" };
        let _ = writeln!(out, "{:?}{bound} {} {}({}) -> {ret}", op.kind, op.http_method, op.name, params.join(", "));
    }
    out
}
