import { MarkdownProse } from "@/components/markdown/markdown-prose";
import { dedent, sliceLines } from "@/components/markdown/source-lines";
import { formatBudget } from "@/components/markdown/format-budget";
import { BudgetBadge } from "@/components/markdown/step-badges";
import type { Block, ParsedRunbook, Step } from "@/lib/importer/types";
import type { DocNode, SectionNode } from "@/lib/importer/document-tree";
import { segmentBlock, stepsWithin } from "./document-tree";
import { StepCard } from "./step-card";

interface Ctx {
  lines: string[];
  steps: Step[];
  stepNumber: Map<string, number>;
  scenario: string | null; // chosen scenario; null = all
  scenarioTitle: Map<string, string>;
  // Link reference definitions live in their own blocks; every piece rendered on its own needs
  // them to resolve [text][ref] links (they render nothing themselves).
  definitions: string;
}

export function RunbookDocument({
  parsed,
  lines,
  tree,
  scenario,
}: {
  parsed: ParsedRunbook;
  lines: string[];
  tree: DocNode[];
  scenario: string | null;
}) {
  const ctx: Ctx = {
    lines,
    steps: parsed.steps,
    stepNumber: new Map(parsed.steps.map((s, i) => [s.id, i + 1])),
    scenario,
    scenarioTitle: new Map(parsed.scenarios.map((s) => [s.id, s.title])),
    definitions: parsed.blocks
      .filter((b) => b.type === "definition")
      .map((b) => dedent(sliceLines(lines, b.lines)))
      .join("\n"),
  };
  return (
    <article aria-label="Runbook" data-testid="runbook-document" data-line-count={parsed.lineCount} className="min-w-0">
      <Nodes nodes={tree} ctx={ctx} parentScenario={null} />
    </article>
  );
}

function Nodes({ nodes, ctx, parentScenario }: { nodes: DocNode[]; ctx: Ctx; parentScenario: string | null }) {
  return nodes.map((n) =>
    n.kind === "section" ? (
      <SectionView key={`s${n.heading.lines[0]}`} node={n} ctx={ctx} parentScenario={parentScenario} />
    ) : (
      <BlockView key={`b${n.block.lines[0]}`} block={n.block} ctx={ctx} />
    ),
  );
}

const HEADING_SIZE: Record<number, string> = {
  1: "[&_h1]:text-2xl",
  2: "[&_h2]:text-xl",
  3: "[&_h3]:text-lg",
};

function SectionView({ node, ctx, parentScenario }: { node: SectionNode; ctx: Ctx; parentScenario: string | null }) {
  const { section } = node;
  const other = ctx.scenario !== null && node.scenario !== null && node.scenario !== ctx.scenario;
  const budget = formatBudget(section.budgetSeconds);
  // The chip marks where a scenario begins, unless the heading already says so ("Scenario B: …").
  const startsScenario =
    node.scenario !== null &&
    node.scenario !== parentScenario &&
    !section.title.toLowerCase().includes(scenarioLabel(node.scenario).toLowerCase());
  const steps = stepsWithin(ctx.steps, section.lines);
  const destructive = steps.filter((s) => s.destructive).length;
  const depth = section.depth;
  const frame =
    depth === 1
      ? "my-2"
      : depth === 2
        ? "my-5 rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm"
        : "mt-4 border-l-2 border-slate-200 pl-4";
  return (
    <details
      open={!other}
      id={`section-${section.id}`}
      data-testid="section"
      data-section-id={section.id}
      data-scenario={node.scenario ?? undefined}
      data-other-scenario={other ? "true" : undefined}
      className={`group ${frame} ${other ? "opacity-55" : ""}`}
    >
      <summary
        data-lines={`${node.heading.lines[0]}-${node.heading.lines[1]}`}
        className="flex cursor-pointer list-none flex-wrap items-center gap-x-2 gap-y-1 [&::-webkit-details-marker]:hidden"
      >
        <span aria-hidden="true" className="w-3 text-slate-400 transition-transform group-open:rotate-90">
          ▸
        </span>
        <MarkdownProse
          source={withDefinitions(sliceLines(ctx.lines, node.heading.lines), ctx)}
          className={`min-w-0 [&_h1]:m-0 [&_h2]:m-0 [&_h3]:m-0 [&_h4]:m-0 [&_h5]:m-0 [&_h6]:m-0 ${HEADING_SIZE[depth] ?? ""}`}
        />
        {budget ? <BudgetBadge label={budget} /> : null}
        {startsScenario && node.scenario ? (
          <span className="rounded-full bg-indigo-50 px-2 py-0.5 text-xs font-medium text-indigo-800 ring-1 ring-indigo-200">
            {scenarioLabel(node.scenario)}
          </span>
        ) : null}
        {steps.length > 0 && depth > 1 ? (
          <span className="text-xs text-slate-500">
            {steps.length} {steps.length === 1 ? "step" : "steps"}
            {destructive > 0 ? <span className="font-semibold text-red-700"> · {destructive} destructive</span> : null}
          </span>
        ) : null}
        {other ? (
          <span className="text-xs text-slate-500 italic">
            other scenario — hidden while {scenarioLabel(ctx.scenario ?? "")} is chosen
          </span>
        ) : null}
      </summary>
      <div className="mt-1">
        <Nodes nodes={node.children} ctx={ctx} parentScenario={node.scenario} />
      </div>
    </details>
  );
}

function scenarioLabel(id: string): string {
  const key = id.replace(/^scenario-/, "").replace(/-\d+$/, "");
  return `Scenario ${key.toUpperCase()}`;
}

function BlockView({ block, ctx }: { block: Block; ctx: Ctx }) {
  const lines = `${block.lines[0]}-${block.lines[1]}`;
  const source = sliceLines(ctx.lines, block.lines);
  switch (block.type) {
    case "blank":
      return <div data-lines={lines} data-block="blank" aria-hidden="true" />;
    case "frontmatter":
      return (
        <details data-lines={lines} data-block="frontmatter" className="my-2 text-sm text-slate-600">
          <summary className="cursor-pointer">Front matter</summary>
          <pre className="mt-1 overflow-x-auto rounded border border-slate-200 bg-slate-50 p-2 font-mono text-xs">{source}</pre>
        </details>
      );
    case "thematicBreak":
      return <hr data-lines={lines} data-block="thematicBreak" className="my-4 border-slate-200" />;
    case "html":
    case "definition": {
      if (stepsWithin(ctx.steps, block.lines).length > 0) break;
      const comment = source.trimStart().startsWith("<!--");
      return (
        <figure data-lines={lines} data-block={block.type} className="my-2">
          <pre className="overflow-x-auto rounded border border-dashed border-slate-300 bg-slate-50 px-3 py-2 font-mono text-xs whitespace-pre-wrap text-slate-500">
            {source}
          </pre>
          <figcaption className="mt-0.5 text-xs text-slate-400">
            {block.type === "definition" ? "link definition" : comment ? "HTML comment" : "HTML, shown as text (never run in the page)"}
          </figcaption>
        </figure>
      );
    }
    case "code": {
      if (stepsWithin(ctx.steps, block.lines).length > 0) break;
      const { lang, body } = unfence(source);
      return (
        <figure data-lines={lines} data-block="code" className="my-2">
          <pre className="overflow-x-auto rounded border border-slate-200 bg-slate-50 px-3 py-2 font-mono text-[0.8125rem] leading-relaxed text-slate-700">
            {body}
          </pre>
          <figcaption className="mt-0.5 text-xs text-slate-400">{lang || "text"} · not a step</figcaption>
        </figure>
      );
    }
    default:
      break;
  }
  return (
    <div data-lines={lines} data-block={block.type}>
      {segmentBlock(block, ctx.steps).map((seg) =>
        seg.kind === "step" ? (
          <StepCard key={seg.step.id} step={seg.step} number={ctx.stepNumber.get(seg.step.id) ?? 0} />
        ) : (
          <ProseSegment key={seg.lines[0]} source={sliceLines(ctx.lines, seg.lines)} ctx={ctx} />
        ),
      )}
    </div>
  );
}

function ProseSegment({ source, ctx }: { source: string; ctx: Ctx }) {
  if (source.trim() === "") return null;
  return <MarkdownProse source={withDefinitions(dedent(source), ctx)} className="text-slate-800" />;
}

function withDefinitions(source: string, ctx: Ctx): string {
  return ctx.definitions ? `${source}\n\n${ctx.definitions}\n` : source;
}

// A non-runnable fenced block shown as written, minus its fences (indented blocks: dedented).
function unfence(source: string): { lang: string; body: string } {
  const lines = source.split("\n");
  const open = /^\s{0,3}(`{3,}|~{3,})\s*([^\s`{]*)/.exec(lines[0] ?? "");
  if (!open) return { lang: "", body: dedent(source) };
  const fence = open[1] ?? "```";
  const indent = /^\s*/.exec(lines[0] ?? "")?.[0].length ?? 0;
  const last = lines[lines.length - 1] ?? "";
  const closed = lines.length > 1 && last.trim().startsWith(fence[0] ?? "`") && last.trim().replace(/[`~]/g, "") === "";
  const body = lines.slice(1, closed ? -1 : undefined).map((l) => l.slice(Math.min(indent, /^\s*/.exec(l)?.[0].length ?? 0)));
  return { lang: open[2] ?? "", body: body.join("\n") };
}
