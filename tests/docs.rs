//! The documentation lives in the repository: README.md and the book in
//! `docs/` link only to files of the repository (and to headings that
//! exist), every page is in the book's table of contents, and nothing
//! points to the spec outside the repository.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Component, Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// The repository's root.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// README.md, fixtures/README.md and every markdown page below `docs/`,
/// relative to the root.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![PathBuf::from("README.md"), PathBuf::from("fixtures/README.md")];
    for entry in walkdir::WalkDir::new(root().join("docs")).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() && entry.path().extension().is_some_and(|ext| ext == "md") {
            pages.push(entry.path().strip_prefix(root()).unwrap().to_path_buf());
        }
    }
    pages
}

/// What a page holds for this test: its link targets and its headings' anchors.
struct Page {
    links: Vec<String>,
    anchors: BTreeSet<String>,
}

/// Reads a markdown page as GitHub renders it: links outside code, and the
/// anchor GitHub gives each heading (lower case, punctuation dropped, spaces
/// as `-`, `-1`, `-2` after a repeated one).
fn read(path: &Path) -> Page {
    let text = fs::read_to_string(root().join(path)).unwrap();
    let (mut links, mut anchors, mut seen) = (Vec::new(), BTreeSet::new(), BTreeMap::<String, usize>::new());
    let mut heading: Option<String> = None;
    for event in Parser::new_ext(&text, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => links.push(dest_url.to_string()),
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(piece) | Event::Code(piece) => {
                if let Some(heading) = heading.as_mut() {
                    heading.push_str(&piece);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let slug: String = heading
                    .take()
                    .unwrap()
                    .to_lowercase()
                    .chars()
                    .filter_map(|c| match c {
                        ' ' => Some('-'),
                        c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                        _ => None,
                    })
                    .collect();
                let count = seen.entry(slug.clone()).or_default();
                anchors.insert(if *count == 0 { slug } else { format!("{slug}-{count}") });
                *count += 1;
            }
            _ => {}
        }
    }
    Page { links, anchors }
}

/// `base/relative` with `.` and `..` taken away, or `None` when it climbs
/// above the repository's root.
fn resolve(base: &Path, relative: &str) -> Option<PathBuf> {
    let mut path = PathBuf::new();
    for component in base.join(relative).components() {
        match component {
            Component::Normal(part) => path.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                if !path.pop() {
                    return None;
                }
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(path)
}

/// Undoes the percent-encoding of a link's path (`my%20people/x.md`).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = text.get(i + 1..i + 3).and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

#[test]
fn every_relative_link_in_the_readme_and_the_docs_leads_to_a_file_of_the_repository_and_an_existing_heading() {
    let mut broken = Vec::new();
    for page in pages() {
        let folder = page.parent().unwrap_or(Path::new(""));
        for link in read(&page).links {
            if link.contains("://") || link.starts_with("mailto:") {
                continue;
            }
            let (target, anchor) =
                link.split_once('#').map_or((link.as_str(), None), |(path, anchor)| (path, Some(anchor)));
            let target_page =
                if target.is_empty() { Some(page.clone()) } else { resolve(folder, &percent_decoded(target)) };
            let Some(target_page) = target_page.filter(|path| root().join(path).exists()) else {
                broken.push(format!("{}: `{link}`: no such file in the repository", page.display()));
                continue;
            };
            if let Some(anchor) = anchor {
                let is_markdown = target_page.extension().is_some_and(|ext| ext == "md");
                if !is_markdown || !read(&target_page).anchors.contains(&percent_decoded(anchor)) {
                    broken.push(format!(
                        "{}: `{link}`: no heading `#{anchor}` in {}",
                        page.display(),
                        target_page.display()
                    ));
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_readme_and_the_docs_never_point_to_the_spec_outside_the_repository() {
    let mut texts: Vec<PathBuf> = pages();
    texts.push(PathBuf::from("templates/nudge.yaml"));
    for path in texts {
        let text = fs::read_to_string(root().join(&path)).unwrap();
        for (number, line) in text.lines().enumerate() {
            for outside in ["../shared", "shared/spec", "spec section", "followup-rules.md"] {
                assert!(!line.contains(outside), "{}:{}: mentions `{outside}`: {line}", path.display(), number + 1);
            }
        }
    }
}

#[test]
fn every_page_of_the_book_is_in_its_table_of_contents_and_every_entry_is_a_page() {
    let listed: BTreeSet<PathBuf> =
        read(Path::new("docs/src/SUMMARY.md")).links.iter().map(|link| Path::new("docs/src").join(link)).collect();
    let pages: BTreeSet<PathBuf> =
        pages().into_iter().filter(|page| page.starts_with("docs/src") && !page.ends_with("SUMMARY.md")).collect();
    assert_eq!(listed, pages);
}

#[test]
fn the_docs_pages_named_in_the_code_and_the_config_template_exist() {
    let mut named = Vec::new();
    for folder in ["src", "templates", "tests"] {
        for entry in walkdir::WalkDir::new(root().join(folder)) {
            let entry = entry.unwrap();
            let Ok(text) = fs::read_to_string(entry.path()) else { continue };
            for (at, _) in text.match_indices("docs/src/") {
                let page: String =
                    text[at..].chars().take_while(|c| c.is_alphanumeric() || "/-_.".contains(*c)).collect();
                let page = page.trim_end_matches('.').to_owned();
                named.push((entry.path().strip_prefix(root()).unwrap().display().to_string(), page));
            }
        }
    }
    let config = fs::read_to_string(root().join("templates/nudge.yaml")).unwrap();
    assert!(
        config.contains("docs/src/configuration.md"),
        "templates/nudge.yaml should point to docs/src/configuration.md"
    );
    for (file, page) in named {
        if page.ends_with(".md") {
            assert!(root().join(&page).is_file(), "{file} names {page}, which does not exist");
        }
    }
}
