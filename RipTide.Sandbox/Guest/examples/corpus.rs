//! Runs the extractor natively over a corpus folder (`pages/<id>.html` + `truth.json` with each page's
//! URL) and writes one `<id>.json` prediction per page, in the shape `../shared/eval/score.py` reads.
//!
//! Usage: cargo run --release --offline --example corpus -- <corpus-dir> <output-dir>

use riptide_guest::{extract, Options};
use std::fs;
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: corpus <corpus-dir> <output-dir>");
        std::process::exit(2);
    }
    let corpus = Path::new(&args[1]);
    let output = Path::new(&args[2]);
    fs::create_dir_all(output).expect("create the output folder");
    let truth: serde_json::Value = serde_json::from_slice(&fs::read(corpus.join("truth.json")).expect("read truth.json")).expect("parse truth.json");

    let mut pages: Vec<_> = fs::read_dir(corpus.join("pages")).expect("read pages").filter_map(|e| e.ok()).map(|e| e.path()).collect();
    pages.sort();
    let started = Instant::now();
    let mut bytes = 0usize;
    for page in pages.iter() {
        let id = page.file_stem().unwrap().to_string_lossy().to_string();
        let html = fs::read(page).expect("read page");
        bytes += html.len();
        let url = truth[&id]["url"].as_str().unwrap_or("http://fakehost/test/page.html");
        let document = extract(&html, url, Options::from_bits(0)).expect("a corpus page nests within MAX_NESTING");
        fs::write(output.join(format!("{}.json", id)), document.to_string()).expect("write prediction");
    }
    let seconds = started.elapsed().as_secs_f64();
    eprintln!("{} pages, {:.1} MB in {:.2} s: {:.1} pages/s", pages.len(), bytes as f64 / 1e6, seconds, pages.len() as f64 / seconds);
}
