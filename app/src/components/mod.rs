//! Reusable pieces of the interface.

pub mod assigned;
pub mod avatar;
pub mod error_panel;
pub mod issue_type_icon;
pub mod layout;
pub mod lookup_form;
pub mod response;
pub mod suggest;
pub mod when;

pub use assigned::{AssignedIssues, AssignedIssuesWords};
pub use avatar::Avatar;
pub use error_panel::ErrorPanel;
pub use issue_type_icon::IssueTypeIcon;
pub use layout::{Layout, SandboxBanner};
pub use lookup_form::{LookupForm, LookupFormWords};
pub use response::{HttpStatus, RedirectTo};
pub use suggest::{SearchBox, SuggestInput};
pub use when::When;
