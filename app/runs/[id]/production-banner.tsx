// Shown on every run against a protected target: nobody should mistake production for a drill.
export function ProductionBanner({ targetName }: { targetName: string }) {
  return (
    <div
      role="note"
      data-testid="production-banner"
      className="-mx-4 mb-4 flex flex-wrap items-center gap-x-3 gap-y-1 border-y-4 border-red-900 bg-red-700 px-4 py-3 text-white"
    >
      <span className="text-lg font-black tracking-widest uppercase">
        <span aria-hidden="true">⚠ </span>Production
      </span>
      <span className="text-sm">
        This run acts on <strong className="font-mono">{targetName}</strong>, a protected target. Destructive steps list their exact statements and
        need the target&rsquo;s name typed before they run.
      </span>
    </div>
  );
}
