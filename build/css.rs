//! A small CSS minifier for the widget's stylesheet, run by build.rs: it
//! drops comments and the whitespace CSS does not need. Runs of whitespace
//! become one space, and none is kept beside `{ } ; , >`; strings are kept
//! exactly as written. It never removes anything else (tests/css.rs).

/// Where a space is never needed, on either side.
fn tight(c: char) -> bool {
    matches!(c, '{' | '}' | ';' | ',' | '>')
}

pub fn minify(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut previous = ' ';
            for d in chars.by_ref() {
                if previous == '*' && d == '/' {
                    break;
                }
                previous = d;
            }
            space = true;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && out.chars().last().is_some_and(|last| !tight(last)) && !tight(c) {
            out.push(' ');
        }
        space = false;
        out.push(c);
        if c == '"' || c == '\'' {
            let mut escaped = false;
            for d in chars.by_ref() {
                out.push(d);
                match d {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    _ if d == c => break,
                    _ => {}
                }
            }
        }
    }
    out
}
