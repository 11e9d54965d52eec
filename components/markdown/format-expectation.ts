import type { Expectation } from "@/lib/importer/types";

// One line a person can check at a glance; the run page and the report print the same words.
export function formatExpectation(e: Expectation): string {
  switch (e.kind) {
    case "exitCode":
      return `exit code ${e.equals}`;
    case "rowCount":
      return `${e.equals} ${e.equals === 1 ? "row" : "rows"}`;
    case "scalar":
      return `value = ${e.equals}`;
    case "set":
      return `values = {${e.equals.join(", ")}}`;
    case "contains":
      return `output contains “${e.text}”`;
    case "httpStatus":
      return `HTTP ${e.equals}`;
    case "note":
      return e.text;
  }
}

export function isCheckable(e: Expectation): boolean {
  return e.kind !== "note";
}
