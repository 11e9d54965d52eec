// The report of a run: a pure projection of (pinned RunbookVersion, RunEvents) built by
// build-report.ts. The JSON export is exactly this object, so fields are only ever added.
import type { Executor, ParsedRunbook } from "@/lib/importer/types";
import type { RunStatus, StepStatus } from "@/lib/runs/event-types";

export const REPORT_SCHEMA_VERSION = 1;

export interface ReportVersionInput {
  runbook: { slug: string; title: string };
  number: number;
  parsed: ParsedRunbook;
}

export interface ReportSummary {
  title: string;
  runId: string | null;
  runbook: { slug: string; title: string; version: number };
  target: { name: string; protected: boolean } | null;
  scenario: { id: string; title: string } | null;
  drill: boolean;
  commander: string | null;
  participants: string[];
  reviewers: string[];
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  // Sum of the steps' own execution times (the wall clock also counts people deciding).
  executionMs: number;
  rto: { budgetSeconds: number | null; source: string | null; withinBudget: boolean | null };
  outcome: RunStatus;
  finishNote: string | null;
  variables: Record<string, string>;
  counts: { inScope: number; succeeded: number; failed: number; skipped: number; manual: number; notRun: number };
}

export interface TimelineEntry {
  seq: number;
  at: string;
  actor: string | null;
  type: string;
  stepId: string | null;
  text: string;
}

export interface ReportTable {
  columns: string[];
  rows: string[][];
  rowCount: number;
  truncated: boolean;
  command: string;
}

export interface ReportOutput {
  // All text output, as stored (already secret-masked).
  text: string;
  lineCount: number;
  // First and last lines for documents; `omittedLines` > 0 when cut.
  excerpt: string;
  omittedLines: number;
  tables: ReportTable[];
}

export interface ReportVerdict {
  expectation: string;
  kind: string;
  outcome: "pass" | "fail" | "not_checkable";
  actual: string;
  reason: string;
}

export interface ReportNote {
  stepId: string | null;
  text: string;
  by: string | null;
  at: string;
  // "run": said while the run was live; "review": on the report afterwards.
  origin: "run" | "review";
}

export interface ReportStep {
  id: string;
  number: number;
  title: string;
  section: string | null;
  executor: Executor;
  destructive: boolean;
  status: StepStatus;
  attempts: number;
  rehearsal: boolean;
  queuedBy: string | null;
  confirmation: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  durationMs: number | null;
  budgetSeconds: number | null;
  overBudget: boolean | null;
  commands: { executor: Executor; code: string; destructive: boolean }[];
  output: ReportOutput;
  verdicts: ReportVerdict[];
  exitCode: number | null;
  error: string | null;
  reason: string | null;
  manual: { note: string; output: string; by: string | null } | null;
  acknowledged: { by: string | null; note: string } | null;
  produced: Record<string, string>;
  notes: ReportNote[];
}

export interface ReportSection {
  id: string | null;
  title: string;
  depth: number;
  scenario: string | null;
  budgetSeconds: number | null;
  // Wall clock from the first of its steps starting to the last finishing (nested sections included).
  actualMs: number | null;
  overBudget: boolean | null;
  steps: ReportStep[];
  checks: { id: string; text: string; checked: boolean; by: string | null; at: string | null }[];
  blanks: { id: string; label: string; value: string | null; by: string | null; at: string | null; fromStep: string | null }[];
}

export interface RtoRow {
  label: string;
  section: string | null;
  budgetSeconds: number | null;
  actualMs: number | null;
  actual: string;
  withinBudget: boolean | null;
}

export interface RtoTable {
  id: string;
  // The heading the table sits under ("Recovery Time Objectives").
  title: string;
  section: string | null;
  header: string[];
  // The document's rows with the Actual column filled in.
  rows: string[][];
  actualColumn: number;
  details: RtoRow[];
}

export interface ArtifactEntry {
  stepId: string;
  title: string;
  kind: "backup" | "restore";
  status: StepStatus;
  produced: Record<string, string>;
  // What the backup executor records (BACKUP_S3_URI / BACKUP_FILE, BACKUP_SIZE, BACKUP_SHA256).
  location: string | null;
  sizeBytes: number | null;
  sha256: string | null;
  verification: string;
}

export interface IncidentField {
  key: string;
  label: string;
  group: string;
  value: string;
  source: "run" | "runbook" | "reviewer" | "empty";
  derived: string | null;
  by: string | null;
}

export interface ReportReview {
  comments: ReportNote[];
  signOff: { name: string; note: string; by: string | null; at: string } | null;
  history: { kind: "signed_off" | "reopened"; name: string | null; text: string; by: string | null; at: string }[];
}

export interface ChartBar {
  stepId: string;
  label: string;
  actualSeconds: number;
  budgetSeconds: number | null;
}

/** A decision under the two-person rule (or an admin's break-glass), with who and when. */
export interface ReportApproval {
  stepId: string;
  step: string;
  kind: "requested" | "granted" | "rejected" | "break_glass";
  by: string | null;
  text: string;
  at: string;
}

export interface Report {
  schemaVersion: number;
  summary: ReportSummary;
  timeline: TimelineEntry[];
  sections: ReportSection[];
  chart: ChartBar[];
  rtoTables: RtoTable[];
  artifacts: ArtifactEntry[];
  incident: IncidentField[];
  comments: ReportNote[];
  review: ReportReview;
  approvals: ReportApproval[];
  lastSeq: number;
}
