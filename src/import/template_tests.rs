//! Table tests of the template converter: each construct, what it becomes, and the line the
//! report gives it in the converted text.

use super::*;
use crate::import::links::tests::plan;

/// Input, output, and what the report says: (line, kind, outcome).
type Case<'a> = (&'a str, &'a str, &'a [(usize, &'a str, Outcome)]);

/// Runs each case; every line the report names as left holds what it names.
fn check_cases(flavor: Templates, cases: &[Case]) {
    for (input, output, found) in cases {
        let (out, got) = convert(flavor, input);
        assert_eq!(out, *output, "{input}");
        let expected: Vec<(usize, String, Outcome)> = found
            .iter()
            .map(|(l, k, o)| (*l, k.to_string(), *o))
            .collect();
        assert_eq!(got, expected, "{input}");
        for (line, kind, outcome) in &got {
            if *outcome == Outcome::Left && kind != "unclosed" {
                let text = out.lines().nth(line - 1).unwrap();
                assert!(text.contains(kind.as_str()), "{input}: line {line}");
            }
        }
    }
}

/// Converts `text` as a page at `tools/slack/records.md` (URL `/tools/slack/records/`).
fn convert(flavor: Templates, text: &str) -> (String, Vec<(usize, String, Outcome)>) {
    convert_with(flavor, text, "")
}

/// [`convert`], for a page whose front matter is `front`, on a site whose parameters are
/// `github_repo` and `tdVersion.latest`.
fn convert_with(
    flavor: Templates,
    text: &str,
    front: &str,
) -> (String, Vec<(usize, String, Outcome)>) {
    let plan = plan();
    let params: serde_yaml::Value = serde_yaml::from_str(
        "github_repo: https://github.com/x/docs\ntdVersion:\n  latest: v0.16.0\nlinks: [a, b]\n",
    )
    .unwrap();
    let mut converter = Converter {
        links: Links {
            plan: &plan,
            page: &plan.pages[1],
        },
        flavor,
        images: Vec::new(),
        params: &params,
        front,
        values: Default::default(),
    };
    let (out, found) = converter.convert(text);
    (
        out,
        found
            .into_iter()
            .map(|f| (f.line, f.kind, f.outcome))
            .collect(),
    )
}

#[test]
fn liquid_constructs() {
    use Outcome::*;
    let cases: &[Case] = &[
        ("[a]({% page \"/tools/slack/\" %})", "[a](_index.md)", &[(1, "page", Converted)]),
        ("[a]({% page \"tools/slack/records/#x\" %})", "[a](records.md#x)", &[(1, "page", Converted)]),
        ("[a]({% page \"/gone/\" %})", "[a](/gone/)", &[(1, "page", Broken)]),
        ("[h]({% page \"/#top\" %})", "[h](../../_index.md#top)", &[(1, "page", Converted)]),
        ("[a]({% link \"https://x.example\" %})", "[a](https://x.example)", &[(1, "link", Converted)]),
        ("[a]({{ \"/old-slack/\" | url }})", "[a](_index.md)", &[(1, "{{ \"...\" | url }}", Converted)]),
        ("[a]({{ site.baseurl }}/tools/slack/)", "[a](_index.md)", &[(1, "{{ site.baseurl }}", Converted)]),
        ("{% image \"_img/a.png\" \"A chart\" %}", "![A chart](/_img/a.png)", &[(1, "image", Converted)]),
        ("a\n{% raw %}{% page \"/x/\" %}{% endraw %}\nb", "a\n{% page \"/x/\" %}\nb", &[(2, "raw", Converted), (2, "raw", Literal)]),
        ("a\n{% comment %}note\nmore{% endcomment %}\nb", "a\nb", &[(2, "comment", Dropped)]),
        ("x {# nunjucks #} y", "x  y", &[(1, "comment", Dropped)]),
        ("a\n{% include \"x.html\" %}\n", "a\n{% include \"x.html\" %}\n", &[(2, "include", Left)]),
        ("{{ page.url }}", "{{ page.url }}", &[(1, "{{ page.url }}", Left)]),
        ("{% unclosed\nb", "{% unclosed\nb", &[(1, "unclosed", Left)]),
        (
            "Intro\n{% alert \"Heads up\" \"warning\" %}\n  Body with {% slack_channel \"x\" %}.\n{% endalert %}\nAfter",
            "Intro\n> [!WARNING]\n> **Heads up**\n>\n> Body with {% slack_channel \"x\" %}.\n\nAfter",
            &[(5, "slack_channel", Left), (2, "alert", Converted)],
        ),
        (
            "- item\n  {% hint style=\"danger\" %}\n  Careful.\n  {% endhint %}\n",
            "- item\n  > [!CAUTION]\n  > Careful.\n",
            &[(2, "hint", Converted)],
        ),
        ("{% highlight ruby %}\nputs 1\n{% endhighlight %}", "```ruby\nputs 1\n```", &[(1, "highlight", Converted)]),
    ];
    check_cases(Templates::Liquid, cases);
}

#[test]
fn hugo_constructs() {
    use Outcome::*;
    let cases: &[Case] = &[
        ("[r]({{< ref \"records\" >}})", "[r](records.md)", &[(1, "ref", Converted)]),
        ("[r]({{< relref \"/index.md#a\" >}})", "[r](../../_index.md#a)", &[(1, "relref", Converted)]),
        (
            "{{% alert title=\"Note\" color=\"primary text-center\" %}}\nText {{< param x >}}\n{{% /alert %}}",
            "> [!NOTE]\n> **Note**\n>\n> Text {{< param x >}}\n",
            &[(4, "param", Left), (1, "alert", Converted)],
        ),
        ("{{< alert color=\"danger\" >}}Inline{{< /alert >}}", "> [!CAUTION]\n> Inline\n", &[(1, "alert", Converted)]),
        ("a\n{{< comment >}}hidden{{< /comment >}}\nb", "a\nb", &[(2, "comment", Dropped)]),
        ("`{{</* tab */>}}` {{ .Title }}", "`{{< tab >}}` {{ .Title }}", &[(1, "escaped shortcode", Literal)]),
        ("{{< tabpane >}}\n{{< tab header=\"A\" />}}\n{{< /tabpane >}}", "{{< tabpane >}}\n{{< tab header=\"A\" />}}\n{{< /tabpane >}}", &[(1, "tabpane", Left), (2, "tab", Left), (3, "tabpane", Left)]),
        ("{{< figure src=\"a.png\" caption=\"A map\" >}}", "![A map](/a.png)", &[(1, "figure", Converted)]),
        // A tab pane: code tabs in their `lang`, Markdown tabs converted, a disabled tab a line above.
        (
            "Intro\n{{< tabpane lang=\"sh\" >}}\n{{< tab header=\"Run:\" disabled=true />}}\n{{< tab header=\"Unix\" >}}\nmake {{< v >}}\n{{< /tab >}}\n{{% tab header=\"Why\" %}}\nSee {{< foo >}}.\n{{% /tab %}}\n{{< /tabpane >}}\nAfter",
            "Intro\nRun:\n\n:::tabs\n=== \"Unix\"\n```sh\nmake {{< v >}}\n```\n=== \"Why\"\nSee {{< foo >}}.\n:::\nAfter",
            &[(7, "tabpane", Literal), (10, "foo", Left), (2, "tabpane", Converted)],
        ),
    ];
    check_cases(Templates::Hugo, cases);
}

/// Site parameters become shared values (issue 21); a page's own parameter, a list or an
/// unknown name stays as written for the report.
#[test]
fn hugo_site_params_become_values() {
    use Outcome::*;
    let cases: &[Case] = &[
        (
            "Repo: {{% param github_repo %}}.",
            "Repo: {{ github_repo }}.",
            &[(1, "param", Converted)],
        ),
        (
            "v{{< param \"tdVersion.latest\" >}}",
            "v{{ tdVersion_latest }}",
            &[(1, "param", Converted)],
        ),
        (
            "{{% param links %}}",
            "{{% param links %}}",
            &[(1, "param", Left)],
        ),
        (
            "{{% param nowhere %}}",
            "{{% param nowhere %}}",
            &[(1, "param", Left)],
        ),
    ];
    check_cases(Templates::Hugo, cases);
    let (out, _) = convert_with(
        Templates::Hugo,
        "{{% param github_repo %}}",
        "title: X\ngithub_repo: mine\n",
    );
    assert_eq!(
        out, "{{% param github_repo %}}",
        "the page's own parameter wins in Hugo"
    );
}
