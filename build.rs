//! Embeds every data file of `gazetteers/` and `rules/` into the binary: the default resources
//! are whatever those folders hold, in sorted order, so adding a gazetteer file needs no code.

use std::fs;
use std::path::Path;

fn main() {
    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let mut code = String::new();
    for (dir, name, exts) in [
        ("gazetteers", "GAZETTEERS", &["tsv", "jsonl"][..]),
        ("rules", "RULES", &["tsv"][..]),
    ] {
        let path = Path::new(&root).join(dir);
        println!("cargo:rerun-if-changed={}", path.display());
        let mut files: Vec<_> = fs::read_dir(&path)
            .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.retain(|p| {
            p.extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| exts.contains(&e))
        });
        files.sort();
        code.push_str(&format!("/// Embedded `{dir}/` files: (file name, content).\npub static {name}: &[(&str, &str)] = &[\n"));
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
            let file = f.file_name().unwrap().to_string_lossy();
            code.push_str(&format!(
                "    (\"{dir}/{file}\", include_str!({:?})),\n",
                f.display().to_string()
            ));
        }
        code.push_str("];\n");
    }
    fs::write(Path::new(&out).join("embedded.rs"), code).expect("write embedded.rs");
}
