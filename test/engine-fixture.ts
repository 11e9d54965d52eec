import { importRunbook } from "@/lib/services/runbooks";
import { upsertTarget } from "@/lib/services/targets";

// A runbook written for the engine's integration tests: every executor and state it must handle.
export const ENGINE_RUNBOOK = `# Engine test runbook

## Prepare

\`\`\`sql
CREATE TABLE IF NOT EXISTS engine_hits (id serial PRIMARY KEY, at timestamptz DEFAULT now());
\`\`\`

## Verify (1 minute)

\`\`\`sql
SELECT 40 + 2 AS answer;
-- Expected: 42
\`\`\`

## Wrong expectation

\`\`\`sql
SELECT 7;
-- Expected: 8
\`\`\`

## Count once

\`\`\`sql
INSERT INTO engine_hits DEFAULT VALUES;
\`\`\`

## Slow shell

\`\`\`bash
echo "started slow step"
sleep 30
echo "never printed"
\`\`\`

## Echo a variable

\`\`\`bash
echo "evil=[$EVIL]"
echo "url=$DATABASE_URL"
\`\`\`

## Manual tool

\`\`\`bash
alembic downgrade -1
\`\`\`

- [ ] Application healthy

Operator: ______
`;

export async function setUpEngineRunbook(slug: string): Promise<{ slug: string }> {
  await upsertTarget({ name: "sandbox", urlEnv: "SANDBOX_DATABASE_URL" });
  const r = await importRunbook({ text: ENGINE_RUNBOOK, slug, origin: "test", importedBy: "test" });
  return { slug: r.slug };
}
