import { AllocationStage, type Dimension, type Member } from "../contract/model";
import type { Sql } from "./db";
import { HttpError } from "./errors";
import { STAGE_DIMENSIONS } from "./publish/rules";
import { duplicateProblems, hierarchyProblems, rejectProblems } from "./references";
import { countFactsInScenario, countFactsNaming } from "./store/facts";
import { countChildren, deleteMember, membersOf, upsertMembers } from "./store/members";
import { countRulesNaming } from "./store/rules";
import { deleteScenario } from "./store/scenarios";

/**
 * Changes of a draft's members and scenarios, with the checks a schema cannot make (hierarchies, and
 * what still refers to what is deleted). Each runs inside the caller's transaction on an opened draft.
 */

/** Adds new members (after the existing ones) and updates the parent and attributes of existing ones. */
export async function putMembers(tx: Sql, versionId: string, members: readonly Member[]): Promise<void> {
  const dimensions = [...new Set(members.map((m) => m.dimension))];
  const existing = await membersOf(tx, versionId, dimensions);
  const key = (m: { dimension: string; name: string }) => `${m.dimension}\u0000${m.name}`;
  const written = new Set(members.map(key));
  const merged = [...members, ...existing.filter((m) => !written.has(key(m)))];
  rejectProblems([
    ...duplicateProblems(members, key, (m) => `the ${m.dimension} "${m.name}"`, "members"),
    ...hierarchyProblems(merged, "members", members.length),
  ]);
  await upsertMembers(tx, versionId, members);
}

/** What still refers to a member, in words; empty when it can be deleted. */
async function memberUses(tx: Sql, versionId: string, dimension: Dimension, name: string): Promise<string[]> {
  const uses: string[] = [];
  const children = await countChildren(tx, versionId, dimension, name);
  if (children > 0) uses.push(`${children} child members`);
  const facts = await countFactsNaming(tx, versionId, dimension, name);
  if (facts.costLines > 0) uses.push(`${facts.costLines} cost lines`);
  if (facts.driverQuantities > 0) uses.push(`${facts.driverQuantities} driver quantities`);
  const rules = await countRulesNaming(tx, versionId, name, {
    sourceOf: AllocationStage.options.filter((s) => STAGE_DIMENSIONS[s].source === dimension),
    targetOf: AllocationStage.options.filter((s) => STAGE_DIMENSIONS[s].target === dimension),
    driver: dimension === "driver",
  });
  if (rules > 0) uses.push(`${rules} allocation rules`);
  return uses;
}

/** Deletes a member nothing refers to: 409 naming what still does, 404 when the draft has no such member. */
export async function deleteUnusedMember(
  tx: Sql,
  versionId: string,
  dimension: Dimension,
  name: string,
): Promise<void> {
  const uses = await memberUses(tx, versionId, dimension, name);
  if (uses.length > 0) {
    throw new HttpError(
      409,
      "member_in_use",
      `The ${dimension} "${name}" is still used by ${uses.join(", ")}`,
    );
  }
  if (!(await deleteMember(tx, versionId, dimension, name))) {
    throw new HttpError(404, "not_found", `The ${dimension} "${name}" is not in this version`);
  }
}

/** Deletes a scenario without facts: 409 when it has some, 404 when the draft has no such scenario. */
export async function deleteUnusedScenario(tx: Sql, versionId: string, name: string): Promise<void> {
  const facts = await countFactsInScenario(tx, versionId, name);
  if (facts > 0) {
    throw new HttpError(
      409,
      "scenario_in_use",
      `The scenario "${name}" still has ${facts} cost lines and driver quantities`,
    );
  }
  if (!(await deleteScenario(tx, versionId, name))) {
    throw new HttpError(404, "not_found", `The scenario "${name}" is not in this version`);
  }
}
