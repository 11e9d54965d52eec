// The incident-report fields the seed runbooks ask for ("Document in Incident Report": timeline,
// root cause, impact, actions taken). Some are measured from the run, the rest are the reviewer's;
// a reviewer may overwrite any of them (report.field_set). Keys are stored in events: only add.

export interface IncidentFieldDef {
  key: string;
  label: string;
  group: "Incident" | "Timeline" | "Root cause" | "Impact" | "Actions taken" | "Follow-up";
  // Labels of runbook blanks that fill this field when typed during the run.
  blankLabels?: string[];
  multiline?: boolean;
}

export const INCIDENT_FIELDS: readonly IncidentFieldDef[] = [
  { key: "incidentId", label: "Incident ID", group: "Incident", blankLabels: ["incident id"] },
  { key: "severity", label: "Severity", group: "Incident" },
  { key: "status", label: "Status", group: "Incident" },
  { key: "summary", label: "Summary", group: "Incident", multiline: true },
  { key: "deploymentStarted", label: "Deployment start time", group: "Timeline", blankLabels: ["deployment start time"] },
  { key: "issueDetected", label: "Issue detected time", group: "Timeline", blankLabels: ["issue detected time"] },
  { key: "rollbackInitiated", label: "Rollback initiated time", group: "Timeline", blankLabels: ["rollback initiated time"] },
  { key: "rollbackCompleted", label: "Rollback completed time", group: "Timeline", blankLabels: ["rollback completed time"] },
  { key: "totalDowntime", label: "Total downtime", group: "Timeline", blankLabels: ["total downtime"] },
  { key: "whatBroke", label: "What broke", group: "Root cause", blankLabels: ["what broke"], multiline: true },
  { key: "whyBroke", label: "Why it broke", group: "Root cause", blankLabels: ["why it broke"], multiline: true },
  { key: "whyNotCaught", label: "Why it wasn't caught in staging", group: "Root cause", blankLabels: ["why it wasn't caught in staging"], multiline: true },
  { key: "usersAffected", label: "Users affected", group: "Impact", blankLabels: ["users affected"] },
  { key: "transactionsLost", label: "Transactions lost", group: "Impact", blankLabels: ["transactions lost"] },
  { key: "dataCorrupted", label: "Data corrupted", group: "Impact", blankLabels: ["data corrupted"] },
  { key: "revenueImpact", label: "Revenue impact", group: "Impact", blankLabels: ["revenue impact"] },
  { key: "rollbackType", label: "Rollback type", group: "Actions taken" },
  { key: "databaseRollback", label: "Database rollback", group: "Actions taken" },
  { key: "dataRestoration", label: "Data restoration", group: "Actions taken" },
  { key: "customerNotification", label: "Customer notification", group: "Actions taken" },
  { key: "lessonsLearned", label: "Lessons learned", group: "Follow-up", multiline: true },
  { key: "actionItems", label: "Action items", group: "Follow-up", multiline: true },
];

export const INCIDENT_FIELD_KEYS = INCIDENT_FIELDS.map((f) => f.key) as [string, ...string[]];
