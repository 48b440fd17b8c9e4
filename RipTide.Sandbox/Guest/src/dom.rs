//! A compact arena DOM built directly by html5ever's tree builder.
//!
//! Nodes live in one `Vec` and refer to each other by index, which avoids `Rc<RefCell<_>>` and makes
//! removal O(1). Nesting deeper than `MAX_DEPTH` is flattened onto the deepest allowed ancestor so that
//! later recursive walks stay bounded whatever the input.

use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{local_name, Attribute, ExpandedName, LocalName, QualName};
use std::borrow::Cow;

pub const MAX_DEPTH: u32 = 256;

pub type NodeId = usize;

#[derive(Clone)]
pub enum NodeData {
    Document,
    /// Tendrils share the parser's buffers: no copy per text node.
    Text(StrTendril),
    Element(Element),
    /// Comments, doctypes and processing instructions: kept as placeholders, never read.
    Other,
}

/// An element: html5ever already lower-cases HTML tag and attribute names, so both are kept as parsed.
#[derive(Clone)]
pub struct Element {
    pub name: QualName,
    pub attrs: Vec<Attribute>,
}

#[derive(Clone)]
pub struct Node {
    pub parent: Option<NodeId>,
    pub first_child: Option<NodeId>,
    pub last_child: Option<NodeId>,
    pub prev: Option<NodeId>,
    pub next: Option<NodeId>,
    pub depth: u32,
    /// How deep the tree builder nested this node, before flattening: the depth of its stack of open
    /// elements when the node was inserted.
    pub nesting: u32,
    pub data: NodeData,
}

/// How much text lies below a node, and how much of it inside links.
#[derive(Clone, Copy, Default)]
pub struct TextStats {
    /// Collapsed text length in characters.
    pub chars: usize,
    /// Characters inside links, each link's weighted (in-page `#` anchors count 0.3).
    pub linked: f64,
}

impl TextStats {
    /// The share of the text inside links; 0 for no text.
    pub fn link_density(self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.linked / self.chars as f64
        }
    }
}

#[derive(Clone)]
pub struct Dom {
    pub nodes: Vec<Node>,
    /// Whether attribute names arrive shortened by the prescan and must be restored (`names.rs`).
    short_names: bool,
    /// Template contents are parsed into their own fragment and never displayed.
    template_fragment: NodeId,
    /// The deepest `nesting` seen so far, read between parser chunks (`crate::parse`).
    deepest_nesting: u32,
    /// Whether the parser made a MathML `<math>` element (the content finder keeps formulas' wrappers).
    pub has_math: bool,
}

pub const DOCUMENT: NodeId = 0;

/// What `local` answers for nodes that are not elements.
static NO_NAME: LocalName = local_name!("");

impl Dom {
    pub fn new() -> Dom {
        let mut dom = Dom { nodes: Vec::with_capacity(1024), short_names: false, template_fragment: 0, deepest_nesting: 0, has_math: false };
        dom.push(NodeData::Document);
        dom.template_fragment = dom.push(NodeData::Document);
        dom
    }

    /// The deepest the tree builder has nested an element so far (flattening aside).
    pub fn deepest_nesting(&self) -> u32 {
        self.deepest_nesting
    }

    /// A tree for a page whose attribute names the prescan wrote short.
    pub fn restoring_short_names() -> Dom {
        Dom { short_names: true, ..Dom::new() }
    }

    fn restore_names(&self, attrs: &mut [Attribute]) {
        if self.short_names {
            for a in attrs.iter_mut() {
                if let Some(full) = crate::names::full(&a.name.local) {
                    a.name.local = full;
                }
            }
        }
    }

    fn push(&mut self, data: NodeData) -> NodeId {
        self.nodes.push(Node { parent: None, first_child: None, last_child: None, prev: None, next: None, depth: 0, nesting: 0, data });
        self.nodes.len() - 1
    }

    pub fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id].data {
            NodeData::Element(e) => Some(e),
            _ => None,
        }
    }

    pub fn tag(&self, id: NodeId) -> &str {
        self.local(id)
    }

    /// The element's local name as an atom, empty for other nodes. Atoms compare as one integer where
    /// names compare byte by byte (a call per comparison in WebAssembly), so hot paths match on these.
    pub fn local(&self, id: NodeId) -> &LocalName {
        match &self.nodes[id].data {
            NodeData::Element(e) => &e.name.local,
            _ => &NO_NAME,
        }
    }

    pub fn is(&self, id: NodeId, tag: &LocalName) -> bool {
        self.local(id) == tag
    }

    /// An attribute's value by name: `local_name!("class")` for names html5ever knows, else `LocalName::from`.
    pub fn attr(&self, id: NodeId, name: &LocalName) -> Option<&str> {
        self.element(id).and_then(|e| e.attrs.iter().find(|a| a.name.local == *name).map(|a| &*a.value))
    }

    pub fn is_element(&self, id: NodeId) -> bool {
        matches!(self.nodes[id].data, NodeData::Element(_))
    }

    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children { dom: self, next: self.nodes[id].first_child }
    }

    pub fn element_children(&self, id: NodeId) -> Vec<NodeId> {
        self.children(id).filter(|&c| self.is_element(c)).collect()
    }

    /// Every node below `root` in document order (not `root` itself), collected: for callers that mutate.
    pub fn descendants(&self, root: NodeId) -> Vec<NodeId> {
        self.walk(root).collect()
    }

    /// Every node below `root` in document order, walked through the sibling links without allocating.
    pub fn walk(&self, root: NodeId) -> Descendants<'_> {
        Descendants { dom: self, root, next: self.nodes[root].first_child }
    }

    pub fn descendants_with_tag(&self, root: NodeId, tags: &[LocalName]) -> Vec<NodeId> {
        self.walk(root).filter(|&id| tags.contains(self.local(id))).collect()
    }

    /// The elements below `root` named each of `tags`, in document order, found in one walk: for passes that
    /// look up several kinds of element in the same tree (each walk of a whole page visits thousands of nodes).
    pub fn elements_by_tag<const N: usize>(&self, root: NodeId, tags: [LocalName; N]) -> [Vec<NodeId>; N] {
        let mut found = [(); N].map(|_| Vec::new());
        for id in self.walk(root) {
            if let Some(i) = tags.iter().position(|tag| tag == self.local(id)) {
                found[i].push(id);
            }
        }
        found
    }

    /// The node after `id` below `root` in document order, skipping `id`'s subtree when `skip_children`:
    /// for walks that remove what they pass.
    pub fn next_below(&self, root: NodeId, id: NodeId, skip_children: bool) -> Option<NodeId> {
        if !skip_children {
            if let Some(child) = self.nodes[id].first_child {
                return Some(child);
            }
        }
        let mut current = id;
        loop {
            if current == root {
                return None;
            }
            if let Some(next) = self.nodes[current].next {
                return Some(next);
            }
            current = self.nodes[current].parent?;
        }
    }

    pub fn first_with_tag(&self, root: NodeId, tag: &LocalName) -> Option<NodeId> {
        self.walk(root).find(|&id| self.local(id) == tag)
    }

    pub fn ancestors(&self, id: NodeId) -> Ancestors<'_> {
        Ancestors { dom: self, next: self.nodes[id].parent }
    }

    /// The concatenated text below `id`, as written (whitespace untouched).
    pub fn text(&self, id: NodeId) -> String {
        let mut out = String::new();
        self.append_text(id, &mut out);
        out
    }

    fn append_text(&self, id: NodeId, out: &mut String) {
        if let NodeData::Text(t) = &self.nodes[id].data {
            out.push_str(t);
            return;
        }
        for n in self.walk(id) {
            if let NodeData::Text(t) = &self.nodes[n].data {
                out.push_str(t);
            }
        }
    }

    /// Collapsed text length below `id`, and how much of it sits inside links (in-page `#` links count
    /// 0.3): one walk, no allocation.
    pub fn text_stats(&self, id: NodeId) -> TextStats {
        let mut stats = TextStats::default();
        self.add_text_stats(id, 0.0, &mut stats);
        stats
    }

    /// `text_stats` for every node below `root` at once (indexed by node id), in one bottom-up pass: for
    /// scoring, where every candidate container needs its link density.
    pub fn all_text_stats(&self, root: NodeId) -> Vec<TextStats> {
        let mut stats = vec![TextStats::default(); self.nodes.len()];
        let order: Vec<NodeId> = self.walk(root).collect();
        for &id in order.iter().rev() {
            let own = match &self.nodes[id].data {
                NodeData::Text(t) => TextStats { chars: crate::text::collapsed_len(t), linked: 0.0 },
                NodeData::Element(e) if e.name.local == local_name!("a") => {
                    TextStats { chars: stats[id].chars, linked: stats[id].chars as f64 * self.link_weight(id) }
                }
                _ => stats[id],
            };
            stats[id] = own;
            if let Some(parent) = self.nodes[id].parent {
                stats[parent].chars += own.chars;
                stats[parent].linked += own.linked;
            }
        }
        stats
    }

    /// How much a link's text counts as "linked": in-page anchors (tables of contents) count less.
    fn link_weight(&self, anchor: NodeId) -> f64 {
        if self.attr(anchor, &local_name!("href")).map_or(false, |h| h.starts_with('#')) {
            0.3
        } else {
            1.0
        }
    }

    fn add_text_stats(&self, id: NodeId, link_weight: f64, stats: &mut TextStats) {
        for child in self.children(id) {
            match &self.nodes[child].data {
                NodeData::Text(t) => {
                    let length = crate::text::collapsed_len(t);
                    stats.chars += length;
                    stats.linked += length as f64 * link_weight;
                }
                NodeData::Element(e) => {
                    let weight = if link_weight == 0.0 && e.name.local == local_name!("a") { self.link_weight(child) } else { link_weight };
                    self.add_text_stats(child, weight, stats);
                }
                _ => {}
            }
        }
    }

    pub fn detach(&mut self, id: NodeId) {
        let (parent, prev, next) = {
            let n = &self.nodes[id];
            (n.parent, n.prev, n.next)
        };
        if let Some(p) = prev {
            self.nodes[p].next = next;
        } else if let Some(par) = parent {
            self.nodes[par].first_child = next;
        }
        if let Some(n) = next {
            self.nodes[n].prev = prev;
        } else if let Some(par) = parent {
            self.nodes[par].last_child = prev;
        }
        let node = &mut self.nodes[id];
        node.parent = None;
        node.prev = None;
        node.next = None;
    }

    pub fn append_child(&mut self, parent: NodeId, child: NodeId) {
        self.detach(child);
        let depth = self.nodes[parent].depth + 1;
        let last = self.nodes[parent].last_child;
        {
            let c = &mut self.nodes[child];
            c.parent = Some(parent);
            c.prev = last;
            c.depth = depth;
        }
        match last {
            Some(l) => self.nodes[l].next = Some(child),
            None => self.nodes[parent].first_child = Some(child),
        }
        self.nodes[parent].last_child = Some(child);
    }

    fn insert_before(&mut self, sibling: NodeId, child: NodeId) {
        self.detach(child);
        let parent = self.nodes[sibling].parent;
        let prev = self.nodes[sibling].prev;
        let depth = self.nodes[sibling].depth;
        {
            let c = &mut self.nodes[child];
            c.parent = parent;
            c.prev = prev;
            c.next = Some(sibling);
            c.depth = depth;
        }
        self.nodes[sibling].prev = Some(child);
        match prev {
            Some(p) => self.nodes[p].next = Some(child),
            None => {
                if let Some(par) = parent {
                    self.nodes[par].first_child = Some(child);
                }
            }
        }
    }

    /// Renames an element in place (e.g. a text-only `div` read as a paragraph).
    pub fn rename(&mut self, id: NodeId, tag: &str) {
        if let NodeData::Element(e) = &mut self.nodes[id].data {
            e.name.local = LocalName::from(tag);
        }
    }

    fn append_text_node(&mut self, parent: NodeId, text: StrTendril) {
        if let Some(last) = self.nodes[parent].last_child {
            if let NodeData::Text(t) = &mut self.nodes[last].data {
                t.push_tendril(&text);
                return;
            }
        }
        let id = self.push(NodeData::Text(text));
        self.append_child(parent, id);
    }

    /// Where a child of `parent` really goes: the deepest allowed ancestor when nesting is too deep.
    fn clamp_parent(&self, parent: NodeId) -> NodeId {
        let mut p = parent;
        while self.nodes[p].depth >= MAX_DEPTH {
            match self.nodes[p].parent {
                Some(up) => p = up,
                None => break,
            }
        }
        p
    }
}

impl Default for Dom {
    fn default() -> Self {
        Dom::new()
    }
}

pub struct Children<'a> {
    dom: &'a Dom,
    next: Option<NodeId>,
}

impl<'a> Iterator for Children<'a> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let current = self.next?;
        self.next = self.dom.nodes[current].next;
        Some(current)
    }
}

pub struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: Option<NodeId>,
}

impl<'a> Iterator for Descendants<'a> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let current = self.next?;
        let nodes = &self.dom.nodes;
        self.next = match nodes[current].first_child {
            Some(child) => Some(child),
            None => {
                let mut n = current;
                loop {
                    if n == self.root {
                        break None;
                    }
                    if let Some(sibling) = nodes[n].next {
                        break Some(sibling);
                    }
                    match nodes[n].parent {
                        Some(p) if p != self.root => n = p,
                        _ => break None,
                    }
                }
            }
        };
        Some(current)
    }
}

pub struct Ancestors<'a> {
    dom: &'a Dom,
    next: Option<NodeId>,
}

impl<'a> Iterator for Ancestors<'a> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let current = self.next?;
        self.next = self.dom.nodes[current].parent;
        Some(current)
    }
}

impl TreeSink for Dom {
    type Handle = NodeId;
    type Output = Dom;

    fn finish(self) -> Dom {
        self
    }

    fn parse_error(&mut self, _msg: Cow<'static, str>) {}

    fn get_document(&mut self) -> NodeId {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> ExpandedName<'a> {
        match &self.nodes[*target].data {
            NodeData::Element(e) => e.name.expanded(),
            _ => panic!("not an element"),
        }
    }

    fn create_element(&mut self, name: QualName, mut attrs: Vec<Attribute>, _flags: ElementFlags) -> NodeId {
        self.restore_names(&mut attrs);
        self.has_math |= name.local == local_name!("math");
        self.push(NodeData::Element(Element { name, attrs }))
    }

    fn create_comment(&mut self, _text: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn create_pi(&mut self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.push(NodeData::Other)
    }

    fn append(&mut self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let nesting = self.nodes[*parent].nesting + 1;
        let parent = self.clamp_parent(*parent);
        match child {
            NodeOrText::AppendNode(node) => {
                self.append_child(parent, node);
                self.nodes[node].nesting = nesting;
                self.deepest_nesting = self.deepest_nesting.max(nesting);
            }
            NodeOrText::AppendText(text) => self.append_text_node(parent, text),
        }
    }

    fn append_based_on_parent_node(&mut self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        if self.nodes[*element].parent.is_some() {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&mut self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {}

    fn get_template_contents(&mut self, _target: &NodeId) -> NodeId {
        self.template_fragment
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&mut self, _mode: QuirksMode) {}

    fn append_before_sibling(&mut self, sibling: &NodeId, child: NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendNode(node) => self.insert_before(*sibling, node),
            NodeOrText::AppendText(text) => {
                if let Some(prev) = self.nodes[*sibling].prev {
                    if let NodeData::Text(t) = &mut self.nodes[prev].data {
                        t.push_tendril(&text);
                        return;
                    }
                }
                let id = self.push(NodeData::Text(text));
                self.insert_before(*sibling, id);
            }
        }
    }

    fn add_attrs_if_missing(&mut self, target: &NodeId, mut attrs: Vec<Attribute>) {
        self.restore_names(&mut attrs);
        if let NodeData::Element(e) = &mut self.nodes[*target].data {
            for a in attrs {
                if !e.attrs.iter().any(|existing| existing.name.local == a.name.local) {
                    e.attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&mut self, target: &NodeId) {
        self.detach(*target);
    }

    fn reparent_children(&mut self, node: &NodeId, new_parent: &NodeId) {
        let kids: Vec<NodeId> = self.children(*node).collect();
        for k in kids {
            self.append_child(*new_parent, k);
        }
    }
}
