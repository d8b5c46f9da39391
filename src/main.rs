mod config;
mod content;
mod diagnostic;
mod front_matter;
mod highlight;
mod markdown;
mod tree;
mod yaml;
fn main() {}
