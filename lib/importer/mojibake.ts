import iconv from "iconv-lite";

// Some runbooks were saved after a tool decoded their UTF-8 bytes as Mac Roman or Windows-1252
// (`‚Äî` for `—`, `ðŸ”´` for 🔴). No library undoes this in place without risking good text, so
// we repair window by window: a run of 2–4 characters is replaced only if, mapped back to the
// legacy code page, its bytes form exactly one valid UTF-8 sequence. ASCII never changes, so line
// breaks (and therefore line numbers) are untouched.

type Codec = "macintosh" | "windows1252";
const CODEC_LABEL: Record<Codec, string> = { macintosh: "Mac Roman", windows1252: "Windows-1252" };

const reverseMaps = new Map<Codec, Map<string, number>>();

function reverseMap(codec: Codec): Map<string, number> {
  const cached = reverseMaps.get(codec);
  if (cached) return cached;
  const map = new Map<string, number>();
  for (let byte = 0x80; byte <= 0xff; byte++) {
    const ch = iconv.decode(Buffer.from([byte]), codec);
    // Windows-1252 leaves five bytes undefined; mis-decoders usually pass them through as the C1
    // control with the same number, so accept that spelling too.
    if (ch !== "\ufffd" && ch.length === 1) map.set(ch, byte);
  }
  // iconv-lite leaves Mac Roman 0xF0 (the Apple logo, U+F8FF) undefined, yet it is exactly the
  // lead byte of every 4-byte UTF-8 sequence (emoji), so mis-decoded files are full of it.
  if (codec === "macintosh") map.set("\uf8ff", 0xf0);
  if (codec === "windows1252") {
    for (const byte of [0x81, 0x8d, 0x8f, 0x90, 0x9d]) map.set(String.fromCharCode(byte), byte);
  }
  reverseMaps.set(codec, map);
  return map;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

// Tries to decode the window starting at `i`; returns the repaired text and the window length.
function tryWindow(text: string, i: number, map: Map<string, number>): [string, number] | null {
  const lead = map.get(text.charAt(i));
  if (lead === undefined) return null;
  const len = sequenceLength(lead);
  if (len === 0 || i + len > text.length) return null;
  const bytes = new Uint8Array(len);
  bytes[0] = lead;
  for (let k = 1; k < len; k++) {
    const b = map.get(text.charAt(i + k));
    if (b === undefined || b < 0x80 || b > 0xbf) return null;
    bytes[k] = b;
  }
  let decoded: string;
  try {
    decoded = utf8.decode(bytes);
  } catch {
    return null;
  }
  const cp = decoded.codePointAt(0) ?? 0;
  if (cp < 0xa0) return null; // C1 controls are never what the author typed
  // Round trip: the decoded text must re-encode to exactly these bytes.
  const again = Buffer.from(decoded, "utf8");
  if (again.length !== len || again.some((b, k) => b !== bytes[k])) return null;
  return [decoded, len];
}

function repairWith(text: string, codec: Codec): { text: string; offsets: number[] } {
  const map = reverseMap(codec);
  const out: string[] = [];
  const offsets: number[] = [];
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) < 0x80) continue;
    const hit = tryWindow(text, i, map);
    if (!hit) continue;
    out.push(text.slice(last, i), hit[0]);
    offsets.push(i);
    last = i + hit[1];
    i = last - 1;
  }
  if (offsets.length === 0) return { text, offsets };
  out.push(text.slice(last));
  return { text: out.join(""), offsets };
}

export interface MojibakeRepair {
  text: string;
  codec: string | null;
  // Offsets (in the original text) where a sequence was repaired.
  offsets: number[];
}

export function repairMojibake(text: string): MojibakeRepair {
  // Fast path: pure ASCII (or ASCII plus characters neither code page produces) needs no work.
  if (!/[\u0080-\u02ff\u2000-\u222f\u25ca\uf8ff\ufb01\ufb02]/.test(text)) {
    return { text, codec: null, offsets: [] };
  }
  // Pick the code page that explains more of the document; mixing both in one file is unheard of,
  // and trying only one keeps ambiguous pairs (Ã© is é in one and a combining mark in the other) safe.
  const candidates = (["windows1252", "macintosh"] as const).map((codec) => ({ codec, ...repairWith(text, codec) }));
  const best = candidates.reduce((a, b) => (b.offsets.length > a.offsets.length ? b : a));
  if (best.offsets.length === 0) return { text, codec: null, offsets: [] };
  return { text: best.text, codec: CODEC_LABEL[best.codec], offsets: best.offsets };
}
