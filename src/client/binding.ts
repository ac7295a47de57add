import { z } from "zod";
import { MemberName } from "../contract/model";
import { LATEST, VersionRef } from "../contract/query";
import { NO_SERVICE } from "./messages";
import { serviceBase } from "./sign-in";

/**
 * What a workbook is bound to, as the task pane saves it in the workbook: the service, the model,
 * and the default version and scenario of formulas that name none.
 */
export const WorkbookBinding = z.object({
  /** Base URL of the cost-model service; blank = the origin that serves the add-in. */
  serviceUrl: z.string().trim().url().optional(),
  /** Model name or id. */
  model: z.string().trim().min(1).max(200),
  /** Version label or id; blank = "latest" (the newest published version). */
  version: VersionRef.optional(),
  /** Blank = "Actual". */
  scenario: MemberName.optional(),
});
export type WorkbookBinding = z.infer<typeof WorkbookBinding>;

/** A binding with every default filled in: what one request is sent for. */
export interface ResolvedBinding {
  serviceUrl: string;
  model: string;
  version: string;
  scenario: string;
}

export const DEFAULT_SCENARIO = "Actual";

export function resolveBinding(
  binding: WorkbookBinding,
  defaultServiceUrl: string | undefined,
): ResolvedBinding | string {
  const serviceUrl = binding.serviceUrl ?? defaultServiceUrl;
  if (serviceUrl === undefined) return NO_SERVICE;
  return {
    serviceUrl: serviceBase(serviceUrl),
    model: binding.model,
    version: binding.version ?? LATEST,
    scenario: binding.scenario ?? DEFAULT_SCENARIO,
  };
}
