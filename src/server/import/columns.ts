import type { SheetHeader } from "./sheet";
import type { RowError } from "./types";

export interface FieldSpec {
  readonly field: string;
  /** The column the field is read from unless the mapping names another. */
  readonly column: string;
  readonly required: boolean;
}

export interface ColumnPlan {
  /** Field -> position of its column in the file. */
  readonly index: ReadonlyMap<string, number>;
  /** Field -> the column's name as the file spells it. */
  readonly columns: Record<string, string>;
  readonly errors: RowError[];
}

const normalize = (name: string): string => name.trim().toLowerCase();

function listNames(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(", ");
}

/** A header that is one column holding semicolons or tabs is a file with another separator. */
function separatorHint(header: readonly string[]): string {
  if (header.length !== 1) return "";
  if (header[0].includes(";"))
    return " (the file seems to separate values with semicolons; save it as comma-separated CSV)";
  if (header[0].includes("\t"))
    return " (the file seems to separate values with tabs; save it as comma-separated CSV)";
  return "";
}

/**
 * Finds the column of each field: the mapping's column name, else the field's own column name, both
 * matched without regard to case or surrounding spaces. Mapping entries for unknown fields, mapped
 * columns the file lacks, missing required columns and ambiguous names are errors.
 */
export function planColumns(
  sheet: SheetHeader,
  fields: readonly FieldSpec[],
  mapping: Readonly<Record<string, string>> = {},
  mappable: readonly string[] = fields.map((f) => f.field),
): ColumnPlan {
  const errors: RowError[] = [];
  const index = new Map<string, number>();
  const columns: Record<string, string> = {};
  for (const key of Object.keys(mapping)) {
    if (!mappable.includes(key)) {
      errors.push({
        row: 0,
        column: key,
        reason: `the mapping names "${key}", which is not a field that can be mapped here; the fields are ${listNames(mappable)}`,
      });
    }
  }
  const headerRow = sheet.headerRow;
  for (const spec of fields) {
    const mapped = mappable.includes(spec.field) ? mapping[spec.field] : undefined;
    const wanted = mapped ?? spec.column;
    const positions = sheet.header.flatMap((name, i) => (normalize(name) === normalize(wanted) ? [i] : []));
    if (positions.length === 1) {
      index.set(spec.field, positions[0]);
      columns[spec.field] = sheet.header[positions[0]];
    } else if (positions.length > 1) {
      errors.push({
        row: headerRow,
        column: wanted,
        reason: `${positions.length} columns are named "${wanted}"; rename all but one of them`,
      });
    } else if (mapped !== undefined) {
      errors.push({
        row: headerRow,
        column: mapped,
        reason: `the mapping reads ${spec.field} from the column "${mapped}", but the file has no such column`,
      });
    } else if (spec.required) {
      errors.push({
        row: headerRow,
        column: spec.column,
        reason:
          `the file has no "${spec.column}" column; add one or map a column to ${spec.field}` +
          separatorHint(sheet.header),
      });
    }
  }
  return { index, columns, errors };
}
