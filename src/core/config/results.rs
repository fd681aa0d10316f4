//! Reading what a result shows: outcomes with their rules and reasons, the
//! levels of care they point to, and the interrupt screens with their links.
//! Invariant: a link that could run script is an error, never rendered.

use super::{is_safe_href, Parser};
use crate::core::format::shape;
use crate::core::json::Value;
use crate::core::model::{Interrupt, Level, Link, Note, Outcome, Reason, Voice};
use crate::core::reader::{as_array, as_str, index, join, Errors, Obj};

impl Parser {
    pub(super) fn interrupt(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Interrupt> {
        let mut obj = Obj::new(v, path, shape::Interrupt, errors)?;
        let id = obj.req_str("id", errors);
        let title = self.req_text(&mut obj, "title", errors);
        let body = self.texts(&mut obj, "body", errors);
        let actions = self.links(&mut obj, errors);
        let continue_label = self.req_text(&mut obj, "continue_label", errors);
        let when = self.opt_condition(&mut obj, errors);
        obj.finish(errors);
        Some(Interrupt { id: id?.to_string().into(), title: title?, body, actions, continue_label: continue_label?, when })
    }

    /// The optional `actions` of an interrupt or a note.
    fn links(&self, obj: &mut Obj, errors: &mut Errors) -> Vec<Link> {
        let path = obj.at("actions");
        obj.opt("actions")
            .and_then(|v| as_array(v, &path, errors))
            .map(|a| a.iter().enumerate().filter_map(|(i, v)| self.link(v, &index(&path, i), errors)).collect())
            .unwrap_or_default()
    }

    /// The optional `when` condition of an object.
    fn opt_condition(&self, obj: &mut Obj, errors: &mut Errors) -> Option<crate::core::condition::Condition> {
        let path = obj.at("when");
        obj.opt("when").and_then(|v| self.condition(v, &path, errors))
    }

    pub(super) fn voice(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Voice> {
        let mut obj = Obj::new(v, path, shape::Voice, errors)?;
        let id = obj.req_str("id", errors);
        let when_path = obj.at("when");
        let when = obj.req("when", errors).and_then(|v| self.condition(v, &when_path, errors));
        obj.finish(errors);
        Some(Voice { id: id?.to_string().into(), when: when? })
    }

    pub(super) fn note(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Note> {
        let mut obj = Obj::new(v, path, shape::Note, errors)?;
        let id = obj.req_str("id", errors);
        let when = self.opt_condition(&mut obj, errors);
        let text = self.req_text(&mut obj, "text", errors);
        let actions = self.links(&mut obj, errors);
        obj.finish(errors);
        Some(Note { id: id?.to_string().into(), when, text: text?, actions })
    }

    fn link(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Link> {
        let mut obj = Obj::new(v, path, shape::Link, errors)?;
        let label = self.req_text(&mut obj, "label", errors);
        let href = obj.req_str("href", errors);
        obj.finish(errors);
        let href = href?;
        if !is_safe_href(href) {
            errors.push(&join(path, "href"), "must start with tel:, sms:, mailto: or https:");
            return None;
        }
        Some(Link { label: label?, href: href.to_string().into() })
    }

    pub(super) fn level(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Level> {
        let mut obj = Obj::new(v, path, shape::Level, errors)?;
        let id = obj.req_str("id", errors);
        let name = self.req_text(&mut obj, "name", errors);
        let summary = self.req_text(&mut obj, "summary", errors);
        let involves = self.texts(&mut obj, "involves", errors);
        let schedule = self.opt_text(&mut obj, "schedule", errors);
        let benefits = self.texts(&mut obj, "benefits", errors);
        obj.finish(errors);
        Some(Level { id: id?.to_string().into(), name: name?, summary: summary?, involves, schedule, benefits })
    }

    pub(super) fn outcome(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Outcome> {
        let mut obj = Obj::new(v, path, shape::Outcome, errors)?;
        let id = obj.req_str("id", errors);
        let title = self.req_text(&mut obj, "title", errors);
        let summary = self.req_text(&mut obj, "summary", errors);
        let levels_path = obj.at("levels");
        let levels: Vec<usize> = obj
            .req("levels", errors)
            .and_then(|v| as_array(v, &levels_path, errors))
            .map(|a| {
                a.iter()
                    .enumerate()
                    .filter_map(|(i, v)| {
                        let p = index(&levels_path, i);
                        as_str(v, &p, errors).and_then(|id| self.lookup(&self.levels, id, "level", &p, errors))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let when = self.opt_condition(&mut obj, errors);
        let reasons_path = obj.at("reasons");
        let reasons = obj
            .opt("reasons")
            .and_then(|v| as_array(v, &reasons_path, errors))
            .map(|a| a.iter().enumerate().filter_map(|(i, v)| self.reason(v, &index(&reasons_path, i), errors)).collect())
            .unwrap_or_default();
        let urgent = self.opt_interrupt(&mut obj, "urgent", errors);
        let contact = obj.bool_or("contact", true, errors);
        obj.finish(errors);
        Some(Outcome { id: id?.to_string().into(), title: title?, summary: summary?, levels, when, reasons, urgent, contact })
    }

    fn reason(&self, v: &Value, path: &str, errors: &mut Errors) -> Option<Reason> {
        let mut obj = Obj::new(v, path, shape::Reason, errors)?;
        let when = self.opt_condition(&mut obj, errors);
        let text = self.req_text(&mut obj, "text", errors);
        obj.finish(errors);
        Some(Reason { when, text: text? })
    }
}
