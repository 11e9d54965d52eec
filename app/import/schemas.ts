import { z } from "zod";

// One document to preview or save. The byte limit, NUL and empty checks happen in the service
// (lib/services/runbooks) so the CLI, the folder watcher and this page all refuse the same things;
// the cap here only stops absurd payloads before they are parsed.
export const importDocumentSchema = z.object({
  text: z.string().max(6 * 1024 * 1024, "The document is larger than 5 MB."),
  origin: z.enum(["upload", "paste"]),
  fileName: z.string().trim().max(255).optional(),
  // A name typed for pasted text; becomes the runbook's address (slug).
  name: z.string().trim().max(120).optional(),
});

export type ImportDocumentInput = z.infer<typeof importDocumentSchema>;
