//! Reusable pieces of the interface.

pub mod avatar;
pub mod error_panel;
pub mod layout;
pub mod lookup_form;
pub mod response;

pub use avatar::Avatar;
pub use error_panel::ErrorPanel;
pub use layout::{Layout, SandboxBanner};
pub use lookup_form::LookupForm;
pub use response::{HttpStatus, RedirectTo};
