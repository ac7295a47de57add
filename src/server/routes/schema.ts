import type { FastifyInstance, FastifySchema, FastifyTypeProvider } from "fastify";
import { z } from "zod";

/** Lets route handlers see the zod-parsed types of their params, query and body. */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this["schema"] extends z.ZodType ? z.output<this["schema"]> : unknown;
  serializer: this["schema"] extends z.ZodType ? z.input<this["schema"]> : unknown;
}

/** The documented parts of a route: fastify validates with them, the API document is built from them. */
export interface RouteSchema extends FastifySchema {
  summary?: string;
  description?: string;
  tags?: string[];
}

/**
 * Route schemas are zod schemas from src/contract: requests are parsed with them (a failure is a
 * ZodError, answered 400 with the details), answers are written as plain JSON.
 */
export function useZodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(({ schema }) => {
    const zod = schema as z.ZodType;
    return (data: unknown) => {
      const result = zod.safeParse(data);
      return result.success ? { value: result.data } : { error: result.error };
    };
  });
  app.setSerializerCompiler(() => (data: unknown) => JSON.stringify(data));
}
