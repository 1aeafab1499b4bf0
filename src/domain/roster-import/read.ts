import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';

/**
 * Reading the HR file: CSV (RFC 4180) in UTF-8, with or without BOM. A structural problem (not CSV,
 * not UTF-8, a required column missing) throws RosterFileError; rows are not judged here.
 */

export const REQUIRED_COLUMNS = [
  'employee_id',
  'email',
  'name',
  'department',
  'manager_email',
  'title',
  'hire_date',
  'status',
] as const;
export const OPTIONAL_COLUMNS = ['left_date'] as const;
export type Column = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];

/** The file as a whole cannot be imported; nothing was changed. */
export class RosterFileError extends Error {
  override name = 'RosterFileError';
}

export type RosterInput = string | Buffer | Readable;

export interface RosterFileRow {
  /** Line in the file where the row starts (a quoted field may span several lines). */
  line: number;
  values: Record<Column, string>;
  /** Set when the row has a different number of fields than the header. */
  fieldCountProblem: string | null;
}

export interface RosterFile {
  rows: RosterFileRow[];
}

/** Parses the whole file (RFC 4180, UTF-8 with or without BOM). Throws RosterFileError. */
export async function readRosterFile(input: RosterInput): Promise<RosterFile> {
  let header: Map<Column, number> | null = null;
  let headerWidth = 0;
  const rows: RosterFileRow[] = [];
  for await (const { line, fields } of csvRecords(input)) {
    // Invalid UTF-8 decodes to U+FFFD; UTF-16 text is full of NUL characters.
    if (fields.some((field) => field.includes('\uFFFD') || field.includes('\u0000'))) {
      throw new RosterFileError(
        `line ${line} is not UTF-8 text (the file may be UTF-16, GBK or another encoding); export it as "CSV UTF-8"`,
      );
    }
    if (!header) {
      header = readHeader(fields);
      headerWidth = fields.length;
      continue;
    }
    if (fields.every((field) => field.trim() === '')) continue;
    rows.push({
      line,
      values: rowValues(header, fields),
      fieldCountProblem: fieldCount(fields, headerWidth),
    });
  }
  if (!header) {
    throw new RosterFileError(
      `the file is empty; the first line must be the header: ${REQUIRED_COLUMNS.join(',')}`,
    );
  }
  return { rows };
}

interface CsvRecord {
  line: number;
  fields: string[];
}

async function* csvRecords(input: RosterInput): AsyncGenerator<CsvRecord> {
  const parser = parse({ bom: true, raw: true, relax_column_count: true, skip_empty_lines: true });
  const source = typeof input === 'string' || Buffer.isBuffer(input) ? Readable.from([input]) : input;
  pipeline(source, parser, () => {}); // errors surface in the loop below
  // csv-parse's own line counter counts a CRLF inside a quoted field twice; count from the raw text.
  let linesBefore = 0;
  try {
    for await (const { raw, record } of parser as AsyncIterable<{ raw: string; record: string[] }>) {
      yield { line: linesBefore + leadingLineBreaks(raw) + 1, fields: record };
      linesBefore += lineBreaks(raw);
    }
  } catch (error) {
    if (error instanceof CsvError) throw new RosterFileError(`not a valid CSV file: ${error.message}`);
    throw error;
  }
}

function lineBreaks(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

function leadingLineBreaks(text: string): number {
  return lineBreaks(/^(\r\n|\r|\n)*/.exec(text)?.[0] ?? '');
}

function readHeader(fields: string[]): Map<Column, number> {
  const names = fields.map((field) => field.trim().toLowerCase());
  const known = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);
  const header = new Map<Column, number>();
  for (const [index, name] of names.entries()) {
    if (!known.has(name)) continue; // other columns are ignored
    if (header.has(name as Column)) throw new RosterFileError(`the header names the column ${name} twice`);
    header.set(name as Column, index);
  }
  const missing = REQUIRED_COLUMNS.filter((column) => !header.has(column));
  if (missing.length > 0) {
    throw new RosterFileError(
      `the header row lacks ${missing.length === 1 ? 'the column' : 'the columns'} ${missing.join(', ')}; ` +
        `it must name ${REQUIRED_COLUMNS.join(',')} (any order, left_date optional)`,
    );
  }
  return header;
}

function rowValues(header: Map<Column, number>, fields: string[]): Record<Column, string> {
  const value = (column: Column) => {
    const index = header.get(column);
    return index === undefined ? '' : (fields[index] ?? '').trim();
  };
  return {
    employee_id: value('employee_id'),
    email: value('email'),
    name: value('name'),
    department: value('department'),
    manager_email: value('manager_email'),
    title: value('title'),
    hire_date: value('hire_date'),
    status: value('status'),
    left_date: value('left_date'),
  };
}

function fieldCount(fields: string[], headerWidth: number): string | null {
  if (fields.length < headerWidth) {
    return `has ${fields.length} fields but the header has ${headerWidth}`;
  }
  // A trailing comma (empty extra fields) is harmless; text past the header is not.
  if (fields.slice(headerWidth).some((field) => field.trim() !== '')) {
    return `has ${fields.length} fields but the header has ${headerWidth} (quote values that contain commas)`;
  }
  return null;
}
