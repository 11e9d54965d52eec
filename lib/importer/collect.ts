import type { Code, Html, Link, ListItem, Nodes, Paragraph, Root, Table } from "mdast";

// One walk over the tree gathering what later stages need, with each node's ancestors.
export interface Collected {
  codes: { node: Code; parent: Nodes | null; index: number; listItem: ListItem | null }[];
  paragraphs: { node: Paragraph; parent: Nodes | null; index: number }[];
  listItems: ListItem[];
  tables: Table[];
  html: Html[];
  links: Link[];
}

export function collect(root: Root): Collected {
  const out: Collected = { codes: [], paragraphs: [], listItems: [], tables: [], html: [], links: [] };
  const walk = (node: Nodes, parent: Nodes | null, index: number, listItem: ListItem | null): void => {
    switch (node.type) {
      case "code":
        out.codes.push({ node, parent, index, listItem });
        return;
      case "paragraph":
        out.paragraphs.push({ node, parent, index });
        break;
      case "listItem":
        out.listItems.push(node);
        listItem = node;
        break;
      case "table":
        out.tables.push(node);
        break;
      case "html":
        out.html.push(node);
        break;
      case "link":
        out.links.push(node);
        break;
      default:
        break;
    }
    if ("children" in node) {
      const children: Nodes[] = node.children;
      children.forEach((child, i) => walk(child, node, i, listItem));
    }
  };
  walk(root, null, 0, null);
  return out;
}
