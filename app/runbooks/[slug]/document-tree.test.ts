import { describe, expect, it } from "vitest";
import type { Block, Section, Step } from "@/lib/importer/types";
import { buildDocumentTree, type SectionNode } from "@/lib/importer/document-tree";
import { nodeLines, segmentBlock } from "./document-tree";

const section = (id: string, depth: number, lines: [number, number], scenario: string | null = null): Section => ({
  id,
  title: id,
  depth,
  lines,
  parent: null,
  budgetSeconds: null,
  scenario,
});
const block = (type: Block["type"], lines: [number, number]): Block => ({ type, lines });
const step = (id: string, lines: [number, number]): Step => ({
  id,
  section: null,
  title: id,
  executor: "shell",
  lang: "bash",
  lines,
  code: "",
  destructive: false,
  expect: [],
  variables: [],
  commands: [],
  attributes: {},
});

describe("buildDocumentTree", () => {
  const blocks = [
    block("frontmatter", [1, 3]),
    block("heading", [4, 4]),
    block("paragraph", [5, 6]),
    block("heading", [7, 7]),
    block("code", [8, 10]),
    block("heading", [11, 11]),
    block("list", [12, 14]),
    block("heading", [15, 15]),
    block("paragraph", [16, 16]),
  ];
  const sections = [
    section("top", 1, [4, 16]),
    section("scenario-a", 2, [7, 10], "scenario-a"),
    section("scenario-a-detail", 3, [11, 14]),
    section("other", 2, [15, 16]),
  ];

  it("nests blocks under the headings they follow and keeps every line in order", () => {
    const tree = buildDocumentTree({ blocks, sections });
    expect(tree.map((n) => n.kind)).toEqual(["block", "section"]);
    expect(nodeLines(tree)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const top = tree[1] as SectionNode;
    expect(top.children.map((c) => (c.kind === "section" ? c.section.id : c.block.type))).toEqual([
      "paragraph",
      "scenario-a",
      "other",
    ]);
  });

  it("lets sub-sections inherit their scenario", () => {
    const tree = buildDocumentTree({ blocks, sections });
    const top = tree[1] as SectionNode;
    const a = top.children[1] as SectionNode;
    const detail = a.children[1] as SectionNode;
    expect(detail.section.id).toBe("scenario-a-detail");
    expect(detail.scenario).toBe("scenario-a");
    expect((top.children[2] as SectionNode).scenario).toBeNull();
  });

  it("renders a heading block without a section as plain content", () => {
    const tree = buildDocumentTree({ blocks: [block("heading", [1, 1]), block("paragraph", [2, 2])], sections: [] });
    expect(tree.map((n) => n.kind)).toEqual(["block", "block"]);
  });
});

describe("segmentBlock", () => {
  it("cuts prose around steps nested in a list and loses no line", () => {
    const segs = segmentBlock(block("list", [10, 20]), [step("a", [12, 14]), step("b", [16, 20]), step("x", [30, 32])]);
    expect(segs).toEqual([
      { kind: "prose", lines: [10, 11] },
      { kind: "step", step: step("a", [12, 14]) },
      { kind: "prose", lines: [15, 15] },
      { kind: "step", step: step("b", [16, 20]) },
    ]);
  });
  it("is one step for a fenced block that is a step", () => {
    expect(segmentBlock(block("code", [3, 5]), [step("s", [3, 5])])).toEqual([{ kind: "step", step: step("s", [3, 5]) }]);
  });
});
