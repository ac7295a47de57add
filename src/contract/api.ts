import { z } from "zod";
import { LineText } from "./text";
import {
  AllocationRule,
  CostLine,
  Dimension,
  DriverQuantity,
  Member,
  MemberName,
  ModelInfo,
  MonthPeriod,
  Scenario,
} from "./model";

/** Schemas of the service's HTTP API under /api/v1 (request bodies, parameters and answers). */

export const Role = z.enum(["viewer", "editor", "admin"]);
export type Role = z.infer<typeof Role>;

export const Id = z.uuid({ error: "must be an id such as 3f2b8c1e-5d4a-4e7b-9c1d-2a6f8e0b7c35" });
export const Timestamp = z.iso.datetime({ offset: true });

export const ErrorResponse = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorResponse = z.infer<typeof ErrorResponse>;

export const Health = z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) });

/** The API document itself (OpenAPI 3.1). */
export const ApiDocument = z.looseObject({
  openapi: z.literal("3.1.0"),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

// Path parameters.
export const ModelParams = z.object({ modelId: Id });
export const VersionParams = z.object({ versionId: Id });
export const MemberParams = z.object({ versionId: Id, dimension: Dimension, name: MemberName });
export const ScenarioParams = z.object({ versionId: Id, name: MemberName });
export const UserParams = z.object({ userId: Id });
export const TokenParams = z.object({ tokenId: Id });

// Who am I.
export const Me = z.object({
  user: z.object({ id: Id, name: z.string(), email: z.string() }),
  tenant: z.object({ id: Id, name: z.string() }),
  role: Role,
  tokenId: Id,
});
export type Me = z.infer<typeof Me>;

// Models and versions.
export const Model = ModelInfo.extend({ id: Id, createdAt: Timestamp });
export type Model = z.infer<typeof Model>;
export const ModelList = z.object({ models: z.array(Model) });
export const CreateModel = ModelInfo;

export const VersionStatus = z.enum(["draft", "published"]);
export const Version = z.object({
  id: Id,
  modelId: Id,
  label: z.string(),
  status: VersionStatus,
  /** Bumped by every change of a draft; the ETag of the version is derived from it. */
  revision: z.number().int(),
  basedOn: Id.nullable(),
  createdAt: Timestamp,
  createdBy: Id.nullable(),
  publishedAt: Timestamp.nullable(),
  publishedBy: Id.nullable(),
});
export type Version = z.infer<typeof Version>;
export const VersionList = z.object({ versions: z.array(Version) });
export const CreateVersion = z.object({
  label: MemberName,
  /** A version of the same model whose members, scenarios, facts and rules the new draft starts with. */
  copyFrom: Id.optional(),
});

/** The answer to a change of a draft: its new revision (also sent as the ETag header). */
export const WriteResult = z.object({ revision: z.number().int(), count: z.number().int() });
export type WriteResult = z.infer<typeof WriteResult>;

// Version content.
export const MemberQuery = z.object({ dimension: Dimension.optional() });
export const MemberList = z.object({ members: z.array(Member) });
export const UpsertMembers = z.object({ members: z.array(Member).min(1).max(10_000) });
export const UpsertMember = Member.pick({ parent: true, attributes: true });

export const ScenarioList = z.object({ scenarios: z.array(Scenario) });
export const AddScenarios = z.object({ scenarios: z.array(Scenario).min(1).max(1000) });

export const MAX_PAGE = 10_000;
const RowId = z.string().regex(/^\d{1,18}$/, "must be the id of a row, from the previous page's next");
const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(MAX_PAGE).default(1000),
  /** The `next` of the previous page. */
  after: RowId.optional(),
  scenario: MemberName.optional(),
  period: MonthPeriod.optional(),
});
export const CostLineQuery = PageQuery;
export const DriverQuantityQuery = PageQuery;

export const MAX_BULK_ROWS = 200_000;
export const StoredCostLine = CostLine.extend({ id: z.string() });
export const CostLinePage = z.object({ costLines: z.array(StoredCostLine), next: z.string().nullable() });
export const AddCostLines = z.object({ costLines: z.array(CostLine).min(1).max(MAX_BULK_ROWS) });
export const StoredDriverQuantity = DriverQuantity.extend({ id: z.string() });
export const DriverQuantityPage = z.object({
  driverQuantities: z.array(StoredDriverQuantity),
  next: z.string().nullable(),
});
export const AddDriverQuantities = z.object({
  driverQuantities: z.array(DriverQuantity).min(1).max(MAX_BULK_ROWS),
});

export const RuleList = z.object({ rules: z.array(AllocationRule) });
export const ReplaceRules = z.object({ rules: z.array(AllocationRule).max(10_000) });

// Audit log.
export const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** The `next` of the previous page: entries older than this one. */
  before: RowId.optional(),
});
export const AuditEntry = z.object({
  id: z.string(),
  at: Timestamp,
  userId: Id.nullable(),
  userEmail: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export const AuditPage = z.object({ entries: z.array(AuditEntry), next: z.string().nullable() });

// Users and tokens.
export const Email = z
  .email({ error: "must be an e-mail address" })
  .max(254)
  .transform((email) => email.toLowerCase());
export const User = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: Role,
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;
export const UserList = z.object({ users: z.array(User) });
export const CreateUser = z.object({ email: Email, name: MemberName, role: Role });
export type CreateUser = z.infer<typeof CreateUser>;

/** Every field has a default, so the body may be left out: a token without a label that never expires. */
export const IssueToken = z
  .object({
    label: LineText.max(200).default(""),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .nullish()
  .describe("Optional: without a body the token has no label and never expires");
export const TokenInfo = z.object({
  id: Id,
  userId: Id,
  userEmail: z.string(),
  label: z.string(),
  createdAt: Timestamp,
  expiresAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type TokenInfo = z.infer<typeof TokenInfo>;
/** The token itself is in this answer only: it is stored as a hash and cannot be shown again. */
export const IssuedToken = TokenInfo.extend({ token: z.string() });
export const TokenList = z.object({ tokens: z.array(TokenInfo) });

// Backup.
export const RestoreResult = z.object({ model: Model, version: Version });
