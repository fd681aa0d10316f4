//! A pseudo-locale's UI strings (`pseudo`), made by build.rs from `en.rs`;
//! in test builds only (feature `pseudo`).

include!(concat!(env!("OUT_DIR"), "/i18n_ar_xb.rs"));
