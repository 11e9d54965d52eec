"use client";

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { DrillComparison } from "@/lib/reports/drill-comparison";

// Drills over time: one line per step (seconds), plus the whole run; dashed lines are the
// documented budgets. Fixed size, no animation (same picture on screen and in print).

const COLORS = ["#0f766e", "#1d4ed8", "#b45309", "#7c3aed", "#be123c", "#0e7490", "#4d7c0f", "#a21caf"];

export function DrillChart({ comparison }: { comparison: DrillComparison }) {
  const data = comparison.drills.map((d) => ({
    label: d.label,
    total: d.totalMs === null ? null : d.totalMs / 1000,
    ...Object.fromEntries(comparison.steps.map((s) => [s.stepId, d.perStep[s.stepId] == null ? null : (d.perStep[s.stepId] ?? 0) / 1000])),
  }));
  const budget = comparison.drills.at(-1)?.rtoBudgetSeconds ?? null;
  const highest = Math.max(0, ...data.map((d) => d.total ?? 0));
  // Far above every drill, the RTO line would flatten the lines that matter: then it is named only.
  const showBudget = budget !== null && budget <= highest * 3;
  return (
    <figure data-testid="drill-chart" className="overflow-x-auto">
      <LineChart width={820} height={360} data={data} margin={{ left: 8, right: 56, top: 8, bottom: 8 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} />
        <YAxis unit=" s" tick={{ fontSize: 11 }} />
        <Tooltip formatter={(v) => `${Number(v).toFixed(2)} s`} />
        <Legend />
        <Line type="monotone" dataKey="total" name="Whole run" stroke="#0f172a" strokeWidth={2} isAnimationActive={false} connectNulls />
        {comparison.steps.map((s, i) => (
          <Line key={s.stepId} type="monotone" dataKey={s.stepId} name={s.label} stroke={COLORS[i % COLORS.length]} isAnimationActive={false} connectNulls />
        ))}
        {showBudget ? <ReferenceLine y={budget} ifOverflow="extendDomain" stroke="#b91c1c" strokeDasharray="6 4" label={{ value: "RTO", fontSize: 11, fill: "#b91c1c" }} /> : null}
      </LineChart>
      <figcaption className="mt-1 text-xs text-slate-500">
        Seconds per drill, oldest first.{" "}
        {budget === null ? "No documented RTO." : showBudget ? "The dashed red line is the documented RTO." : `The documented RTO (${budget} s) is far above every drill.`}
      </figcaption>
    </figure>
  );
}
