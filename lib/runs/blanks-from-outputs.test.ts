import { describe, expect, it } from "vitest";
import type { Blank } from "@/lib/importer/types";
import { blanksFromOutputs } from "./blanks-from-outputs";

const blank = (id: string, label: string): Blank => ({ id, label, lines: [1, 1], section: null });

describe("blanksFromOutputs", () => {
  it("fills backup blanks from a backup step's outputs, never over a filled one", () => {
    const blanks = [blank("b1", "Backup location"), blank("b2", "Backup size"), blank("b3", "Duration"), blank("b4", "Backup location")];
    const produced = { BACKUP_DIR: "/d", BACKUP_S3_URI: "s3://b/k/", BACKUP_SIZE: "21697" };
    expect(blanksFromOutputs(blanks, produced, new Set(["b4"]))).toEqual([
      { blankId: "b1", value: "s3://b/k/" },
      { blankId: "b2", value: "21697" },
    ]);
    expect(blanksFromOutputs(blanks, { BACKUP_DIR: "/d" }, new Set())).toEqual([
      { blankId: "b1", value: "/d" },
      { blankId: "b4", value: "/d" },
    ]);
    expect(blanksFromOutputs(blanks, {}, new Set())).toEqual([]);
  });
});
