import { CodeBlock } from "@/components/markdown/code-block";
import { formatBudget } from "@/components/markdown/format-budget";
import { MarkdownProse } from "@/components/markdown/markdown-prose";
import { dedent, sliceLines, splitLines } from "@/components/markdown/source-lines";
import { BudgetBadge } from "@/components/markdown/step-badges";
import type { Block, ParsedRunbook, Section } from "@/lib/importer/types";
import { buildDocumentTree, inScenario, stepScenarios, type DocNode, type SectionNode } from "@/lib/importer/document-tree";
import { segmentBlock } from "./document-tree";
import { RunBlank } from "./run-blank";
import { RunCheck } from "./run-check";
import { SectionProgress } from "./section-progress";
import { RunStepCard } from "./step-card";

// The runbook in document order, as the run's checklist. Prose and code are rendered here on the
// server; steps, checks and blanks are client islands fed by the live run.

interface Ctx {
  parsed: ParsedRunbook;
  lines: string[];
  runScenario: string | null;
  numbers: Map<string, number>;
  scenarios: Map<string, string | null>;
}

const HEADING: Record<number, string> = {
  1: "text-xl font-semibold",
  2: "text-lg font-semibold",
  3: "text-base font-semibold",
};

// Steps of the section that belong to this run's scenario (for its progress line).
function stepIdsUnder(node: SectionNode, ctx: Ctx): string[] {
  const [start, end] = node.section.lines;
  return ctx.parsed.steps
    .filter((s) => s.lines[0] >= start && s.lines[0] <= end && inScenario(ctx.scenarios.get(s.id) ?? null, ctx.runScenario))
    .map((s) => s.id);
}

function BlockView({ block, ctx }: { block: Block; ctx: Ctx }) {
  if (block.type === "frontmatter" || block.type === "blank") return null;
  return (
    <>
      {segmentBlock(block, ctx.parsed).map((seg, i) => {
        switch (seg.kind) {
          case "prose": {
            const text = dedent(sliceLines(ctx.lines, seg.lines));
            return text.trim() ? <MarkdownProse key={i} source={text} className="text-slate-800" /> : null;
          }
          case "step":
            return (
              <RunStepCard
                key={seg.step.id}
                step={seg.step}
                number={ctx.numbers.get(seg.step.id) ?? 0}
                inScope={inScenario(ctx.scenarios.get(seg.step.id) ?? null, ctx.runScenario)}
                code={<CodeBlock code={seg.step.code} lang={seg.step.lang} />}
              />
            );
          case "check":
            return <RunCheck key={seg.check.id} check={seg.check} />;
          case "blanks":
            return (
              <div key={i} className="rounded border border-dashed border-amber-300 bg-amber-50/40 px-3 py-1">
                {seg.blanks.map((b) => (
                  <RunBlank key={b.id} blank={b} />
                ))}
              </div>
            );
        }
      })}
    </>
  );
}

function SectionHeading({ section, node, ctx }: { section: Section; node: SectionNode; ctx: Ctx }) {
  const budget = formatBudget(section.budgetSeconds);
  const Tag = (`h${Math.min(6, section.depth + 1)}` as "h2" | "h3" | "h4" | "h5" | "h6");
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Tag id={`section-${section.id}`} className={`${HEADING[section.depth] ?? "text-sm font-semibold"} scroll-mt-28 text-slate-900`}>
        {section.title}
      </Tag>
      {budget ? <BudgetBadge label={budget} /> : null}
      <SectionProgress stepIds={stepIdsUnder(node, ctx)} budgetSeconds={section.budgetSeconds} />
    </div>
  );
}

function Nodes({ nodes, ctx }: { nodes: DocNode[]; ctx: Ctx }) {
  return (
    <>
      {nodes.map((n) =>
        n.kind === "block" ? <BlockView key={`b${n.block.lines[0]}`} block={n.block} ctx={ctx} /> : <SectionView key={n.section.id} node={n} ctx={ctx} />,
      )}
    </>
  );
}

function SectionView({ node, ctx }: { node: SectionNode; ctx: Ctx }) {
  const own = node.section.scenario !== null && node.section.scenario === node.scenario;
  const other = ctx.runScenario !== null && node.scenario !== null && node.scenario !== ctx.runScenario;
  // Only the top section of another scenario collapses; its sub-sections live inside it.
  if (other && own) {
    return (
      <details data-testid="other-scenario" className="my-4 rounded border border-slate-200 bg-slate-100/60 px-3 py-2 opacity-70">
        <summary className="cursor-pointer">
          <span className="font-semibold text-slate-700">{node.section.title}</span>{" "}
          <span className="text-sm text-slate-500">— another scenario, not part of this run</span>
        </summary>
        <div className="mt-2">
          <Nodes nodes={node.children} ctx={ctx} />
        </div>
      </details>
    );
  }
  // The document's title heads the page already.
  if (node.section.depth === 1 && node.section.title === ctx.parsed.title) return <Nodes nodes={node.children} ctx={ctx} />;
  return (
    <section aria-labelledby={`section-${node.section.id}`} className={`${node.section.depth <= 2 ? "mt-6" : "mt-4"} flex flex-col gap-1`}>
      <SectionHeading section={node.section} node={node} ctx={ctx} />
      <Nodes nodes={node.children} ctx={ctx} />
    </section>
  );
}

export function RunDocument({ parsed, runScenario }: { parsed: ParsedRunbook; runScenario: string | null }) {
  const ctx: Ctx = {
    parsed,
    lines: splitLines(parsed.text),
    runScenario,
    numbers: new Map(parsed.steps.map((s, i) => [s.id, i + 1])),
    scenarios: stepScenarios(parsed),
  };
  return (
    <div data-testid="run-document" className="min-w-0">
      <Nodes nodes={buildDocumentTree(parsed)} ctx={ctx} />
    </div>
  );
}
