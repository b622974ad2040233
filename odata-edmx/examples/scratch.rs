fn main() {
    for f in std::fs::read_dir("metadata-samples").unwrap() {
        let p = f.unwrap().path();
        if p.extension().map_or(true, |e| e != "edmx") { continue; }
        let s = std::fs::read_to_string(&p).unwrap();
        match odata_edmx::parse(&s) {
            Ok(m) => println!("{}: {:?} {} entity types, {} props, {} sets, {} ops", p.display(), m.version, m.entity_types.len(), m.property_count(), m.container.entity_sets.len(), m.operations.len()),
            Err(e) => println!("{}", e.display_with_file(&p.display().to_string())),
        }
    }
}
