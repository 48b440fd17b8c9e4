//! Behaviour of the extraction module, run natively with `build.sh --test`.

use crate::{extract, Options};
use serde_json::Value;

fn article(html: &str) -> Value {
    extract(html.as_bytes(), "https://news.example.com/2024/story.html", Options::from_bits(0)).unwrap()
}

fn text(doc: &Value) -> &str {
    doc["text"].as_str().unwrap()
}

fn prose(sentence: &str, times: usize) -> String {
    (0..times).map(|i| format!("<p>{} Paragraph {} adds more words, commas, and detail to the story.</p>", sentence, i)).collect()
}

#[test]
fn json_ld_is_preferred_over_meta_tags() {
    let doc = article(
        r#"<html><head><title>Page | Site</title>
        <meta property="og:title" content="OG title">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"LD headline",
          "author":[{"@type":"Person","name":"Ada Lovelace"},{"@type":"Person","name":"Alan Turing"}],
          "datePublished":"2024-05-01T10:00:00Z","publisher":{"@type":"Organization","name":"Example News"}}</script>
        </head><body><article><p>Body text that is long enough to be an article paragraph, with commas.</p></article></body></html>"#,
    );
    assert_eq!(doc["title"], "LD headline");
    assert_eq!(doc["byline"], "Ada Lovelace, Alan Turing");
    assert_eq!(doc["published_iso"], "2024-05-01T10:00:00Z");
    assert_eq!(doc["site_name"], "Example News");
    assert_eq!(doc["extraction"]["engine"], "wasm");
    assert!(doc["extraction"]["nodes_processed"].as_u64().unwrap() > 5);
}

#[test]
fn open_graph_and_dublin_core_fill_in_without_json_ld() {
    let doc = article(
        r#"<html lang="de"><head><title>Ignored title text here | Site</title>
        <meta property="og:title" content="Open Graph Title">
        <meta property="og:site_name" content="The Site">
        <meta name="DC.creator" content="Grace Hopper">
        <meta property="article:published_time" content="2023-01-02">
        <meta name="description" content="What it is about.">
        <link rel="canonical" href="/canonical/story"></head><body><p>x</p></body></html>"#,
    );
    assert_eq!(doc["title"], "Open Graph Title");
    assert_eq!(doc["site_name"], "The Site");
    assert_eq!(doc["byline"], "Grace Hopper");
    assert_eq!(doc["published_iso"], "2023-01-02");
    assert_eq!(doc["description"], "What it is about.");
    assert_eq!(doc["language"], "de");
    assert_eq!(doc["canonical_url"], "https://news.example.com/canonical/story");
}

#[test]
fn microdata_author_and_date_are_read() {
    let doc = article(
        r#"<html><head><title>A story with a long enough title</title></head><body>
        <span itemprop="author">Katherine Johnson</span><time itemprop="datePublished" datetime="2022-03-04">March 4</time>
        <p>text</p></body></html>"#,
    );
    assert_eq!(doc["byline"], "Katherine Johnson");
    assert_eq!(doc["published_iso"], "2022-03-04");
}

#[test]
fn the_site_name_is_removed_from_the_document_title() {
    let doc = article("<html><head><title>How tides shape the coastline | Example News</title></head><body></body></html>");
    assert_eq!(doc["title"], "How tides shape the coastline");
    let short = article("<html><head><title>Home | Example</title></head><body></body></html>");
    assert_eq!(short["title"], "Home | Example");
}

#[test]
fn page_furniture_is_removed_from_the_main_content() {
    let html = format!(
        r#"<html><head><title>A story about the sea and its tides</title></head><body>
        <header class="site-header"><nav><a href="/">Home</a><a href="/world">World news menu</a></nav></header>
        <div id="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
        <div class="share-buttons"><a href="/share">Share on social</a></div>
        <article><h1>A story about the sea and its tides</h1>{}</article>
        <div style="display:none">Hidden teaser text that nobody sees on the page at all.</div>
        <section class="comments"><p>First comment: I disagree with everything, strongly, at length, repeatedly.</p></section>
        <aside class="related">Related: other stories you might like to read next, with commas, here.</aside>
        <footer>Copyright Example News. All rights reserved. Terms and privacy policy.</footer>
        </body></html>"#,
        prose("The tide rises and falls twice a day.", 8)
    );
    let doc = article(&html);
    let body = text(&doc);
    assert!(body.contains("The tide rises and falls twice a day. Paragraph 0"));
    assert!(body.contains("Paragraph 7"));
    for furniture in ["World news menu", "cookies", "Share on social", "Hidden teaser", "First comment", "Related:", "Copyright"] {
        assert!(!body.contains(furniture), "{} leaked into: {}", furniture, body);
    }
    assert!(!body.contains("A story about the sea"), "the heading that repeats the title is dropped");
}

#[test]
fn text_separates_paragraphs_with_blank_lines() {
    let doc = article(&format!("<html><body><div class=\"content\">{}</div></body></html>", prose("Alpha beta gamma delta.", 6)));
    let paragraphs: Vec<&str> = text(&doc).split("\n\n").collect();
    assert_eq!(paragraphs.len(), 6);
    assert!(paragraphs[0].starts_with("Alpha beta gamma delta. Paragraph 0"));
}

#[test]
fn markdown_keeps_the_shapes_of_the_content() {
    let html = format!(
        r#"<html><body><article>{}
        <h2>Section heading</h2>
        <p>Some <em>emphasis</em>, <strong>strong words</strong>, <code>inline_code()</code> and <a href="/linked">a link</a>.</p>
        <ul><li>first item</li><li>second item</li></ul>
        <ol><li>step one</li><li>step two</li></ol>
        <pre><code>fn main() {{
    println!("hi");
}}</code></pre>
        <blockquote><p>A quoted line of text.</p></blockquote>
        <table><tr><th>Name</th><th>Value</th></tr><tr><td>alpha</td><td>1</td></tr></table>
        <p><img src="/images/chart.png" alt="A chart"> Caption text for the chart that follows here.</p>
        </article></body></html>"#,
        prose("Lead paragraph with enough words to count.", 4)
    );
    let doc = article(&html);
    let md = doc["markdown"].as_str().unwrap();
    assert!(md.contains("## Section heading"), "{}", md);
    assert!(md.contains("*emphasis*"));
    assert!(md.contains("**strong words**"));
    assert!(md.contains("`inline_code()`"));
    assert!(md.contains("[a link](https://news.example.com/linked)"));
    assert!(md.contains("- first item\n- second item"));
    assert!(md.contains("1. step one\n2. step two"));
    assert!(md.contains("```\nfn main() {\n    println!(\"hi\");\n}\n```"));
    assert!(md.contains("> A quoted line of text."));
    assert!(md.contains("| Name | Value |\n| --- | --- |\n| alpha | 1 |"));
    assert!(md.contains("![A chart](https://news.example.com/images/chart.png)"));
}

#[test]
fn line_breaks_in_the_source_collapse_and_only_br_breaks_a_line() {
    let html = format!(
        "<html><body><article>{}<p>First sentence ends here.  \r\n   Second sentence follows<br>on a new line.</p>\n<pre>keep\n  this</pre></article></body></html>",
        prose("Lead paragraph with enough words to count.", 4)
    );
    let md = article(&html)["markdown"].as_str().unwrap().to_string();
    assert!(md.contains("First sentence ends here. Second sentence follows  \non a new line."), "{}", md);
    assert!(md.contains("```\nkeep\n  this\n```"), "{}", md);
}

#[test]
fn links_and_media_are_absolute_and_honour_base_href() {
    let doc = article(
        r#"<html><head><base href="https://cdn.example.org/assets/"></head><body>
        <a href="page.html">Relative</a><a href="/root">Rooted</a><a href="mailto:x@example.com">Mail</a>
        <a href="https://other.example.net/x#frag" rel="nofollow">Other</a>
        <article><p>Text of the article that is long enough to be kept as content, with commas.</p>
        <img src="pic.jpg" alt="Picture"><img data-src="lazy.jpg"></article></body></html>"#,
    );
    let links: Vec<&str> = doc["links"].as_array().unwrap().iter().map(|l| l["url"].as_str().unwrap()).collect();
    assert_eq!(links, vec!["https://cdn.example.org/assets/page.html", "https://cdn.example.org/root", "https://other.example.net/x"]);
    assert_eq!(doc["links"][2]["rel"], "nofollow");
    let media: Vec<&str> = doc["media"].as_array().unwrap().iter().map(|m| m["url"].as_str().unwrap()).collect();
    assert!(media.contains(&"https://cdn.example.org/assets/pic.jpg"));
    assert!(media.contains(&"https://cdn.example.org/assets/lazy.jpg"));
}

#[test]
fn invalid_utf8_is_replaced_not_fatal() {
    let mut html = b"<html><body><p>caf".to_vec();
    html.extend_from_slice(&[0xE9, 0xFF]);
    html.extend_from_slice(b" au lait</p></body></html>");
    let doc = extract(&html, "https://example.com/", Options::from_bits(1)).unwrap();
    assert!(text(&doc).contains("caf\u{FFFD}\u{FFFD} au lait"));
}

#[test]
fn deep_nesting_within_the_limit_is_flattened_not_fatal() {
    let depth = crate::MAX_NESTING as usize - 10;
    let html = format!("<html><body>{}deep text{}</body></html>", "<div>".repeat(depth), "</div>".repeat(depth));
    let doc = extract(html.as_bytes(), "https://example.com/", Options::from_bits(1)).unwrap();
    assert!(text(&doc).contains("deep text"));
}

#[test]
fn nesting_beyond_the_limit_is_refused_as_too_complex() {
    // 100,000 nested elements took minutes to parse (quadratic in the depth); now the first piece of input
    // that goes too deep ends the parse.
    for (open, close) in [("<div>", "</div>"), ("<span>", ""), ("<b class=x>", ""), ("<table><tr><td>", "")] {
        let html = format!("<html><body>{}deep{}</body></html>", open.repeat(100_000), close.repeat(100_000));
        assert_eq!(extract(html.as_bytes(), "https://example.com/", Options::from_bits(0)), Err(crate::TooComplex), "{}", open);
    }
}

#[test]
fn many_unclosed_paragraphs_and_list_items_are_not_deep() {
    // The tree builder closes these itself, so a long page of them nests no deeper than one.
    let html = format!("<html><body><ul>{}</ul>{}</body></html>", "<li>item text".repeat(20_000), "<p>paragraph text".repeat(20_000));
    let doc = extract(html.as_bytes(), "https://example.com/", Options::from_bits(1)).unwrap();
    assert!(text(&doc).contains("paragraph text"));
}

#[test]
fn parsing_in_pieces_builds_the_same_tree_as_parsing_at_once() {
    use html5ever::tendril::TendrilSink;
    // Text, tags, entities, comments and multi-byte characters cross the piece boundaries at every offset.
    let unit = "<p class=a>caf\u{e9} &amp; <b>bold</b> na\u{ef}ve <!-- c --> \u{1F30A} text</p>\n<pre>\nline</pre><table><td>cell</table>";
    let html = format!("<html><body>{}</body></html>", unit.repeat(2_000));
    let slim = crate::prescan::slim(html.as_bytes());
    let mut opts = html5ever::ParseOpts::default();
    opts.tree_builder.scripting_enabled = false;
    let sink = if slim.short_names { crate::dom::Dom::restoring_short_names() } else { crate::dom::Dom::new() };
    let at_once = html5ever::parse_document(sink, opts).from_utf8().one(&slim.html[..]);
    let in_pieces = crate::parse(html.as_bytes()).unwrap();
    assert!(html.len() > 8 * 16 * 1024);
    assert_eq!(dump(&in_pieces), dump(&at_once));
}

fn dump(dom: &crate::dom::Dom) -> String {
    use crate::dom::NodeData;
    use std::fmt::Write;
    let mut out = String::new();
    for id in dom.walk(crate::dom::DOCUMENT) {
        match &dom.nodes[id].data {
            NodeData::Element(e) => write!(out, "<{} {}>", &*e.name.local, dom.nodes[id].depth).unwrap(),
            NodeData::Text(t) => write!(out, "{:?}", &**t).unwrap(),
            _ => out.push('#'),
        }
    }
    out
}

#[test]
fn meta_tags_are_reported_as_the_page_wrote_them_first_one_winning() {
    let doc = article(
        r#"<html><head><title>Tags</title>
        <meta property="og:title" content="  Open   Graph  ">
        <meta name="twitter:card" content="summary_large_image">
        <meta name="Keywords" content="tides, currents">
        <meta name="keywords" content="ignored: the first wins">
        <meta name="empty" content="   ">
        <meta charset="utf-8">
        </head><body><p>Body</p></body></html>"#,
    );
    let tags = doc["meta"].as_object().unwrap();
    assert_eq!(tags["og:title"], "Open Graph");
    assert_eq!(tags["twitter:card"], "summary_large_image");
    assert_eq!(tags["keywords"], "tides, currents");
    assert_eq!(tags.len(), 3, "{:?}", tags);
}

#[test]
fn a_page_of_endless_meta_tags_reports_a_bounded_number_of_bounded_values() {
    let long = "x".repeat(5000);
    let many: String = (0..1000).map(|i| format!("<meta name=\"n{}\" content=\"{}\">", i, long)).collect();
    let doc = article(&format!("<html><head>{}</head><body><p>Body</p></body></html>", many));
    let tags = doc["meta"].as_object().unwrap();
    assert_eq!(tags.len(), 64);
    assert!(tags.values().all(|v| v.as_str().unwrap().chars().count() == 1000));
}

#[test]
fn metadata_mode_returns_no_text_and_full_mode_keeps_everything_visible() {
    let html = "<html><head><title>Title of the page here</title></head><body><nav>Menu entry</nav><p>Body</p><script>var x;</script></body></html>";
    let metadata = extract(html.as_bytes(), "https://example.com/", Options::from_bits(2)).unwrap();
    assert_eq!(text(&metadata), "");
    assert_eq!(metadata["title"], "Title of the page here");
    let full = extract(html.as_bytes(), "https://example.com/", Options::from_bits(1)).unwrap();
    assert!(text(&full).contains("Menu entry"));
    assert!(text(&full).contains("Body"));
    assert!(!text(&full).contains("var x"));
}

#[test]
fn quality_separates_an_article_from_an_empty_page() {
    let good =
        article(&format!("<html><head><title>A real article title here</title></head><body><article>{}</article></body></html>", prose("Sentence.", 12)));
    let empty = article("<html><body><div>Login</div></body></html>");
    let good_score = good["quality_score"].as_f64().unwrap();
    let empty_score = empty["quality_score"].as_f64().unwrap();
    assert!(good_score > 0.6, "{}", good_score);
    assert!(empty_score < 0.3, "{}", empty_score);
}

/// An article of `paragraphs` long paragraphs with `extra` markup after the second.
fn article_with(extra: &str) -> Value {
    let body = prose("The harbour survey measured the tide at dawn, at noon, and again at dusk.", 2);
    let rest = prose("Engineers compared the readings with the models, station by station.", 4);
    article(&format!("<html><head><title>Tide survey</title></head><body><article>{}{}{}</article></body></html>", body, extra, rest))
}

#[test]
fn short_captions_and_photo_credits_are_left_out_and_descriptive_captions_kept() {
    let doc = article_with(
        r#"<figure><img src="/a.jpg"><figcaption>Photo: Jane Doe/Agency</figcaption></figure>
        <p><span class="image-credit">Getty Images</span></p>
        <figure><img src="/b.jpg"><figcaption>Engineers lower a tide gauge from the north pier at dawn, while the harbour pilot holds the launch against the current and the survey boat waits off the breakwater.</figcaption></figure>
        <figure><img src="/c.jpg"><figcaption>Photo: Jane Roe for the Harbour Gazette, courtesy of the North Pier Historical Society</figcaption></figure>"#,
    );
    let text = text(&doc);
    assert!(!text.contains("Jane Doe"), "{}", text);
    assert!(!text.contains("Getty Images"), "{}", text);
    assert!(!text.contains("Jane Roe"), "a credit of under 120 characters goes: {}", text);
    assert!(text.contains("Engineers lower a tide gauge"), "{}", text);
    assert_eq!(doc["media"].as_array().unwrap().len(), 3, "the pictures themselves stay in media");
}

#[test]
fn author_boxes_post_meta_and_reply_forms_inside_the_article_are_left_out() {
    let doc = article_with(
        r#"<div class="author-bio"><p>Jane writes about coasts and has covered the harbour since 2009.</p></div>
        <p class="entry-meta">Filed under Tides, Harbours</p>
        <div id="respond"><h3>Leave a reply</h3></div>
        <p class="copyright">All rights reserved by the Coast Gazette.</p>"#,
    );
    let text = text(&doc);
    for furniture in ["has covered the harbour", "Filed under", "Leave a reply", "All rights reserved"] {
        assert!(!text.contains(furniture), "{} kept in: {}", furniture, text);
    }
    assert!(text.contains("station by station"), "{}", text);
}

#[test]
fn a_furniture_class_does_not_remove_prose() {
    let long = "The meta analysis of forty harbours found that the survey method, with its dawn and dusk readings, matches the gauges. ".repeat(5);
    let doc = article_with(&format!(r#"<div class="post-meta"><p>{}</p></div>"#, long));
    assert!(text(&doc).contains("The meta analysis of forty harbours"), "{}", text(&doc));
}

#[test]
fn labelled_teasers_are_left_out_and_a_paragraph_that_is_only_a_link_is_kept() {
    let doc = article_with(
        r#"<p><strong>Read also:</strong> <a href="/other-story">Storm surge barriers close for the winter season</a></p>
        <h4>Schon gelesen? <a href="/andere">Neue Pegel an der Küste</a></h4>
        <p><a href="/report.pdf">The full survey report as a PDF</a></p>"#,
    );
    let text = text(&doc);
    assert!(!text.contains("Storm surge barriers"), "{}", text);
    assert!(!text.contains("Neue Pegel"), "{}", text);
    assert!(text.contains("The full survey report as a PDF"), "{}", text);
}

#[test]
fn a_share_word_on_the_container_of_the_whole_text_does_not_make_it_unlikely() {
    // Readability's own list has no "share"; ours has it for share rows, so it must not remove a container
    // that holds the article (a widget's id on the text wrapper).
    let paragraphs = prose("The harbour survey measured the tide at dawn, at noon, and again at dusk.", 8);
    // Long enough to be kept by the first attempt if the wrapper were removed, so no laxer attempt would run.
    let other = "A note on the ferry timetable, which changes in winter, and on the harbour café. ".repeat(8);
    let html = format!(
        r#"<html><head><title>Tide survey</title></head><body><div id="share-btns_containerParent" class="text-wrapper">{}</div>
        <div class="share-row"><a href="/s">Share on a network</a> <a href="/m">Mail this</a></div>
        <div class="notes"><p>{}</p></div></body></html>"#,
        paragraphs, other
    );
    let doc = article(&html);
    assert!(text(&doc).contains("Paragraph 7 adds more words"), "{}", text(&doc));
    assert!(!text(&doc).contains("Share on a network"), "{}", text(&doc));
}

#[test]
fn a_structured_title_loses_the_site_name_only_on_evidence_and_references_are_decoded() {
    let page = |head: &str, body: &str| article(&format!("<html><head>{}</head><body>{}{}</body></html>", head, body, prose("Tide readings.", 3)));
    let by_site_name =
        page(r#"<meta property="og:title" content="Storm surge closes the pier | Coast Gazette"><meta property="og:site_name" content="Coast Gazette">"#, "");
    assert_eq!(by_site_name["title"], "Storm surge closes the pier");
    let by_heading = page(r#"<meta property="og:title" content="Storm surge closes the pier - Jane Doe">"#, "<h1>Storm surge closes the pier</h1>");
    assert_eq!(by_heading["title"], "Storm surge closes the pier");
    let site_first =
        page(r#"<meta property="og:title" content="Coast Gazette » Storm surge closes the pier"><meta property="og:site_name" content="coast gazette">"#, "");
    assert_eq!(site_first["title"], "Storm surge closes the pier");
    let no_evidence = page(
        r#"<meta property="og:title" content="Storms - and what they leave behind"><meta property="og:site_name" content="Coast Gazette">"#,
        "<h1>Storm damage</h1>",
    );
    assert_eq!(no_evidence["title"], "Storms - and what they leave behind", "a dash inside a headline stays");
    let json_ld = page(r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"Storms &#8211; and floods &amp; more"}</script>"#, "");
    assert_eq!(json_ld["title"], "Storms – and floods & more");
}

#[test]
fn a_cookie_notice_is_never_chosen_over_a_short_story() {
    // The first attempt drops the story with its wrapper (a layout class Readability reads as "sidebar"),
    // so the laxer attempts run; they must not take the longer notice.
    let doc = article(
        r#"<html><head><title>Pier closed</title></head><body>
        <div class="layout-sidebar-left"><p>The north pier is closed after the storm, the harbour office said on Monday, until divers have checked the piles.</p></div>
        <div class="consent-banner"><p>We use cookies to give you the best experience, to measure our audience, to show you advertising that matches your interests, and to let you share articles. By continuing to browse you accept their use, as described in our cookie policy, which you can read and change at any time. Our partners, of whom there are many, may also store information on your device, read it, combine it with other data, and use it for their own purposes, such as measuring, profiling, and selling advertising.</p></div>
        </body></html>"#,
    );
    assert!(text(&doc).contains("The north pier is closed"), "{}", text(&doc));
    assert!(!text(&doc).contains("We use cookies"), "{}", text(&doc));
}

#[test]
fn a_lead_in_the_header_beside_the_chosen_text_comes_first_and_a_distant_one_does_not() {
    let body = prose("The harbour survey measured the tide at dawn, at noon, and again at dusk.", 6);
    let doc = article(&format!(
        r#"<html><head><title>Tide survey</title></head><body>
        <aside><div class="teaser-list"><p class="summary">Another story entirely, about the ferry timetable for the coming winter months.</p></div></aside>
        <main><article><header class="entry-header"><h1>Tide survey</h1>
        <p class="lead">Engineers spent a year measuring the tide in the estuary, and found it rising faster than the models said.</p></header>
        <div class="entry-content">{}</div></article></main></body></html>"#,
        body
    ));
    let text = text(&doc);
    assert!(text.starts_with("Engineers spent a year"), "{}", text);
    assert!(text.contains("Paragraph 5 adds more words"), "{}", text);
    assert!(!text.contains("ferry timetable"), "{}", text);

    // The same lead in a wrapper of one paragraph, which gives way to its paragraph before scoring.
    let wrapped = article(&format!(
        r#"<html><head><title>Tide survey</title></head><body><main><div class="head"><h1>Tide survey</h1>
        <div class="standfirst"><p>Engineers spent a year measuring the tide in the estuary, and found it rising faster than the models said.</p></div></div>
        <div class="body"><div class="entry-content">{}</div></div></main></body></html>"#,
        body
    ));
    let wrapped = wrapped["text"].as_str().unwrap();
    assert!(wrapped.starts_with("Engineers spent a year"), "{}", wrapped);

    // Spanish sites call the standfirst "bajada"; others a "subheadline".
    for class in ["texto-bajada", "article-subheadline"] {
        let named = article(&format!(
            r#"<html><head><title>Tide survey</title></head><body><main><div class="head"><h1>Tide survey</h1>
            <p class="{}">Engineers spent a year measuring the tide in the estuary, and found it rising faster than the models said.</p></div>
            <div class="body"><div class="entry-content">{}</div></div></main></body></html>"#,
            class, body
        ));
        assert!(named["text"].as_str().unwrap().starts_with("Engineers spent a year"), "{}: {}", class, named["text"]);
    }
}

#[test]
fn ruby_annotations_are_not_read_into_the_text() {
    let doc = article_with("<p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>法律<rt>ほうりつ</rt></ruby>ができて、親が教育するために。</p>");
    let text = text(&doc);
    assert!(text.contains("子どもへの法律ができて、親が教育するために。"), "{}", text);
    assert!(!text.contains("ほうりつ"), "{}", text);
}

#[test]
fn text_kept_only_in_noscript_is_read_when_nothing_else_is_found_and_never_beside_an_article() {
    let only = format!(
        "<html><head><title>Survey</title></head><body><div id=app></div><noscript><div id=text>{}</div></noscript></body></html>",
        prose("Readers without JavaScript get the survey here.", 4)
    );
    assert!(text(&article(&only)).contains("Readers without JavaScript get the survey here."));

    let beside = format!(
        "<html><head><title>Survey</title></head><body><article>{}</article><noscript><p>{}</p></noscript></body></html>",
        prose("The harbour survey measured the tide at dawn.", 6),
        "Please enable JavaScript to see the comments, the related stories, the newsletter form and the rest of this site. ".repeat(3)
    );
    let doc = article(&beside);
    assert!(text(&doc).contains("The harbour survey measured the tide at dawn."));
    assert!(!text(&doc).contains("enable JavaScript"), "{}", text(&doc));
}

#[test]
fn a_div_around_a_single_paragraph_gives_way_to_it_so_a_long_intro_does_not_outweigh_the_steps_after_it() {
    // A how-to: the introduction alone in a wrapper, then steps of two paragraphs each, every part in a box of
    // its own. Scored through its one-paragraph wrapper, the introduction outweighed every step and was the
    // whole article; scored as the paragraph it is, the steps' common container wins.
    let intro = "Glass cloche terrariums are easy to care for, as they keep their own moisture, stay warm, and need water only when the walls stop misting up, which is rare, so they suit a busy home, a dark hall, or a desk. ".repeat(2);
    let steps: String = (1..=5)
        .map(|n| {
            format!(
                "<div class=\"step\"><div><div class=\"text\"><p>Step {n}: lay gravel, then charcoal, then soil, and press each layer down with a spoon.</p>\
                 <p>Step {n}, continued: set the plants, mist them twice, and put the cloche back on.</p></div></div></div>"
            )
        })
        .collect();
    let html = format!(
        "<html><head><title>Make a terrarium</title></head><body><div><div class=\"step\"><div><div class=\"text\"><p>{intro}</p></div></div></div>{steps}</div></body></html>"
    );
    let text = text(&article(&html)).to_string();
    assert!(text.contains("Glass cloche terrariums"), "{}", text);
    assert!(text.contains("Step 5, continued"), "{}", text);
}

#[test]
fn a_formula_in_a_wrapper_named_like_a_menu_stays_in_the_text() {
    // MathJax classes its formula wrappers "CtxtMenu_Attached_0": "menu" is an unlikely-candidate word.
    let doc =
        article_with(r#"<p>When <span class="MathJax CtxtMenu_Attached_0"><math><mi>a</mi><mo>≠</mo><mn>0</mn></math></span>, there are two solutions.</p>"#);
    assert!(text(&doc).contains('≠'), "{}", text(&doc));
}

#[test]
fn closing_lines_in_bold_with_a_link_are_left_out_and_a_sign_off_in_italics_stays() {
    let story = prose("The harbour survey measured the tide at dawn, at noon, and again at dusk.", 6);
    let promo = format!(
        "<html><head><title>Tide survey</title></head><body><article>{}<p><strong>Follow us on <a href=\"/social\">our channel</a> for every new survey.</strong></p>\
         <p><b>Subscribe to the <a href=\"/letter\">harbour letter</a>.</b></p></article></body></html>",
        story
    );
    let text_of_promo = text(&article(&promo)).to_string();
    assert!(text_of_promo.contains("Paragraph 5 adds more words"), "{}", text_of_promo);
    assert!(!text_of_promo.contains("Follow us"), "{}", text_of_promo);
    assert!(!text_of_promo.contains("harbour letter"), "{}", text_of_promo);

    let signed =
        format!("<html><head><title>Tide survey</title></head><body><article>{}<p><em>See you at the pier next week.</em></p></article></body></html>", story);
    assert!(text(&article(&signed)).contains("See you at the pier next week."));
}

#[test]
fn short_lines_after_the_last_paragraph_of_prose_are_left_out_unless_they_read_as_the_articles() {
    let long = "The survey boats left the harbour before dawn, measured the tide at every buoy, and came back by noon. ".repeat(4);
    let html = format!(
        r#"<html><head><title>Tide survey</title></head><body><article>{story}<p>{long}</p>
        <h2>What comes next</h2><p>The next survey starts in spring, when the ice has gone from the bay.</p>
        <p>3 boats, 12 buoys</p>
        <table><caption>High water</caption><tr><th>Buoy</th><th>Height</th></tr><tr><td>North</td><td>4.2 m</td></tr></table>
        <pre>tide --buoy north</pre>
        <figure><img src="/boat.jpg"><figcaption>The boat</figcaption></figure>
        <p><em>See you at the pier.</em></p>
        <h2>More on this topic</h2>
        <ul><li><a href="/a">Storm season ahead</a></li><li><a href="/b">The old lighthouse</a></li></ul>
        <ul><li>Only plain words here</li></ul>
        <p>Liked the story? Share it!</p><p><a href="/list">Back to the list</a></p>
        </article></body></html>"#,
        story = prose("The tide rises and falls twice a day.", 4),
        long = long
    );
    let doc = article(&html);
    let body = text(&doc);
    for kept in ["What comes next", "The next survey starts", "3 boats", "4.2 m", "tide --buoy", "See you at the pier.", "Only plain words"] {
        assert!(body.contains(kept), "{} was lost: {}", kept, body);
    }
    for gone in ["More on this topic", "Storm season", "lighthouse", "Share it", "Back to the list"] {
        assert!(!body.contains(gone), "{} stayed: {}", gone, body);
    }
    assert!(doc["media"].as_array().unwrap().iter().any(|m| m["url"].as_str().unwrap().ends_with("/boat.jpg")));
    assert!(!doc["markdown"].as_str().unwrap().contains("Storm season"), "markdown agrees with the text");
}

#[test]
fn an_article_without_a_long_paragraph_keeps_its_short_lines() {
    let html = r#"<html><head><title>Notes</title></head><body><article>
        <p>A short note about the tide, with a comma.</p><h2>Contact</h2><p>Harbour office</p></article></body></html>"#;
    let body = text(&article(html)).to_string();
    assert!(body.contains("Contact") && body.contains("Harbour office"), "{}", body);
}

#[test]
fn text_split_into_repeated_components_is_gathered_from_all_of_them() {
    // A CMS that stores the text as a list of components, each wrapped three deep: the best block's wrapper wins,
    // and its siblings of the same class hold the rest of the story.
    let component = |paragraphs: &[&str]| {
        format!(
            r#"<div class="field__item"><div class="paragraph paragraph--type--text"><div class="text-formatted">{}</div></div></div>"#,
            paragraphs.iter().map(|p| format!("<p>{}</p>", p)).collect::<String>()
        )
    };
    let html = format!(
        r#"<html><head><title>Harbour plan</title></head><body><nav><a href="/">Home</a></nav><main>
        <div class="field field--name-field-content">{}{}<div class="field__item"><p>See also</p></div></div></main></body></html>"#,
        component(&[
            "The council approved the harbour plan on Tuesday after a long debate about the tides and the old pier walls",
            "The mayor said the vote was the end of ten years of planning and the start of the real work on the water",
        ]),
        component(&[
            "Work on the new pier starts in spring, weather permitting, and will take two years, perhaps three, to finish.",
            "Boats will moor at the north quay meanwhile, as they did in the winter of the great storm, for a fee.",
            "The ferry keeps its timetable, with one change, at weekends, when it leaves an hour later, from the south quay.",
        ])
    );
    let body = text(&article(&html)).to_string();
    assert!(body.contains("The council approved the harbour plan"), "{}", body);
    assert!(body.contains("Work on the new pier starts"), "{}", body);
}

#[test]
fn of_several_stories_on_one_page_the_first_is_the_pages_own() {
    let story = |sentence: &str, paragraphs: usize| {
        format!(r#"<article class="story"><h2>{}</h2><div class="story-body">{}</div></article>"#, sentence, prose(sentence, paragraphs))
    };
    let text_of = |first: String, second: String| {
        text(&article(&format!("<html><head><title>Harbour news</title></head><body><main>{}{}</main></body></html>", first, second))).to_string()
    };
    let body =
        text_of(story("The council approved the harbour plan.", 5), story("A longer story about the ferry timetable follows as the reader scrolls.", 12));
    assert!(body.contains("The council approved the harbour plan. Paragraph 4"), "{}", body);
    assert!(!body.contains("ferry timetable"), "{}", body);

    // A teaser card of the same class before the story is not a story of its own.
    let body = text_of(story("Read also: the harbour plan.", 1), story("The ferry timetable changes in winter, with fewer boats.", 8));
    assert!(body.contains("The ferry timetable changes in winter, with fewer boats. Paragraph 7"), "{}", body);
}

#[test]
fn a_dialog_an_overlay_or_a_script_notice_is_never_chosen_over_a_short_story() {
    // As with cookie notices: the first attempt drops the story with its wrapper, and the laxer attempts must
    // not take a login dialog, an "outdated browser" overlay or a "turn on JavaScript" box instead.
    for (attribute, notice) in [
        ("class=\"registration-modal\"", "This e-mail address has no account yet, or the password you entered is wrong. Please choose a display name, enter an e-mail address, and accept the terms of use before you continue, so that we can create your profile."),
        ("id=\"IE-overlay\"", "Dear readers, we are glad you are visiting our site. Unfortunately you are using an outdated browser, which no longer supports our newest technology. For the best display of our content, please install a current browser, such as one of those listed below."),
        ("id=\"noscript\"", "This shop needs JavaScript, which is switched off in your browser at the moment. Please switch it on, and load the page again, so that you can put wines in your basket, see the delivery costs, and order as usual."),
    ] {
        let doc = article(&format!(
            r#"<html><head><title>Pier closed</title></head><body>
            <div class="layout-sidebar-left"><p>The north pier is closed after the storm, the harbour office said on Monday, until divers have checked the piles.</p></div>
            <div {}><p>{}</p></div></body></html>"#,
            attribute, notice
        ));
        assert!(text(&doc).contains("The north pier is closed"), "{}: {}", attribute, text(&doc));
        assert!(!text(&doc).contains(&notice[..30]), "{}: {}", attribute, text(&doc));
    }
}

#[test]
fn text_comes_out_in_unicode_normalization_form_c() {
    // A base letter with a combining accent becomes the precomposed letter; Bengali য় (one code point in the
    // page) is, in NFC, য followed by the nukta, as people's copies of the text have it.
    let doc = article(&format!(
        "<html><head><title>Cafe\u{301} notes</title></head><body><article>{}<p>The cafe\u{301} by the pier, and the word \u{9DF}.</p></article></body></html>",
        prose("The harbour survey measured the tide.", 4)
    ));
    assert!(text(&doc).contains("The caf\u{e9} by the pier, and the word \u{9AF}\u{9BC}."), "{:?}", text(&doc));
    assert!(!text(&doc).contains('\u{301}'));
    assert_eq!(doc["title"], "Caf\u{e9} notes");
}

#[test]
fn a_later_heading_like_the_title_names_a_section_and_stays() {
    let doc = article(&format!(
        r#"<html><head><title>The harbour survey</title></head><body><article><h1>The harbour survey</h1>{}<h2>The harbour survey</h2>{}</article></body></html>"#,
        prose("Engineers measured the tide at dawn, at noon, and at dusk.", 3),
        prose("Divers then checked the piles of the pier, one by one.", 3)
    ));
    let text = text(&doc);
    assert_eq!(text.matches("The harbour survey").count(), 1, "{}", text);
    assert!(text.contains("The harbour survey\n\nDivers then checked"), "{}", text);
}

#[test]
fn the_opening_paragraph_just_before_the_chosen_container_comes_first() {
    let body = prose("The harbour survey measured the tide at dawn, at noon, and again at dusk.", 6);
    let opening = "Engineers spent a year measuring the tide in the estuary, and found it rising faster than the models said.";
    let page = |head: &str| {
        text(&article(&format!(
            r#"<html><head><title>Tide survey</title></head><body><main><div class="head"><h1>Tide survey</h1><p>3 May 2024</p>{}</div>
            <div class="body"><div class="text">{}</div></div></main></body></html>"#,
            head, body
        )))
        .to_string()
    };
    // A paragraph, and a long subheading (a deck), without a class that names them.
    assert!(page(&format!("<p>{}</p>", opening)).starts_with(opening), "{}", page(&format!("<p>{}</p>", opening)));
    assert!(page(&format!("<h2>{}</h2>", opening)).starts_with(opening), "{}", page(&format!("<h2>{}</h2>", opening)));
    // Not a caption, and not a paragraph with much else between it and the text.
    let caption = page(&format!("<figure><img src=a.jpg><figcaption><p>{}</p></figcaption></figure>", opening));
    assert!(!caption.contains("Engineers spent"), "{}", caption);
    let far = page(&format!("<p>{}</p><ul>{}</ul>", opening, "<li>A list of other things that sit between them</li>".repeat(15)));
    assert!(!far.contains("Engineers spent"), "{}", far);
}

#[test]
fn a_dateline_that_opens_a_paragraph_stays_in_it() {
    let doc = article(&format!(
        r#"<html><head><title>Masks lost</title></head><body><article><p><span class="dateline">KOBE – </span>A total of 6,000 surgical masks have been lost at a hospital in Kobe, it was learned Tuesday.</p>{}</article></body></html>"#,
        prose("The police are investigating the incident as a theft.", 4)
    ));
    assert!(text(&doc).starts_with("KOBE – A total of 6,000"), "{}", text(&doc));
    assert_ne!(doc["byline"], "KOBE –");
}
