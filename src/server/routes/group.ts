import { Readable } from "node:stream";
import type {
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  preParsingAsyncHookHandler,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
} from "fastify";
import type { z } from "zod";
import { type Role, VersionParams, WriteResult } from "../../contract/api";
import { requireRole } from "../auth";
import type { VersionRow } from "../store/versions";
import { NotModified } from "./etag";
import type { RouteSchema, ZodTypeProvider } from "./schema";
import { type DraftWrite, answerAboutVersion, writeDraft } from "./version-access";

/** A request as a route with this schema sees it: params, query and body as its zod schemas parse them. */
export type RequestOf<S extends RouteSchema> = FastifyRequest<
  RouteGenericInterface,
  RawServerDefault,
  RawRequestDefaultExpression,
  S,
  ZodTypeProvider
>;

/** What a route declares beside its handler; the group adds its tags. */
export type RouteSpec = Omit<RouteSchema, "tags"> & { summary: string };

/** The answer of a read about a version: the value, or a stream that writes it as JSON. */
type AboutVersionAnswer<S extends AboutVersionSpec> = z.input<S["response"]> | Readable;

/** A read about one version: always by its id in the path, for viewers, with one answer schema. */
export type AboutVersionSpec = Omit<RouteSpec, "params" | "response" | "body"> & { response: z.ZodType };

/**
 * A change of a draft: its id in the path (with more parameters, maybe), for editors, answered with a
 * WriteResult; bulk changes take a larger body limit.
 */
export type DraftChangeSpec = Omit<RouteSpec, "response" | "querystring"> & {
  params?: z.ZodType<{ versionId: string }>;
  bodyLimit?: number;
};

type WithVersionParams<S extends DraftChangeSpec> = S extends { params: z.ZodType }
  ? S
  : S & { params: typeof VersionParams };

/**
 * The request a route's handler gets, as its schemas parsed it: fastify validated it with exactly these
 * schemas before the handler runs, so this only names the types it already has.
 */
function parsed<S extends RouteSchema>(request: FastifyRequest): RequestOf<S> {
  return request as RequestOf<S>;
}

/**
 * The routes of one group (one tag in the API document), declared as fastify routes with their schemas
 * beside their handlers. Routes about a version and changes of a draft each follow one rule, declared once here.
 */
export function routeGroup(app: FastifyInstance, tags: string[]) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** The options of a route of the group: its schema, tagged, and the least role it lets through. */
  function options<const S extends RouteSpec>(
    role: Role,
    schema: S,
    more: { bodyLimit?: number; preParsing?: preParsingAsyncHookHandler } = {},
  ) {
    return { ...more, schema: { ...schema, tags }, onRequest: requireRole(role) };
  }

  /**
   * GET an answer about a version of the caller's tenant (viewer; 404 for another tenant's): the version's
   * revision is the ETag, and If-None-Match naming it gets 304.
   */
  function aboutVersion<const S extends AboutVersionSpec>(
    path: string,
    spec: S,
    answer: (
      version: VersionRow,
      request: RequestOf<S & { params: typeof VersionParams }>,
    ) => AboutVersionAnswer<S> | Promise<AboutVersionAnswer<S>>,
  ): void {
    const schema: RouteSpec = {
      ...spec,
      params: VersionParams,
      response: { 200: spec.response, 304: NotModified },
    };
    app.get(path, options("viewer", schema), async (request: FastifyRequest, reply: FastifyReply) => {
      const { versionId } = parsed<{ params: typeof VersionParams }>(request).params;
      const typed = parsed<S & { params: typeof VersionParams }>(request);
      const body = await answerAboutVersion(app.db, request, reply, versionId, (v) => answer(v, typed));
      // A document written as it is read goes out as it comes, as the JSON the schema describes.
      return body instanceof Readable ? reply.type("application/json; charset=utf-8").send(body) : body;
    });
  }

  /**
   * A change of a draft (editor). `change` reads the request (refusing what is wrong with it alone) and
   * returns the write, which runs in the draft's transaction (404, 409, 412) and is answered with the new
   * revision and how many things it wrote.
   */
  function draftChange<const S extends DraftChangeSpec>(
    method: "post" | "put" | "delete",
    path: string,
    spec: S,
    change: (request: RequestOf<WithVersionParams<S>>) => DraftWrite,
  ): void {
    const { bodyLimit, ...declared } = spec;
    const schema: RouteSpec = { params: VersionParams, ...declared, response: { 200: WriteResult } };
    app[method](
      path,
      options("editor", schema, bodyLimit === undefined ? {} : { bodyLimit }),
      async (request: FastifyRequest, reply: FastifyReply) => {
        const { versionId } = parsed<{ params: typeof VersionParams }>(request).params;
        return writeDraft(app.db, request, reply, versionId, change(parsed<WithVersionParams<S>>(request)));
      },
    );
  }

  return { api, options, aboutVersion, draftChange };
}
