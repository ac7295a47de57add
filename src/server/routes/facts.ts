import type { FastifyInstance } from "fastify";
import type { z } from "zod";
import {
  AddCostLines,
  AddDriverQuantities,
  CostLinePage,
  CostLineQuery,
  DriverQuantityPage,
  DriverQuantityQuery,
} from "../../contract/api";
import type { CostLine, DriverQuantity } from "../../contract/model";
import {
  KnownNames,
  type Problem,
  costLineProblems,
  driverQuantityProblems,
  rejectProblems,
} from "../references";
import { COST_LINES, DRIVER_QUANTITIES, type FactTable, insertFacts, readFactPage } from "../store/facts";
import { routeGroup } from "./group";

/** The two routes of one kind of fact: read a page of them, add some to a draft. */
interface FactRoutes<Fact, Key extends string> {
  facts: FactTable<Fact>;
  /** The path segment under a version, e.g. "cost-lines". */
  path: string;
  /** The key of the list in bodies and answers, e.g. "costLines". */
  key: Key;
  /** The facts in words, e.g. "cost lines". */
  noun: string;
  query: typeof CostLineQuery;
  page: z.ZodType;
  add: z.ZodType<Record<Key, Fact[]>>;
  problems: (facts: readonly Fact[], known: KnownNames) => Problem[];
}

const COST_LINE_ROUTES: FactRoutes<CostLine, "costLines"> = {
  facts: COST_LINES,
  path: "cost-lines",
  key: "costLines",
  noun: "cost lines",
  query: CostLineQuery,
  page: CostLinePage,
  add: AddCostLines,
  problems: costLineProblems,
};

const DRIVER_QUANTITY_ROUTES: FactRoutes<DriverQuantity, "driverQuantities"> = {
  facts: DRIVER_QUANTITIES,
  path: "driver-quantities",
  key: "driverQuantities",
  noun: "driver quantities",
  query: DriverQuantityQuery,
  page: DriverQuantityPage,
  add: AddDriverQuantities,
  problems: driverQuantityProblems,
};

function registerFactRoutes<Fact, Key extends string>(
  app: FastifyInstance,
  spec: FactRoutes<Fact, Key>,
): void {
  const { aboutVersion, draftChange } = routeGroup(app, ["facts"]);
  const path = `/versions/:versionId/${spec.path}`;
  const noun = spec.noun[0].toUpperCase() + spec.noun.slice(1);

  aboutVersion(
    path,
    {
      summary: `${noun} of a version, a page at a time (filter by scenario and period)`,
      querystring: spec.query,
      response: spec.page,
    },
    async (version, request) => {
      const page = await readFactPage(app.db, spec.facts, version.id, request.query);
      return { [spec.key]: page.rows, next: page.next };
    },
  );

  draftChange(
    "post",
    path,
    {
      summary: `Add ${spec.noun} to a draft; all or nothing (editor)`,
      body: spec.add,
      // Bulk additions may be as large as an import.
      bodyLimit: app.config.bodyLimit,
    },
    (request) => {
      // The body schema is spec.add, so the body holds the list under spec.key.
      const added = (request.body as Record<Key, Fact[]>)[spec.key];
      return async (tx, v) => {
        rejectProblems(spec.problems(added, await KnownNames.ofVersion(tx, v.id)));
        await insertFacts(app.db, tx, spec.facts, v.id, added);
        return { action: `${spec.facts.table}.add`, details: { count: added.length }, count: added.length };
      };
    },
  );
}

export default async function factRoutes(app: FastifyInstance): Promise<void> {
  registerFactRoutes(app, COST_LINE_ROUTES);
  registerFactRoutes(app, DRIVER_QUANTITY_ROUTES);
}
