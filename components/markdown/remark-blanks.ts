import type { Parent, PhrasingContent, Root, Text } from "mdast";
import { visit, SKIP } from "unist-util-visit";

// Fill-ins written as runs of underscores ("Backup location: ______", "| ____ |") would otherwise
// read as plain text; mark each run so it renders as a visible blank. The underscores stay in the
// text, so copying the rendered page still gives the source.
const BLANK = /_{3,}/g;

export function remarkBlanks() {
  return (tree: Root) => {
    visit(tree, "text", (node: Text, index, parent: Parent | undefined) => {
      if (!parent || index === undefined || !node.value.includes("___")) return;
      const parts: PhrasingContent[] = [];
      let last = 0;
      for (const m of node.value.matchAll(BLANK)) {
        const at = m.index;
        if (at > last) parts.push({ type: "text", value: node.value.slice(last, at) });
        parts.push({
          type: "text",
          value: m[0],
          data: { hName: "span", hProperties: { className: ["md-blank"], "data-blank": "", title: "Blank to fill in" } },
        });
        last = at + m[0].length;
      }
      if (parts.length === 0) return;
      if (last < node.value.length) parts.push({ type: "text", value: node.value.slice(last) });
      parent.children.splice(index, 1, ...(parts as typeof parent.children));
      return [SKIP, index + parts.length];
    });
  };
}
