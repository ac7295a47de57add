import { parseArgs } from "node:util";
import { CreateUser, Role } from "../contract/api";
import {
  type Actor,
  createTenant,
  createUser,
  findTenant,
  findUser,
  issueToken,
  revokeToken,
  tokenTenant,
} from "./auth/accounts";
import { loadConfig } from "./config";
import { type Database, openDatabase } from "./db";
import { listTokens } from "./store/tokens";
import { listUsers } from "./store/users";

const USAGE = `Administration of the ITFM cost-model service (same database settings as the server).

  npm run admin -- create-tenant NAME
  npm run admin -- create-user --tenant NAME --email E --name N --role viewer|editor|admin
  npm run admin -- issue-token --tenant NAME --email E [--label L] [--expires-days N]
  npm run admin -- list-users --tenant NAME
  npm run admin -- list-tokens --tenant NAME
  npm run admin -- revoke-token ID

A token is printed once, when it is issued; the database keeps only its SHA-256 hash.`;

class UsageError extends Error {}

const ACTOR: Actor = { userId: null, via: "admin command line" };

type Options = Record<string, string | undefined>;

function required(options: Options, name: string): string {
  const value = options[name];
  if (value === undefined || value.trim() === "") throw new UsageError(`--${name} is required`);
  return value;
}

function table(rows: string[][]): string {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows
    .map((row) =>
      row
        .map((cell, c) => cell.padEnd(widths[c]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

async function run(db: Database, command: string, positional: string[], options: Options): Promise<string> {
  switch (command) {
    case "create-tenant": {
      const name = positional[0];
      if (name === undefined) throw new UsageError("create-tenant needs the tenant's name");
      const tenant = await db.transaction((tx) => createTenant(tx, name, ACTOR));
      return `Created tenant "${tenant.name}" (${tenant.id})`;
    }
    case "create-user": {
      const tenant = await findTenant(db, required(options, "tenant"));
      const parsed = CreateUser.safeParse({
        email: required(options, "email"),
        name: required(options, "name"),
        role: required(options, "role"),
      });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new UsageError(`--${String(issue.path[0])}: ${issue.message}`);
      }
      const user = await db.transaction((tx) => createUser(tx, tenant.id, parsed.data, ACTOR));
      return `Created ${user.role} ${user.email} (${user.id}) in tenant "${tenant.name}"`;
    }
    case "issue-token": {
      const tenant = await findTenant(db, required(options, "tenant"));
      const user = await findUser(db, tenant.id, { email: required(options, "email") });
      const days = options["expires-days"];
      const expiresInDays = days === undefined ? undefined : Number(days);
      if (
        expiresInDays !== undefined &&
        (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 3650)
      ) {
        throw new UsageError("--expires-days must be a whole number of days from 1 to 3650");
      }
      const issued = await db.transaction((tx) =>
        issueToken(tx, tenant.id, user.id, { label: options.label, expiresInDays }, ACTOR),
      );
      return [
        `Token ${issued.id} for ${user.email} (${user.role}) in tenant "${tenant.name}"` +
          (issued.expiresAt === null ? ", no expiry" : `, expires ${issued.expiresAt}`) +
          ". It is shown this once; the database keeps only its hash:",
        issued.token,
      ].join("\n");
    }
    case "list-users": {
      const tenant = await findTenant(db, required(options, "tenant"));
      const users = await listUsers(db, tenant.id);
      if (users.length === 0) return `Tenant "${tenant.name}" has no users`;
      return table([["ID", "EMAIL", "NAME", "ROLE"], ...users.map((u) => [u.id, u.email, u.name, u.role])]);
    }
    case "list-tokens": {
      const tenant = await findTenant(db, required(options, "tenant"));
      const tokens = await listTokens(db, tenant.id);
      if (tokens.length === 0) return `Tenant "${tenant.name}" has no tokens`;
      return table([
        ["ID", "USER", "LABEL", "CREATED", "EXPIRES", "REVOKED"],
        ...tokens.map((t) => [
          t.id,
          t.userEmail,
          t.label,
          t.createdAt,
          t.expiresAt ?? "-",
          t.revokedAt ?? "-",
        ]),
      ]);
    }
    case "revoke-token": {
      const id = positional[0];
      if (id === undefined) throw new UsageError("revoke-token needs the token's id (see list-tokens)");
      if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) {
        throw new UsageError(`"${id}" is not a token id (see list-tokens)`);
      }
      const tenantId = await tokenTenant(db, id);
      const token = await db.transaction((tx) => revokeToken(tx, tenantId, id, ACTOR));
      return `Revoked token ${token.id} of ${token.userEmail} (revoked at ${token.revokedAt}). Servers stop accepting it within seconds.`;
    }
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        tenant: { type: "string" },
        email: { type: "string" },
        name: { type: "string" },
        role: { type: "string" },
        label: { type: "string" },
        "expires-days": { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 1;
  }
  const [command, ...positional] = parsed.positionals;
  if (command === undefined || command === "help" || parsed.values.help) {
    console.log(USAGE);
    return command === undefined && !parsed.values.help ? 1 : 0;
  }
  const role = parsed.values.role;
  if (role !== undefined && !Role.safeParse(role).success) {
    console.error(`--role must be viewer, editor or admin, not "${role}"`);
    return 1;
  }
  let db: Database | undefined;
  try {
    const config = loadConfig();
    db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    console.log(await run(db, command, positional, parsed.values as Options));
    return 0;
  } catch (error) {
    const message = (error as Error).message;
    console.error(error instanceof UsageError ? `${message}\n\n${USAGE}` : `Error: ${message}`);
    return 1;
  } finally {
    await db?.close();
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));
