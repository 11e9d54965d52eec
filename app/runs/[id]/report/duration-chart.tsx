"use client";

import { Bar, BarChart, CartesianGrid, Cell, Legend, XAxis, YAxis, Tooltip } from "recharts";
import type { ChartBar } from "@/lib/reports/types";

// Step durations vs their documented budgets (recharts 3, which supports React 19). Fixed size,
// no animation: the same picture on screen, in print and in the Chromium-rendered PDF. A log
// scale when durations span orders of magnitude (a 50 ms check next to a 10 min budget).

const MIN_SECONDS = 0.01;

export function DurationChart({ bars, width = 760 }: { bars: ChartBar[]; width?: number }) {
  const data = bars.map((b) => ({
    label: b.label.length > 42 ? `${b.label.slice(0, 40)}…` : b.label,
    actual: Math.max(MIN_SECONDS, b.actualSeconds),
    budget: b.budgetSeconds === null ? null : Math.max(MIN_SECONDS, b.budgetSeconds),
    over: b.budgetSeconds !== null && b.actualSeconds > b.budgetSeconds,
  }));
  const values = data.flatMap((d) => (d.budget === null ? [d.actual] : [d.actual, d.budget]));
  const log = values.length > 0 && Math.max(...values) / Math.min(...values) > 100;
  const height = 60 + data.length * 44;
  return (
    <figure data-testid="duration-chart" className="overflow-x-auto">
      <BarChart layout="vertical" width={width} height={height} data={data} margin={{ left: 8, right: 24, top: 8, bottom: 8 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" scale={log ? "log" : "auto"} domain={log ? [MIN_SECONDS, "auto"] : [0, "auto"]} allowDataOverflow unit=" s" tick={{ fontSize: 11 }} />
        <YAxis type="category" dataKey="label" width={260} tick={{ fontSize: 11 }} />
        <Tooltip formatter={(v) => `${Number(v).toFixed(2)} s`} />
        <Legend />
        <Bar dataKey="actual" name="Actual" fill="#0f766e" isAnimationActive={false}>
          {data.map((d, i) => (
            <Cell key={i} fill={d.over ? "#b91c1c" : "#0f766e"} />
          ))}
        </Bar>
        <Bar dataKey="budget" name="Budget" fill="#cbd5e1" isAnimationActive={false} />
      </BarChart>
      <figcaption className="mt-1 text-xs text-slate-500">
        Seconds{log ? " (log scale)" : ""}; red: over its documented budget. Steps without a budget of their own show no grey bar.
      </figcaption>
    </figure>
  );
}
