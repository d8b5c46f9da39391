//! Stage 3, render: pure functions from one page's values to its HTML (markdown, highlighting,
//! tooltips, templates, the sidebar, the audience-aware extras).

pub(crate) mod aware;
pub(crate) mod context;
pub(crate) mod diagrams;
pub(crate) mod highlight;
pub(crate) mod include_parts;
pub(crate) mod includes;
pub(crate) mod links;
pub(crate) mod markdown;
pub(crate) mod page;
pub(crate) mod sidebar;
pub(crate) mod tabs;
pub(crate) mod template;
pub(crate) mod tooltips;
