"use server";

import { revalidatePath } from "next/cache";
import { actionClient } from "@/lib/safe-action";
import { assertImportable, importRunbook, previewImport, slugify } from "@/lib/services/runbooks";
import { summarize } from "./import-summary";
import { importDocumentSchema } from "./schemas";

// Parses without saving: what the importer understood, and where the text would land.
export const previewRunbookAction = actionClient
  .metadata({ name: "previewRunbookAction", permission: "runbook.import" })
  .inputSchema(importDocumentSchema)
  .action(async ({ parsedInput }) => {
    const preview = await previewImport({
      text: parsedInput.text,
      fileName: parsedInput.fileName,
      slug: parsedInput.name ? slugify(parsedInput.name) : undefined,
    });
    return summarize(preview);
  });

export const importRunbookAction = actionClient
  .metadata({ name: "importRunbookAction", permission: "runbook.import" })
  .inputSchema(importDocumentSchema)
  .action(async ({ parsedInput, ctx }) => {
    assertImportable(parsedInput.text);
    const result = await importRunbook({
      text: parsedInput.text,
      fileName: parsedInput.fileName,
      slug: parsedInput.name ? slugify(parsedInput.name) : undefined,
      origin: parsedInput.origin,
      importedBy: ctx.actor,
    });
    revalidatePath("/");
    revalidatePath(`/runbooks/${result.slug}`);
    return { slug: result.slug, title: result.title, number: result.number, created: result.created };
  });
