import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

/**
 * SQL lives in src/server/store (and the drivers and migrations in src/server/db): route files only
 * parse, authorise, call a repository or a service, and reply. This reads the sources as TypeScript
 * and looks at every string and template literal and every call.
 */

const SERVER = path.join(__dirname, "../../src/server");

/** SQL keywords as the service writes them (upper case): strict, for the route files. */
const SQL_KEYWORD = /\b(SELECT|INSERT|UPDATE|DELETE)\b/;
/** Whole SQL statement shapes in any case: for the rest of the service, whose strings are prose too. */
const SQL_STATEMENT =
  /\b(select\s[\s\S]*\bfrom\b|select\s+(\d|pg_)|insert\s+into|update\s+\w+\s+set\b|delete\s+from|set\s+(local|transaction)\b)/i;
/** Calls that send SQL to the database or write rows in bulk. */
const DATABASE_CALLS = new Set(["query", "copyRows"]);

interface Finding {
  line: number;
  what: string;
}

/** The SQL in a TypeScript source: strings that hold SQL and calls that run it. */
function sqlIn(source: string, strict: boolean): Finding[] {
  const file = ts.createSourceFile("source.ts", source, ts.ScriptTarget.ES2022, true);
  const findings: Finding[] = [];
  const lineOf = (node: ts.Node) => file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  const isSql = (text: string) => SQL_STATEMENT.test(text) || (strict && SQL_KEYWORD.test(text));
  const visit = (node: ts.Node): void => {
    let text: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) text = node.text;
    if (ts.isTemplateExpression(node)) {
      text = [node.head.text, ...node.templateSpans.map((span) => span.literal.text)].join(" ? ");
    }
    if (text !== undefined && isSql(text)) findings.push({ line: lineOf(node), what: `SQL text "${text}"` });
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      DATABASE_CALLS.has(node.expression.name.text)
    ) {
      findings.push({ line: lineOf(node), what: `a call of .${node.expression.name.text}(` });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return findings;
}

function sourcesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesUnder(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every finding in the files, as "file:line: what". */
function sqlInFiles(files: readonly string[], strict: boolean): string[] {
  return files.flatMap((file) =>
    sqlIn(fs.readFileSync(file, "utf8"), strict).map(
      ({ line, what }) => `${path.relative(SERVER, file)}:${line}: ${what}`,
    ),
  );
}

describe("where the SQL is", () => {
  it("finds SQL planted in a route handler, and nothing in a clean one", () => {
    const planted = `
      export default async function routes(app) {
        app.get("/versions/:versionId/scenarios", async (request) => {
          const rows = await app.db.query("SELECT name FROM scenarios WHERE version_id = $1", [request.id]);
          const text = \`DELETE FROM members WHERE version_id = \${request.id}\`;
          const lower = "select name from members";
          await app.db.copyRows(tx, "members", ["name"], []);
          return rows;
        });
      }`;
    expect(sqlIn(planted, true).map((f) => f.line)).toEqual([4, 4, 5, 6, 7]);
    // Outside the routes only statement shapes count: the keyword alone may be an HTTP method.
    expect(sqlIn(`const one = "SELECT 1"; const method = "DELETE";`, false)).toHaveLength(1);

    const clean = `
      export default async function routes(app) {
        app.delete("/versions/:versionId", { schema: { summary: "Delete a draft version and its content" } },
          async (request, reply) => {
            await deleteVersion(tx, request.auth.tenantId, request.params.versionId);
            return reply.code(204).send();
          });
      }`;
    expect(sqlIn(clean, true)).toEqual([]);
  });

  it("finds the SQL of the store (the scan reads real files)", () => {
    expect(sqlInFiles([path.join(SERVER, "store/versions.ts")], true).length).toBeGreaterThan(5);
  });

  it("has no SQL in any route file", () => {
    expect(sqlInFiles(sourcesUnder(path.join(SERVER, "routes")), true)).toEqual([]);
  });

  it("has SQL only in the store and the database drivers and migrations", () => {
    const outside = sourcesUnder(SERVER).filter(
      (file) =>
        !file.startsWith(path.join(SERVER, "store") + path.sep) &&
        !file.startsWith(path.join(SERVER, "db") + path.sep),
    );
    expect(sqlInFiles(outside, false)).toEqual([]);
  });
});
