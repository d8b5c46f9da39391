//! The integration test suite: one binary, one module per feature, each driving the real
//! `bridgebook` binary on fixture sites (tests/fixtures/) or sites written into a tempdir.

mod architecture;
mod audience;
mod bad_input;
mod browser;
mod build;
mod check;
mod common;
mod diagrams;
mod import;
mod import_corpora;
mod includes;
mod new;
mod output_safety;
mod print;
mod prose;
mod reading;
mod scale;
mod search;
mod serve;
mod tabs;
mod theme;
mod tooltips;
