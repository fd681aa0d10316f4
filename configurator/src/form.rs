//! What the marketer has typed (`Form`), and what it becomes: the element's
//! attributes in the order written, the `--pfs-*` theme, the WordPress
//! block's settings, and the problems the widget would have with it. Pure,
//! tested natively; it knows nothing of the page that shows it.

use crate::check::{self, Verdict};
use crate::snippet::Embed;
use program_fit_screener::core::contact::normalize_phone;

/// Every setting, as typed. Choices are the attribute's values (`""` is
/// the widget's default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    pub script: String,
    pub site: String,
    pub phone: String,
    /// The number is also written as `<a slot="phone">` for call tracking.
    pub tracking: bool,
    pub email: String,
    pub center_name: String,
    pub submit_url: String,
    pub submit_timeout: String,
    pub lang: String,
    pub theme: String,
    pub accent: String,
    pub accent_text: String,
    pub font: String,
    pub loading: String,
    pub config_url: String,
    /// `""` (from the page's address), `off`, or the site's own values.
    pub attribution: String,
    /// `""` (off), `dataLayer`, or another array's name.
    pub datalayer: String,
}

/// Which input a problem belongs to (also its id on the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Phone,
    Email,
    SubmitUrl,
    SubmitTimeout,
    Accent,
    AccentText,
    Datalayer,
}

impl Input {
    pub fn id(self) -> &'static str {
        match self {
            Input::Phone => "phone",
            Input::Email => "email",
            Input::SubmitUrl => "submit-url",
            Input::SubmitTimeout => "submit-timeout",
            Input::Accent => "accent",
            Input::AccentText => "accent-text",
            Input::Datalayer => "datalayer",
        }
    }
}

impl Form {
    /// The element's attributes, in the order the snippet writes them.
    pub fn attributes(&self) -> Vec<(&'static str, String)> {
        [
            ("phone", &self.phone),
            ("submit-url", &self.submit_url),
            ("center-name", &self.center_name),
            ("email", &self.email),
            ("lang", &self.lang),
            ("theme", &self.theme),
            ("loading", &self.loading),
            ("config-url", &self.config_url),
            ("attribution", &self.attribution),
            ("submit-timeout", &self.submit_timeout),
            // `dataLayer` is window.dataLayer, as the bare attribute is.
            ("datalayer", &self.datalayer),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(n, v)| (n, v.trim().to_string()))
        .collect()
    }

    /// The `--pfs-*` custom properties set.
    pub fn theme(&self) -> Vec<(String, String)> {
        [("accent", &self.accent), ("accent-text", &self.accent_text), ("font", &self.font)]
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(n, v)| (n.to_string(), v.trim().to_string()))
            .collect()
    }

    /// What the snippet writers need.
    pub fn embed(&self) -> Embed {
        let tracked = (self.tracking && !self.phone.trim().is_empty())
            .then(|| normalize_phone(&self.phone).map(|e164| (e164, self.phone.trim().to_string())))
            .flatten();
        Embed {
            script: self.script.trim().to_string(),
            attributes: self.attributes().into_iter().map(|(n, v)| (n.to_string(), v)).collect(),
            tracked_phone: tracked,
            theme: self.theme(),
        }
    }

    /// The WordPress block's sidebar settings (the plugin's labels,
    /// integrations/wordpress/.../includes/fields.php) that differ from
    /// the default.
    pub fn block_settings(&self) -> Vec<(&'static str, String)> {
        let tracking = if self.tracking { self.phone.as_str() } else { "" };
        [
            ("Phone", self.phone.as_str()),
            ("Call-tracking phone", tracking),
            ("Submit URL", &self.submit_url),
            ("E-mail", &self.email),
            ("Center name", &self.center_name),
            ("Submit timeout (s)", &self.submit_timeout),
            ("Language", &self.lang),
            ("Theme", &self.theme),
            ("Accent colour", &self.accent),
            ("Loading", &self.loading),
            ("Questionnaire URL", &self.config_url),
            ("Attribution", &self.attribution),
            ("dataLayer", &self.datalayer),
        ]
        .into_iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .map(|(n, v)| (n, v.trim().to_string()))
        .collect()
    }

    /// The problems the widget would have, with the widget's own rules;
    /// `submit_url_allowed` is the widget's rule for the submit URL (the
    /// browser's URL parser, so the page answers it).
    pub fn problems(&self, submit_url_allowed: bool) -> Vec<(Input, Verdict)> {
        let mut out = vec![(Input::Phone, check::phone(&self.phone)), (Input::Email, check::email(&self.email))];
        if !self.submit_url.trim().is_empty() && !submit_url_allowed {
            out.push((Input::SubmitUrl, Verdict::SubmitUrlRefused));
        }
        out.push((Input::SubmitTimeout, check::timeout(&self.submit_timeout)));
        out.push((Input::Accent, check::accent(&self.accent, &self.accent_text)));
        if !self.accent_text.trim().is_empty() && check::accent(&self.accent_text, "#000").eq(&Verdict::NotAColour) {
            out.push((Input::AccentText, Verdict::NotAColour));
        }
        out.push((Input::Datalayer, check::datalayer(&self.datalayer)));
        out.retain(|(_, v)| *v != Verdict::Fine);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snippet;

    #[test]
    fn a_filled_form_writes_the_snippet_shortcode_and_block() {
        let form = Form {
            script: "https://www.example.org/pfs/program-fit-screener.js".into(),
            phone: " 833-846-5669 ".into(),
            tracking: true,
            submit_url: "https://inbox.example.org/leads".into(),
            center_name: "Harbor Recovery".into(),
            theme: "auto".into(),
            accent: "#5a1478".into(),
            datalayer: "dataLayer".into(),
            ..Form::default()
        };
        let html = snippet::html(&form.embed());
        assert_eq!(
            html,
            "<script type=\"module\" src=\"https://www.example.org/pfs/program-fit-screener.js\"></script>\n\
             <program-fit-screener phone=\"833-846-5669\" submit-url=\"https://inbox.example.org/leads\" center-name=\"Harbor Recovery\" theme=\"auto\" datalayer=\"dataLayer\">\n  \
             <a slot=\"phone\" href=\"tel:+18338465669\">833-846-5669</a>\n</program-fit-screener>"
        );
        assert_eq!(
            snippet::shortcode(&form.embed()),
            "[program_fit_screener phone=\"833-846-5669\" submit_url=\"https://inbox.example.org/leads\" center_name=\"Harbor Recovery\" theme=\"auto\" datalayer=\"dataLayer\" accent=\"#5a1478\" tracking_phone=\"833-846-5669\"]"
        );
        let block = form.block_settings();
        assert!(block.contains(&("Call-tracking phone", "833-846-5669".into())));
        assert!(block.contains(&("dataLayer", "dataLayer".into())));
        assert!(block.contains(&("Accent colour", "#5a1478".into())));
    }

    #[test]
    fn an_empty_form_writes_the_bare_element_and_has_no_problem() {
        let form = Form::default();
        assert!(form.problems(false).is_empty(), "no submit URL, nothing to refuse");
        assert!(snippet::html(&form.embed()).ends_with("<program-fit-screener></program-fit-screener>"));
        assert_eq!(snippet::shortcode(&form.embed()), "[program_fit_screener]");
        assert!(form.block_settings().is_empty());
    }

    #[test]
    fn problems_are_the_widgets() {
        let form = Form {
            phone: "call us".into(),
            email: "a@b.org?bcc=x@y.com".into(),
            submit_url: "http://leads.example.org/".into(),
            submit_timeout: "soon".into(),
            accent: "#ffcc00".into(),
            accent_text: "white-ish".into(),
            datalayer: "my layer".into(),
            ..Form::default()
        };
        let got: Vec<Input> = form.problems(false).into_iter().map(|(i, _)| i).collect();
        assert_eq!(
            got,
            [Input::Phone, Input::Email, Input::SubmitUrl, Input::SubmitTimeout, Input::Accent, Input::AccentText, Input::Datalayer]
        );
        // Call tracking with a refused number writes no child.
        let form = Form { phone: "call us".into(), tracking: true, ..Form::default() };
        assert_eq!(form.embed().tracked_phone, None);
    }
}
