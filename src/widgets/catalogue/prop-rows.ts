// A widget's props as the catalogue's table shows them, read from the schema the build checks
// (its props.ts) by way of JSON Schema, so the documentation cannot drift from what is enforced.
import { z } from 'astro/zod';

export interface PropRow {
  name: string;
  /** As a chapter writer would write it in TypeScript: 'string' or 'number'. */
  type: string;
  required: boolean;
  /** The value used when an optional prop is left out, as source text. */
  default?: string;
  description: string;
  /** The only values it may take (a step's or check's id, say). */
  values?: string[];
}

interface PropSchema {
  type: string;
  description?: string;
  default?: unknown;
  enum?: string[];
}

export function propRows(schema: z.ZodObject): PropRow[] {
  const json = z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, PropSchema>; required?: string[] };
  return Object.entries(json.properties).map(([name, prop]) => ({
    name,
    // JSON Schema's integer is a number to the chapter writer.
    type: prop.type === 'integer' ? 'number' : prop.type,
    required: json.required?.includes(name) ?? false,
    ...(prop.default === undefined ? {} : { default: JSON.stringify(prop.default) }),
    description: prop.description ?? '',
    ...(prop.enum ? { values: prop.enum } : {}),
  }));
}
