/**
 * Turning zod failures into one error type whose message names each field in Japanese.
 * Used by the order schema, the search criteria schema and (later) the IPC contract.
 */
import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted path of the field, e.g. 'customer.tel' or 'lines.0.quantity'. */
  path: string;
  /** Japanese name of the field, e.g. '購入者 電話番号'. */
  label: string;
  /** Japanese message for staff. */
  message: string;
}

/** Input that failed validation; `message` lists every field, `issues` has them one by one. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly subject: string,
    readonly issues: FieldIssue[],
  ) {
    // Staff read the Japanese label only (never the field's code name); a message that names its field stands alone.
    super(`${subject}に誤りがあります: ${issues.map((i) => (i.path && !i.message.includes(i.label) ? `${i.label}: ${i.message}` : i.message)).join(' / ')}`);
  }
}

/** Japanese labels by field path; numeric segments (array indexes) are matched by '*'. */
export type FieldLabels = Readonly<Record<string, string>>;

function pathKey(path: readonly PropertyKey[]): string {
  return path.map((p) => String(p)).join('.');
}

/** The label of a path: exact match, else with array indexes as '*', else the path itself. */
export function labelFor(labels: FieldLabels, path: readonly PropertyKey[]): string {
  const exact = labels[pathKey(path)];
  if (exact) return exact;
  const starred = path.map((p) => (typeof p === 'number' || /^\d+$/.test(String(p)) ? '*' : String(p))).join('.');
  const base = labels[starred];
  if (!base) return pathKey(path) || '入力';
  const index = path.find((p) => typeof p === 'number');
  return typeof index === 'number' ? `${base}（${index + 1}行目）` : base;
}

type RawIssue = z.core.$ZodRawIssue;

/** A per-parse zod error map giving generic Japanese messages (schema-level messages take precedence). */
export function japaneseErrorMap(labels: FieldLabels): (issue: RawIssue) => string {
  return (issue) => {
    const label = labelFor(labels, issue.path ?? []);
    switch (issue.code) {
      case 'invalid_type':
        return issue.input === undefined ? `${label}を入力してください` : `${label}の形式が正しくありません`;
      case 'invalid_value':
        return `${label}の値が正しくありません`;
      case 'too_small':
        return issue.origin === 'string' ? `${label}を入力してください` : `${label}が小さすぎます（${String(issue.minimum)}以上）`;
      case 'too_big':
        return issue.origin === 'string' ? `${label}は${String(issue.maximum)}文字以内で入力してください` : `${label}が大きすぎます（${String(issue.maximum)}以下）`;
      case 'unrecognized_keys':
        return `不明な項目があります: ${issue.keys.join(', ')}`;
      case 'invalid_format':
        return `${label}の形式が正しくありません`;
      default:
        return `${label}が正しくありません`;
    }
  };
}

/** Parse with a schema; on failure throw a ValidationError naming each field in Japanese. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, subject: string, labels: FieldLabels): z.output<S> {
  const result = schema.safeParse(input, { error: japaneseErrorMap(labels) });
  if (result.success) return result.data;
  throw new ValidationError(
    subject,
    result.error.issues.map((i) => ({ path: pathKey(i.path), label: labelFor(labels, i.path), message: i.message })),
  );
}
