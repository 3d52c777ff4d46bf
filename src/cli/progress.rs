//! The progress bar of `extract` on stderr: documents done of total, MB/s, ETA. Shown only when
//! stderr is a terminal and `--quiet` is not given; the total is counted in the background (a
//! walk of the folders, a line count of JSON Lines files) so the run starts at once.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use newsfacts::read::{file_kind, FileKind};
use std::io::{BufRead, IsTerminal};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The progress display of a run (a no-op when hidden).
pub struct Progress {
    bar: Option<ProgressBar>,
    bytes: Arc<AtomicU64>,
}

impl Progress {
    /// A progress bar over the inputs `paths`, shown when `show` is true and stderr is a terminal.
    pub fn new(paths: &[String], show: bool) -> Progress {
        let bytes = Arc::new(AtomicU64::new(0));
        if !show || !std::io::stderr().is_terminal() {
            return Progress { bar: None, bytes };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10));
        bar.set_style(style(false, &bytes));
        bar.enable_steady_tick(Duration::from_millis(200));
        if !paths.iter().any(|p| p == "-") {
            // Count the documents beside the run; the bar gets its length when the count is done.
            let (bar, bytes, paths) = (bar.clone(), bytes.clone(), paths.to_vec());
            std::thread::spawn(move || {
                let total = count_documents(&paths);
                if !bar.is_finished() {
                    bar.set_length(total);
                    bar.set_style(style(true, &bytes));
                }
            });
        }
        Progress {
            bar: Some(bar),
            bytes,
        }
    }

    /// One input done (a document of `bytes` bytes of text, or a failed input with 0).
    pub fn advance(&self, bytes: usize) {
        if let Some(bar) = &self.bar {
            self.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
            bar.inc(1);
        }
    }

    /// Prints a line on stderr above the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    /// Removes the bar (before the summary is printed).
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The bar's look: with a known total, a bar, `done/total docs`, MB/s and the ETA; before that,
/// a spinner with the count.
fn style(known_total: bool, bytes: &Arc<AtomicU64>) -> ProgressStyle {
    let template = if known_total {
        "{spinner:.green} {elapsed:>4} [{bar:32.cyan/blue}] {human_pos}/{human_len} docs  {mbps}  ETA {eta}"
    } else {
        "{spinner:.green} {elapsed:>4} {human_pos} docs  {mbps}  (counting inputs…)"
    };
    let bytes = bytes.clone();
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ")
        .with_key(
            "mbps",
            move |state: &ProgressState, w: &mut dyn std::fmt::Write| {
                let secs = state.elapsed().as_secs_f64();
                let mb = bytes.load(Ordering::Relaxed) as f64 / 1e6;
                let rate = if secs > 0.0 { mb / secs } else { 0.0 };
                let _ = write!(w, "{rate:.1} MB/s");
            },
        )
}

/// The number of inputs a run over `paths` will count as read (documents and failures): one per
/// article file, one per non-blank line of a JSON Lines file.
fn count_documents(paths: &[String]) -> u64 {
    let mut n = 0;
    for p in paths {
        let path = Path::new(p);
        if path.is_dir() {
            for e in walkdir::WalkDir::new(path)
                .follow_links(true)
                .into_iter()
                .flatten()
            {
                if e.file_type().is_file() {
                    n += count_file(e.path());
                }
            }
        } else {
            n += count_file(path);
        }
    }
    n
}

fn count_file(path: &Path) -> u64 {
    match file_kind(path) {
        FileKind::Article => 1,
        FileKind::JsonLines => {
            let Ok(f) = std::fs::File::open(path) else {
                return 1;
            };
            let mut r = std::io::BufReader::with_capacity(1 << 16, f);
            let mut n = 0;
            let mut line = Vec::new();
            loop {
                line.clear();
                match r.read_until(b'\n', &mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) if line.iter().all(u8::is_ascii_whitespace) => {}
                    Ok(_) => n += 1,
                }
            }
            n
        }
        FileKind::Other => 0,
    }
}
