//! The theme as a reader meets it, in a real browser: keyboard, dark mode, phone width.

use crate::browser::run_scenario;
use crate::common::*;

#[test]
fn a_reader_can_skip_toggle_dark_mode_and_read_on_a_phone() {
    let site = fixture("basic");
    bridgebook()
        .current_dir(site.path())
        .arg("build")
        .assert()
        .success();
    let out = site.path().join("public");
    let Some(result) = run_scenario("reading.mjs", &[out.to_str().unwrap(), "guides/first/"])
    else {
        return;
    };
    assert_eq!(result["title"], "The first guide · Fixture Handbook");
    assert_eq!(result["firstFocus"], "Skip to content");
    assert_eq!(
        result["themeAfterReload"], result["themeAfterToggle"],
        "the theme choice is remembered"
    );
    assert_eq!(result["sidewaysScroll"], 0);
    assert_eq!(
        result["fromDiskNextTitle"], "The second guide · Fixture Handbook",
        "links work when the site is opened from disk"
    );
    let stops: Vec<&str> = result["stops"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    for expected in [
        "a.skip",
        "a.brand",
        "button.theme",
        "pre.code",
        "div.table-wrap",
        "a.anchor",
    ] {
        assert!(
            stops.contains(&expected),
            "Tab never reaches {expected}: {stops:?}"
        );
    }
    assert_eq!(
        result["unoutlinedStops"],
        serde_json::json!([]),
        "every focused element shows an outline"
    );
    assert_eq!(
        result["printHidesNavigation"], true,
        "printing shows the text without navigation"
    );
    assert_eq!(
        result["systemDarkBackground"], "rgb(21, 24, 29)",
        "dark mode follows the system"
    );
    assert_eq!(
        result["sidebarVisibleOnPhone"], false,
        "the sidebar becomes a menu on a phone"
    );
    assert_eq!(result["sidebarVisibleAfterMenu"], true);
    // Links, Code, (h3) A detail of code, Lists and tables, Links.
    assert_eq!(
        result["tocMarkers"],
        serde_json::json!(["1.", "2.", "◦", "3.", "4."]),
        "h2 entries are numbered in order; the h3 between them is bulleted, not counted"
    );
    // See: issue 11 (the parts of a long page below the first screen are not laid out first).
    assert_eq!(result["textParts"], 4, "each h2 starts a part: {result}");
    assert_eq!(
        result["lastPartLaidOutOnLoad"], false,
        "the last part is not laid out before the reader comes near it"
    );
    assert_eq!(
        result["focusedPartContainment"], "visible",
        "a part holding focus is not contained, so the focus ring is not clipped"
    );
    let top = result["linkedPartTop"].as_i64().unwrap();
    assert!(
        (-2..=2).contains(&top),
        "a link to a heading in a part below scrolls it to the top: {top}px"
    );
    assert_eq!(
        result["partsContainedInPrint"], 0,
        "print lays out every part"
    );
}
