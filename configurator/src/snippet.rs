//! What the marketer copies: the two-line HTML snippet, the WordPress
//! shortcode, the CSP line and the host CSS that prevents layout shift,
//! written from the settings the form holds. Pure, tested natively.
//! Invariant: every value written is escaped for where it goes (an HTML
//! attribute, a shortcode attribute), so no setting can add markup or end
//! the shortcode.

/// The loader's address on the marketer's site or CDN.
pub const DEFAULT_SCRIPT: &str = "https://cdn.example.org/program-fit-screener/program-fit-screener.js";

/// The settings the form holds, as the copied code needs them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Embed {
    /// Where the loader is served from.
    pub script: String,
    /// The element's attributes, in the order written (name, value); empty
    /// values are left out.
    pub attributes: Vec<(String, String)>,
    /// Call tracking (CallRail, CallTrackingMetrics, Invoca): the number
    /// also as a light-DOM `<a slot="phone" href="tel:…">` child, which
    /// the tracking script swaps; `(E.164, as shown)`.
    pub tracked_phone: Option<(String, String)>,
    /// `--pfs-*` custom properties (name without `--pfs-`, value).
    pub theme: Vec<(String, String)>,
}

impl Embed {
    fn present(&self) -> impl Iterator<Item = &(String, String)> {
        self.attributes.iter().filter(|(_, v)| !v.trim().is_empty())
    }
}

/// `text` safe inside a double-quoted HTML attribute and as HTML text.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` safe inside a double-quoted shortcode attribute: HTML-escaped
/// (WordPress's `esc_attr` leaves entities as they are), and `[` `]`,
/// which would end or open a shortcode, as entities too.
pub fn escape_shortcode(text: &str) -> String {
    escape_html(text).replace('[', "&#91;").replace(']', "&#93;")
}

/// The two-line snippet (plus the phone child with call tracking).
pub fn html(embed: &Embed) -> String {
    let script = if embed.script.trim().is_empty() { DEFAULT_SCRIPT } else { embed.script.trim() };
    let attrs: String = embed.present().map(|(n, v)| format!(" {n}=\"{}\"", escape_html(v.trim()))).collect();
    let child = embed
        .tracked_phone
        .as_ref()
        .map(|(e164, shown)| format!("\n  <a slot=\"phone\" href=\"tel:{}\">{}</a>\n", escape_html(e164), escape_html(shown)))
        .unwrap_or_default();
    format!(
        "<script type=\"module\" src=\"{}\"></script>\n<program-fit-screener{attrs}>{child}</program-fit-screener>",
        escape_html(script)
    )
}

/// The WordPress shortcode: the element's attribute names with `-` → `_`.
pub fn shortcode(embed: &Embed) -> String {
    let attrs: String = embed.present().map(|(n, v)| format!(" {}=\"{}\"", n.replace('-', "_"), escape_shortcode(v.trim()))).collect();
    // The plugin sets the accent colour itself (its only theme setting).
    let accent = embed
        .theme
        .iter()
        .find(|(n, v)| n == "accent" && !v.trim().is_empty())
        .map(|(_, v)| format!(" accent=\"{}\"", escape_shortcode(v.trim())))
        .unwrap_or_default();
    // The plugin prints `tracking_phone` as the element's `<a slot="phone">`.
    let tracking =
        embed.tracked_phone.as_ref().map(|(_, shown)| format!(" tracking_phone=\"{}\"", escape_shortcode(shown))).unwrap_or_default();
    format!("[program_fit_screener{attrs}{accent}{tracking}]")
}

/// The host CSS: the theme's custom properties, and the reserved height
/// that keeps the layout still before the widget loads.
pub fn host_css(embed: &Embed) -> String {
    let mut css = String::from("program-fit-screener {\n  display: block;\n  min-height: 320px;\n");
    for (name, value) in embed.theme.iter().filter(|(_, v)| !v.trim().is_empty()) {
        // A value may not end the declaration or the rule.
        let value: String = value.trim().chars().filter(|c| !matches!(c, ';' | '{' | '}' | '<' | '>')).collect();
        css.push_str(&format!("  --pfs-{name}: {value};\n"));
    }
    css.push('}');
    css
}

/// The origin (`scheme://host[:port]`) of an absolute URL, if it has one.
pub fn origin(url: &str) -> Option<&str> {
    let rest_at = url.find("://")? + 3;
    let end = url[rest_at..].find(['/', '?', '#']).map_or(url.len(), |i| rest_at + i);
    (end > rest_at).then(|| &url[..end])
}

/// The Content-Security-Policy line for the pages with the widget
/// (docs/privacy.md): other origins of the script, the receiver and the
/// config added where the browser needs them. `page_origin` is the site's.
pub fn csp(embed: &Embed, page_origin: &str) -> String {
    let other = |url: &str| origin(url).filter(|o| *o != page_origin).map(str::to_string);
    let attr = |name: &str| embed.present().find(|(n, _)| n == name).and_then(|(_, v)| other(v.trim()));
    let cdn = other(embed.script.trim());
    let mut connect = vec!["'self'".to_string()];
    connect.extend([cdn.clone(), attr("submit-url"), attr("config-url")].into_iter().flatten());
    connect.dedup();
    let script = match &cdn {
        Some(c) => format!("'self' {c} 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".into(),
    };
    format!(
        "Content-Security-Policy: default-src 'self'; script-src {script}; style-src 'self'; connect-src {}; img-src 'self' blob: data:; base-uri 'none'",
        connect.join(" ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn embed(attrs: &[(&str, &str)]) -> Embed {
        Embed {
            script: "/program-fit-screener.js".into(),
            attributes: attrs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
            ..Embed::default()
        }
    }

    #[test]
    fn html_writes_the_two_lines_and_leaves_empty_attributes_out() {
        let e = embed(&[("phone", "833-846-5669"), ("submit-url", "/leads"), ("lang", "")]);
        assert_eq!(
            html(&e),
            "<script type=\"module\" src=\"/program-fit-screener.js\"></script>\n\
             <program-fit-screener phone=\"833-846-5669\" submit-url=\"/leads\"></program-fit-screener>"
        );
    }

    #[test]
    fn hostile_values_come_out_escaped_in_html_and_shortcode() {
        let e = embed(&[("center-name", "A \"B\" <script>alert(1)</script> & [x]")]);
        let h = html(&e);
        assert!(h.contains("center-name=\"A &quot;B&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; [x]\""), "{h}");
        assert!(!h.contains("<script>alert"), "{h}");
        let s = shortcode(&e);
        assert_eq!(s, "[program_fit_screener center_name=\"A &quot;B&quot; &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#91;x&#93;\"]");
        assert_eq!(s.matches(']').count(), 1, "only the closing bracket: {s}");
    }

    #[test]
    fn shortcode_names_are_the_attributes_with_underscores() {
        let e = embed(&[("phone", "833-846-5669"), ("submit-url", "https://example.org/leads"), ("submit-timeout", "60")]);
        assert_eq!(
            shortcode(&e),
            "[program_fit_screener phone=\"833-846-5669\" submit_url=\"https://example.org/leads\" submit_timeout=\"60\"]"
        );
    }

    #[test]
    fn call_tracking_adds_the_phone_child() {
        let mut e = embed(&[("phone", "833-846-5669")]);
        e.tracked_phone = Some(("+18338465669".into(), "833-846-5669".into()));
        assert!(html(&e).ends_with(
            "<program-fit-screener phone=\"833-846-5669\">\n  <a slot=\"phone\" href=\"tel:+18338465669\">833-846-5669</a>\n</program-fit-screener>"
        ));
        assert!(shortcode(&e).ends_with(" tracking_phone=\"833-846-5669\"]"), "the plugin's attribute for the slotted number");
    }

    #[test]
    fn host_css_reserves_the_height_and_keeps_values_inside_the_rule() {
        let mut e = embed(&[]);
        e.theme = vec![("accent".into(), "#5a1478".into()), ("font".into(), "Georgia; } body { display:none".into())];
        assert_eq!(
            host_css(&e),
            "program-fit-screener {\n  display: block;\n  min-height: 320px;\n  --pfs-accent: #5a1478;\n  --pfs-font: Georgia  body  display:none;\n}"
        );
    }

    #[test]
    fn csp_adds_other_origins_where_the_browser_needs_them() {
        let base = "Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'; img-src 'self' blob: data:; base-uri 'none'";
        assert_eq!(csp(&embed(&[("submit-url", "/leads")]), "https://site.example"), base);
        let mut e = embed(&[("submit-url", "https://leads.example.org/in?x=1"), ("config-url", "https://site.example/q.json")]);
        e.script = "https://cdn.example.org/pfs/program-fit-screener.js".into();
        let line = csp(&e, "https://site.example");
        assert!(line.contains("script-src 'self' https://cdn.example.org 'wasm-unsafe-eval';"), "{line}");
        assert!(line.contains("connect-src 'self' https://cdn.example.org https://leads.example.org;"), "{line}");
    }

    #[test]
    fn origin_of_urls() {
        assert_eq!(origin("https://a.example:8443/x?y#z"), Some("https://a.example:8443"));
        assert_eq!(origin("http://127.0.0.1:8080"), Some("http://127.0.0.1:8080"));
        assert_eq!(origin("/leads"), None);
        assert_eq!(origin("https:///x"), None);
    }
}
