"use client";

import { useEffect, useState } from "react";
import { formatDuration } from "./format-time";

// A ticking clock; its first render may differ from the server's by a second.
export function Elapsed({ since }: { since: string | null }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (!since) return <>—</>;
  return <span suppressHydrationWarning>{formatDuration(Math.max(0, now - Date.parse(since)))}</span>;
}
