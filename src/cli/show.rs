//! `newsfacts show`: an article in the terminal with its entities coloured by type (as displaCy
//! marks them) and its event triggers underlined, then each event with its trigger, arguments,
//! time and modality. Without colours (stdout not a terminal, `NO_COLOR`, `--color never`) the
//! marks are brackets: `[Li Shangfu]PERSON`, `<<arrive>>`.

use anyhow::Result;
use clap::ValueEnum;
use console::Style;
use newsfacts::export::{entity_id, event_id};
use newsfacts::model::{Argument, EntityType, EventTime};
use newsfacts::read::{Input, ReadOptions, Reader};
use newsfacts::Analysis;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorArg {
    /// Colours when stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always colours (for `less -R`).
    Always,
    /// Plain text with bracket marks.
    Never,
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// Article files, folders, JSON Lines files, or `-` for stdin.
    #[arg(required = true, value_name = "FILE")]
    paths: Vec<String>,
    /// Show only the documents with this doc_id (repeatable).
    #[arg(long, value_name = "DOC_ID")]
    id: Vec<String>,
    /// Publication date to resolve relative dates against when a document gives none (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = super::extract::parse_date)]
    reference_date: Option<chrono::NaiveDate>,
    /// Folder of extra gazetteers (*.tsv in the gazetteer format, spaCy patterns *.jsonl).
    #[arg(long, value_name = "DIR")]
    gazetteers: Vec<PathBuf>,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Only the events, not the article text.
    #[arg(long)]
    events_only: bool,
}

/// The colours of one output.
struct Palette {
    color: bool,
    head: Style,
    dim: Style,
    trigger: Style,
    label: Style,
}

impl Palette {
    fn new(color: bool) -> Palette {
        Palette {
            color,
            head: Style::new().bold().force_styling(color),
            dim: Style::new().dim().force_styling(color),
            trigger: Style::new()
                .bold()
                .underlined()
                .color256(160)
                .force_styling(color),
            label: Style::new().bold().force_styling(color),
        }
    }

    /// displaCy's colours, as 256-colour backgrounds.
    fn entity(&self, t: EntityType) -> Style {
        let bg = match t {
            EntityType::Person => 183,
            EntityType::Country => 222,
            EntityType::City => 229,
            EntityType::Region => 187,
            EntityType::Organization => 116,
            EntityType::Title => 252,
            EntityType::Date => 151,
        };
        Style::new()
            .black()
            .on_color256(bg)
            .force_styling(self.color)
    }

    fn paint_entity(&self, t: EntityType, text: &str) -> String {
        if self.color {
            self.entity(t).apply_to(text).to_string()
        } else {
            format!("[{text}]{t}")
        }
    }

    fn paint_trigger(&self, text: &str) -> String {
        if self.color {
            self.trigger.apply_to(text).to_string()
        } else {
            format!("<<{text}>>")
        }
    }
}

/// Runs `show`.
pub fn run(args: ShowArgs) -> Result<ExitCode> {
    let color = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => console::colors_enabled(),
    };
    let pipeline = super::build_pipeline(&args.gazetteers, args.reference_date)?;
    let width = console::Term::stdout()
        .size_checked()
        .map_or(80, |(_, c)| usize::from(c).clamp(40, 120));
    let pal = Palette::new(color);
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut shown = 0usize;
    let mut failed = false;
    for item in Reader::new(&args.paths, ReadOptions::default()) {
        match item {
            Input::Doc(doc) => {
                if !args.id.is_empty() && !args.id.contains(&doc.id) {
                    continue;
                }
                let a = pipeline.analyze(&doc);
                if shown > 0 {
                    writeln!(out)?;
                }
                write_document(&mut out, &a, &pal, width, !args.events_only)?;
                shown += 1;
            }
            Input::Skipped { source, reason } if !source.contains('#') => {
                eprintln!("newsfacts: skipped {source}: {reason}");
            }
            Input::Skipped { .. } => {}
            Input::Failed { source, reason, .. } => {
                eprintln!("newsfacts: {source}: {reason}");
                failed = true;
            }
        }
    }
    out.flush()?;
    if shown == 0 && !failed {
        let hint = if args.id.is_empty() {
            "give article files (.txt, .text, .md), folders or JSON Lines files (.jsonl)"
                .to_string()
        } else {
            format!(
                "no document has the doc_id {}; `newsfacts extract {} | jq -r .doc_id` lists them",
                args.id.join(", "),
                args.paths.join(" ")
            )
        };
        anyhow::bail!("nothing to show: {hint}");
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_document(
    out: &mut impl Write,
    a: &Analysis<'_>,
    pal: &Palette,
    width: usize,
    with_text: bool,
) -> io::Result<()> {
    let text = a.text();
    let rule = "─".repeat(width);
    writeln!(out, "{}", pal.dim.apply_to(&rule))?;
    writeln!(out, "{}", pal.head.apply_to(&a.doc.id))?;
    if let Some(t) = &a.meta.title {
        writeln!(out, "{}", pal.head.apply_to(t))?;
    }
    let mut meta = Vec::new();
    match (&a.meta.published, a.meta.published_source) {
        (Some(p), Some(s)) => meta.push(format!("published {p} (from the {s})")),
        (Some(p), None) => meta.push(format!("published {p}")),
        _ => meta.push("no publication date".to_string()),
    }
    if let Some(u) = &a.meta.url {
        meta.push(u.to_string());
    }
    meta.push(format!(
        "{} entities, {} events",
        a.entities.len(),
        a.events.len()
    ));
    writeln!(out, "{}", pal.dim.apply_to(meta.join(" · ")))?;
    for w in newsfacts::export::json::warnings(a) {
        writeln!(out, "warning: {w}")?;
    }
    if with_text {
        if pal.color {
            let legend: Vec<String> = EntityType::ALL
                .iter()
                .map(|t| pal.entity(*t).apply_to(format!(" {t} ")).to_string())
                .collect();
            writeln!(
                out,
                "{} {}",
                legend.join(" "),
                pal.trigger.apply_to("event trigger")
            )?;
        }
        writeln!(out, "{}", pal.dim.apply_to(&rule))?;
        writeln!(out, "{}", marked_text(a, pal).trim_end())?;
    }
    writeln!(out, "{}", pal.dim.apply_to(&rule))?;
    if a.events.is_empty() {
        writeln!(out, "No events.")?;
        return Ok(());
    }
    writeln!(
        out,
        "{}",
        pal.head.apply_to(format!("Events ({})", a.events.len()))
    )?;
    for (i, e) in a.events.iter().enumerate() {
        writeln!(out)?;
        writeln!(
            out,
            "{} {}  {} · CAMEO {} · confidence {:.2} · {}",
            pal.dim.apply_to(format!("{:>4}", event_id(i))),
            pal.head.apply_to(e.kind),
            e.modality,
            e.cameo,
            e.confidence,
            pal.dim.apply_to(&e.rule),
        )?;
        let field = |name: &str| pal.label.apply_to(format!("{name:<12}")).to_string();
        writeln!(
            out,
            "     {}{} (sentence {}, bytes {}..{})",
            field("trigger"),
            pal.paint_trigger(&text[e.trigger]),
            e.sentence,
            e.trigger.start,
            e.trigger.end
        )?;
        for arg in &e.arguments {
            writeln!(
                out,
                "     {}{}",
                field(arg.role.as_str()),
                argument(a, arg, pal)
            )?;
        }
        writeln!(out, "     {}{}", field("time"), time(a, e.time.as_ref()))?;
        writeln!(out, "     {}{}", field("modality"), e.modality)?;
        for c in &e.conflicts {
            writeln!(
                out,
                "     {}{}: {}",
                field("conflict"),
                c.field,
                c.values.join(" vs ")
            )?;
        }
        if !e.mentions.is_empty() {
            let also: Vec<String> = e
                .mentions
                .iter()
                .map(|m| format!("“{}” (sentence {})", &text[m.trigger], m.sentence))
                .collect();
            writeln!(out, "     {}{}", field("also told"), also.join(", "))?;
        }
        let evidence = text[a.sentences[e.sentence].span]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        writeln!(
            out,
            "     {}{}",
            field("evidence"),
            pal.dim.apply_to(format!("“{evidence}”"))
        )?;
    }
    Ok(())
}

/// `Li Shangfu` PERSON CHN (as “he”), with the entity's type colour.
fn argument(a: &Analysis<'_>, arg: &Argument<'_>, pal: &Palette) -> String {
    let text = &a.text()[arg.span];
    let mut s = match arg.entity.and_then(|i| a.entities.get(i)) {
        Some(ent) => {
            let name = if pal.color {
                pal.entity(ent.kind)
                    .apply_to(arg.canonical.as_ref())
                    .to_string()
            } else {
                arg.canonical.to_string()
            };
            format!("{name} {}", pal.dim.apply_to(ent.kind))
        }
        None => arg.canonical.to_string(),
    };
    if let Some(c) = arg.country {
        s.push_str(&format!(" {}", pal.dim.apply_to(c)));
    }
    if text != arg.canonical {
        s.push_str(&format!(" {}", pal.dim.apply_to(format!("(as “{text}”)"))));
    }
    if let Some(i) = arg.entity {
        s.push_str(&format!(" {}", pal.dim.apply_to(entity_id(i))));
    }
    s
}

fn time(a: &Analysis<'_>, t: Option<&EventTime>) -> String {
    let Some(t) = t else {
        return "unknown".to_string();
    };
    let range = match (t.begin, t.end) {
        (Some(b), Some(e)) if b == e => b.to_string(),
        (Some(b), Some(e)) => format!("{b} to {e}"),
        (Some(b), None) => format!("from {b}"),
        (None, Some(e)) => format!("until {e}"),
        (None, None) => t.value.clone(),
    };
    let from = match t.entity.and_then(|i| a.entities.get(i)) {
        Some(d) => format!("“{}”", &a.text()[d.span]),
        None => t.source.as_str().to_string(),
    };
    format!("{range} (value {}, from {from})", t.value)
}

/// The text with entities and event triggers marked.
fn marked_text(a: &Analysis<'_>, pal: &Palette) -> String {
    let text = a.text();
    // Triggers that do not overlap an entity, in text order.
    let mut triggers: Vec<newsfacts::Span> = a
        .events
        .iter()
        .flat_map(|e| std::iter::once(e.trigger).chain(e.mentions.iter().map(|m| m.trigger)))
        .filter(|t| {
            !a.entities
                .iter()
                .any(|e| e.span.start < t.end && t.start < e.span.end)
        })
        .collect();
    triggers.sort_by_key(|t| (t.start, t.end));
    triggers.dedup_by(|b, a| b.start < a.end);
    let mut marks: Vec<(newsfacts::Span, Option<EntityType>)> = a
        .entities
        .iter()
        .map(|e| (e.span, Some(e.kind)))
        .chain(triggers.into_iter().map(|t| (t, None)))
        .collect();
    marks.sort_by_key(|(s, _)| s.start);
    let mut out = String::with_capacity(text.len() * 2);
    let mut pos = 0;
    for (span, kind) in marks {
        if span.start < pos {
            continue;
        }
        out.push_str(&text[pos..span.start]);
        let t = &text[span];
        out.push_str(&match kind {
            Some(k) => pal.paint_entity(k, t),
            None => pal.paint_trigger(t),
        });
        pos = span.end;
    }
    out.push_str(&text[pos..]);
    out
}
