import { z } from "zod";

/**
 * What text the model stores may contain. PostgreSQL cannot store NUL or half of a UTF-16 pair (a lone
 * surrogate), and invisible direction marks make a name display differently from what it is, so such
 * text is refused with a message instead of failing deep inside the service.
 */
// eslint-disable-next-line no-control-regex -- these are the characters refused
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
const DIRECTION_MARK = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codePoint = (character: string): string =>
  `U+${(character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;

/** Why the text cannot be stored, or undefined. Names (`multiline` false) also refuse tabs and line breaks. */
export function textProblem(text: string, multiline: boolean): string | undefined {
  const control = CONTROL.exec(text) ?? (multiline ? null : LINE_BREAK_OR_TAB.exec(text));
  if (control !== null) return `must not contain control characters (it has ${codePoint(control[0])})`;
  const mark = DIRECTION_MARK.exec(text);
  if (mark !== null) {
    return `must not contain invisible direction marks (it has ${codePoint(mark[0])}), which make text display differently from what it is`;
  }
  if (LONE_SURROGATE.test(text)) return "contains a broken character (half of a UTF-16 pair); type it again";
  return undefined;
}

function refuseUnstorable(multiline: boolean) {
  return (text: string, context: z.RefinementCtx): void => {
    const problem = textProblem(text, multiline);
    if (problem !== undefined) context.addIssue({ code: "custom", message: problem });
  };
}

/** One line of text as given (an attribute's name). */
export const LineCharacters = z.string().superRefine(refuseUnstorable(false));
/** One line of text, without surrounding spaces: a name, a label, a scenario. */
export const LineText = z.string().trim().superRefine(refuseUnstorable(false));
/** Free text such as a description: line breaks and tabs allowed. */
export const FreeText = z.string().superRefine(refuseUnstorable(true));

/** A text a spreadsheet would read as a formula if it were typed into a cell. */
export const looksLikeFormula = (text: string): boolean => /^[=+\-@]/.test(text);
