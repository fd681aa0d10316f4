//! The stylesheet minifier (build/css.rs) only removes comments and
//! whitespace, keeps one space wherever two words would otherwise join,
//! and keeps strings as written.
#![cfg(not(target_arch = "wasm32"))]

#[path = "../build/css.rs"]
mod css;

use css::minify;

/// `css` without its comments.
fn uncommented(css: &str) -> String {
    let mut out = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        out.push(' ');
        rest = rest[start + 2..].split_once("*/").map_or("", |(_, after)| after);
    }
    out + rest
}

fn without_whitespace(css: &str) -> String {
    css.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_widget_stylesheets_lose_only_comments_and_whitespace() {
    for css in [include_str!("../styles/widget.css"), include_str!("../styles/form.css")] {
        loses_only_comments_and_whitespace(css);
    }
}

fn loses_only_comments_and_whitespace(css: &str) {
    let min = minify(css);
    assert!(min.len() < css.len() * 85 / 100, "{} of {} bytes", min.len(), css.len());
    assert!(!min.contains("/*") && !min.contains('\n') && !min.contains("  "));
    assert_eq!(without_whitespace(&min), without_whitespace(&uncommented(css)));
    // Words that whitespace separated stay separated: the same words, in order.
    let words = |s: &str| {
        s.split(|c: char| c.is_whitespace() || "{};,>".contains(c)).filter(|w| !w.is_empty()).map(String::from).collect::<Vec<_>>()
    };
    assert_eq!(words(&min), words(&uncommented(css)));
}

#[test]
fn examples() {
    assert_eq!(minify("a  >  b ,\n c { color : red ; }\n"), "a>b,c{color : red;}");
    assert_eq!(minify(".x :focus{}"), ".x :focus{}", "a descendant pseudo-class keeps its space");
    assert_eq!(minify("a/* note */b{}"), "a b{}");
    assert_eq!(minify(r#"x{font-family:"Segoe  UI", 'a\'  b'}"#), r#"x{font-family:"Segoe  UI",'a\'  b'}"#);
    assert_eq!(minify("calc(1px + 2px)"), "calc(1px + 2px)");
    assert_eq!(minify(""), "");
}
