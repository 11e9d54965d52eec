import fc from "fast-check";
import remarkFrontmatter from "remark-frontmatter";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { skeletonOf } from "./fence-elision";
import { parseMarkdownTree } from "./markdown-tree";
import { indexLines } from "./text-lines";

// Eliding fence bodies must be invisible: the tree equals a plain parse of the whole text,
// positions included. (No bare URLs here: the importer's processor skips the bare-URL pass.)
const plain = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfm);
const same = (text: string): void => {
  expect(parseMarkdownTree(text, indexLines(text))).toEqual(plain.parse(text));
};

describe("fence elision", () => {
  it("cuts out bodies of column-0 fences only", () => {
    const text = "# T\n\n```bash\necho 1\necho 2\n```\n\n- item\n\n  ```sh\n  ls\n  ```\n\n~~~\nx\n~~~~\n";
    const s = skeletonOf(text, indexLines(text), 1, indexLines(text).lineCount + 1);
    expect(s.elisions.map((e) => [e.opener, e.lines, e.value])).toEqual([
      [3, 2, "echo 1\necho 2"],
      [12, 1, "x"],
    ]);
    expect(s.text).toBe("# T\n\n```bash\n```\n\n- item\n\n  ```sh\n  ls\n  ```\n\n~~~\n~~~~\n");
  });

  it.each([
    ["plain", "# A\n\n```bash\necho $X\n\n\n# not a heading\n```\ntext\n"],
    ["CRLF and CR", "# A\r\n\r\n```sql\r\nSELECT 1;\r\n```\r\n\r\n~~~\rx\r\r~~~\r"],
    ["tabs and trailing space", "```\n\tindented\n  two  \n```  \t\nafter\n"],
    ["longer closer, shorter fake closer", "````md\n```\ninner\n```\n````\n"],
    ["closer of the other marker is content", "~~~\n```\n~~~\n"],
    ["indented closer", "```\nx\n   ```\n"],
    ["four-space closer is content", "```\nx\n    ```\ny\n```\n"],
    ["unclosed", "# A\n```bash\necho 1\necho 2\n"],
    ["empty body", "```\n```\n```js\nx\n```\n"],
    ["backtick in info is not a fence", "```a`b\nx\n```\ny\n```\n"],
    ["inside HTML", "<div>\n```\nx\n```\n</div>\n\nz\n"],
    ["inside an HTML comment", "<!--\n```\nx\n-->\n```\ny\n```\n"],
    ["inside front matter", "---\ntitle: x\n```\na: 1\n```\n---\n# T\n"],
    ["after an indented fence", " ```\na\n```\nb\n```\nc\n```\n"],
    ["in a list item's lazy line", "- a\n```\nb\n```\n> q\n```\nc\n```\n"],
    ["NUL in body", "```\na\u0000b\n```\n"],
    ["table before", "| a | b |\n|---|---|\n| 1 | 2 |\n```\nx\n```\n"],
    ["paragraph before", "para\n```\nx\n```\nSetext\n===\n"],
  ])("%s", (_name, text) => same(text));

  it("agrees with a plain parse on random fence-heavy documents", () => {
    const line = fc.constantFrom("```", "```bash", "~~~", "~~~~", "````", " ```", "   ```", "    ```", "```a`b", "\t```", "``` \t", "- item", "  ```", "> quote", "<!--", "-->", "<pre>", "</pre>", "---", "# H", "text", "", "", "| a |", "|---|", "[x]: /u", "echo $X", "\u0000");
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), fc.constantFrom("\n", "\r\n", "\r"), (lines, eol) => same(lines.join(eol))),
      { numRuns: 1500 },
    );
  });
});
