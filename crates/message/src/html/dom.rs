//! Small DOM helpers over `dom_query`: an iterative walk and cheap element facts.
//!
//! Every pass over a page uses [`walk`], which follows parent and sibling links
//! instead of recursing, so no page can overflow the stack however deep it nests.

use dom_query::{LocalName, NodeData, NodeRef};

/// A step of [`walk`]: entering a node (before its children) or leaving it (after them).
#[derive(Debug, Clone, Copy)]
pub enum Visit<'a> {
    Enter(NodeRef<'a>),
    Exit(NodeRef<'a>),
}

/// Whether [`walk`] goes into the children of the node it has just entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Descend,
    SkipChildren,
}

/// Visit `root` and its descendants in document order without recursion. Every
/// entered node is also exited, including those whose children were skipped.
pub fn walk<'a>(root: NodeRef<'a>, mut visit: impl FnMut(Visit<'a>) -> Flow) {
    let mut node = root;
    loop {
        if visit(Visit::Enter(node)) == Flow::Descend
            && let Some(child) = node.first_child()
        {
            node = child;
            continue;
        }
        loop {
            visit(Visit::Exit(node));
            if node.id == root.id {
                return;
            }
            if let Some(next) = node.next_sibling() {
                node = next;
                break;
            }
            match node.parent() {
                Some(parent) => node = parent,
                None => return,
            }
        }
    }
}

/// The local name of an element, lower case as the parser made it; `None` for other nodes.
/// An interned atom, so cloning and comparing it is cheap.
pub fn name(node: &NodeRef<'_>) -> Option<LocalName> {
    node.qual_name_ref().map(|name| name.local.clone())
}

/// The contents of a text node.
pub fn text_of(node: &NodeRef<'_>) -> Option<String> {
    node.query_or(None, |tree_node| match &tree_node.data {
        NodeData::Text { contents } => Some(contents.to_string()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    #[test]
    fn walk_visits_in_document_order_and_survives_deep_trees() {
        let doc = Document::from("<div><p>a<b>b</b></p><p>c</p></div>");
        let mut seen = Vec::new();
        walk(doc.root(), |visit| {
            if let Visit::Enter(node) = visit
                && let Some(text) = text_of(&node)
            {
                seen.push(text);
            }
            Flow::Descend
        });
        assert_eq!(seen, ["a", "b", "c"]);
        let deep = format!("{}x{}", "<span>".repeat(20_000), "</span>".repeat(20_000));
        let doc = Document::from(deep.as_str());
        let mut texts = 0;
        walk(doc.root(), |visit| {
            if let Visit::Enter(node) = visit {
                texts += usize::from(text_of(&node).is_some());
            }
            Flow::Descend
        });
        assert_eq!(texts, 1);
    }

    #[test]
    fn skipped_children_are_not_visited_but_the_node_is_exited() {
        let doc = Document::from("<div><script>var x</script><p>y</p></div>");
        let (mut enters, mut exits) = (0, 0);
        walk(doc.root(), |visit| match visit {
            Visit::Enter(node) => {
                enters += 1;
                if node.has_name("script") {
                    Flow::SkipChildren
                } else {
                    Flow::Descend
                }
            }
            Visit::Exit(_) => {
                exits += 1;
                Flow::Descend
            }
        });
        assert_eq!(enters, exits);
    }
}
