import { luhnValid } from '@hosted-session/card';

/**
 * The last line of defence for card numbers in logs: whatever a log call or serializer lets through (a
 * number typed into a URL path or query, a header, an error message), every line is scrubbed of digit runs
 * that could be a card number before it is written.
 *
 * The rule: digits, with at most two separators (space, tab, `-`, `.`, `_`, `+`, or `%20`) between any two,
 * forming a run of 12–19 digits once the separators are removed that passes Luhn, or a longer run in which
 * such a stretch sits (a card number glued to other digits). A masked run reads `[redacted]`.
 */
const SEPARATOR = String.raw`(?:[ \t._+\-]|%20)`;
const DIGIT_RUN = new RegExp(String.raw`\d(?:${SEPARATOR}{0,2}\d){11,}`, 'g');
const MIN_PAN = 12;
const MAX_PAN = 19;
export const SCRUBBED = '[redacted]';

export function couldBeCardNumber(run: string): boolean {
  const digits = run.replace(/\D/g, '');
  if (digits.length < MIN_PAN) return false;
  if (digits.length <= MAX_PAN) return luhnValid(digits);
  for (let length = MIN_PAN; length <= MAX_PAN; length++) {
    for (let start = 0; start + length <= digits.length; start++) {
      if (luhnValid(digits.slice(start, start + length))) return true;
    }
  }
  return false;
}

/** `text` with every run that could be a card number replaced. */
export function scrubCardNumbers(text: string): string {
  return text.replace(DIGIT_RUN, (run) => (couldBeCardNumber(run) ? SCRUBBED : run));
}

/**
 * One serialized pino line, scrubbed. Most lines have no candidate run and go out untouched. A line that has
 * one is rewritten value by value, so it stays valid JSON even when the run was a bare JSON number; pino's own
 * `time` (epoch milliseconds, which can pass Luhn) is the one value left alone.
 */
export function scrubLogLine(line: string): string {
  if (!hasCandidate(line)) return line;
  const newline = line.endsWith('\n') ? '\n' : '';
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    return scrubCardNumbers(line);
  }
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return scrubCardNumbers(line);
  const { time, ...rest } = entry as Record<string, unknown>;
  const scrubbed = scrubValue(rest) as Record<string, unknown>;
  return JSON.stringify(time === undefined ? scrubbed : { time, ...scrubbed }) + newline;
}

function hasCandidate(line: string): boolean {
  for (const match of line.matchAll(DIGIT_RUN)) if (couldBeCardNumber(match[0])) return true;
  return false;
}

function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') return scrubCardNumbers(value);
  if (typeof value === 'number') return couldBeCardNumber(String(value)) ? SCRUBBED : value;
  if (Array.isArray(value)) return value.map(scrubValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, inner]) => [scrubCardNumbers(key), scrubValue(inner)]),
    );
  }
  return value;
}
